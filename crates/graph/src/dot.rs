//! Graphviz DOT export of the three views.
//!
//! Every label is a plain double-quoted string escaped by [`dot_label`]; ids are quoted too.
//! Output order follows sorted sources, article order, claim order and the graph's sorted edge
//! list, so the same input always gives the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write;

use concord_similarity::Relation;
use petgraph::visit::EdgeRef;

use crate::graph::ClaimGraph;
use crate::text::{dot_label, truncate_chars, Sink};

/// Which picture `to_dot` draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum View {
    /// One node per claim, one box per source, one edge per agreeing or contradicting pair;
    /// of the `related` pairs, each claim's two strongest.
    #[default]
    Claims,
    /// One node per claim cluster; contradictions between clusters, and agreements the
    /// chaining guard kept from merging them (related pairs are left to the claims view).
    Clusters,
    /// One node per article, boxed by source when a source has several — or, when the set mixes
    /// several stories (events), boxed by story (`cluster_story_<n>`, most articles first);
    /// one edge per pair of articles that agree, contradict or copy, labelled with the counts.
    Sources,
}

impl View {
    pub fn as_str(self) -> &'static str {
        match self {
            View::Claims => "claims",
            View::Clusters => "clusters",
            View::Sources => "sources",
        }
    }

    /// Parses `claims`, `clusters` or `sources`.
    pub fn from_name(name: &str) -> Option<View> {
        match name {
            "claims" => Some(View::Claims),
            "clusters" => Some(View::Clusters),
            "sources" => Some(View::Sources),
            _ => None,
        }
    }
}

/// Options for DOT export.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DotOptions {
    /// Claims and clusters views: keep only clusters told by at least this many independent
    /// sources, plus every cluster in a contested point. 0 or 1 keeps everything.
    pub min_sources: usize,
}

/// Label width in columns.
const WRAP: usize = 40;
/// Related pairs drawn per claim in the claims view (its strongest ones).
const MAX_RELATED_PER_CLAIM: usize = 2;
/// Longest claim text drawn in a node; the full text is in the CSV and the report.
const MAX_LABEL_CHARS: usize = 280;

const AGREE: &str = "#2e7d32";
const CONTRADICT: &str = "#c62828";
const RELATED: &str = "#9e9e9e";
const COPY: &str = "#1565c0";
const FILL_CORROBORATED: &str = "#dcedc8";
const FILL_CONTESTED: &str = "#ffcdd2";
const FILL_PLAIN: &str = "#ffffff";

pub(crate) fn render(
    g: &ClaimGraph<'_>,
    view: View,
    options: &DotOptions,
    out: &mut dyn std::fmt::Write,
) -> std::fmt::Result {
    let mut out = Sink::new(out);
    let summary = g.summary();
    let title =
        format!(
        "concord · {} view{} · {} articles, {} sources, {} claims · {} corroborated, {} contested",
        view.as_str(),
        g.set_name().map(|s| format!(" · set {s}")).unwrap_or_default(),
        summary.articles,
        summary.sources,
        summary.claims,
        summary.corroborated,
        summary.contested,
    );
    out.push_str("graph concord {\n");
    let _ = writeln!(
        out,
        "  graph [charset=\"UTF-8\", newrank=true, fontname=\"Helvetica\", rankdir=LR, nodesep=0.3, ranksep=0.8, labelloc=t, label=\"{}\"];",
        dot_label(&title, 0)
    );
    out.push_str(
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10, color=\"#555555\", fillcolor=\"#ffffff\"];\n",
    );
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    match view {
        View::Claims => claims_view(g, options, &mut out),
        View::Clusters => clusters_view(g, options, &mut out),
        View::Sources => sources_view(g, &mut out),
    }
    out.push_str("}\n");
    out.finish()
}

/// Which clusters a view keeps under `min_sources`.
fn kept_clusters(g: &ClaimGraph<'_>, options: &DotOptions) -> Vec<bool> {
    g.clusters()
        .iter()
        .map(|c| {
            options.min_sources <= 1
                || c.independent_sources >= options.min_sources
                || g.is_contested(c.id)
        })
        .collect()
}

fn cluster_fill(g: &ClaimGraph<'_>, cluster: usize) -> &'static str {
    if g.is_contested(cluster) {
        FILL_CONTESTED
    } else if g.clusters()[cluster].is_corroborated() {
        FILL_CORROBORATED
    } else {
        FILL_PLAIN
    }
}

/// A claim is drawn red when it takes part in a contradiction itself, green when its cluster
/// is corroborated, white otherwise (its cluster may be contested through another member).
fn claim_fill(
    g: &ClaimGraph<'_>,
    node: petgraph::graph::NodeIndex,
    cluster: usize,
) -> &'static str {
    if g.graph()
        .edges(node)
        .any(|e| e.weight().relation == Relation::Contradict)
    {
        FILL_CONTESTED
    } else if g.clusters()[cluster].is_corroborated() {
        FILL_CORROBORATED
    } else {
        FILL_PLAIN
    }
}

