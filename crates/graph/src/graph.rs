use std::collections::{BTreeMap, BTreeSet};

use concord_parser::Article;
use concord_similarity::{AliasGroup, Alignment, ClaimRef, Reason, Relation};
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;

use crate::error::{Error, ErrorKind};
use crate::{cluster, text};

/// Tuning of the clustering. The defaults suit sets of two to a few thousand articles.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphConfig {
    /// `agree` edges scoring below this never join clusters (they are still drawn).
    /// 0 trusts the aligner's own `agree` verdict.
    pub min_agree_score: f32,
    /// Average-linkage guard against chaining: two clusters merge only if at least this
    /// fraction of the alignable claim pairs between them agree. 0 gives plain connected
    /// components; 1 demands that every member agrees with every other (complete linkage).
    /// The default, 0.5, was chosen on ECB+ and Reuters with `scripts/eval_graph_clusters.sh`
    /// (figures in the `cluster` module's notes).
    pub min_linkage: f32,
}

impl Default for GraphConfig {
    fn default() -> Self {
        GraphConfig {
            min_agree_score: 0.0,
            min_linkage: 0.5,
        }
    }
}

/// One claim: a node of the graph.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimNode<'a> {
    pub claim: ClaimRef,
    pub article_id: &'a str,
    pub source: &'a str,
    pub speaker: Option<&'a str>,
    pub text: &'a str,
    pub headline: bool,
}

/// One kept pair: an edge of the graph.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimEdge<'a> {
    pub relation: Relation,
    pub score: f32,
    pub reason: Option<&'a Reason>,
}

/// Claims joined by agreement: one claim as told by several articles.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Position in [`ClaimGraph::clusters`]; clusters are numbered in reading order of their
    /// first claim, so ids are stable across runs.
    pub id: usize,
    /// Sorted.
    pub claims: Vec<ClaimRef>,
    /// Distinct article indices, sorted.
    pub articles: Vec<usize>,
    /// Distinct `meta.source` values, sorted.
    pub sources: Vec<String>,
    /// Articles counted once per outlet and once per group of near-duplicates.
    pub independent_sources: usize,
    /// The wording that stands for the cluster: a body claim (not a headline) with the most
    /// agreement inside the cluster, the earliest on ties.
    pub representative: ClaimRef,
}

impl Cluster {
    /// Told by at least two independent sources.
    pub fn is_corroborated(&self) -> bool {
        self.independent_sources >= 2
    }
}

/// One `contradict` edge of a contested point; `a` lies in the point's first cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct ContestedEdge {
    pub a: ClaimRef,
    pub b: ClaimRef,
    pub score: f32,
    pub reason: Option<Reason>,
}

/// Two clusters that contradict each other.
#[derive(Clone, Debug, PartialEq)]
pub struct ContestedPoint {
    /// Cluster ids, ascending.
    pub clusters: [usize; 2],
    /// Strongest first.
    pub edges: Vec<ContestedEdge>,
}

/// A claim cluster that only one independent source tells and nobody contests.
#[derive(Clone, Debug, PartialEq)]
pub struct ExclusiveClaim {
    pub cluster: usize,
    /// The outlet of the earliest article telling it.
    pub source: String,
}

/// The relations between two articles, for the source view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceLink {
    /// Article indices, `a < b`.
    pub a: usize,
    pub b: usize,
    pub agree: usize,
    pub contradict: usize,
    pub related: usize,
    /// `b` is a near-duplicate of `a` (or the other way round).
    pub copy: bool,
}

/// Headline counts of a set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    /// Distinct `meta.source` values.
    pub sources: usize,
    pub claims: usize,
    /// Claim clusters of two or more claims.
    pub clusters: usize,
    /// Clusters told by at least two independent sources.
    pub corroborated: usize,
    /// Pairs of clusters that contradict each other.
    pub contested: usize,
    /// Single-source clusters that nobody contests (each counted once, however many copies).
    pub exclusive: usize,
    /// Articles that are near-duplicates of an earlier article.
    pub near_duplicates: usize,
    /// Stories (events) the aligner found in the set; more than one means the set mixes
    /// different events. 0 for an empty set.
    pub stories: usize,
    /// Kept pairs by relation.
    pub agree_pairs: usize,
    pub contradict_pairs: usize,
    pub related_pairs: usize,
}

