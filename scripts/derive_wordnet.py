#!/usr/bin/env python3
"""Derive concord's compact lexicon tables from WordNet 3.0 (Debian package `wordnet-base`).

    apt-get install -y wordnet-base
    python3 scripts/derive_wordnet.py [--wordnet /usr/share/wordnet] [--out data/lexicon]

Writes (deterministically, sorted):
  concepts.tsv  word <TAB> comma-separated concept ids
                A concept is a WordNet synset renumbered densely. A word lists, for each part of
                speech, the synsets of its most frequent senses (WordNet orders senses by tagged
                frequency), plus the synsets they lead to through the pointers that keep meaning:
                the head of a satellite adjective (`&`: prepared/ready -> willing), "also see"
                between adjectives (`^`: ready -> prepared, willing) and derivationally related
                forms (`+`: readiness -> ready, negotiate -> negotiation = talks). Two words that
                share a concept are treated as near-synonyms by the scorer.
  antonyms.tsv  word <TAB> word   direct (lexical) antonym pairs, both orders, single words.
  morph.tsv     inflected <TAB> lemma   WordNet's exception lists (*.exc), e.g. "went -> go".
  places.tsv    Name <TAB> its place ids <TAB> the ids of the places that contain it
                Proper names of noun.location synsets (lexicographer file 15) and the transitive
                closure of their part holonyms (`#p`: Baghdad -> Iraq -> Asia), so that "in
                Baghdad" and "in Iraq" are not told apart as different places. Ids are synsets
                renumbered densely; a name of several places (Georgia) lists them all.
  LICENSE-WordNet  WordNet 3.0's licence notice, which must travel with the derived tables.
Only single-word, lower-case, alphabetic lemmas are kept (multi-word expressions cannot match a
token); words that no tagged corpus sense attests (cntlist.rev) and no derivation reaches are
dropped to keep the table small.
"""
import argparse
import os
import re
from collections import defaultdict

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SENSES_PER_POS = 3
WORD_RE = re.compile(r"^[a-z][a-z'-]*[a-z]$")

LICENSE = """WordNet Release 3.0

This software and database is being provided to you, the LICENSEE, by
Princeton University under the following license.  By obtaining, using
and/or copying this software and database, you agree that you have
read, understood, and will comply with these terms and conditions.:

Permission to use, copy, modify and distribute this software and
database and its documentation for any purpose and without fee or
royalty is hereby granted, provided that you agree to comply with
the following copyright notice and statements, including the disclaimer,
and that the same appear on ALL copies of the software, database and
documentation, including modifications that you make for internal
use or for distribution.

WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.

THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON
UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR
IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON
UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT-
ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE
OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT
INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR
OTHER RIGHTS.

The name of Princeton University or Princeton may not be used in
advertising or publicity pertaining to distribution of the software
and/or database.  Title to copyright in this software, database and
any associated documentation shall at all times remain with
Princeton University and LICENSEE agrees to preserve same.

---
The tables in this folder (concepts.tsv, antonyms.tsv, morph.tsv) are derived from WordNet 3.0
by scripts/derive_wordnet.py in this repository.
"""


def clean_lemma(w):
    # Adjective markers such as "ready(a)"; lemmas are stored with underscores for spaces.
    return re.sub(r"\(.*\)$", "", w).lower()


