#!/usr/bin/env bash
# Quality figures of concord on the public dev data in ../shared (override with SHARED=...).
#
#   scripts/eval.sh          all figures: MRPC (held-out fold of train), STS-B dev, SNLI dev,
#                            ECB+ dev (sets by topic), seed-gold
#   scripts/eval.sh --fast   the pair benchmarks only (a few seconds once built); exits non-zero
#                            when a figure falls below its floor (CI regression check)
#
# Needs: cargo, python3 (standard library only).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
DATA=$SHARED/datasets
FAST=0
[[ ${1:-} == --fast ]] && FAST=1
# Extra options for `concord pairs` and `compare`: CONCORD_ARGS=--fast gives the figures of the
# static-vector path.
read -r -a EXTRA <<< "${CONCORD_ARGS:-}"
# Floors a little under the figures reached (see README); only checked in --fast mode.
FLOORS=${FLOORS:-mrpc_acc=70.5,mrpc_f1=78.0,stsb=0.85,snli_p=0.90,snli_r=0.15}

if [[ ! -d $DATA ]]; then
  echo "eval.sh: no datasets at $DATA (set SHARED=...)" >&2
  exit 2
fi
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
(cd "$ROOT" && cargo build --release -q --bin concord && cargo build --release -q -p concord-similarity --example align_sets)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Private copies: the target dir may be shared, and another build must not swap the binaries.
cp "$CARGO_TARGET_DIR/release/concord" "$WORK/concord"
cp "$CARGO_TARGET_DIR/release/examples/align_sets" "$WORK/align_sets"
BIN=$WORK/concord
STANDIN=$WORK/align_sets
THRESHOLD=$(sed -n 's/.*AGREE_THRESHOLD: f32 = \([0-9.]*\);/\1/p' "$ROOT/crates/similarity/src/score/model.rs")

# MRPC: only the held-out fold of train (rows 0, 5, 10, ...), which the score model never saw.
awk -F'\t' 'NR == 1 || (NR - 2) % 5 == 0' "$DATA/mrpc/train.tsv" > "$WORK/mrpc_heldout.tsv"
"$BIN" pairs "${EXTRA[@]}" "$WORK/mrpc_heldout.tsv" > "$WORK/mrpc.out"
"$BIN" pairs "${EXTRA[@]}" "$DATA/stsb/dev.tsv" > "$WORK/stsb.out"
"$BIN" pairs "${EXTRA[@]}" "$DATA/nli/snli_dev.tsv" --cols premise,hypothesis > "$WORK/snli.out"
floors=()
[[ $FAST == 1 ]] && floors=(--floors "$FLOORS")
python3 "$ROOT/scripts/eval_pairs.py" --mrpc "$WORK/mrpc.out" --mrpc-all-rows-held-out \
  --mrpc-peers "$DATA/mrpc/train.tsv" \
  --agree-threshold "$THRESHOLD" --stsb "$WORK/stsb.out" --snli "$WORK/snli.out" "${floors[@]}"
[[ $FAST == 1 ]] && exit 0

# Align the sets of a JSONL file into one matches CSV: `concord compare` per set when the binary
# has it, else the stand-in example (same library, same output columns).
align_jsonl() { # IN.jsonl OUT.csv
  local in=$1 out=$2
  if "$BIN" compare --help > /dev/null 2>&1; then
    rm -rf "$WORK/sets" "$WORK/runs" && mkdir -p "$WORK/sets" "$WORK/runs"
    python3 - "$in" "$WORK/sets" <<'PY'
import json, sys
sets = {}
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        sets.setdefault(json.loads(line).get("set", "all"), []).append(line)
for name, lines in sets.items():
    with open(f"{sys.argv[2]}/{name}.jsonl", "w", encoding="utf-8") as f:
        f.writelines(lines)
PY
    # --all-pairs: the evaluation scores every kept pair, weak related ones included.
    for f in "$WORK"/sets/*.jsonl; do
      "$BIN" compare "$f" "${EXTRA[@]}" --all-pairs --out "$WORK/runs/$(basename "$f" .jsonl)" > /dev/null
    done
    python3 - "$out" "$WORK"/runs/*/matches.csv <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8", newline="") as out:
    for i, path in enumerate(sys.argv[2:]):
        with open(path, encoding="utf-8", newline="") as f:
            header = f.readline()
            if i == 0:
                out.write(header)
            out.write(f.read())
PY
    echo "(aligned with concord compare, one run per set)"
  else
    "$STANDIN" "$in" > "$out"
    echo "(concord compare not in this build: aligned with the align_sets stand-in)"
  fi
}

# ECB+ dev, sets by topic: each set mixes two similar but different events.
python3 "$SHARED/eval/ecb_eval.py" --selftest
python3 "$SHARED/eval/ecb_to_jsonl.py" "$DATA/ecbplus" "$WORK/ecb.jsonl" --set-by topic > /dev/null
start=$(date +%s.%N)
align_jsonl "$WORK/ecb.jsonl" "$WORK/ecb_matches.csv"
end=$(date +%s.%N)
echo "ECB+ dev alignment: $(python3 -c "print(f'{$end - $start:.2f}')") s"
python3 "$SHARED/eval/ecb_eval.py" --gold "$DATA/ecbplus" --pred "$WORK/ecb_matches.csv" > "$WORK/ecb.txt"
grep -iE "cross|F1" "$WORK/ecb.txt"

# Seed articles: agreements, the contradiction and the false contradictions of seed-gold.
python3 - "$ROOT/data/seeds" "$WORK/seeds.jsonl" <<'PY'
import json, os, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for name in sorted(os.listdir(sys.argv[1])):
        text = open(os.path.join(sys.argv[1], name), encoding="utf-8").read()
        out.write(json.dumps({"id": os.path.splitext(name)[0], "set": "seed", "source": name[:3], "text": text}) + "\n")
PY
align_jsonl "$WORK/seeds.jsonl" "$WORK/seed_matches.csv" > /dev/null
python3 "$ROOT/scripts/eval_seed.py" "$SHARED/eval/seed-gold.tsv" "$WORK/seed_matches.csv"

# GVC val: one mixed set of 37 similar shootings; agree / contradict rows across incidents are
# false corroborations / false alarms.
python3 - "$DATA/gvc/articles.jsonl" "$WORK/gvc.jsonl" <<'PY'
import json, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        r = json.loads(line)
        r["source"] = r.get("source") or r["id"]
        out.write(json.dumps(r) + "\n")
PY
align_jsonl "$WORK/gvc.jsonl" "$WORK/gvc_matches.csv" > /dev/null
python3 "$ROOT/scripts/eval_gvc.py" "$DATA/gvc/articles.jsonl" "$WORK/gvc_matches.csv"