/// The claim graph of one set.
pub struct ClaimGraph<'a> {
    pub(crate) articles: &'a [Article],
    pub(crate) alignment: &'a Alignment,
    pub(crate) graph: UnGraph<ClaimNode<'a>, ClaimEdge<'a>>,
    /// Node index of each article's first claim.
    first_node: Vec<usize>,
    /// DOT id of each node.
    pub(crate) node_ids: Vec<String>,
    /// DOT id stem of each article.
    pub(crate) article_stems: Vec<String>,
    /// Per article: the smallest article index of its independence group.
    independent_group: Vec<usize>,
    /// Per article: the earlier article it copies, validated.
    copy_of: Vec<Option<usize>>,
    clusters: Vec<Cluster>,
    /// Per node: its cluster id.
    cluster_of: Vec<usize>,
    contested: Vec<ContestedPoint>,
    /// Per cluster: takes part in a contested point.
    contested_cluster: Vec<bool>,
    exclusive: Vec<ExclusiveClaim>,
    source_links: Vec<SourceLink>,
}

impl<'a> ClaimGraph<'a> {
    /// Builds the graph with the default [`GraphConfig`]. Matches that name a claim outside the
    /// set are left out; use [`ClaimGraph::try_build`] to have them reported instead.
    pub fn build(articles: &'a [Article], alignment: &'a Alignment) -> Self {
        Self::build_with(articles, alignment, &GraphConfig::default())
    }

    /// Like [`ClaimGraph::build`] but fails on a match that names a claim outside the set.
    pub fn try_build(
        articles: &'a [Article],
        alignment: &'a Alignment,
        config: &GraphConfig,
    ) -> Result<Self, Error> {
        for m in &alignment.matches {
            for r in [m.a, m.b] {
                if !claim_exists(articles, r) {
                    return Err(Error::new(
                        ErrorKind::InvalidClaimRef,
                        format!(
                            "match names article {} claim {}, but the set has {} articles{}",
                            r.article,
                            r.claim,
                            articles.len(),
                            articles
                                .get(r.article)
                                .map(|a| format!(
                                    " and {} has {} claims",
                                    a.meta.id,
                                    a.claims.len()
                                ))
                                .unwrap_or_default()
                        ),
                    ));
                }
            }
        }
        Ok(Self::build_with(articles, alignment, config))
    }

