#!/usr/bin/env python3
"""Run `concord batch` over Apache Spark: sets are spread over the executors, never split.

    spark_batch.py INPUT [INPUT ...] --out DIR [--master URL] [--concord PATH]
                   [--partitions N] [--index csv|parquet] [-- CONCORD-BATCH-OPTIONS]

INPUT: JSONL article files (or directories of `*.jsonl`, or globs) on any path Spark reads
(local, HDFS, S3 through Hadoop's file systems). Each line is an article; its `set` field
groups it (a line without one belongs to the set named after its file's stem, as in
`concord batch`).

How it works (docs/spark.md has the details):
- each input line is read with its file and line number, keyed by its set, and the keys are
  partitioned by CRC-32 of the set name modulo N: partition I holds exactly the sets of
  `concord batch --shard I/N`, so a set is never split across workers;
- each partition rebuilds, in a scratch directory, its share of each input file under the
  file's own name with each line at its own line number (blank lines elsewhere, which concord
  skips), and pipes it into the concord binary shipped with the job (`SparkContext.addFile`):
  `concord batch FILES --out DIR --shard I/N --status jsonl`. A set's outputs, its manifest and
  errors.csv are then byte-identical to a plain `concord batch FILES` run in the directory of
  the files (they name the files by their base name);
- DIR must be a directory every executor sees under one path (local disk in local mode, a
  shared file system on a cluster); concord writes each set atomically and skips the sets whose
  manifest matches, so a rerun (or a retried task) redoes nothing that is done;
- concord's exit status 75 (a temporary failure, such as IO) fails the task, which Spark
  retries (`spark.task.maxFailures`); on the last attempt, and for bad data (status 1), the
  partition's sets are reported, never dropped;
- the status lines of every set are collected into DIR/spark-index.csv (or .parquet), and the
  script exits 1 when a set failed or was not processed.
"""
import argparse
import csv
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import zlib

INDEX_COLUMNS = [
    "set",
    "folder",
    "status",
    "run",
    "articles",
    "claims",
    "seconds",
    "errors",
    "error",
    "partition",
]
# Outcomes of a set that are not failures.
DONE = {"ok", "errors", "single-article", "no-articles", "stale"}


def set_key(line, stem):
    """The set of one JSONL line, as `concord batch` names it; None when concord cannot tell
    (malformed JSON, an empty `set`): such lines go to partition 0, whose concord reports them."""
    try:
        obj = json.loads(line.lstrip("\ufeff"))
    except ValueError:
        return None
    if not isinstance(obj, dict):
        return None
    value = obj.get("set")
    if value is None:
        return stem
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return json.dumps(value)
    return None


def partition_of(key, n):
    return 0 if key is None else zlib.crc32(key.encode("utf-8")) % n


def input_files(sc, inputs):
    """Expand the inputs (files, directories, globs) with Hadoop's file system API, in order."""
    jvm = sc._jvm
    conf = sc._jsc.hadoopConfiguration()
    files = []
    for given in inputs:
        path = jvm.org.apache.hadoop.fs.Path(given)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path) or []
        if not statuses:
            sys.exit(f"spark_batch: {given}: no such file")
        for st in statuses:
            if st.isDirectory():
                found = sorted(
                    s.getPath().toString()
                    for s in fs.listStatus(st.getPath())
                    if s.getPath().getName().endswith(".jsonl")
                )
                files.extend(found)
            else:
                files.append(st.getPath().toString())
    names = [f.rsplit("/", 1)[-1] for f in files]
    if len(set(names)) != len(names):
        sys.exit("spark_batch: two inputs have the same file name; concord names inputs by it")
    return files


