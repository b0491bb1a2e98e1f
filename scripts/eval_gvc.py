#!/usr/bin/env python3
"""GVC (many similar shootings in one mixed set): how often concord joins claims of different
incidents.

    python3 scripts/eval_gvc.py ../shared/datasets/gvc/articles.jsonl MATCHES.csv

Prints, for `agree` and `contradict` rows, how many join articles of different gold incidents
(each one a false alarm or a false corroboration), and the agree rows within one incident.
Targets (issue 13): agree across incidents <= 10% of agree rows, contradict across <= 5%,
>= 20 agree rows within incidents.
"""
import csv
import json
import sys

csv.field_size_limit(1 << 30)


def main():
    articles, matches = sys.argv[1], sys.argv[2]
    incident = {}
    for line in open(articles, encoding="utf-8"):
        r = json.loads(line)
        incident[r["id"]] = r["incident"]
    counts = {}
    for row in csv.DictReader(open(matches, encoding="utf-8", newline="")):
        rel = row["relation"]
        same = incident.get(row["article_a"]) == incident.get(row["article_b"])
        counts.setdefault(rel, [0, 0])[0 if same else 1] += 1
    for rel in ("agree", "contradict", "related"):
        within, across = counts.get(rel, [0, 0])
        total = within + across
        share = across / total if total else 0.0
        print(f"gvc {rel}: {total} rows, {within} within one incident, {across} across incidents ({share:.1%})")


if __name__ == "__main__":
    main()
