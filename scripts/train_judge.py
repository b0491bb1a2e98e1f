#!/usr/bin/env python3
"""Fit concord's learned judge and score model (data/judge/judge.json).

    pip install scikit-learn scipy numpy
    python3 scripts/train_judge.py [--shared ../shared] [--write] [--test]

Features come from the Rust code itself (`cargo run --release -p concord-similarity --example
judge_features`), so training and run time never disagree on what a feature is.

Labelled pairs (agree / contradict / related) and their frozen test parts. Each rule was fixed
before any fitting, and the test parts are scored only with --test (once, at the end):
  - ClaimDiff train (strengthen -> agree, weaken -> contradict, neither -> related):
    test = topics with crc32(topic) % 5 == 0;
  - SNLI dev (entailment -> agree, contradiction -> contradict, neutral -> related):
    test = crc32(pair_id) % 5 == 0;
  - SICK train -> train; SICK trial -> test;
  - MRPC train (1 -> agree, 0 -> related): test = the held-out fold (row index % 5 == 0), the
    fold every earlier score model of concord was kept away from too;
  - news claim pairs labelled by hand (data/judge/news_pairs.tsv, BASIL / ECB+ dev / GVC val):
    the `split` column, frozen when the pairs were sampled (scripts/sample_news_pairs.py:
    crc32 of the set, or of the GVC incident, % 5 == 0), compared as claims of a set.
Dev figures are 5-fold out-of-fold predictions on the train parts (grouped by dataset row
order, fixed seed). The score model (the chance that two texts say the same thing, from the
lexical score and the cosine) is fitted on MRPC train folds 1-4 (paraphrase 0/1) and STS-B
train (gold / 5 as a soft target), and reported on STS-B dev (Spearman) and the MRPC fold.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import zlib

import numpy as np
from scipy.stats import spearmanr
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
CLASSES = ["agree", "contradict", "related"]
# Each dataset's rows together weigh this much in the fit (news pairs are the target domain).
DATASET_WEIGHT = {"claimdiff": 1.0, "snli": 1.0, "sick": 1.0, "mrpc": 1.0, "news": 2.0}
C = 1.0
SEED = 0
# A one-situation pair is called `contradict` on its probability alone (reason: its wording)
# only where SNLI dev precision stays at or above this.
PAIR_CONTRADICT_PRECISION = 0.90

csv.field_size_limit(1 << 30)


def crc(s):
    return zlib.crc32(s.encode("utf-8"))


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            cells = line.rstrip("\n").split("\t")
            yield dict(zip(header, cells))


def load(shared):
    """[(dataset, split, label, a, b, as_set)]"""
    d = os.path.join(shared, "datasets")
    rows = []
    mapping = {"strengthen": "agree", "weaken": "contradict", "neither": "related"}
    for r in read_tsv(os.path.join(d, "claimdiff/train.tsv")):
        split = "test" if crc(r["topic"]) % 5 == 0 else "train"
        # Judged as `concord pairs` judges them (one situation), the way they are measured.
        rows.append(("claimdiff", split, mapping[r["label"]], r["claim_a"], r["claim_b"], False))
    nli = {"entailment": "agree", "contradiction": "contradict", "neutral": "related"}
    for r in read_tsv(os.path.join(d, "nli/snli_dev.tsv")):
        if r["label"] not in nli:
            continue
        split = "test" if crc(r["pair_id"]) % 5 == 0 else "train"
        rows.append(("snli", split, nli[r["label"]], r["premise"], r["hypothesis"], False))
    for name, split in [("sick_train", "train"), ("sick_trial", "test")]:
        for r in read_tsv(os.path.join(d, f"nli/{name}.tsv")):
            lab = r["label"].lower()
            if lab in nli:
                rows.append(("sick", split, nli[lab], r["premise"], r["hypothesis"], False))
    for i, r in enumerate(read_tsv(os.path.join(d, "mrpc/train.tsv"))):
        split = "test" if i % 5 == 0 else "train"
        rows.append(("mrpc", split, "agree" if r["label"] == "1" else "related", r["s1"], r["s2"], False))
    for r in read_tsv(os.path.join(ROOT, "data/judge/news_pairs.tsv")):
        rows.append(("news", r["split"], r["label"], r["text_a"], r["text_b"], True))
    return rows


def features(binary, pairs, as_set):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "pairs.tsv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("a\tb\n")
            for a, b in pairs:
                f.write(a.replace("\t", " ") + "\t" + b.replace("\t", " ") + "\n")
        cmd = [binary, path, "a", "b"] + (["--set"] if as_set else [])
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.splitlines()
    names = out[0].split("\t")[:-1]
    X = np.array([[float(x) for x in l.split("\t")[:-1]] for l in out[1:]], dtype=np.float64)
    reasons = [l.split("\t")[-1] for l in out[1:]]
    return names, X, reasons


TREES = 150
DEPTH = 3
LEARNING_RATE = 0.1


def fit(X, y, w):
    model = GradientBoostingClassifier(n_estimators=TREES, max_depth=DEPTH, learning_rate=LEARNING_RATE,
                                       subsample=0.8, random_state=SEED)
    model.fit(X.astype(np.float32), y, sample_weight=w)
    return model


def proba(model, X):
    P = model.predict_proba(X.astype(np.float32))
    return P[:, [list(model.classes_).index(c) for c in CLASSES]]


def export_trees(model):
    order = [list(model.classes_).index(c) for c in CLASSES]
    stages = []
    for stage in model.estimators_:
        trees = []
        for k in order:
            t = stage[k].tree_
            trees.append({
                "feature": [int(max(f, 0)) for f in t.feature],
                "threshold": [float(v) for v in t.threshold],
                "left": [int(v) for v in t.children_left],
                "right": [int(v) for v in t.children_right],
                "value": [float(v) for v in t.value[:, 0, 0]],
            })
        stages.append(trees)
    init = model._raw_predict_init(np.zeros((1, model.n_features_in_), dtype=np.float32))[0]
    return [float(init[k]) for k in order], stages


FIGURES_DIFFER = None  # column of the figures_differ feature, set in main()


def decide(P, reasons, as_set, set_agree_min=0.0, set_contradict_min=0.0, figures=None, pair_contradict_min=2.0):
    """The Rust judge's decision (judge.rs `decide`) on class probabilities. Claims of a set
    must also reach `set_agree_min` / `set_contradict_min` (a reader is shown a set's agree and
    contradict rows as findings: they are held to a precision, tuned on the news dev pairs).
    A pair given as one situation may be called `contradict` without a detector's reason (the
    reason is then its wording) from `pair_contradict_min` on."""
    out = []
    if figures is None:
        figures = np.zeros(len(P))
    for p, r, s, f in zip(P, reasons, as_set, figures):
        a, c, rel = p
        if c > a and c > rel and (not s or c >= set_contradict_min):
            out.append("contradict" if r or (not s and c >= pair_contradict_min) else "related")
        elif a > rel and a > c and (not s or a >= set_agree_min) and not f:
            out.append("agree")
        else:
            out.append("related")
    return np.array(out)


def report(name, gold, pred):
    gold, pred = np.asarray(gold), np.asarray(pred)
    line = [f"{name:<16} n={len(gold):5d} acc={np.mean(gold == pred):.3f}"]
    f1s = []
    for c in CLASSES:
        tp = np.sum((pred == c) & (gold == c))
        p = tp / max(1, np.sum(pred == c))
        r = tp / max(1, np.sum(gold == c))
        f = 2 * p * r / max(1e-9, p + r)
        if np.sum(gold == c):
            f1s.append(f)
        line.append(f"{c[:5]} P={p:.3f} R={r:.3f} F1={f:.3f}")
    line.append(f"macroF1={np.mean(f1s):.3f}")
    if not np.any(gold == "contradict"):
        # Binary view (MRPC): agree vs not.
        tp = np.sum((pred == "agree") & (gold == "agree"))
        p = tp / max(1, np.sum(pred == "agree"))
        r = tp / max(1, np.sum(gold == "agree"))
        line.append(f"binary acc={np.mean((pred == 'agree') == (gold == 'agree')):.3f} F1={2*p*r/max(1e-9,p+r):.3f}")
    print("  ".join(line))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--binary", help="judge_features binary (else built with cargo)")
    ap.add_argument("--write", action="store_true", help="write data/judge/judge.json")
    ap.add_argument("--cache", help="keep the features in this .npz between runs (same binary only)")
    ap.add_argument("--test", action="store_true", help="also score the frozen test parts (once, at the end)")
    args = ap.parse_args()
    binary = args.binary
    if not binary:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "concord-similarity", "--example", "judge_features"],
                       cwd=ROOT, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        binary = os.path.join(target, "release", "examples", "judge_features")
    rows = load(args.shared)
    X = np.zeros((len(rows), 0))
    reasons = [""] * len(rows)
    names = None
    cache = args.cache and os.path.exists(args.cache) and np.load(args.cache, allow_pickle=True)
    if cache is not False and cache is not None and len(cache["X"]) == len(rows):
        X, reasons, names = cache["X"], list(cache["reasons"]), list(cache["names"])
    else:
        for as_set in (False, True):
            idx = [i for i, r in enumerate(rows) if r[5] == as_set]
            names, Xi, ri = features(binary, [(rows[i][3], rows[i][4]) for i in idx], as_set)
            if X.shape[1] == 0:
                X = np.zeros((len(rows), Xi.shape[1]))
            X[idx] = Xi
            for k, i in enumerate(idx):
                reasons[i] = ri[k]
        if args.cache:
            np.savez(args.cache, X=X, reasons=np.array(reasons), names=np.array(names))
    ds = np.array([r[0] for r in rows])
    split = np.array([r[1] for r in rows])
    y = np.array([r[2] for r in rows])
    w = np.array([DATASET_WEIGHT[d] * 1000.0 / np.sum((ds == d) & (split == "train")) for d in ds])
    reasons = np.array(reasons)
    train = split == "train"
    as_set = np.array([r[5] for r in rows])

    # Score model: the lexical score and the cosine -> same meaning.
    li, ci = names.index("lexical"), names.index("cosine")
    def score_x(Z):
        return np.column_stack([Z[:, li], Z[:, ci], Z[:, li] * Z[:, ci]])
    mrpc_tr = train & (ds == "mrpc")
    sts = list(read_tsv(os.path.join(args.shared, "datasets/stsb/train.tsv")))
    sts_dev = list(read_tsv(os.path.join(args.shared, "datasets/stsb/dev.tsv")))
    _, Xs, _ = features(binary, [(r["s1"], r["s2"]) for r in sts], False)
    _, Xd, _ = features(binary, [(r["s1"], r["s2"]) for r in sts_dev], False)
    gs = np.array([float(r["score"]) / 5 for r in sts])
    Xsc = np.vstack([score_x(X[mrpc_tr]), score_x(Xs), score_x(Xs)])
    ysc = np.concatenate([(y[mrpc_tr] == "agree").astype(int), np.ones(len(gs)), np.zeros(len(gs))])
    wsc = np.concatenate([np.ones(mrpc_tr.sum()), gs, 1 - gs])
    sm = LogisticRegression(C=100.0, max_iter=2000).fit(Xsc, ysc, sample_weight=wsc)
    score_w = [float(sm.intercept_[0])] + [float(v) for v in sm.coef_[0]]
    rho = spearmanr(sm.predict_proba(score_x(Xd))[:, 1], [float(r["score"]) for r in sts_dev]).correlation
    rho_cos = spearmanr(Xd[:, ci], [float(r["score"]) for r in sts_dev]).correlation
    print(f"score model {np.round(score_w, 3).tolist()}: STS-B dev Spearman {rho:.4f} (cosine alone {rho_cos:.4f})")

    # Judge: out-of-fold on the train parts (dev), then fit on all train parts.
    Xt, yt, wt = X[train], y[train], w[train]
    oof = np.zeros((train.sum(), 3))
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    strata = np.char.add(ds[train], yt)
    for tr, te in skf.split(Xt, strata):
        oof[te] = proba(fit(Xt[tr], yt[tr], wt[tr]), Xt[te])
    as_set = np.array([r[5] for r in rows])
    fd = X[:, names.index("figures_differ")] > 0.5
    # Set-mode thresholds: the lowest that keeps news dev precision >= TARGET_PRECISION.
    news = ds[train] == "news"
    def best_min(cls, target):
        for t in np.arange(0.30, 0.96, 0.01):
            p = decide(oof[news], reasons[train][news], as_set[train][news],
                       t if cls == "agree" else 0.0, t if cls == "contradict" else 0.0, fd[train][news])
            sel = p == cls
            if sel.sum() and np.mean(yt[news][sel] == cls) >= target:
                return float(round(t, 2))
        return 0.95
    # Agree: the held-out aim, 0.85. Contradict: the aim 0.70 less the noise of the ~25 news dev
    # pairs called contradict (one pair moves their precision by 0.04).
    agree_min, contradict_min = best_min("agree", 0.85), best_min("contradict", 0.65)
    print(f"set thresholds (news dev): agree >= {agree_min}, contradict >= {contradict_min}")
    snli = ds[train] == "snli"
    pair_min = 2.0
    for t in np.arange(0.34, 1.0, 0.01):
        p = decide(oof[snli], reasons[train][snli], as_set[train][snli], pair_contradict_min=t)
        sel = p == "contradict"
        if sel.sum() and np.mean(yt[snli][sel] == "contradict") >= PAIR_CONTRADICT_PRECISION:
            pair_min = float(round(t, 2))
            break
    print(f"pair threshold (SNLI dev): contradict on the wording from {pair_min}")
    pred = decide(oof, reasons[train], as_set[train], agree_min, contradict_min, fd[train], pair_min)
    print("dev (5-fold out-of-fold on the train parts):")
    for d in DATASET_WEIGHT:
        sel = ds[train] == d
        report(d, yt[sel], pred[sel])
    model = fit(Xt, yt, wt)
    imp = sorted(zip(model.feature_importances_, names), reverse=True)
    print("feature importance: " + ", ".join(f"{n} {v:.3f}" for v, n in imp))
    init, stages = export_trees(model)
    if args.test:
        P = proba(model, X[~train])
        pred = decide(P, reasons[~train], as_set[~train], agree_min, contradict_min, fd[~train], pair_min)
        print("test (frozen parts, reported once):")
        for d in DATASET_WEIGHT:
            sel = ds[~train] == d
            report(d, y[~train][sel], pred[sel])
    if args.write:
        out = {
            "features": names,
            "score": score_w,
            "init": init,
            "learning_rate": LEARNING_RATE,
            "trees": stages,
            "set_agree_min": agree_min,
            "set_contradict_min": contradict_min,
            "pair_contradict_min": pair_min,
        }
        with open(os.path.join(ROOT, "data/judge/judge.json"), "w") as f:
            json.dump(out, f, separators=(",", ":"))
            f.write("\n")
        print("wrote data/judge/judge.json")


if __name__ == "__main__":
    main()