/// Sources in sorted order, each with its articles in input order.
fn articles_by_source<'a>(g: &ClaimGraph<'a>) -> BTreeMap<&'a str, Vec<usize>> {
    let mut by_source: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, a) in g.articles().iter().enumerate() {
        by_source.entry(a.meta.source.as_str()).or_default().push(i);
    }
    by_source
}

fn edge_style(relation: Relation) -> String {
    match relation {
        Relation::Agree => format!("color=\"{AGREE}\", style=solid, penwidth=1.5"),
        Relation::Contradict => {
            format!("color=\"{CONTRADICT}\", fontcolor=\"{CONTRADICT}\", style=bold, penwidth=2.5")
        }
        Relation::Related => format!("color=\"{RELATED}\", style=dashed"),
    }
}

fn claims_view(g: &ClaimGraph<'_>, options: &DotOptions, out: &mut Sink<'_>) {
    let kept = kept_clusters(g, options);
    let graph = g.graph();
    let node_kept =
        |n: petgraph::graph::NodeIndex| g.cluster_of(graph[n].claim).is_some_and(|c| kept[c]);

    // One box per source. Articles are not boxed inside it: Graphviz's `dot` fails ("trouble
    // in init_rank", lost edges) on nested clusters with many edges between them, so a source
    // with several articles names the article on each node instead.
    for (si, (source, articles)) in articles_by_source(g).into_iter().enumerate() {
        let several = articles.len() > 1;
        let mut body = String::new();
        for &article in &articles {
            let Some(first) = g.node(concord_similarity::ClaimRef { article, claim: 0 }) else {
                continue;
            };
            let count = g.articles()[article].claims.len();
            for n in (first.index()..first.index() + count).map(petgraph::graph::NodeIndex::new) {
                if !node_kept(n) {
                    continue;
                }
                let node = &graph[n];
                let cluster = g.cluster_of(node.claim).unwrap_or(0);
                let mut label = String::new();
                if node.headline {
                    label.push_str("HEADLINE\\n");
                }
                label.push_str(&dot_label(
                    &truncate_chars(node.text, MAX_LABEL_CHARS),
                    WRAP,
                ));
                let mut byline: Vec<&str> = Vec::new();
                if let Some(speaker) = node.speaker {
                    byline.push(speaker);
                }
                if several {
                    byline.push(node.article_id);
                }
                if !byline.is_empty() {
                    label.push_str("\\n— ");
                    label.push_str(&dot_label(&byline.join(" · "), 0));
                }
                let independent = g.clusters()[cluster].independent_sources;
                let tooltip = format!(
                    "{} · claim {} · cluster {} ({} independent source{})",
                    node.article_id,
                    node.claim.claim,
                    cluster,
                    independent,
                    plural(independent)
                );
                let _ = writeln!(
                    body,
                    "    \"{}\" [label=\"{}\", fillcolor=\"{}\"{}, tooltip=\"{}\"];",
                    g.node_ids[n.index()],
                    label,
                    claim_fill(g, n, cluster),
                    if node.headline { ", penwidth=2" } else { "" },
                    dot_label(&tooltip, 0)
                );
            }
        }
        if body.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "  subgraph cluster_{si} {{\n    label=\"{}\"; style=\"rounded\"; color=\"#666666\"; fontname=\"Helvetica-Bold\";",
            dot_label(source, WRAP)
        );
        out.push_str(&body);
        out.push_str("  }\n");
    }

    // Related pairs outnumber the rest ten to one on real sets (2,470 of 2,739 edges on the
    // 42-article ECB+ topic 27, which took `dot` 185 s); each claim keeps only its strongest
    // few, which still shows what it is near (1 s).
    let mut related_kept = vec![false; graph.edge_count()];
    for n in graph.node_indices().filter(|&n| node_kept(n)) {
        let mut related: Vec<_> = graph
            .edges(n)
            .filter(|e| {
                e.weight().relation == Relation::Related
                    && node_kept(e.source())
                    && node_kept(e.target())
            })
            .map(|e| {
                let other = if e.source() == n {
                    e.target()
                } else {
                    e.source()
                };
                (e.weight().score, graph[other].claim, e.id())
            })
            .collect();
        // The strongest few, in any order: a selection, not a sort (the order is total, the
        // other claim breaking ties, so the few are the same).
        if related.len() > MAX_RELATED_PER_CLAIM {
            related.select_nth_unstable_by(MAX_RELATED_PER_CLAIM - 1, |x, y| {
                y.0.total_cmp(&x.0).then(x.1.cmp(&y.1))
            });
        }
        for (_, _, id) in related.into_iter().take(MAX_RELATED_PER_CLAIM) {
            related_kept[id.index()] = true;
        }
    }

    for e in graph.edge_references() {
        if !node_kept(e.source()) || !node_kept(e.target()) {
            continue;
        }
        if e.weight().relation == Relation::Related && !related_kept[e.id().index()] {
            continue;
        }
        let w = e.weight();
        let mut attrs = edge_style(w.relation);
        if w.relation == Relation::Contradict {
            let reason = w
                .reason
                .map(|r| r.to_string())
                .unwrap_or_else(|| "contradiction".to_string());
            let _ = write!(attrs, ", label=\"{}\"", dot_label(&reason, 30));
        }
        let _ = write!(
            attrs,
            ", tooltip=\"{} {:.2}\"",
            w.relation.as_str(),
            w.score
        );
        let _ = writeln!(
            out,
            "  \"{}\" -- \"{}\" [{attrs}];",
            g.node_ids[e.source().index()],
            g.node_ids[e.target().index()]
        );
    }
}

