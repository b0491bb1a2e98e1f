#!/usr/bin/env bash
# Speed of concord's similarity, side by side with the TF-IDF peer, in one run.
#   1. pair scoring on one core (bench target crates/similarity/benches/score.rs);
#   2. aligning the ECB+ dev sets (by topic): concord (`batch`, one process like the peer, or the
#      align_sets stand-in) vs ../shared/peers/align_jsonl.py (TF-IDF); wall and CPU seconds.
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

# Wall and CPU (user + sys) seconds of a command: CPU time is what to compare on a loaded machine.
timed() { # OUT_VAR command...
  local var=$1
  shift
  local t
  t=$(python3 - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.monotonic()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.monotonic() - start
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.2f} s wall, {r.ru_utime + r.ru_stime:.2f} s CPU" + ("" if rc == 0 else f" (exit {rc})"))
PY
)
  printf -v "$var" '%s' "$t"
}

# A private copy: the target dir may be shared, and another build must not swap the binary.
cp "$BIN" "$WORK/concord"
if "$WORK/concord" batch --help > /dev/null 2>&1; then
  how="concord batch, one process for all sets"
  timed concord_t "$WORK/concord" batch "$WORK/ecb.jsonl" --out "$WORK/batch"
else
  how="align_sets stand-in (concord batch not in this build)"
  timed concord_t "$CARGO_TARGET_DIR/release/examples/align_sets" "$WORK/ecb.jsonl"
fi

peer_t=skipped
if python3 -c "import sklearn, pysbd" 2> /dev/null; then
  timed peer_t python3 "$SHARED/peers/align_jsonl.py" "$WORK/ecb.jsonl" --out "$WORK/peer.csv"
else
  echo "(TF-IDF peer skipped: pip install scikit-learn pysbd)"
fi
echo "concord:      $concord_t  ($how)"
echo "TF-IDF peer:  $peer_t  (../shared/peers/align_jsonl.py, whole process)"
python3 - "$concord_t" "$peer_t" <<'PY'
import sys
c, p = sys.argv[1].split(), sys.argv[2].split()
if len(p) > 3:
    print(f"speed-up: {float(p[0]) / float(c[0]):.1f}x wall, {float(p[3]) / float(c[3]):.1f}x CPU")
PY
