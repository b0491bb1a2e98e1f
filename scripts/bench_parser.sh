#!/usr/bin/env bash
# Parser speed on real news: MB/s of article text and claims/s, one core (wall clock and CPU
# time, which stays per core on a busy machine), and analyze_sentence on benchmark sentences.
# Reads ../shared (override with SHARED=...). Usage: scripts/bench_parser.sh [FILE.jsonl...]
# Best of BENCH_ROUNDS (default 3) rounds of about BENCH_MB (default 20) MB of text each: the
# CPU clock advances in scheduler ticks, so short rounds would read 10% apart.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SHARED:-../shared}"
if [ $# -eq 0 ]; then
  set -- "$SHARED/datasets/ecbplus/articles.jsonl" "$SHARED/corpus/bbc_news.jsonl" \
    "$SHARED/datasets/mrpc/train.tsv"
fi
cargo run --quiet --release -p concord-parser --example bench -- "$@"
