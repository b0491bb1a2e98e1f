#!/usr/bin/env python3
"""Figures from `concord pairs` outputs (TSV, no quoting: split on TAB only).

    eval_pairs.py [--mrpc OUT] [--stsb OUT] [--snli OUT] [--floors K=V,...]

--mrpc: output on MRPC train; only the held-out fold (0-based row index % 5 == 0, never used to
        fit the score model, see scripts/train_score.py) is scored. Paraphrase = relation agree;
        also shown: score >= the model's tuned threshold (--agree-threshold).
--mrpc-peers TRAIN: also score the lexical peers of the issue's table on the same held-out fold of
        MRPC train (word-set Jaccard, TF-IDF cosine, always "paraphrase"; each threshold fitted on
        the four other folds), so the fold's difficulty is visible: the figures of the peers on the
        test split are not comparable with a figure on one fold of train.
--stsb: output on STS-B dev: Spearman of score vs gold.
--snli: output on SNLI dev (--cols premise,hypothesis): contradiction precision / recall
        (relation == contradict).
--floors: e.g. mrpc_acc=70,stsb=0.8: exit 1 when a figure is below its floor.
"""
import argparse
import collections
import math
import re
import sys


def read(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [line.rstrip("\n").split("\t") for line in f]
    return header, rows


def col(header, rows, name):
    # concord appends score, relation, reason as the last three columns; an input column of the
    # same name (STS-B's gold "score") comes first.
    added = {"score": -3, "relation": -2, "reason": -1}
    if name in added:
        return [r[len(header) + added[name]] for r in rows]
    i = header.index(name)
    return [r[i] for r in rows]


def spearman(x, y):
    def ranks(v):
        order = sorted(range(len(v)), key=lambda i: v[i])
        r = [0.0] * len(v)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2.0
            i = j + 1
        return r

    rx, ry = ranks(x), ranks(y)
    n = len(x)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def prf(pred, gold):
    tp = sum(p and g for p, g in zip(pred, gold))
    p = tp / sum(pred) if sum(pred) else 0.0
    r = tp / sum(gold) if sum(gold) else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    acc = sum(p_ == g for p_, g in zip(pred, gold)) / len(gold)
    return acc, p, r, f


def words(s):
    return re.findall(r"\w+", s.lower())


def mrpc_peers(train_path):
    """Accuracy and F1 of lexical peers on the held-out fold (row % 5 == 0) of MRPC train, each
    thresholded at the accuracy-best cut of the other four folds."""
    with open(train_path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [line.rstrip("\n").split("\t") for line in f]
    li, ai, bi = header.index("label"), header.index("s1"), header.index("s2")
    gold = [r[li] == "1" for r in rows]
    held = [i % 5 == 0 for i in range(len(rows))]
    toks = [(words(r[ai]), words(r[bi])) for r in rows]

    def jaccard(a, b):
        a, b = set(a), set(b)
        return len(a & b) / len(a | b) if a | b else 0.0

    # TF-IDF cosine with IDF over the sentences of the four training folds (sublinear tf off).
    df = collections.Counter()
    n_docs = 0
    for (a, b), h in zip(toks, held):
        if not h:
            for s in (a, b):
                df.update(set(s))
                n_docs += 1

    def tfidf(s):
        tf = collections.Counter(s)
        return {w: c * (math.log((1 + n_docs) / (1 + df[w])) + 1) for w, c in tf.items()}

    def cosine(a, b):
        va, vb = tfidf(a), tfidf(b)
        dot = sum(v * vb.get(w, 0.0) for w, v in va.items())
        na = math.sqrt(sum(v * v for v in va.values()))
        nb = math.sqrt(sum(v * v for v in vb.values()))
        return dot / (na * nb) if na and nb else 0.0

    out = []
    for name, fn in (("word-set Jaccard", jaccard), ("TF-IDF cosine", cosine)):
        scores = [fn(a, b) for a, b in toks]
        train = [(s, g) for s, g, h in zip(scores, gold, held) if not h]
        cut = max((t / 100 for t in range(101)),
                  key=lambda t: sum((s >= t) == g for s, g in train))
        pred = [s >= cut for s, h in zip(scores, held) if h]
        acc, _p, _r, f1 = prf(pred, [g for g, h in zip(gold, held) if h])
        out.append((f"{name} >= {cut:.2f}", acc, f1))
    fold_gold = [g for g, h in zip(gold, held) if h]
    acc, _p, _r, f1 = prf([True] * len(fold_gold), fold_gold)
    out.append(("always paraphrase", acc, f1))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mrpc")
    ap.add_argument("--mrpc-all-rows-held-out", action="store_true",
                    help="the MRPC file holds only held-out rows already")
    ap.add_argument("--mrpc-peers", metavar="TRAIN")
    ap.add_argument("--stsb")
    ap.add_argument("--snli")
    ap.add_argument("--agree-threshold", type=float)
    ap.add_argument("--floors", default="")
    args = ap.parse_args()
    figures = {}

    if args.mrpc:
        h, rows = read(args.mrpc)
        if not args.mrpc_all_rows_held_out:
            rows = [r for i, r in enumerate(rows) if i % 5 == 0]
        gold = [x == "1" for x in col(h, rows, "label")]
        pred = [x == "agree" for x in col(h, rows, "relation")]
        acc, _p, _r, f1 = prf(pred, gold)
        figures["mrpc_acc"], figures["mrpc_f1"] = acc * 100, f1 * 100
        print(f"MRPC train held-out fold ({len(rows)} pairs), relation == agree: "
              f"accuracy {acc * 100:.1f}  F1 {f1 * 100:.1f}")
        if args.agree_threshold is not None:
            scores = [float(x) for x in col(h, rows, "score")]
            acc, _p, _r, f1 = prf([s >= args.agree_threshold for s in scores], gold)
            print(f"  (diagnostic) score >= {args.agree_threshold}: accuracy {acc * 100:.1f}  F1 {f1 * 100:.1f}")

    if args.mrpc_peers:
        for name, acc, f1 in mrpc_peers(args.mrpc_peers):
            print(f"  peer on the same fold, {name}: accuracy {acc * 100:.1f}  F1 {f1 * 100:.1f}")

    if args.stsb:
        h, rows = read(args.stsb)
        rho = spearman([float(x) for x in col(h, rows, "score")],
                       [float(r[h.index("score")]) for r in rows])
        figures["stsb"] = rho
        print(f"STS-B dev ({len(rows)} pairs): Spearman {rho:.4f}")

    if args.snli:
        h, rows = read(args.snli)
        gold = [x == "contradiction" for x in col(h, rows, "label")]
        pred = [x == "contradict" for x in col(h, rows, "relation")]
        _acc, p, r, _f = prf(pred, gold)
        figures["snli_p"], figures["snli_r"] = p, r
        print(f"SNLI dev ({len(rows)} pairs): contradiction precision {p:.3f}  recall {r:.3f}  "
              f"({sum(pred)} predicted, {sum(gold)} gold)")

    failed = []
    for item in filter(None, args.floors.split(",")):
        k, v = item.split("=")
        if k in figures and figures[k] < float(v):
            failed.append(f"{k} {figures[k]:.4f} < floor {v}")
    for f in failed:
        print("BELOW FLOOR:", f)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
