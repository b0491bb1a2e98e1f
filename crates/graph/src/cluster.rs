//! Claim clusters: union-find over `agree` edges, guarded against chaining.
//!
//! Plain connected components over agreement snowball on big sets: A agrees with B, B with C,
//! C with D, and soon one "cluster" holds everything said about the event. So the merge is
//! Kruskal-like with an average-linkage test:
//!
//! 1. `agree` edges at or above [`GraphConfig::min_agree_score`] are taken strongest first
//!    (ties broken by claim order, so the result never depends on input order);
//! 2. two clusters merge only if at least [`GraphConfig::min_linkage`] of the claim pairs
//!    between them that *could* have been aligned (claims of different articles; the aligner
//!    never pairs claims of one article) are joined by an eligible `agree` edge;
//! 3. two clusters never merge when any `contradict` edge runs between them (a cannot-link
//!    constraint): a cluster is one claim, and a claim does not contradict itself. This also
//!    guarantees that every contested point joins two *different* clusters.
//!
//! With the default linkage of 0.5 a new claim joins a pair if it agrees with one of its two
//! members from another article, and joins a cluster of four only if it agrees with two: a
//! bare chain stops at three claims. Bookkeeping is small-into-large, so the cost stays
//! near-linear in the number of edges.
//!
//! Why the alignable pairs and 0.5 (`scripts/eval_graph_clusters.sh`: claim pairs in one
//! cluster against ECB+ gold event coreference; aligner of main at 2026-11-24 15:10): without
//! the guard (linkage 0) pair precision is 0.652 on one-event sets and drops to 0.555 on sets
//! mixing two similar events; on the Reuters "crude" set (543 articles) plain components grow
//! 48-claim soups (a price cut of one dollar merged with dozens of 50-cent rises; every
//! statement of the Energy Secretary). At 0.5 precision is 0.635 / 0.630 and the largest crude
//! cluster has 16 claims, all 50-cent posting rises (still of several companies and days,
//! which the aligner scores as agreeing pair by pair). The cost is half the event-level recall
//! (0.085 → 0.041), partly different claims about one event, which should not be one cluster
//! anyway. Counting only the pairs the aligner scored, instead of every alignable pair, kept
//! more recall but let a 41-claim cluster through on crude. Corroboration counts are what
//! users act on, so the guard errs on the side of splitting.

use std::collections::BTreeMap;

use concord_similarity::Relation;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;

use crate::graph::{ClaimEdge, ClaimNode, GraphConfig};

/// For each node, a label shared by exactly the nodes of its cluster.
pub(crate) fn agree_clusters(
    graph: &UnGraph<ClaimNode<'_>, ClaimEdge<'_>>,
    config: &GraphConfig,
) -> Vec<usize> {
    let n = graph.node_count();
    let mut sets = UnionFind::<usize>::new(n);
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut per_article: Vec<BTreeMap<usize, usize>> = graph
        .node_indices()
        .map(|i| BTreeMap::from([(graph[i].claim.article, 1)]))
        .collect();

    let eligible = |edge: &ClaimEdge<'_>| {
        edge.relation == Relation::Agree && edge.score >= config.min_agree_score
    };
    let mut order: Vec<_> = graph
        .edge_references()
        .filter(|e| eligible(e.weight()))
        .collect();
    order.sort_by(|x, y| {
        y.weight()
            .score
            .total_cmp(&x.weight().score)
            .then_with(|| graph[x.source()].claim.cmp(&graph[y.source()].claim))
            .then_with(|| graph[x.target()].claim.cmp(&graph[y.target()].claim))
    });

    for edge in order {
        let rx = sets.find_mut(edge.source().index());
        let ry = sets.find_mut(edge.target().index());
        if rx == ry {
            continue;
        }
        let (small, large) = if members[rx].len() <= members[ry].len() {
            (rx, ry)
        } else {
            (ry, rx)
        };

        let mut links = 0usize;
        let mut conflict = false;
        for &m in &members[small] {
            for e in graph.edges(NodeIndex::new(m)) {
                let other = if e.source().index() == m {
                    e.target()
                } else {
                    e.source()
                };
                if sets.find(other.index()) != large {
                    continue;
                }
                if e.weight().relation == Relation::Contradict {
                    conflict = true;
                } else if eligible(e.weight()) {
                    links += 1;
                }
            }
        }
        if conflict {
            continue;
        }
        let same_article_pairs: usize = per_article[small]
            .iter()
            .map(|(article, count)| count * per_article[large].get(article).copied().unwrap_or(0))
            .sum();
        let alignable_pairs = members[small].len() * members[large].len() - same_article_pairs;
        if alignable_pairs > 0
            && (links as f64) < f64::from(config.min_linkage) * alignable_pairs as f64
        {
            continue;
        }

        sets.union(small, large);
        let root = sets.find_mut(small);
        let (from, to) = if root == large {
            (small, large)
        } else {
            (large, small)
        };
        let moved = std::mem::take(&mut members[from]);
        members[to].extend(moved);
        let moved = std::mem::take(&mut per_article[from]);
        for (article, count) in moved {
            *per_article[to].entry(article).or_insert(0) += count;
        }
    }
    (0..n).map(|i| sets.find_mut(i)).collect()
}