    /// Builds the graph with explicit tuning.
    pub fn build_with(
        articles: &'a [Article],
        alignment: &'a Alignment,
        config: &GraphConfig,
    ) -> Self {
        // Sized up front: a set's edges run to hundreds of thousands, and growing the edge list
        // copied it each time it doubled.
        let claims = articles.iter().map(|a| a.claims.len()).sum();
        let mut graph = UnGraph::with_capacity(claims, alignment.matches.len());
        let mut first_node = Vec::with_capacity(articles.len());
        for (ai, article) in articles.iter().enumerate() {
            first_node.push(graph.node_count());
            for (ci, claim) in article.claims.iter().enumerate() {
                graph.add_node(ClaimNode {
                    claim: ClaimRef {
                        article: ai,
                        claim: ci,
                    },
                    article_id: &article.meta.id,
                    source: &article.meta.source,
                    speaker: claim.speaker.as_deref(),
                    text: &claim.text,
                    headline: claim.headline,
                });
            }
        }

        // Edges in (a, b) order whatever order the aligner used; one edge per pair. Should an
        // aligner give one pair twice, a contradiction outranks an agreement, which outranks
        // a mere relation: the more informative verdict is kept, then the higher score.
        let rank = |r: Relation| match r {
            Relation::Contradict => 0,
            Relation::Agree => 1,
            Relation::Related => 2,
        };
        let mut kept: Vec<(ClaimRef, ClaimRef, usize)> = alignment
            .matches
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                claim_exists(articles, m.a) && claim_exists(articles, m.b) && m.a != m.b
            })
            .map(|(i, m)| (m.a.min(m.b), m.a.max(m.b), i))
            .collect();
        kept.sort_by(|x, y| {
            (x.0, x.1, rank(alignment.matches[x.2].relation))
                .cmp(&(y.0, y.1, rank(alignment.matches[y.2].relation)))
                .then_with(|| {
                    let (mx, my) = (&alignment.matches[x.2], &alignment.matches[y.2]);
                    my.score
                        .total_cmp(&mx.score)
                        .then_with(|| mx.reason.cmp(&my.reason))
                })
        });
        kept.dedup_by_key(|k| (k.0, k.1));
        for (a, b, i) in kept {
            let m = &alignment.matches[i];
            graph.add_edge(
                NodeIndex::new(first_node[a.article] + a.claim),
                NodeIndex::new(first_node[b.article] + b.claim),
                ClaimEdge {
                    relation: m.relation,
                    score: m.score,
                    reason: m.reason.as_ref(),
                },
            );
        }

        let copy_of: Vec<Option<usize>> = (0..articles.len())
            .map(|i| {
                alignment
                    .copy_of
                    .get(i)
                    .copied()
                    .flatten()
                    .filter(|&j| j < articles.len() && j != i)
            })
            .collect();
        let independent_group = independence_groups(articles, &copy_of);
        let article_stems = article_stems(articles);
        let node_ids = articles
            .iter()
            .zip(&article_stems)
            .flat_map(|(a, stem)| (0..a.claims.len()).map(move |c| format!("c_{stem}_{c}")))
            .collect();

        let mut built = ClaimGraph {
            articles,
            alignment,
            graph,
            first_node,
            node_ids,
            article_stems,
            independent_group,
            copy_of,
            clusters: Vec::new(),
            cluster_of: Vec::new(),
            contested: Vec::new(),
            contested_cluster: Vec::new(),
            exclusive: Vec::new(),
            source_links: Vec::new(),
        };
        built.make_clusters(config);
        built.make_contested();
        built.make_exclusive();
        built.make_source_links();
        built
    }

    fn make_clusters(&mut self, config: &GraphConfig) {
        let labels = cluster::agree_clusters(&self.graph, config);
        // Nodes are in reading order, so numbering clusters by first member is reading order.
        let mut id_of_label: BTreeMap<usize, usize> = BTreeMap::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut cluster_of = Vec::with_capacity(labels.len());
        for (node, label) in labels.iter().enumerate() {
            let id = *id_of_label.entry(*label).or_insert_with(|| {
                members.push(Vec::new());
                members.len() - 1
            });
            members[id].push(node);
            cluster_of.push(id);
        }
        self.clusters = members
            .iter()
            .enumerate()
            .map(|(id, nodes)| {
                let claims: Vec<ClaimRef> = nodes
                    .iter()
                    .map(|&n| self.graph[NodeIndex::new(n)].claim)
                    .collect();
                let articles: BTreeSet<usize> = claims.iter().map(|c| c.article).collect();
                let sources: BTreeSet<&str> = articles
                    .iter()
                    .map(|&a| self.articles[a].meta.source.as_str())
                    .collect();
                let groups: BTreeSet<usize> = articles
                    .iter()
                    .map(|&a| self.independent_group[a])
                    .collect();
                let representative = nodes
                    .iter()
                    .map(|&n| {
                        let node = NodeIndex::new(n);
                        let support: f32 = self
                            .graph
                            .edges(node)
                            .filter(|e| {
                                e.weight().relation == Relation::Agree
                                    && cluster_of[e.source().index()] == id
                                    && cluster_of[e.target().index()] == id
                            })
                            .map(|e| e.weight().score)
                            .sum();
                        (self.graph[node].headline, support, self.graph[node].claim)
                    })
                    .min_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)).then(x.2.cmp(&y.2)))
                    .map(|(_, _, claim)| claim)
                    .unwrap_or(claims[0]);
                Cluster {
                    id,
                    claims,
                    articles: articles.into_iter().collect(),
                    sources: sources.into_iter().map(str::to_string).collect(),
                    independent_sources: groups.len(),
                    representative,
                }
            })
            .collect();
        self.cluster_of = cluster_of;
    }

    fn make_contested(&mut self) {
        let mut points: BTreeMap<[usize; 2], Vec<ContestedEdge>> = BTreeMap::new();
        for e in self.graph.edge_references() {
            if e.weight().relation != Relation::Contradict {
                continue;
            }
            let (mut x, mut y) = (e.source().index(), e.target().index());
            if self.cluster_of[x] > self.cluster_of[y] {
                std::mem::swap(&mut x, &mut y);
            }
            points
                .entry([self.cluster_of[x], self.cluster_of[y]])
                .or_default()
                .push(ContestedEdge {
                    a: self.graph[NodeIndex::new(x)].claim,
                    b: self.graph[NodeIndex::new(y)].claim,
                    score: e.weight().score,
                    reason: e.weight().reason.cloned(),
                });
        }
        let mut contested: Vec<ContestedPoint> = points
            .into_iter()
            .map(|(clusters, mut edges)| {
                edges.sort_by(|x, y| {
                    y.score
                        .total_cmp(&x.score)
                        .then((x.a, x.b).cmp(&(y.a, y.b)))
                });
                ContestedPoint { clusters, edges }
            })
            .collect();
        // Most independent sources involved first, then the strongest contradiction.
        contested.sort_by(|x, y| {
            let weight = |p: &ContestedPoint| {
                self.clusters[p.clusters[0]].independent_sources
                    + self.clusters[p.clusters[1]].independent_sources
            };
            weight(y)
                .cmp(&weight(x))
                .then(y.edges[0].score.total_cmp(&x.edges[0].score))
                .then(x.clusters.cmp(&y.clusters))
        });
        self.contested_cluster = vec![false; self.clusters.len()];
        for p in &contested {
            for c in p.clusters {
                self.contested_cluster[c] = true;
            }
        }
        self.contested = contested;
    }

    fn make_exclusive(&mut self) {
        let mut exclusive: Vec<ExclusiveClaim> = self
            .clusters
            .iter()
            .filter(|c| !c.is_corroborated() && !self.contested_cluster[c.id])
            .map(|c| ExclusiveClaim {
                cluster: c.id,
                source: self.articles[c.articles[0]].meta.source.clone(),
            })
            .collect();
        exclusive.sort_by(|x, y| {
            (&x.source, self.clusters[x.cluster].claims[0])
                .cmp(&(&y.source, self.clusters[y.cluster].claims[0]))
        });
        self.exclusive = exclusive;
    }

    fn make_source_links(&mut self) {
        let mut links: BTreeMap<(usize, usize), SourceLink> = BTreeMap::new();
        for e in self.graph.edge_references() {
            let x = self.graph[e.source()].claim.article;
            let y = self.graph[e.target()].claim.article;
            if x == y {
                continue;
            }
            let (a, b) = (x.min(y), x.max(y));
            let link = links.entry((a, b)).or_insert_with(|| SourceLink {
                a,
                b,
                ..SourceLink::default()
            });
            match e.weight().relation {
                Relation::Agree => link.agree += 1,
                Relation::Contradict => link.contradict += 1,
                Relation::Related => link.related += 1,
            }
        }
        for (i, copy) in self.copy_of.iter().enumerate() {
            if let Some(j) = *copy {
                let (a, b) = (i.min(j), i.max(j));
                links
                    .entry((a, b))
                    .or_insert_with(|| SourceLink {
                        a,
                        b,
                        ..SourceLink::default()
                    })
                    .copy = true;
            }
        }
        self.source_links = links.into_values().collect();
    }

    /// The articles of the set, as given.
    pub fn articles(&self) -> &'a [Article] {
        self.articles
    }

    /// Entity names the aligner found to denote one entity across sources.
    pub fn aliases(&self) -> &'a [AliasGroup] {
        &self.alignment.aliases
    }

    /// The petgraph graph: one node per claim in reading order, one edge per kept pair.
    pub fn graph(&self) -> &UnGraph<ClaimNode<'a>, ClaimEdge<'a>> {
        &self.graph
    }

    /// The node of a claim, if the claim exists.
    pub fn node(&self, claim: ClaimRef) -> Option<NodeIndex> {
        claim_exists(self.articles, claim)
            .then(|| NodeIndex::new(self.first_node[claim.article] + claim.claim))
    }

    /// The stable DOT node id of a claim, derived from its article id and claim index.
    pub fn node_id(&self, claim: ClaimRef) -> Option<&str> {
        self.node(claim).map(|n| self.node_ids[n.index()].as_str())
    }

    /// Every claim cluster, singletons included, in reading order of their first claim.
    pub fn clusters(&self) -> &[Cluster] {
        &self.clusters
    }

    /// The cluster id of a claim (for `claims.csv`).
    pub fn cluster_of(&self, claim: ClaimRef) -> Option<usize> {
        self.node(claim).map(|n| self.cluster_of[n.index()])
    }

    /// The cluster of a claim, if the claim exists.
    pub fn cluster_of_claim(&self, claim: ClaimRef) -> Option<&Cluster> {
        self.cluster_of(claim).map(|id| &self.clusters[id])
    }

    /// Corroborated clusters, most independent sources first (then most articles, most
    /// claims, reading order).
    pub fn corroborated(&self) -> Vec<&Cluster> {
        let mut out: Vec<&Cluster> = self
            .clusters
            .iter()
            .filter(|c| c.is_corroborated())
            .collect();
        out.sort_by(|x, y| {
            y.independent_sources
                .cmp(&x.independent_sources)
                .then(y.articles.len().cmp(&x.articles.len()))
                .then(y.claims.len().cmp(&x.claims.len()))
                .then(x.id.cmp(&y.id))
        });
        out
    }

    /// Contested points, most independent sources involved first.
    pub fn contested(&self) -> &[ContestedPoint] {
        &self.contested
    }

    /// Exclusive claims, by source then reading order.
    pub fn exclusive(&self) -> &[ExclusiveClaim] {
        &self.exclusive
    }

    /// Relations between pairs of articles, by article pair.
    pub fn source_links(&self) -> &[SourceLink] {
        &self.source_links
    }

    /// The earlier article an article is a near-duplicate of.
    pub fn copy_of(&self, article: usize) -> Option<usize> {
        self.copy_of.get(article).copied().flatten()
    }

    /// The claim text of a reference (empty for an unknown reference).
    pub fn claim_text(&self, claim: ClaimRef) -> &'a str {
        self.articles
            .get(claim.article)
            .and_then(|a| a.claims.get(claim.claim))
            .map_or("", |c| c.text.as_str())
    }

    /// The set's name: the `set` field shared by every article, if any.
    pub fn set_name(&self) -> Option<&'a str> {
        let first = self.articles.first()?.meta.set.as_deref()?;
        self.articles
            .iter()
            .all(|a| a.meta.set.as_deref() == Some(first))
            .then_some(first)
    }

    /// The story of an article, as the aligner numbered it. An alignment whose `story_of` does
    /// not cover every article (an older aligner, a hand-built alignment) is taken as a single
    /// story.
    pub fn story_of(&self, article: usize) -> usize {
        if self.alignment.story_of.len() == self.articles.len() {
            self.alignment.story_of.get(article).copied().unwrap_or(0)
        } else {
            0
        }
    }

    /// The set's stories, each as its articles in input order: most articles first, ties in
    /// order of first article. Empty for an empty set.
    pub fn stories(&self) -> Vec<Vec<usize>> {
        let mut by_story: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for article in 0..self.articles.len() {
            by_story
                .entry(self.story_of(article))
                .or_default()
                .push(article);
        }
        let mut stories: Vec<Vec<usize>> = by_story.into_values().collect();
        stories.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
        stories
    }

    /// Whether a cluster takes part in a contested point.
    pub fn is_contested(&self, cluster: usize) -> bool {
        self.contested_cluster
            .get(cluster)
            .copied()
            .unwrap_or(false)
    }

    /// Headline counts.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            articles: self.articles.len(),
            sources: self
                .articles
                .iter()
                .map(|a| a.meta.source.as_str())
                .collect::<BTreeSet<_>>()
                .len(),
            claims: self.graph.node_count(),
            clusters: self.clusters.iter().filter(|c| c.claims.len() > 1).count(),
            corroborated: self.clusters.iter().filter(|c| c.is_corroborated()).count(),
            contested: self.contested.len(),
            exclusive: self.exclusive.len(),
            near_duplicates: self.copy_of.iter().filter(|c| c.is_some()).count(),
            stories: self.stories().len(),
            ..Summary::default()
        };
        for e in self.graph.edge_weights() {
            match e.relation {
                Relation::Agree => summary.agree_pairs += 1,
                Relation::Contradict => summary.contradict_pairs += 1,
                Relation::Related => summary.related_pairs += 1,
            }
        }
        summary
    }

    /// Graphviz DOT text of the chosen view.
    pub fn to_dot(&self, view: crate::View, options: &crate::DotOptions) -> String {
        let mut text = String::new();
        let _ = self.write_dot(view, options, &mut text);
        text
    }

    /// [`ClaimGraph::to_dot`] into `out` as it is rendered (a large set's DOT is tens of MB,
    /// better not held whole); the same text. An error is `out`'s own.
    pub fn write_dot(
        &self,
        view: crate::View,
        options: &crate::DotOptions,
        out: &mut dyn std::fmt::Write,
    ) -> std::fmt::Result {
        crate::dot::render(self, view, options, out)
    }

    /// The Markdown report of the set.
    pub fn report_markdown(&self) -> String {
        let mut text = String::new();
        let _ = self.write_report(&mut text);
        text
    }

    /// [`ClaimGraph::report_markdown`] into `out` as it is rendered; the same text.
    pub fn write_report(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        crate::report::render(self, out)
    }
}

