#!/usr/bin/env bash
# The Spark test (issue 17), run by .ci/run after the cargo tests: scripts/spark_batch.py in
# local[2] mode on a sample of the BBC corpus and of Reuters-21578 (../shared/corpus) must write
# every set byte for byte as a plain `concord batch` of the same files does; a rerun must skip
# every set; a set made to fail (a folder concord did not write in its way) must be reported with
# its error. Needs pyspark and Java 17; skips (with a message) only when ../shared is absent.
#
# A task whose concord exits 75 (a temporary failure) must be retried by Spark.
#
#   scripts/test_spark.sh [CONCORD-BINARY]     (default: the debug build of this checkout)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus
if [ ! -d "$corpus" ]; then
  echo "test_spark: ../shared not found: skipping the Spark test"
  exit 0
fi
bin=${1:-}
if [ -z "$bin" ]; then
  cargo build -q --bin concord
  target=$(cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
  bin=$target/debug/concord
fi
bin=$(realpath "$bin")
work=$(mktemp -d)
# Spark binds to the machine's hostname unless told otherwise; containers often cannot resolve it.
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
trap 'rm -rf "$work"' EXIT

# The sample: the first 40 articles of each BBC category, and 6 Reuters topics whole.
python3 - "$corpus" "$work" <<'EOF'
import json, sys
corpus, work = sys.argv[1], sys.argv[2]
taken = {}
with open(f"{corpus}/bbc_news.jsonl", encoding="utf-8") as src, \
        open(f"{work}/bbc_sample.jsonl", "w", encoding="utf-8") as out:
    for line in src:
        s = json.loads(line)["set"]
        taken[s] = taken.get(s, 0) + 1
        if taken[s] <= 40:
            out.write(line)
topics = {"cocoa", "coffee", "gold", "ship", "sugar", "jobs"}
with open(f"{corpus}/reuters21578.jsonl", encoding="utf-8") as src, \
        open(f"{work}/reuters_sample.jsonl", "w", encoding="utf-8") as out:
    for line in src:
        if json.loads(line)["set"] in topics:
            out.write(line)
EOF
echo "test_spark: sample $(cat "$work"/*.jsonl | wc -l) articles"

# Plain batch, in the directory of the files (concord names inputs as given).
status=0
(cd "$work" && "$bin" batch bbc_sample.jsonl reuters_sample.jsonl --out plain -q) || status=$?
[ "$status" -le 1 ] || { echo "test_spark: FAIL: plain batch exit $status"; exit 1; }

# Spark, with one set made to fail: a folder of someone else's in the way of set `sport`.
mkdir -p "$work/spark/sport"
echo "not concord's" > "$work/spark/sport/notes.txt"
spark() {
  python3 scripts/spark_batch.py "$work/bbc_sample.jsonl" "$work/reuters_sample.jsonl" \
    --out "$work/spark" --master 'local[2]' --concord "$bin" --partitions 4 2>"$work/spark.log"
}
status=0
spark || status=$?
grep -v -e WARN -e '^\s*$' "$work/spark.log" | grep -v -e '^Setting default log level' \
  -e 'To adjust logging level' | tail -5 || true
[ "$status" = 1 ] || { echo "test_spark: FAIL: exit $status, expected 1 (a set failed)"; cat "$work/spark.log"; exit 1; }

python3 - "$work" first <<'EOF'
import csv, filecmp, os, sys
work, run = sys.argv[1], sys.argv[2]
plain, spark = f"{work}/plain", f"{work}/spark"
rows = {r["set"]: r for r in csv.DictReader(open(f"{spark}/spark-index.csv", encoding="utf-8"))}
problems = []
sets = sorted(d for d in os.listdir(plain) if os.path.isdir(f"{plain}/{d}"))
for d in sets:
    if d == "sport":
        continue
    for f in sorted(os.listdir(f"{plain}/{d}")):
        a, b = f"{plain}/{d}/{f}", f"{spark}/{d}/{f}"
        if not os.path.exists(b) or not filecmp.cmp(a, b, shallow=False):
            problems.append(f"{d}/{f} differs from plain batch")
    want = "unchanged" if run == "rerun" else "processed"
    if rows.get(d, {}).get("run") != want:
        problems.append(f"set {d}: run {rows.get(d, {}).get('run')!r}, expected {want}")
sport = rows.get("sport", {})
if sport.get("status") != "failed" or "notes.txt" not in sport.get("error", ""):
    problems.append(f"set sport not reported as failed with its error: {sport}")
if open(f"{spark}/sport/notes.txt").read() != "not concord's\n":
    problems.append("the foreign folder was touched")
missing = set(sets) - set(rows)
if missing:
    problems.append(f"sets missing from spark-index.csv: {sorted(missing)}")
if problems:
    print("test_spark: FAIL (" + run + "):\n  " + "\n  ".join(problems))
    sys.exit(1)
print(f"test_spark: {run}: {len(sets) - 1} sets byte-identical to plain batch, "
      f"sport reported failed: {sport['error'][:90]}…")
EOF

# A rerun skips every set (the failing one is still reported). It runs a concord that fails
# with exit 75 (a temporary failure) on its first call, under local[2,2] (two attempts per
# task): Spark must retry that task, and the retry must find every set done.
printf '#!/bin/sh\nif mkdir "%s/flaked" 2>/dev/null; then\n  echo "concord: error: simulated temporary failure" >&2\n  exit 75\nfi\nexec "%s" "$@"\n' \
  "$work" "$bin" > "$work/flaky-concord"
chmod +x "$work/flaky-concord"
status=0
python3 scripts/spark_batch.py "$work/bbc_sample.jsonl" "$work/reuters_sample.jsonl" \
  --out "$work/spark" --master 'local[2,2]' --concord "$work/flaky-concord" --partitions 4 \
  2>"$work/spark.log" || status=$?
grep -q "exit 75: concord: error: simulated temporary failure" "$work/spark.log" \
  || { echo "test_spark: FAIL: no task failed with exit 75"; cat "$work/spark.log"; exit 1; }
echo "test_spark: rerun: a task failed with exit 75 and Spark retried it"
[ "$status" = 1 ] || { echo "test_spark: FAIL: rerun exit $status"; cat "$work/spark.log"; exit 1; }
python3 - "$work" rerun <<'EOF' || exit 1
import csv, sys
rows = list(csv.DictReader(open(f"{sys.argv[1]}/spark/spark-index.csv", encoding="utf-8")))
redone = [r["set"] for r in rows if r["set"] != "sport" and r["run"] != "unchanged"]
if redone:
    print(f"test_spark: FAIL: the rerun redid {redone}")
    sys.exit(1)
print(f"test_spark: rerun: {len(rows) - 1} sets unchanged")
EOF
echo "test_spark: ok"
