#!/usr/bin/env python3
"""Audit of concord's `contradict` rows: a reproducible hand-judged sample, precision by kind.

    audit_contradictions.py counts OUT_DIR
        contradict rows of every matches.csv under OUT_DIR (a `concord batch` output), by kind
    audit_contradictions.py sample OUT_DIR [--per-kind N] [--seed S] > labels.tsv
        a random sample (fixed seed) of up to N rows per reason kind, as a TSV with an empty
        `label` column to fill by hand: `true` (both cannot be right about the same thing),
        `false` (not a contradiction), plus a short `note`
    audit_contradictions.py score OUT_DIR labels.tsv [--new] [--relation agree]
        precision by kind of the labelled sample as judged (before), and of the same rows in a
        new run in OUT_DIR (after: a row still flagged counts with its label; a row no longer
        flagged is dropped from the precision, and counted as lost when it was true); with
        --new, also lists the flagged rows of OUT_DIR that are not in the sample's run.
        With --relation agree, the rows are `agree` rows instead, judged `true` when both
        claims report the same fact (tests/data/similarity/agree_audit_ecb_dev.tsv; its kind
        is the labelling rule that made the row agree)
    audit_contradictions.py remap OUT_DIR labels.tsv > remapped.tsv
        the same labels with their claim ids carried over to OUT_DIR's numbering: a parser change
        that drops or splits a sentence renumbers the claims after it (`article#N`), and a row
        is found again by its claims' texts (the snippets stored in the TSV) within the same
        article; ids whose text is not found are kept as they were and reported on stderr

A row is identified by its set and the claim ids of both sides. Only concord's output is stored
(reason, claim ids, short snippets of the two claims); no dataset is copied. Standard library only.
"""
import argparse
import collections
import csv
import glob
import os
import random
import sys

SNIPPET = 160
COLUMNS = ["kind", "set", "claim_a", "claim_b", "reason", "text_a", "text_b", "label", "note"]


def kind_of(reason):
    return reason.split(":", 1)[0].strip()


def snippet(text):
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def contradictions(out_dir, relation="contradict"):
    """{(set, claim_a, claim_b): row} of every RELATION row under OUT_DIR, sorted by key."""
    rows = {}
    paths = sorted(glob.glob(os.path.join(out_dir, "**", "matches.csv"), recursive=True))
    if not paths:
        sys.exit(f"audit_contradictions.py: no matches.csv under {out_dir}")
    for path in paths:
        set_name = os.path.relpath(os.path.dirname(path), out_dir)
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["relation"] != relation:
                    continue
                a, b = sorted([row["claim_a"], row["claim_b"]])
                rows[(set_name, a, b)] = row
    return dict(sorted(rows.items()))


def by_kind(rows):
    kinds = collections.defaultdict(list)
    for key, row in rows.items():
        kinds[kind_of(row["reason"])].append(key)
    return kinds


def cmd_counts(args):
    rows = contradictions(args.out_dir)
    kinds = by_kind(rows)
    for kind in sorted(kinds, key=lambda k: (-len(kinds[k]), k)):
        print(f"{kind}\t{len(kinds[kind])}")
    print(f"total\t{len(rows)}")


def cmd_sample(args):
    rows = contradictions(args.out_dir)
    rng = random.Random(args.seed)
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    kinds = by_kind(rows)
    for kind in sorted(kinds):
        keys = kinds[kind]
        for key in sorted(rng.sample(keys, min(args.per_kind, len(keys)))):
            row = rows[key]
            writer.writerow(
                [kind, *key, row["reason"].replace("\t", " "), snippet(row["text_a"]),
                 snippet(row["text_b"]), "", ""]
            )


def read_labels(path):
    with open(path, newline="", encoding="utf-8") as f:
        labels = list(csv.DictReader(f, delimiter="\t"))
    for i, row in enumerate(labels, start=2):
        if row["label"] not in ("true", "false"):
            sys.exit(f"audit_contradictions.py: {path}:{i}: label must be true or false")
    return labels


def precision(labels):
    true = sum(1 for r in labels if r["label"] == "true")
    return true, len(labels)


def fmt(true, n):
    return f"{true}/{n} = {true / n:.2f}" if n else "-"