fn claim_exists(articles: &[Article], r: ClaimRef) -> bool {
    articles
        .get(r.article)
        .is_some_and(|a| r.claim < a.claims.len())
}

/// Per article, the smallest article index of its group of non-independent articles: joined
/// through `copy_of` and through a shared `meta.source`.
fn independence_groups(articles: &[Article], copy_of: &[Option<usize>]) -> Vec<usize> {
    let mut sets = UnionFind::<usize>::new(articles.len());
    let mut first_of_source: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, article) in articles.iter().enumerate() {
        let first = *first_of_source
            .entry(article.meta.source.as_str())
            .or_insert(i);
        sets.union(first, i);
        if let Some(j) = copy_of[i] {
            sets.union(i, j);
        }
    }
    let mut smallest: BTreeMap<usize, usize> = BTreeMap::new();
    for i in 0..articles.len() {
        smallest.entry(sets.find_mut(i)).or_insert(i);
    }
    (0..articles.len())
        .map(|i| smallest[&sets.find_mut(i)])
        .collect()
}

/// Per article, a stable DOT id stem: its sanitised `meta.id`, made unique by appending the
/// article's position when two ids sanitise alike. Claim node ids are `c_<stem>_<claim>`.
fn article_stems(articles: &[Article]) -> Vec<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::with_capacity(articles.len());
    for (i, article) in articles.iter().enumerate() {
        let base = text::dot_id(&article.meta.id);
        let mut stem = base.clone();
        let mut attempt = 0;
        while !seen.insert(stem.clone()) {
            attempt += 1;
            stem = format!("{base}__{i}_{attempt}");
        }
        out.push(stem);
    }
    out
}
