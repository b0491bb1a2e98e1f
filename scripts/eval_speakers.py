#!/usr/bin/env python3
"""Speaker attribution on BASIL dev: does the claim holding each annotated quote name its speaker?

Runs `concord claims --format jsonl` on ../shared/datasets/basil/articles.jsonl and, for every
row of quotes.tsv (BASIL's annotated quote spans with their speakers), finds the claim whose
character span overlaps the quote most and compares its `speaker` with the annotated one.

- Direct quotes: the annotated span lies inside quotation marks in its paragraph (straight or
  curly quotes, counted from the paragraph start; a paragraph that opens a quote without closing
  it carries the quote on, as news style does). Indirect: every other row (paraphrase, reported
  speech, the writer's words that BASIL marked with a speaker).
- Speakers: BASIL names people (`Donald_Trump`) and groups (`House_Democrats`,
  `Obama_campaign`); `other_pro` / `other_anti` / `other_neutral` / `speaker` name nobody and
  are left out of the scores (counted apart).
- A name matches after alias resolution: both sides lower-cased and split into words, titles and
  possessives dropped; a match when the surname (last word) of a person is shared ("Trump" for
  Donald_Trump, "Netanyahu" for Bibi_Netanyahu), or, for a group, when a content word is shared
  up to its stem ("Democrats" for Democratic_lawmakers, "Obama" for Obama_campaign).
- recall = right speaker / scored quotes; precision = right speaker / scored quotes whose claim
  has a speaker at all. Accuracy on direct quotes is their recall.

Usage: scripts/eval_speakers.py [--concord PATH] [--shared DIR] [--show N] [--misses FILE]
                               [--floor R]
--floor R: exit 1 when the recall on direct quotes of named people falls below R (CI).
"""
import argparse
import collections
import json
import os
import subprocess
import sys

NOBODY = {"other_pro", "other_anti", "other_neutral", "speaker"}
# Words of group labels that say what kind of group, not which one.
GROUP_WORDS = {
    "lawmakers", "officials", "members", "committee", "campaign", "and", "of", "the",
    "companies", "house", "state", "department", "gop", "party",
}
TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "jr", "sr"}
KINDS = ("direct person", "direct group", "indirect person", "indirect group")


def words(name):
    out = []
    for w in name.replace("_", " ").replace("-", " ").split():
        w = w.lower().strip(".,'\u2019\"")
        if w.endswith("'s") or w.endswith("\u2019s"):
            w = w[:-2]
        if w and w not in TITLES:
            out.append(w)
    return out


def stem(w):
    return w[:6]


def is_person(gold):
    ws = gold.split("_")
    return len(ws) >= 2 and all(w[:1].isupper() for w in ws) and not any(
        w.lower() in GROUP_WORDS | {"democrats", "republicans", "democratic", "republican"}
        for w in ws
    )


def matches(gold, speaker):
    if not speaker:
        return False
    g, s = words(gold), words(speaker)
    if not g or not s:
        return False
    if is_person(gold):
        surname = g[-1] if g[-1] not in ("jr", "sr") else g[-2]
        return surname in s
    content = {stem(w) for w in g if w not in GROUP_WORDS}
    if not content:
        content = {stem(w) for w in g}
    return bool(content & {stem(w) for w in s})


PARTY = {
    # (tags right after the name, words right before it)
    "democrat": ((", D-", "(D-", " D-"), ("Democratic ", "Democrat ")),
    "republican": ((", R-", "(R-", " R-"), ("Republican ", "GOP ")),
}


def member_of(gold, speaker, text):
    """Whether the article describes `speaker` (a name) as one of the group `gold` names,
    right beside a mention of the name: a party tag after it or a party word before it
    ("Rep. Gregory Meeks, D-N.Y.", "Republican Rep. Trey Gowdy"), or the group's own words
    ("Lis Smith, a spokeswoman for the Obama campaign", "NAACP President Benjamin Jealous")."""
    if not speaker or not speaker[:1].isupper():
        return False
    surname = words(speaker)[-1:]
    if not surname:
        return False
    g = words(gold)
    party = None
    if any(w.startswith("democrat") for w in g):
        party = "democrat"
    elif any(w.startswith("republican") or w == "gop" for w in g):
        party = "republican"
    group = " ".join(w for w in gold.split("_") if w.lower() not in GROUP_WORDS - {"party"})
    low = text.lower()
    name = surname[0]
    at = low.find(name)
    while at >= 0:
        before = text[max(0, at - 40): at]
        after = text[at + len(name): at + len(name) + 60]
        if party:
            tags, prefixes = PARTY[party]
            if any(after.startswith(t) or after[:25].find(t) >= 0 for t in tags) or any(
                p in before for p in prefixes
            ):
                return True
        elif group and (group.lower() in before.lower() or group.lower() in after.lower()):
            return True
        at = low.find(name, at + 1)
    return False