def run_partition(index, rows, n, out, binary, extra, jobs, max_failures):
    """One partition: its lines → sparse copies of the input files → `concord batch --shard`."""
    from pyspark import SparkFiles, TaskContext

    rows = list(rows)
    if not rows:
        return []
    concord = SparkFiles.get(binary)
    mode = os.stat(concord).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(concord, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    keys = sorted({k for k, _ in rows if k is not None})
    scratch = tempfile.mkdtemp(prefix=f"concord-part-{index}-")
    try:
        by_file = {}
        for _, (order, name, line_no, line) in rows:
            by_file.setdefault((order, name), []).append((line_no, line))
        names = []
        for (order, name), lines in sorted(by_file.items()):
            lines.sort()
            with open(os.path.join(scratch, name), "w", encoding="utf-8", newline="\n") as f:
                at = 1
                for line_no, line in lines:
                    f.write("\n" * (line_no - at))
                    f.write(line)
                    f.write("\n")
                    at = line_no + 1
            names.append(name)
        cmd = [concord, "batch", *names, "--out", os.path.abspath(out) if "://" not in out else out,
               "--shard", f"{index}/{n}", "--status", "jsonl", "-q", "--jobs", str(jobs), *extra]
        done = subprocess.run(cmd, cwd=scratch, capture_output=True, text=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    attempt = TaskContext.get().attemptNumber() if TaskContext.get() else 0
    if done.returncode == 75 and attempt + 1 < max_failures:
        # A temporary failure: Spark runs the task again; finished sets are skipped.
        raise RuntimeError(f"concord batch (partition {index}) exit 75: {done.stderr[-2000:]}")
    if done.returncode not in (0, 1, 75):
        raise RuntimeError(
            f"concord batch (partition {index}) exit {done.returncode}: {done.stderr[-2000:]}"
        )
    lines = [json.loads(l) for l in done.stdout.splitlines() if l.strip()]
    for line in lines:
        line["partition"] = index
    reported = {l["set"] for l in lines}
    for key in keys:
        if key not in reported:
            # Never silently dropped: a set concord did not report (its last attempt failed,
            # or it names the set otherwise) is a failed row with concord's messages.
            lines.append({
                "set": key, "folder": "", "status": "failed", "run": "processed",
                "articles": 0, "claims": 0, "seconds": 0.0, "errors": 1, "partition": index,
                "error": f"not reported by concord (exit {done.returncode}): "
                         f"{done.stderr.strip()[-1000:]}",
            })
    if None in {k for k, _ in rows}:
        lines.append({
            "set": "", "folder": "", "status": "input-errors", "run": "processed",
            "articles": 0, "claims": 0, "seconds": 0.0, "partition": index,
            "errors": sum(1 for k, _ in rows if k is None),
            "error": f"lines whose set is unknown: see errors.{index}-of-{n}.csv",
        })
    return lines


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--out", required=True, help="output directory, seen by every executor")
    p.add_argument("--master", help="Spark master URL (default: spark-submit's, else local[*])")
    p.add_argument("--concord", default=shutil.which("concord") or "concord",
                   help="the concord binary to ship to the executors")
    p.add_argument("--partitions", type=int, default=0,
                   help="partitions (= concord shards); default: 4 per core of the job")
    p.add_argument("--index", choices=["csv", "parquet"], default="csv")
    args, extra = p.parse_known_args()
    extra = [a for a in extra if a != "--"]

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("concord-batch").config(
        "spark.ui.showConsoleProgress", "false"
    )
    if args.master:
        builder = builder.master(args.master)
    elif not os.environ.get("SPARK_ENV_LOADED") and "spark.master" not in os.environ.get(
        "PYSPARK_SUBMIT_ARGS", ""
    ):
        builder = builder.master("local[*]")
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    binary = os.path.abspath(args.concord)
    if not os.access(binary, os.X_OK):
        sys.exit(f"spark_batch: {args.concord}: not an executable concord binary")
    sc.addFile(binary)
    n = args.partitions or 4 * sc.defaultParallelism
    jobs = int(sc.getConf().get("spark.task.cpus", "1"))
    master = sc.master
    if master.startswith("local"):
        # local[N] runs a task once; local[N,F] up to F times.
        inner = master[master.find("[") + 1: master.find("]")] if "[" in master else "1"
        max_failures = int(inner.split(",")[1]) if "," in inner else 1
    else:
        max_failures = int(sc.getConf().get("spark.task.maxFailures", "4"))
    if "://" not in args.out:
        os.makedirs(args.out, exist_ok=True)

    files = input_files(sc, args.inputs)
    rdds = []
    for order, path in enumerate(files):
        name = path.rsplit("/", 1)[-1]
        stem = name.rsplit(".", 1)[0] if "." in name else name

        def keyed(pair, order=order, name=name, stem=stem):
            line, i = pair
            return (set_key(line, stem), (order, name, i + 1, line))

        rdds.append(sc.textFile(path).zipWithIndex().filter(lambda p: p[0].strip()).map(keyed))
    lines = sc.union(rdds)
    out, binary_name = args.out, os.path.basename(binary)
    statuses = (
        lines.partitionBy(n, lambda k: partition_of(k, n))
        .mapPartitionsWithIndex(
            lambda i, rows: run_partition(i, rows, n, out, binary_name, extra, jobs, max_failures)
        )
        .collect()
    )
    statuses.sort(key=lambda s: (s["set"], s.get("folder", "")))
    index_path = os.path.join(args.out, f"spark-index.{args.index}")
    if args.index == "parquet":
        from pyspark.sql.types import (DoubleType, LongType, StringType, StructField,
                                       StructType)

        kinds = {"articles": LongType(), "claims": LongType(), "errors": LongType(),
                 "partition": LongType(), "seconds": DoubleType()}
        schema = StructType([StructField(c, kinds.get(c, StringType()), True)
                             for c in INDEX_COLUMNS])
        convert = {"articles": int, "claims": int, "errors": int, "partition": int,
                   "seconds": float}
        rows = [tuple(None if s.get(c) is None else convert.get(c, str)(s.get(c))
                      for c in INDEX_COLUMNS) for s in statuses]
        spark.createDataFrame(rows, schema).write.mode("overwrite").parquet(index_path)
    else:
        tmp = index_path + ".tmp"
        with open(tmp, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=INDEX_COLUMNS, lineterminator="\n",
                               extrasaction="ignore")
            w.writeheader()
            for s in statuses:
                w.writerow({c: ("" if s.get(c) is None else s.get(c)) for c in INDEX_COLUMNS})
        os.replace(tmp, index_path)
    failed = [s for s in statuses if s["status"] not in DONE]
    runs = {}
    for s in statuses:
        runs[s["run"]] = runs.get(s["run"], 0) + 1
    print(
        f"spark_batch: {len(statuses)} sets ({', '.join(f'{v} {k}' for k, v in sorted(runs.items()))}), "
        f"{sum(int(s.get('articles') or 0) for s in statuses)} articles, "
        f"{len(failed)} failed, {n} partitions on {master} → {index_path}",
        file=sys.stderr,
    )
    for s in failed:
        print(f"spark_batch: error: set {s['set']!r}: {s['status']}: {s.get('error')}",
              file=sys.stderr)
    spark.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
