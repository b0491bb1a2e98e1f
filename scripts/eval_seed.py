#!/usr/bin/env python3
"""Seed-gold rows of kinds agree / contradict / not-contradict checked against a matches CSV.

    eval_seed.py SEED_GOLD.tsv MATCHES.csv

A row holds when some match pairs a claim of article_a containing snippet_a with a claim of
article_b containing snippet_b (either order; article ids match by prefix, snippets after
folding curly quotes and whitespace) with relation == kind; a not-contradict row holds when no
such pair is labelled contradict. Other kinds (entity, speaker, ...) are the parser's and the
aligner's integration tests. Prints "seed-gold: N/M rows passed" and the failing rows.
"""
import csv
import re
import sys

FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"})


def norm(s):
    return re.sub(r"\s+", " ", (s or "").translate(FOLD)).strip().lower()


def main():
    gold_path, matches_path = sys.argv[1], sys.argv[2]
    with open(gold_path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        gold = [dict(zip(header, l.rstrip("\n").split("\t"))) for l in f if l.strip()]
    with open(matches_path, encoding="utf-8", newline="") as f:
        matches = list(csv.DictReader(f))

    def pairs_with(row):
        out = []
        for m in matches:
            for (x, y) in (("a", "b"), ("b", "a")):
                if (m["article_" + x].startswith(row["article_a"])
                        and m["article_" + y].startswith(row["article_b"])
                        and norm(row["snippet_a"]) in norm(m["text_" + x])
                        and norm(row["snippet_b"]) in norm(m["text_" + y])):
                    out.append(m)
        return out

    checked = passed = 0
    for row in gold:
        kind = row["kind"]
        if kind not in ("agree", "contradict", "not-contradict"):
            continue
        checked += 1
        found = pairs_with(row)
        if kind == "not-contradict":
            ok = all(m["relation"] != "contradict" for m in found)
        else:
            ok = any(m["relation"] == kind for m in found)
        passed += ok
        if not ok:
            got = ",".join(sorted({m["relation"] for m in found})) or "no match"
            print(f"  FAIL {kind}: {row['snippet_a']!r} / {row['snippet_b']!r} (got {got})")
    print(f"seed-gold (agree, contradict, not-contradict): {passed}/{checked} rows passed")


if __name__ == "__main__":
    main()
