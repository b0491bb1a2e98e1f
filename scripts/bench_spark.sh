#!/usr/bin/env bash
# Throughput of `concord batch` alone and under Spark (scripts/spark_batch.py) in local[1] and
# local[2], on a corpus of ../shared/corpus (default: the BBC corpus, 2,225 articles). Each run
# starts from an empty output directory; prints wall seconds and articles per second, and the
# per-claim cost of plain batch with one thread (for sizing a cluster, docs/spark.md).
#
#   scripts/bench_spark.sh [CORPUS.jsonl] [CONCORD-BINARY]   (default binary: release build)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(realpath "${1:-../shared/corpus/bbc_news.jsonl}")
bin=${2:-}
if [ -z "$bin" ]; then
  cargo build -q --release --bin concord
  target=$(cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
  bin=$target/release/concord
fi
bin=$(realpath "$bin")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
articles=$(grep -c . "$corpus")
name=$(basename "$corpus")
cp "$corpus" "$work/$name"

secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$@"; }
row() { python3 -c "import sys; s=float(sys.argv[2]); print(f'| {sys.argv[1]} | {s:.1f} | {int(sys.argv[3])/s:.0f} |')" "$@"; }

echo "corpus: $name, $articles articles; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| run | wall s | articles/s |"
echo "|---|---|---|"
for jobs in 1 2; do
  t0=$(date +%s.%N)
  (cd "$work" && "$bin" batch "$name" --out "plain$jobs" -q -j "$jobs") || [ $? = 1 ]
  t1=$(date +%s.%N)
  row "plain \`concord batch -j $jobs\`" "$(secs "$t0" "$t1")" "$articles"
  if [ "$jobs" = 1 ]; then
    claims=$(python3 -c "import csv,sys; print(sum(int(r['claims']) for r in csv.DictReader(open(sys.argv[1]))))" "$work/plain1/index.csv")
    plain1=$(secs "$t0" "$t1")
  fi
done
for master in 'local[1]' 'local[2]'; do
  out="$work/spark-${master//[^0-9]/}"
  t0=$(date +%s.%N)
  python3 scripts/spark_batch.py "$work/$name" --out "$out" --master "$master" --concord "$bin" \
    2>"$work/spark.log" || [ $? = 1 ]
  t1=$(date +%s.%N)
  row "spark_batch.py \`$master\`" "$(secs "$t0" "$t1")" "$articles"
done
python3 -c "import sys; s,c,a=float(sys.argv[1]),int(sys.argv[2]),int(sys.argv[3]); print(f'plain -j 1: {c} claims, {s/c*1000:.3f} ms per claim, {c/a:.1f} claims per article, {s/a*1000:.2f} ms per article')" "$plain1" "$claims" "$articles"
