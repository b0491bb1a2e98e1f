#!/usr/bin/env bash
# matches.csv before (--all-pairs) and after (the default, lean) on three sets: the seed set,
# ECB+ topic 1 (39 articles, 22 sources) and the first 25 BBC business articles.
# Prints rows by relation and bytes. Usage: scripts/matches_size.sh   (SHARED=/path/to/shared)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cargo build -q --release
BIN=${CARGO_TARGET_DIR:-target}/release/concord

python3 "$SHARED/eval/ecb_to_jsonl.py" "$SHARED/datasets/ecbplus" "$WORK/ecb.jsonl" --set-by topic > /dev/null
grep '"set": "t1"' "$WORK/ecb.jsonl" > "$WORK/ecb_t1.jsonl"
python3 - "$SHARED/corpus/bbc_news.jsonl" "$WORK/bbc25.jsonl" <<'PY'
import json, sys
with open(sys.argv[1]) as src, open(sys.argv[2], "w") as out:
    n = 0
    for line in src:
        if n < 25 and json.loads(line)["set"] == "business":
            out.write(line)
            n += 1
PY

printf '%-14s %-6s %9s %9s %11s %8s %12s\n' set rows agree contradict related all bytes
for spec in seeds:data/seeds ecb_t1:"$WORK/ecb_t1.jsonl" bbc25:"$WORK/bbc25.jsonl"; do
  name=${spec%%:*}
  input=${spec#*:}
  for mode in all-pairs lean; do
    flag=()
    [ "$mode" = all-pairs ] && flag=(--all-pairs)
    out="$WORK/$name-$mode"
    "$BIN" compare "$input" --out "$out" -q "${flag[@]}"
    m="$out/matches.csv"
    printf '%-14s %-9s %9s %9s %11s %8s %12s\n' "$name" "$mode" \
      "$(grep -c '^agree,' "$m" || true)" "$(grep -c '^contradict,' "$m" || true)" \
      "$(grep -c '^related,' "$m" || true)" "$(($(wc -l < "$m") - 1))" "$(stat -c %s "$m")"
  done
done
