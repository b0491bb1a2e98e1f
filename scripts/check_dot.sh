#!/usr/bin/env bash
# Renders every graph view (claims, clusters, sources; claims also with --min-sources 2) of the
# seed set and of several ECB+ sets with Graphviz `dot -Tsvg`, and fails on any error or warning
# from `dot`, or when two runs of the same set give different DOT bytes.
#
# Usage: scripts/check_dot.sh            (reads ../shared relative to the repo root)
#        SHARED=/path/to/shared ECB_SETS="1_ecb 13_ecb" scripts/check_dot.sh
#        ECB_SETS=all scripts/check_dot.sh      (every ECB+ set: a longer stress run)
#
# Uses `concord compare --graph VIEW` when the CLI has it, else the graph crate's
# `graph_views` example (same library calls).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SHARED=${SHARED:-$ROOT/../shared}
ECB_SETS=${ECB_SETS:-"1_ecb 1_ecbplus 13_ecb 16_ecb 24_ecb 35_ecbplus"}

command -v dot >/dev/null || { echo "check_dot: Graphviz \`dot\` is not installed (apt-get install graphviz)" >&2; exit 1; }
[ -d "$SHARED/datasets/ecbplus" ] || { echo "check_dot: $SHARED/datasets/ecbplus not found (set SHARED)" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

cargo build -q --bin concord
cargo build -q -p concord-graph --example graph_views
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
# Private copies: a target directory shared with other checkouts may be rebuilt mid-run.
cp "$TARGET/debug/concord" "$TMP/concord"
cp "$TARGET/debug/examples/graph_views" "$TMP/graph_views"
CONCORD=$TMP/concord
VIEWS_BIN=$TMP/graph_views
if "$CONCORD" compare --help 2>/dev/null | grep -q -- '--graph'; then
  USE_CLI=1
  echo "check_dot: rendering with concord compare"
else
  USE_CLI=0
  echo "check_dot: concord has no compare --graph yet; rendering with the graph_views example"
fi

# One JSONL file per chosen ECB+ set, in the engine's input schema.
python3 "$SHARED/eval/ecb_to_jsonl.py" "$SHARED/datasets/ecbplus" "$TMP/ecb.jsonl" >/dev/null 2>&1
if [ "$ECB_SETS" = all ]; then
  ECB_SETS=$(python3 -c 'import json,sys; print(" ".join(sorted({json.loads(l)["set"] for l in open(sys.argv[1])})))' "$TMP/ecb.jsonl")
fi
python3 - "$TMP/ecb.jsonl" "$TMP" $ECB_SETS <<'EOF'
import json, sys
src, out, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
files = {s: open(f"{out}/set_{s}.jsonl", "w", encoding="utf-8") for s in wanted}
for line in open(src, encoding="utf-8"):
    rec = json.loads(line)
    if rec["set"] in files:
        files[rec["set"]].write(line)
for s, f in files.items():
    empty = f.tell() == 0
    f.close()
    if empty:
        sys.exit(f"check_dot: ECB+ set {s} not found")
EOF

# dot_of NAME VIEW MIN_SOURCES INPUT... : writes the DOT text to stdout.
dot_of() {
  local name=$1 view=$2 min=$3
  shift 3
  if [ "$USE_CLI" = 1 ]; then
    # concord replaces only directories it wrote: its output directory is left to it, and its
    # messages go beside it.
    local out="$TMP/out/$name/$view-$min"
    mkdir -p "$TMP/out/$name"
    "$CONCORD" compare "$@" --out "$out" --graph "$view" --min-sources "$min" >/dev/null 2>"$out.stderr" || {
      echo "check_dot: concord compare failed on $name ($view):" >&2; cat "$out.stderr" >&2; return 1; }
    cat "$out/graph.dot"
  else
    "$VIEWS_BIN" --view "$view" --min-sources "$min" "$@"
  fi
}

failures=0
checked=0
printf '%-14s %-9s %4s %8s %6s %6s %8s\n' set view min bytes nodes edges ms
check_set() {
  local name=$1
  shift
  for spec in claims:0 claims:2 clusters:0 sources:0; do
    local view=${spec%%:*} min=${spec##*:}
    local file="$TMP/$name-$view-$min.dot"
    dot_of "$name" "$view" "$min" "$@" >"$file"
    dot_of "$name" "$view" "$min" "$@" >"$file.again"
    if ! cmp -s "$file" "$file.again"; then
      echo "FAIL $name $view: two runs gave different DOT" >&2
      failures=$((failures + 1))
    fi
    local start end
    start=$(date +%s%N)
    if ! dot -Tsvg "$file" -o "$file.svg" 2>"$file.err" || [ -s "$file.err" ]; then
      echo "FAIL $name $view (min-sources $min): dot -Tsvg reported:" >&2
      cat "$file.err" >&2
      failures=$((failures + 1))
    fi
    end=$(date +%s%N)
    checked=$((checked + 1))
    printf '%-14s %-9s %4s %8s %6s %6s %8s\n' "$name" "$view" "$min" "$(wc -c <"$file")" \
      "$(grep -c '\[label=' "$file" || true)" "$(grep -c ' -- ' "$file" || true)" \
      "$(((end - start) / 1000000))"
  done
}

check_set seeds "$ROOT"/data/seeds/*.txt
for s in $ECB_SETS; do
  check_set "$s" "$TMP/set_$s.jsonl"
done

if [ "$failures" -gt 0 ]; then
  echo "check_dot: $failures of $checked renderings failed" >&2
  exit 1
fi
echo "check_dot: all $checked renderings passed (dot $(dot -V 2>&1 | sed 's/.*version //'))"