fn clusters_view(g: &ClaimGraph<'_>, options: &DotOptions, out: &mut Sink<'_>) {
    let kept = kept_clusters(g, options);
    for cluster in g.clusters() {
        if !kept[cluster.id] {
            continue;
        }
        let text = g.claim_text(cluster.representative);
        let sources = if cluster.sources.len() > 4 {
            format!(
                "{}, … (+{})",
                cluster.sources[..3].join(", "),
                cluster.sources.len() - 3
            )
        } else {
            cluster.sources.join(", ")
        };
        let footer = format!(
            "{} independent source{} · {} claim{} · {}",
            cluster.independent_sources,
            plural(cluster.independent_sources),
            cluster.claims.len(),
            plural(cluster.claims.len()),
            sources
        );
        let _ = writeln!(
            out,
            "  \"k{}\" [label=\"{}\\n\\n{}\", fillcolor=\"{}\"];",
            cluster.id,
            dot_label(&truncate_chars(text, MAX_LABEL_CHARS), WRAP),
            dot_label(&footer, WRAP),
            cluster_fill(g, cluster.id)
        );
    }

    // Links between clusters, aggregated per pair and relation.
    #[derive(Default)]
    struct Link {
        count: usize,
        best: f32,
        reason: Option<String>,
    }
    let graph = g.graph();
    let mut links: BTreeMap<(usize, usize, Relation), Link> = BTreeMap::new();
    for e in graph.edge_references() {
        let x = g.cluster_of(graph[e.source()].claim).unwrap_or(0);
        let y = g.cluster_of(graph[e.target()].claim).unwrap_or(0);
        // Related pairs are left out of this view: they are the bulk of the edges (hundreds
        // on a 20-article set, making `dot` take seconds) and say nothing about which claims
        // are corroborated or contested; the claims view draws them.
        if x == y || !kept[x] || !kept[y] || e.weight().relation == Relation::Related {
            continue;
        }
        let w = e.weight();
        let link = links.entry((x.min(y), x.max(y), w.relation)).or_default();
        link.count += 1;
        if link.count == 1 || w.score > link.best {
            link.best = w.score;
            link.reason = w.reason.map(|r| r.to_string());
        }
    }
    for ((x, y, relation), link) in links {
        let mut attrs = edge_style(relation);
        match relation {
            Relation::Contradict => {
                let reason = link.reason.unwrap_or_else(|| "contradiction".to_string());
                let label = if link.count > 1 {
                    format!("{reason} (×{})", link.count)
                } else {
                    reason
                };
                let _ = write!(attrs, ", label=\"{}\"", dot_label(&label, 30));
            }
            // Agreement the chaining guard refused to merge: shown, but lighter.
            Relation::Agree => attrs.push_str(", style=dashed"),
            Relation::Related => {}
        }
        let _ = write!(
            attrs,
            ", tooltip=\"{} {} pair{}, best {:.2}\"",
            link.count,
            relation.as_str(),
            plural(link.count),
            link.best
        );
        let _ = writeln!(out, "  \"k{x}\" -- \"k{y}\" [{attrs}];");
    }
}

