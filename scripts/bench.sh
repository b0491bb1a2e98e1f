#!/usr/bin/env bash
# Batch benchmark: `concord batch` (release) on the real news corpora in ../shared/corpus/, then
# how the cost of one `compare` grows with the size of a set.
#
# Prints, per corpus: articles/s, claims/s, wall time and peak memory (GNU time's maximum RSS);
# then a growth table for sets of 250, 500, 1,000, 2,000 and 4,000 articles sampled (fixed seed)
# from Reuters-21578, with seconds / (n log2 n) normalised to the smallest size (a flat column
# means n log n growth; a column growing like n means n² growth).
#
# Usage: scripts/bench.sh   (overrides: SHARED=/path/to/shared, JOBS=2, SIZES="250 500 …",
#                            STAGES="batch growth" to run one part only)
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${SHARED:-../shared}
JOBS=${JOBS:-2}
SIZES=${SIZES:-"250 500 1000 2000 4000"}
STAGES=${STAGES:-"batch growth"}
CORPUS=$SHARED/corpus
for f in "$CORPUS/reuters21578.jsonl" "$CORPUS/bbc_news.jsonl"; do
  [[ -f $f ]] || { echo "bench.sh: $f not found (set SHARED=/path/to/shared)" >&2; exit 1; }
done
if [[ ! -x /usr/bin/time ]]; then
  echo "bench.sh: GNU time is needed for peak memory: apt-get install time" >&2
  exit 1
fi

echo "== building concord (release)"
cargo build --release -p concord --quiet
TARGET=${CARGO_TARGET_DIR:-target}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# A private copy: a shared target directory may be rebuilt by someone else during the run.
cp "$TARGET/release/concord" "$WORK/concord"
CONCORD=$WORK/concord
echo "cores: $(nproc), jobs: $JOBS, load average before the run: $(cut -d' ' -f1-3 /proc/loadavg), concord $("$CONCORD" --version | cut -d' ' -f2)"

# run_timed LOG CMD...: runs CMD under GNU time; leaves "seconds peak_kb cpu_seconds" in
# $WORK/time (CPU time = user + system: on a busy shared machine wall time overstates the cost).
run_timed() {
  local log=$1; shift
  set +e
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" 2>"$log"
  local rc=$?
  set -e
  if [[ $rc -gt 1 ]]; then
    echo "bench.sh: command failed ($rc): $*" >&2
    cat "$log" >&2
    exit 1
  fi
}

if [[ " $STAGES " == *" batch "* ]]; then
echo
echo "== concord batch --force -j $JOBS (whole corpus, every set)"
printf '%-14s %9s %6s %9s %9s %9s %12s %10s %9s %s\n' corpus articles sets claims seconds cpu_s articles/s claims/s peak_MB failed
for corpus in reuters21578 bbc_news; do
  out=$WORK/batch-$corpus
  run_timed "$WORK/$corpus.log" "$CONCORD" batch "$CORPUS/$corpus.jsonl" --out "$out" --force -j "$JOBS" -q
  read -r secs peak_kb usr sys < <(tail -1 "$WORK/time")
  cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { print u + s }')
  python3 - "$out/index.csv" "$corpus" "$secs" "$peak_kb" "$cpu" <<'EOF'
import csv, sys
path, corpus, secs, peak_kb, cpu = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
rows = list(csv.DictReader(open(path, encoding="utf-8")))
articles = sum(int(r["articles"]) for r in rows)
claims = sum(int(r["claims"]) for r in rows)
errors = sum(int(r["errors"]) for r in rows)
print(f"{corpus:<14} {articles:>9,} {len(rows):>6} {claims:>9,} {secs:>9.1f} {cpu:>9.1f} {articles/secs:>12,.0f} {claims/secs:>10,.0f} {peak_kb/1024:>9.0f} {errors}")
big = sorted(rows, key=lambda r: -float(r["seconds"]))[:3]
print("    slowest sets: " + ", ".join(f'{r["set"]} ({int(r["articles"]):,} articles, {float(r["seconds"]):.1f} s)' for r in big))
EOF
done
echo "    (second run, nothing changed:)"
run_timed "$WORK/rerun.log" "$CONCORD" batch "$CORPUS/reuters21578.jsonl" --out "$WORK/batch-reuters21578" -j "$JOBS" -q
read -r secs peak_kb usr sys < <(tail -1 "$WORK/time")
  cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { print u + s }')
printf '    reuters21578 rerun: %.2f s, peak %.0f MB (every set skipped)\n' "$secs" "$(awk -v k="$peak_kb" 'BEGIN { print k / 1024 }')"

fi

if [[ " $STAGES " == *" growth "* ]]; then
echo
echo "== time versus set size: concord compare -j $JOBS on sets sampled from Reuters-21578 (seed 1)"
printf '%8s %9s %9s %9s %9s %9s %10s %s\n' articles claims matches seconds cpu_s peak_MB articles/s 'cpu_s/(n log n), 250=1'
base=""
for n in $SIZES; do
  sample=$WORK/sample-$n.jsonl
  python3 - "$CORPUS/reuters21578.jsonl" "$n" "$sample" <<'EOF'
import json, random, sys
src, n, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = [l for l in open(src, encoding="utf-8") if json.loads(l)["text"].strip()]
random.Random(1).shuffle(lines)
with open(dst, "w", encoding="utf-8") as f:
    f.writelines(lines[:n])
EOF
  out=$WORK/compare-$n
  run_timed "$WORK/compare-$n.log" "$CONCORD" compare "$sample" --out "$out" -j "$JOBS"
  read -r secs peak_kb usr sys < <(tail -1 "$WORK/time")
  cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { print u + s }')
  python3 - "$out" "$n" "$secs" "$peak_kb" "$cpu" "$base" >"$WORK/row" <<'EOF'
import csv, math, sys
out, n, secs, peak_kb, cpu, base = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
claims = sum(1 for _ in csv.DictReader(open(f"{out}/claims.csv", encoding="utf-8")))
matches = sum(1 for _ in csv.DictReader(open(f"{out}/matches.csv", encoding="utf-8")))
per = max(cpu, 0.01) / (n * math.log2(n))
ratio = per / float(base) if base else 1.0
print(f"{n:>8,} {claims:>9,} {matches:>9,} {secs:>9.2f} {cpu:>9.2f} {peak_kb/1024:>9.0f} {n/max(secs,0.01):>10,.0f} {ratio:.2f}")
print(per if not base else base)
EOF
  head -1 "$WORK/row"
  base=$(tail -1 "$WORK/row")
done
fi
