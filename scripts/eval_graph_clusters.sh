#!/usr/bin/env bash
# Claim clusters against ECB+ gold event coreference: does the chaining guard (GraphConfig::
# min_linkage) keep clusters pure without losing recall?
#
# Gold: two claims of different articles belong together when their sentences (both annotated)
# share a cross-document ACTION_* event instance. Predicted: the two claims are in one cluster.
# Scored over all such claim pairs of each set, for per-event sets (NN_ecb, NN_ecbplus) and for
# per-topic sets (tNN: two similar but different events in one set, where chaining hurts most).
#
# Usage: scripts/eval_graph_clusters.sh   (reads ../shared; SHARED=... to override;
#        LINKAGES="0 0.25 0.5 0.75 1" to choose the settings)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SHARED=${SHARED:-$ROOT/../shared}
LINKAGES=${LINKAGES:-"0 0.25 0.5 0.75 1"}
ECB=$SHARED/datasets/ecbplus
[ -d "$ECB" ] || { echo "eval_graph_clusters: $ECB not found (set SHARED)" >&2; exit 1; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cargo build -q --release -p concord-graph --example graph_views
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/examples/graph_views

python3 "$SHARED/eval/ecb_to_jsonl.py" "$ECB" "$TMP/event.jsonl" >/dev/null 2>&1
python3 "$SHARED/eval/ecb_to_jsonl.py" "$ECB" "$TMP/topic.jsonl" --set-by topic >/dev/null 2>&1
for sets in event topic; do
  for l in $LINKAGES; do
    "$BIN" --each-set --view tsv --linkage "$l" "$TMP/$sets.jsonl" >"$TMP/$sets-$l.tsv"
  done
done

python3 - "$ECB" "$TMP" "$LINKAGES" <<'EOF'
import collections, csv, json, sys

ecb, tmp, linkages = sys.argv[1], sys.argv[2], sys.argv[3].split()

# Sentence start offsets (characters) and annotated sentences of every document.
starts, annotated = {}, {}
for line in open(f"{ecb}/articles.jsonl", encoding="utf-8"):
    a = json.loads(line)
    offs, pos = [], 0
    for s in a["sentences"]:
        offs.append(pos)
        pos += len(s["text"]) + 1
    starts[a["doc_id"]] = offs
    annotated[a["doc_id"]] = set(a["annotated_sentences"])

# Event instances per (doc, sentence).
events = collections.defaultdict(set)
with open(f"{ecb}/mentions.tsv", encoding="utf-8") as f:
    for m in csv.DictReader(f, delimiter="\t"):
        if m["tag"].startswith("ACTION") and m["coref_type"] == "CROSS_DOC_COREF" and m["instance_id"]:
            events[(m["doc_id"], int(m["sentence"]))].add(m["instance_id"])

def sentence_of(doc, start):
    offs = starts[doc]
    lo = 0
    for i, o in enumerate(offs):
        if o <= start:
            lo = i
    return lo

def score(path):
    by_set = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            doc = r["article"]
            sid = sentence_of(doc, int(r["start"]))
            if sid not in annotated[doc]:
                continue
            by_set[r["set"]].append((doc, events.get((doc, sid), set()), r["cluster"]))
    tp = fp = fn = 0
    biggest = 0
    for rows in by_set.values():
        sizes = collections.Counter(c for _, _, c in rows)
        biggest = max(biggest, max(sizes.values(), default=0))
        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                (da, ea, ca), (db, eb, cb) = rows[i], rows[j]
                if da == db:
                    continue
                gold = bool(ea & eb)
                pred = ca == cb
                tp += gold and pred
                fp += pred and not gold
                fn += gold and not pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp + fp, biggest

print(f"{'sets':6} {'linkage':>7} {'precision':>9} {'recall':>7} {'F1':>6} {'pred_pairs':>10} {'largest_cluster':>15}")
for sets in ("event", "topic"):
    for l in linkages:
        p, r, f, n, big = score(f"{tmp}/{sets}-{l}.tsv")
        print(f"{sets:6} {l:>7} {p:9.3f} {r:7.3f} {f:6.3f} {n:10d} {big:15d}")
EOF