fn sources_view(g: &ClaimGraph<'_>, out: &mut Sink<'_>) {
    let stories = g.stories();
    if stories.len() > 1 {
        // A set mixing several events: one box per story (most articles first). Sources are not
        // boxed inside it, as nested clusters trouble `dot` (see the claims view); each node
        // names its source instead.
        for (n, articles) in stories.iter().enumerate() {
            let _ = writeln!(
                out,
                "  subgraph cluster_story_{} {{\n    label=\"story {} · {} article{}\"; style=\"rounded,dashed\"; color=\"#1565c0\"; fontname=\"Helvetica-Bold\";",
                n + 1,
                n + 1,
                articles.len(),
                plural(articles.len())
            );
            for &article in articles {
                article_node(g, article, false, out);
            }
            out.push_str("  }\n");
        }
    } else {
        // A source with several articles is a box around them; a source with one article is
        // just that article's node, named after the source (boxes for every node only add
        // clutter).
        for (si, (source, articles)) in articles_by_source(g).into_iter().enumerate() {
            let boxed = articles.len() > 1;
            if boxed {
                let _ = writeln!(
                    out,
                    "  subgraph cluster_{si} {{\n    label=\"{}\"; style=\"rounded\"; color=\"#666666\"; fontname=\"Helvetica-Bold\";",
                    dot_label(source, WRAP)
                );
            }
            for article in articles {
                article_node(g, article, boxed, out);
            }
            if boxed {
                out.push_str("  }\n");
            }
        }
    }
    source_edges(g, out);
}

/// An article's node in the sources view; `boxed` when its source's box already names the
/// source.
fn article_node(g: &ClaimGraph<'_>, article: usize, boxed: bool, out: &mut Sink<'_>) {
    let source = g.articles()[article].meta.source.as_str();
    let a = &g.articles()[article];
    let mut footer = format!(
        "{} · {} claim{}",
        a.meta.id,
        a.claims.len(),
        plural(a.claims.len())
    );
    if let Some(original) = g.copy_of(article) {
        let _ = write!(
            footer,
            " · near-duplicate of {}",
            g.articles()[original].meta.id
        );
    }
    let mut parts: Vec<String> = Vec::new();
    if !boxed && a.meta.source != a.meta.id {
        parts.push(dot_label(source, WRAP));
    }
    if let Some(title) = &a.meta.title {
        parts.push(dot_label(&truncate_chars(title, 120), WRAP));
    }
    parts.push(dot_label(&footer, WRAP));
    let _ = writeln!(
        out,
        "    \"a_{}\" [label=\"{}\"{}];",
        g.article_stems[article],
        parts.join("\\n\\n"),
        if g.copy_of(article).is_some() {
            ", style=\"rounded,filled,dashed\""
        } else {
            ""
        }
    );
}

fn source_edges(g: &ClaimGraph<'_>, out: &mut Sink<'_>) {
    // One edge per article pair: parallel edges between boxed nodes upset Graphviz's spline
    // router. Colour and style follow the strongest relation present (contradiction, then
    // agreement, then near-duplicate); the label gives every count.
    let width = |count: usize| 1.0 + (count as f64).ln_1p();
    for link in g.source_links() {
        // Pairs that only share related claims are most pairs of a story and say little; the
        // view draws agreement, contradiction and copying (related counts ride along).
        if link.agree == 0 && link.contradict == 0 && !link.copy {
            continue;
        }
        let (a, b) = (&g.article_stems[link.a], &g.article_stems[link.b]);
        let mut parts: Vec<String> = Vec::new();
        if link.copy {
            parts.push("near-duplicate".to_string());
        }
        for (count, name) in [
            (link.agree, "agree"),
            (link.contradict, "contradict"),
            (link.related, "related"),
        ] {
            if count > 0 {
                parts.push(format!("{count} {name}"));
            }
        }
        let (color, style, penwidth) = if link.contradict > 0 {
            (CONTRADICT, "bold", 1.5 + width(link.contradict))
        } else if link.agree > 0 {
            (AGREE, "solid", width(link.agree))
        } else {
            (COPY, "dotted", 2.0)
        };
        let _ = writeln!(
            out,
            "  \"a_{a}\" -- \"a_{b}\" [color=\"{color}\", fontcolor=\"{color}\", style={style}, penwidth={penwidth:.2}, label=\"{}\", tooltip=\"{}\"];",
            parts.join("\\n"),
            dot_label(
                &format!(
                    "{} – {}: {} agree, {} contradict, {} related{}",
                    g.articles()[link.a].meta.id,
                    g.articles()[link.b].meta.id,
                    link.agree,
                    link.contradict,
                    link.related,
                    if link.copy { ", near-duplicate" } else { "" }
                ),
                0
            )
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
