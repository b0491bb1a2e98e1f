#!/usr/bin/env python3
"""Sample cross-article claim pairs from real story sets for hand labelling (the judge's news
training and test pairs, tests/data/judge/news_pairs.tsv).

    python3 scripts/sample_news_pairs.py --runs RUN_DIR... --embed EMBED_BIN --out pairs.tsv

RUN_DIR holds `concord batch` output (one folder per set with claims.csv and matches.csv).
Candidates: every matches.csv row (the lexical candidates) and each claim's three nearest
claims of other articles by encoder cosine (paraphrases that share few words). Sampled per
stratum with a fixed seed. The split is frozen here, before any labelling or tuning, by a fixed
rule: a pair is `test` when crc32 of its group % 5 == 0, the group being the set name (BASIL,
ECB+) or, in a mixed set with gold incidents (GVC), the incident of the pair's first article.
"""
import argparse
import csv
import glob
import json
import os
import random
import subprocess
import sys
import tempfile
import zlib

import numpy as np

csv.field_size_limit(1 << 30)


def split_of(group):
    return "test" if zlib.crc32(group.encode()) % 5 == 0 else "train"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", nargs="+", required=True)
    ap.add_argument("--embed", required=True)
    ap.add_argument("--incidents", help="JSONL with id and incident (GVC)")
    ap.add_argument("--per-set", type=int, default=8)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--quota", help='JSON {"kind/band": pairs per set} replacing the default quota, '
                    'e.g. {"neighbour/hi": 4} (kinds: agree, contradict, related, neighbour; bands: hi, mid, lo)')
    ap.add_argument("--quota-scale", type=int, default=1, help="multiply each stratum's quota (one large mixed set)")
    args = ap.parse_args()
    incident = {}
    if args.incidents:
        for line in open(args.incidents, encoding="utf-8"):
            r = json.loads(line)
            incident[r["id"]] = str(r.get("incident", ""))
    rng = random.Random(args.seed)
    rows = []
    for run in args.runs:
        for setdir in sorted(glob.glob(os.path.join(run, "*/"))):
            name = os.path.basename(setdir.rstrip("/"))
            claims_path = os.path.join(setdir, "claims.csv")
            if not os.path.exists(claims_path):
                continue
            claims = list(csv.DictReader(open(claims_path, encoding="utf-8", newline="")))
            by_id = {c["claim_id"]: c for c in claims}
            candidates = {}
            for m in csv.DictReader(open(os.path.join(setdir, "matches.csv"), encoding="utf-8", newline="")):
                key = (m["claim_a"], m["claim_b"])
                candidates[key] = ("lexical:" + m["relation"], float(m["score"]))
            # Encoder neighbours.
            with tempfile.TemporaryDirectory() as tmp:
                src = os.path.join(tmp, "in.txt")
                with open(src, "w", encoding="utf-8") as f:
                    for c in claims:
                        f.write(c["text"].replace("\n", " ").replace("\r", " ") + "\n")
                subprocess.run([args.embed, src, os.path.join(tmp, "v.f32")], check=True)
                V = np.fromfile(os.path.join(tmp, "v.f32"), dtype="<f4").reshape(len(claims), 384)
            S = V @ V.T
            arts = np.array([c["article"] for c in claims])
            cos = {}
            for i in range(len(claims)):
                s = S[i].copy()
                s[arts == arts[i]] = -2
                for j in np.argsort(-s)[:3]:
                    a, b = sorted([claims[i]["claim_id"], claims[j]["claim_id"]])
                    candidates.setdefault((a, b), ("neighbour", 0.0))
            index = {c["claim_id"]: k for k, c in enumerate(claims)}
            strata = {}
            for (a, b), (kind, score) in candidates.items():
                if a not in by_id or b not in by_id:
                    continue
                c = float(S[index[a], index[b]])
                band = "hi" if c >= 0.7 else "mid" if c >= 0.5 else "lo"
                strata.setdefault((kind.split(":")[-1] if kind != "neighbour" else "neighbour", band), []).append((a, b, kind, score, c))
            # Per set: draw evenly from strata, high-cosine and rule-labelled ones first.
            order = sorted(strata)
            for k in order:
                rng.shuffle(strata[k])
            picked = []
            quota = {("agree", "hi"): 2, ("agree", "mid"): 1, ("contradict", "hi"): 9, ("contradict", "mid"): 9,
                     ("contradict", "lo"): 9, ("neighbour", "hi"): 2, ("neighbour", "mid"): 2, ("related", "hi"): 1,
                     ("related", "mid"): 1, ("related", "lo"): 1, ("neighbour", "lo"): 0, ("agree", "lo"): 1}
            if args.quota:
                quota = {tuple(k.split("/")): v for k, v in json.loads(args.quota).items()}
            for k in order:
                picked += strata[k][: quota.get(k, 0) * args.quota_scale]
            picked = picked[: max(args.per_set, sum(1 for p in picked if p[2].endswith("contradict")))]
            for a, b, kind, score, c in picked:
                ca, cb = by_id[a], by_id[b]
                group = name
                if incident:
                    group = name + "/" + incident.get(ca["article"], "")
                rows.append({
                    "pair_id": f"{name}|{a}|{b}", "split": split_of(group), "set": name,
                    "article_a": ca["article"], "article_b": cb["article"],
                    "source_a": ca["source"], "source_b": cb["source"],
                    "text_a": ca["text"], "text_b": cb["text"],
                    "candidate": kind, "old_score": f"{score:.3f}", "cosine": f"{c:.3f}",
                    "incident_a": incident.get(ca["article"], ""), "incident_b": incident.get(cb["article"], ""),
                })
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writeheader()
        for r in rows:
            w.writerow({k: str(v).replace("\t", " ").replace("\n", " ") for k, v in r.items()})
    print(f"{len(rows)} pairs -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
