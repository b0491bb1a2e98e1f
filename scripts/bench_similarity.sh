#!/usr/bin/env bash
# Speed of concord's similarity, side by side with the TF-IDF peer, in one run.
#   1. pair scoring on one core (bench target crates/similarity/benches/score.rs);
#   2. aligning the ECB+ dev sets (by topic): concord (`batch`, one process like the peer, or the
#      align_sets stand-in) vs ../shared/peers/align_jsonl.py (TF-IDF); wall and CPU seconds,
#      best and median of BENCH_RUNS runs (default 3; the peer BENCH_PEER_RUNS, default 1).
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

# Wall and CPU (user + sys) seconds of a command, RUNS times (a fresh output directory each
# time: `batch` skips finished sets): the fastest and the median run. The machine is shared, so
# one run says little; CPU time is what to compare on a loaded machine.
RUNS=${BENCH_RUNS:-3}
PEER_RUNS=${BENCH_PEER_RUNS:-1}
timed() { # OUT_VAR RUNS OUT_DIR command...
  local var=$1 runs=$2 out=$3
  shift 3
  local t
  t=$(python3 - "$runs" "$out" "$@" <<'PY'
import resource, shutil, statistics, subprocess, sys, time
runs, out, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
walls, cpus, failed = [], [], 0
for _ in range(runs):
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    walls.append(time.monotonic() - start)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    failed += rc != 0
line = f"{min(walls):.2f} s wall, {min(cpus):.2f} s CPU"
if runs > 1:
    line += f" (best of {runs}; median {statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU)"
print(line + (f" ({failed} runs failed)" if failed else ""))
PY
)
  printf -v "$var" '%s' "$t"
}

# A private copy: the target dir may be shared, and another build must not swap the binary.
cp "$BIN" "$WORK/concord"
if "$WORK/concord" batch --help > /dev/null 2>&1; then
  how="concord batch, one process for all sets"
  timed concord_t "$RUNS" "$WORK/batch" "$WORK/concord" batch "$WORK/ecb.jsonl" --out "$WORK/batch"
  written=$(python3 - "$WORK/batch" <<'PY'
import csv, glob, os, sys
rows = size = 0
for path in glob.glob(os.path.join(sys.argv[1], "*", "*")):
    size += os.path.getsize(path)
    if path.endswith("matches.csv"):
        with open(path, newline="", encoding="utf-8") as f:
            rows += sum(1 for _ in csv.reader(f)) - 1
print(f"{rows:,} matches.csv rows, {size / 1e6:.0f} MB written")
PY
)
  how="$how; $written"
else
  how="align_sets stand-in (concord batch not in this build)"
  timed concord_t "$RUNS" "$WORK/none" "$CARGO_TARGET_DIR/release/examples/align_sets" "$WORK/ecb.jsonl"
fi

peer_t=skipped
if python3 -c "import sklearn, pysbd" 2> /dev/null; then
  timed peer_t "$PEER_RUNS" "$WORK/none" python3 "$SHARED/peers/align_jsonl.py" "$WORK/ecb.jsonl" --out "$WORK/peer.csv"
else
  echo "(TF-IDF peer skipped: pip install scikit-learn pysbd)"
fi
echo "concord:      $concord_t  ($how)"
echo "TF-IDF peer:  $peer_t  (../shared/peers/align_jsonl.py, whole process)"
python3 - "$concord_t" "$peer_t" <<'PY'
import sys
c, p = sys.argv[1].split(), sys.argv[2].split()
if len(p) > 3:
    print(f"speed-up (best runs): {float(p[0]) / float(c[0]):.1f}x wall, {float(p[3]) / float(c[3]):.1f}x CPU")
PY