def read_synsets(wn):
    """(pos_char, offset) -> (ss_type, [words], [(symbol, (pos, offset), src, dst)])"""
    synsets = {}
    for pos, name in POS_FILES.items():
        with open(os.path.join(wn, "data." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue  # licence header
                head = line.split(" | ")[0].split()
                offset, ss_type = head[0], head[2]
                w_cnt = int(head[3], 16)
                words = [clean_lemma(head[4 + 2 * i]) for i in range(w_cnt)]
                i = 4 + 2 * w_cnt
                p_cnt = int(head[i])
                ptrs = []
                for k in range(p_cnt):
                    sym, off, p, st = head[i + 1 + 4 * k : i + 5 + 4 * k]
                    p = "a" if p == "s" else p
                    ptrs.append((sym, (p, off), int(st[:2], 16), int(st[2:], 16)))
                synsets[(pos, offset)] = (ss_type, words, ptrs)
    return synsets


def read_index(wn):
    """word -> {pos: [offsets in sense order]}"""
    index = defaultdict(dict)
    for pos, name in POS_FILES.items():
        with open(os.path.join(wn, "index." + name), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                parts = line.split()
                lemma, synset_cnt, p_cnt = parts[0], int(parts[2]), int(parts[3])
                offsets = parts[4 + p_cnt + 2 :]
                assert len(offsets) == synset_cnt, line
                index[lemma][pos] = offsets
    return index


def read_tagged(wn):
    """Lemmas with at least one sense attested in the tagged corpus (cntlist.rev)."""
    tagged = set()
    with open(os.path.join(wn, "cntlist.rev"), encoding="latin-1") as f:
        for line in f:
            key, _sense, count = line.split()
            if int(count) > 0:
                tagged.add(key.split("%")[0])
    return tagged


def write_places(wn, path):
    """places.tsv: see the module docstring."""
    names = defaultdict(set)  # Name -> offsets of the location synsets it names
    holonyms = {}  # offset -> offsets of the synsets it is a part of
    with open(os.path.join(wn, "data.noun"), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            head = line.split(" | ")[0].split()
            offset, lex_file = head[0], head[1]
            if lex_file != "15":  # noun.location
                continue
            w_cnt = int(head[3], 16)
            for i in range(w_cnt):
                name = head[4 + 2 * i].replace("_", " ")
                if name[0].isupper() and re.fullmatch(r"[A-Za-z .'-]+", name):
                    names[name].add(offset)
            i = 4 + 2 * w_cnt
            parts = [head[i + 2 + 4 * k] for k in range(int(head[i])) if head[i + 1 + 4 * k] == "#p"]
            holonyms[offset] = parts

    def enclosing(offset):
        seen, todo = set(), list(holonyms.get(offset, []))
        while todo:
            o = todo.pop()
            if o not in seen:
                seen.add(o)
                todo.extend(holonyms.get(o, []))
        return seen

    rows = []
    for name, offsets in names.items():
        around = set().union(*(enclosing(o) for o in offsets)) - offsets
        rows.append((name, sorted(offsets), sorted(around)))
    used = sorted({o for _n, own, around in rows for o in own + around})
    dense = {o: i + 1 for i, o in enumerate(used)}
    with open(path, "w", encoding="utf-8") as f:
        for name, own, around in sorted(rows):
            ids = lambda os_: ",".join(str(dense[o]) for o in sorted(os_, key=dense.get))
            f.write(f"{name}\t{ids(own)}\t{ids(around)}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "lexicon"))
    args = ap.parse_args()
    wn, out = args.wordnet, args.out
    os.makedirs(out, exist_ok=True)

    synsets = read_synsets(wn)
    index = read_index(wn)
    tagged = read_tagged(wn)

    def word_concepts(word):
        found = []
        for pos in "nvar":
            for off in index[word].get(pos, [])[:SENSES_PER_POS]:
                key = (pos, off)
                found.append(key)
                ss_type, words, ptrs = synsets[key]
                try:
                    me = words.index(word) + 1
                except ValueError:
                    me = -1
                for sym, target, src, _dst in ptrs:
                    if sym == "&" and ss_type == "s":
                        found.append(target)
                    elif sym == "^" and pos == "a":
                        found.append(target)
                    elif sym == "+" and src == me:
                        found.append(target)
        return found

    kept = sorted(w for w in index if WORD_RE.match(w) and w in tagged)
    concepts_of = {w: word_concepts(w) for w in kept}
    # Dense concept ids, only for concepts that at least two kept words share: a concept that one
    # word alone reaches can never make two words match, so it is dead weight in the table.
    users = defaultdict(set)
    for w, cs in concepts_of.items():
        for c in cs:
            users[c].add(w)
    shared = sorted(c for c, ws in users.items() if len(ws) >= 2)
    dense = {c: i + 1 for i, c in enumerate(shared)}
    with open(os.path.join(out, "concepts.tsv"), "w", encoding="utf-8") as f:
        for w in kept:
            ids = []
            for c in concepts_of[w]:
                d = dense.get(c)
                if d is not None and d not in ids:
                    ids.append(d)
            if ids:
                f.write(w + "\t" + ",".join(map(str, ids)) + "\n")

    antonyms = set()
    for (pos, _off), (_t, words, ptrs) in synsets.items():
        for sym, target, src, dst in ptrs:
            if sym != "!" or src == 0:
                continue
            a = words[src - 1]
            b = synsets[target][1][dst - 1]
            if WORD_RE.match(a) and WORD_RE.match(b) and a != b:
                antonyms.add((a, b))
                antonyms.add((b, a))
    with open(os.path.join(out, "antonyms.tsv"), "w", encoding="utf-8") as f:
        for a, b in sorted(antonyms):
            f.write(f"{a}\t{b}\n")

    morph = {}
    for name in POS_FILES.values():
        with open(os.path.join(wn, name + ".exc"), encoding="latin-1") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and WORD_RE.match(parts[0]) and WORD_RE.match(parts[1]):
                    morph.setdefault(parts[0], parts[1])
    with open(os.path.join(out, "morph.tsv"), "w", encoding="utf-8") as f:
        for k in sorted(morph):
            f.write(f"{k}\t{morph[k]}\n")

    write_places(wn, os.path.join(out, "places.tsv"))

    with open(os.path.join(out, "LICENSE-WordNet"), "w", encoding="utf-8") as f:
        f.write(LICENSE)


if __name__ == "__main__":
    main()