def inside_quotes(text, start, end):
    """Whether [start, end) lies inside quotation marks within its paragraph."""
    para = text.rfind("\n", 0, start) + 1
    depth = 0
    straight = 0
    for c in text[para:start]:
        if c == "\u201c":
            depth += 1
        elif c == "\u201d":
            depth = max(0, depth - 1)
        elif c == '"':
            straight ^= 1
    if depth > 0 or straight:
        return True
    span = text[start:end].strip()
    return span[:1] in ('"', "\u201c") or span[-1:] in ('"', "\u201d")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--concord", default=os.environ.get("CONCORD", "target/release/concord"))
    ap.add_argument("--shared", default=os.environ.get("SHARED", os.path.join(root, "..", "shared")))
    ap.add_argument("--show", type=int, default=0, help="print N misses of each kind")
    ap.add_argument("--misses", help="write every scored row with its verdict (TSV)")
    ap.add_argument("--floor", type=float, help="least recall on direct person quotes")
    args = ap.parse_args()
    basil = os.path.join(args.shared, "datasets", "basil")
    articles_path = os.path.join(basil, "articles.jsonl")
    texts = {}
    with open(articles_path, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            texts[a["id"]] = a["text"]
    out = subprocess.run(
        [args.concord, "claims", articles_path, "--format", "jsonl"],
        check=True, capture_output=True, text=True,
    ).stdout
    claims = collections.defaultdict(list)
    for line in out.splitlines():
        c = json.loads(line)
        claims[c["article"]].append(c)
    stats = collections.Counter()
    rows_out = []
    with open(os.path.join(basil, "quotes.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            art, start, end = row["article_id"], int(row["start"]), int(row["end"])
            text = texts[art]
            kind = "direct" if inside_quotes(text, start, end) else "indirect"
            gold = row["speaker"]
            if gold not in NOBODY:
                kind += " person" if is_person(gold) else " group"
            if gold in NOBODY:
                stats[kind, "nobody"] += 1
                continue
            best, overlap = None, 0
            for c in claims.get(art, []):
                o = min(end, c["end"]) - max(start, c["start"])
                if o > overlap:
                    best, overlap = c, o
            speaker = best["speaker"] if best else None
            ok = matches(gold, speaker)
            member = ok or (kind.endswith("group") and member_of(gold, speaker, text))
            stats[kind, "member"] += member
            stats[kind, "scored"] += 1
            stats[kind, "with_speaker"] += speaker is not None
            stats[kind, "right"] += ok
            stats[kind, "no_claim"] += best is None
            verdict = "right" if ok else ("none" if speaker is None else "wrong")
            rows_out.append((kind, verdict, art, start, gold, speaker or "", row["quote"],
                             best["text"] if best else ""))
    print(f"BASIL dev speaker attribution ({len(texts)} articles, concord {args.concord})")
    for kind in KINDS:
        n, w, r = stats[kind, "scored"], stats[kind, "with_speaker"], stats[kind, "right"]
        p = r / w if w else 0.0
        rec = r / n if n else 0.0
        f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
        print(f"  {kind:15}: {n} quotes; "
              f"{w} got a speaker, {r} right, {stats[kind, 'no_claim']} in no claim: "
              f"precision {p:.3f} recall {rec:.3f} F1 {f1:.3f}")
        if kind.endswith("group") and n:
            m = stats[kind, "member"]
            print(f"  {'':15}  with members resolved (the article names the speaker one of the "
                  f"group: party tag, the group's words beside the name): {m} right, "
                  f"precision {m / w if w else 0:.3f} recall {m / n:.3f}")
    for kind in ("direct", "indirect"):
        print(f"  {kind:15}: {stats[kind, 'nobody']} quotes whose speaker BASIL does not name "
              "(other_pro/anti/neutral), left out")
    if args.misses:
        with open(args.misses, "w", encoding="utf-8") as f:
            f.write("kind\tverdict\tarticle\tstart\tgold\tspeaker\tquote\tclaim\n")
            for r in rows_out:
                f.write("\t".join(str(x).replace("\t", " ").replace("\n", " ") for x in r) + "\n")
    if args.floor is not None:
        n = stats["direct person", "scored"]
        recall = stats["direct person", "right"] / n if n else 0.0
        if recall < args.floor:
            print(f"eval_speakers: direct person recall {recall:.3f} below the floor {args.floor}",
                  file=sys.stderr)
            return 1
    if args.show:
        for kind in KINDS:
            shown = 0
            for r in rows_out:
                if r[0] == kind and r[1] != "right" and shown < args.show:
                    shown += 1
                    print(f"[{kind} {r[1]}] {r[2]}@{r[3]} gold={r[4]} got={r[5]!r}\n    {r[7][:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
