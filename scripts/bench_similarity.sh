#!/usr/bin/env bash
# Speed of concord's similarity, side by side with the TF-IDF peer, in one run.
#   1. pair scoring on one core (bench target crates/similarity/benches/score.rs);
#   2. aligning the ECB+ dev sets (by topic): concord (`compare` per set, or the align_sets
#      stand-in while the binary has no `compare`) vs ../shared/peers/align_jsonl.py (TF-IDF).
# SHARED defaults to ../shared beside the repo. The peer needs `pip install scikit-learn pysbd`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
export SHARED
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
ONE_CORE=()
command -v taskset > /dev/null && ONE_CORE=(taskset -c 0)

echo "== pair scoring, one core"
(cd "$ROOT" && "${ONE_CORE[@]}" cargo bench -q -p concord-similarity --bench score)

echo "== ECB+ dev (772 articles, sets by topic)"
(cd "$ROOT" && cargo build --release -q --bin concord && cargo build --release -q -p concord-similarity --example align_sets)
BIN=$CARGO_TARGET_DIR/release/concord
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 "$SHARED/eval/ecb_to_jsonl.py" "$SHARED/datasets/ecbplus" "$WORK/ecb.jsonl" --set-by topic > /dev/null

now() { date +%s.%N; }
start=$(now)
if "$BIN" compare --help > /dev/null 2>&1; then
  how="concord compare, one process per set"
  python3 - "$WORK/ecb.jsonl" "$WORK/sets" <<'PY'
import json, os, sys
os.makedirs(sys.argv[2], exist_ok=True)
sets = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        sets.setdefault(json.loads(line).get("set", "all"), []).append(line)
for name, lines in sets.items():
    open(f"{sys.argv[2]}/{name}.jsonl", "w", encoding="utf-8").writelines(lines)
PY
  start=$(now)
  for f in "$WORK"/sets/*.jsonl; do
    "$BIN" compare "$f" --out "$WORK/runs/$(basename "$f" .jsonl)" > /dev/null
  done
else
  how="align_sets stand-in (concord compare not in this build)"
  "$CARGO_TARGET_DIR/release/examples/align_sets" "$WORK/ecb.jsonl" > "$WORK/concord.csv"
fi
concord_secs=$(python3 -c "print(f'{$(now) - $start:.2f}')")

peer_secs=skipped
if python3 -c "import sklearn, pysbd" 2> /dev/null; then
  start=$(now)
  python3 "$SHARED/peers/align_jsonl.py" "$WORK/ecb.jsonl" --out "$WORK/peer.csv" > /dev/null
  peer_secs=$(python3 -c "print(f'{$(now) - $start:.2f}')")
else
  echo "(TF-IDF peer skipped: pip install scikit-learn pysbd)"
fi
echo "concord:      $concord_secs s  ($how)"
echo "TF-IDF peer:  $peer_secs s  (../shared/peers/align_jsonl.py, whole process)"
if [[ $peer_secs != skipped ]]; then
  python3 -c "print(f'speed-up: {$peer_secs / $concord_secs:.1f}x')"
fi