def cmd_score(args):
    labels = read_labels(args.labels)
    now = contradictions(args.out_dir, args.relation)
    kinds = sorted({r["kind"] for r in labels})
    print("kind\tbefore (true/flagged)\tafter (true/still flagged)\ttrue lost\tfalse removed\tkind changed")
    totals = collections.Counter()
    for kind in kinds + ["all"]:
        rows = [r for r in labels if kind in ("all", r["kind"])]
        kept = [r for r in rows if (r["set"], r["claim_a"], r["claim_b"]) in now]
        lost = [r for r in rows if r["label"] == "true" and r not in kept]
        removed = [r for r in rows if r["label"] == "false" and r not in kept]
        changed = [
            r for r in kept
            if args.relation == "contradict" and kind_of(now[(r["set"], r["claim_a"], r["claim_b"])]["reason"]) != r["kind"]
        ]
        print(f"{kind}\t{fmt(*precision(rows))}\t{fmt(*precision(kept))}\t{len(lost)}"
              f"\t{len(removed)}\t{len(changed)}")
        if kind == "all":
            totals.update(lost=len(lost))
    for r in labels:
        key = (r["set"], r["claim_a"], r["claim_b"])
        if r["label"] == "true" and key not in now:
            print(f"lost true row: {r['set']} {r['claim_a']} {r['claim_b']}: {r.get('reason', '')[:100]}")
    if args.new:
        sampled = {(r["set"], r["claim_a"], r["claim_b"]) for r in labels}
        fresh = {k: v for k, v in now.items() if k not in sampled}
        print(f"\nflagged rows not in the sample: {len(fresh)} (of {len(now)})")
        if args.new_since:
            before = contradictions(args.new_since, args.relation)
            for key, row in fresh.items():
                if key not in before:
                    print(f"new\t{key[0]}\t{key[1]}\t{key[2]}\t{row['reason'][:120]}")


def claim_snippets(out_dir):
    """{(set, article): [(claim_id, snippet of its text)]} of every claims.csv under OUT_DIR."""
    claims = collections.defaultdict(list)
    for path in sorted(glob.glob(os.path.join(out_dir, "**", "claims.csv"), recursive=True)):
        set_name = os.path.relpath(os.path.dirname(path), out_dir)
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                claims[(set_name, row["article"])].append((row["claim_id"], snippet(row["text"])))
    return claims


def cmd_remap(args):
    claims = claim_snippets(args.out_dir)
    with open(args.labels, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f, delimiter="\t")
        fields, labels = reader.fieldnames, list(reader)
    moved = missing = 0
    for row in labels:
        texts = {row["text_a"], row["text_b"]}
        ids = []
        for old in (row["claim_a"], row["claim_b"]):
            article = old.rsplit("#", 1)[0]
            found = [cid for cid, text in claims.get((row["set"], article), []) if text in texts]
            # The old id when it still holds one of the texts, else the only claim that does.
            new = old if old in found else (found[0] if len(found) == 1 else None)
            if new is None:
                missing += 1
                print(f"remap: {row['set']} {old}: text not found once in {args.out_dir}", file=sys.stderr)
                new = old
            moved += new != old
            ids.append(new)
        row["claim_a"], row["claim_b"] = sorted(ids)
    writer = csv.DictWriter(sys.stdout, fieldnames=fields, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(labels)
    print(f"remap: {moved} ids renumbered, {missing} not found", file=sys.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("counts")
    c.add_argument("out_dir")
    s = sub.add_parser("sample")
    s.add_argument("out_dir")
    s.add_argument("--per-kind", type=int, default=16)
    s.add_argument("--seed", type=int, default=3)
    r = sub.add_parser("score")
    r.add_argument("out_dir")
    r.add_argument("labels")
    r.add_argument("--new", action="store_true")
    r.add_argument("--new-since", help="with --new: list rows flagged now but not in this older run")
    r.add_argument("--relation", choices=["contradict", "agree"], default="contradict")
    m = sub.add_parser("remap")
    m.add_argument("out_dir")
    m.add_argument("labels")
    args = p.parse_args()
    {"counts": cmd_counts, "sample": cmd_sample, "score": cmd_score, "remap": cmd_remap}[args.cmd](args)


if __name__ == "__main__":
    main()
