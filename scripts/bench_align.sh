#!/usr/bin/env bash
# Speed of Aligner::align on large sets: the first N articles of the Reuters-21578 corpus in
# ../shared/corpus taken as ONE set (far larger than any story), with 1 and 2 threads. Shows
# that candidate generation through the inverted index grows about linearly with the set, not
# with its square. SHARED defaults to ../shared beside the repo.
#
#   scripts/bench_align.sh [N ...]      default sizes: 1000 5000 10000 21578
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
CORPUS=$SHARED/corpus/reuters21578.jsonl
if [[ ! -f $CORPUS ]]; then
  echo "bench_align.sh: no corpus at $CORPUS (set SHARED=...)" >&2
  exit 2
fi
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
(cd "$ROOT" && cargo build --release -q -p concord-similarity --example align_large)
BIN=$CARGO_TARGET_DIR/release/examples/align_large
sizes=("$@")
[[ ${#sizes[@]} -eq 0 ]] && sizes=(1000 5000 10000 21578)
for n in "${sizes[@]}"; do
  for threads in 1 2; do
    "$BIN" "$CORPUS" "$n" "$threads"
  done
done
