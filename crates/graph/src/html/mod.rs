//! The HTML report: one self-contained page (inline CSS and JS, no network) that a journalist
//! opens from disk. The page is rendered by minijinja from `report.html` (embedded at compile
//! time); every value from the articles goes through the engine's HTML escaping, so markup in
//! an article is shown as text. The one value inserted unescaped is the sources graph's SVG,
//! which the caller renders from [`ClaimGraph::sources_overview_dot`] (Graphviz or
//! [`render_svg`](crate::render_svg)); both renderers escape the labels they draw.
//!
//! The page shows what the Markdown report shows, capped alike (the same number of contested
//! points, clusters and exclusive claims per source), so counts on the page equal report.md's.

use std::collections::{BTreeMap, BTreeSet};

use concord_similarity::ClaimRef;
use serde::Serialize;

use crate::error::{Error, ErrorKind};
use crate::graph::{ClaimGraph, Cluster, ContestedEdge};
use crate::report::{
    story_headline, story_links, CONTEST_HEADING_CHARS, HEADING_CHARS, MAX_CELL_WORDINGS,
    MAX_CLUSTER_LINES, MAX_EXCLUSIVE_PER_SOURCE, MAX_POINTS, MAX_REASONS, MAX_SOURCE_NAMES,
};
use crate::text::truncate_chars;

mod diff;
mod overview;

use diff::{highlight, reason_terms, Piece};

const TEMPLATE: &str = include_str!("report.html");

/// The sources graph handed to [`ClaimGraph::report_html`]: the SVG text and how it was drawn.
#[derive(Clone, Copy, Debug, Default)]
pub struct HtmlGraph<'s> {
    /// SVG rendered from [`ClaimGraph::sources_overview_dot`]; `None` leaves the graph out.
    pub svg: Option<&'s str>,
    /// One line under the picture: which renderer drew it, or why there is none.
    pub note: &'s str,
    /// Scale the picture down to the page's width (Graphviz's compact layout); otherwise it is
    /// shown at its own size and scrolls sideways (the built-in renderer's wide layers would
    /// shrink to unreadable text).
    pub fit: bool,
}

#[derive(Serialize)]
struct Page<'a> {
    title: String,
    counts: Counts,
    stories: Vec<StoryView>,
    sources: Vec<SourceView<'a>>,
    contested: Vec<ContestedView<'a>>,
    contested_more: usize,
    corroborated: Vec<ClusterView<'a>>,
    corroborated_more: usize,
    /// Claims repeated only by articles that count as one source.
    repeated: usize,
    exclusive: Vec<ExclusiveGroup<'a>>,
    articles: Vec<ArticleView<'a>>,
    graph_svg: Option<minijinja::Value>,
    graph_note: String,
    graph_fit: bool,
}

#[derive(Serialize)]
struct Counts {
    articles: usize,
    sources: usize,
    claims: usize,
    corroborated: usize,
    contested: usize,
    exclusive: usize,
    near_duplicates: usize,
}

#[derive(Serialize)]
struct StoryView {
    articles: usize,
    sources: String,
    headline: Option<String>,
}

#[derive(Serialize)]
struct SourceView<'a> {
    key: String,
    name: &'a str,
    articles: usize,
}

/// One claim as the page shows it: who said it and a link to it in its article.
#[derive(Serialize)]
struct ClaimView<'a> {
    anchor: String,
    source: &'a str,
    /// The article id, when it says more than the source.
    article: Option<&'a str>,
    speaker: Option<&'a str>,
    headline: bool,
    /// The article id of the original, for a near-duplicate.
    copy_of: Option<&'a str>,
    text: &'a str,
}

/// One wording of a side: its text (diffed for the first wording), and every claim saying it.
#[derive(Serialize)]
struct Wording<'a> {
    text: &'a str,
    pieces: Option<Vec<Piece>>,
    claims: Vec<ClaimView<'a>>,
}

#[derive(Serialize)]
struct SideView<'a> {
    wordings: Vec<Wording<'a>>,
    more_wordings: usize,
    badges: Vec<Badge<'a>>,
    independent: usize,
}

#[derive(Serialize)]
struct Badge<'a> {
    name: &'a str,
    key: String,
    copy: bool,
}

#[derive(Serialize)]
struct ContestedView<'a> {
    rank: usize,
    heading_a: String,
    heading_b: String,
    reason_kind: &'a str,
    reason: String,
    other_reasons: Vec<String>,
    more_reasons: usize,
    sides: [SideView<'a>; 2],
    source_keys: String,
}

#[derive(Serialize)]
struct ClusterView<'a> {
    rank: usize,
    id: usize,
    heading: String,
    independent: usize,
    badges: Vec<Badge<'a>>,
    more_badges: usize,
    contested: bool,
    claims: Vec<ClaimView<'a>>,
    more_claims: usize,
    source_keys: String,
}

#[derive(Serialize)]
struct ExclusiveGroup<'a> {
    source: &'a str,
    key: String,
    total: usize,
    claims: Vec<ExclusiveView<'a>>,
    more: usize,
}

#[derive(Serialize)]
struct ExclusiveView<'a> {
    claim: ClaimView<'a>,
    told: usize,
    articles: usize,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    anchor: String,
    source: &'a str,
    source_key: String,
    id: &'a str,
    title: Option<&'a str>,
    /// Only `http:` and `https:` addresses are linked.
    url: Option<&'a str>,
    published: Option<&'a str>,
    claims: usize,
    copy_of: Option<&'a str>,
    pieces: Vec<TextPiece<'a>>,
}

/// A stretch of an article's text: a claim (with its anchor) or the text between claims.
#[derive(Serialize)]
struct TextPiece<'a> {
    text: &'a str,
    anchor: Option<String>,
}

impl<'a> ClaimGraph<'a> {
    /// The self-contained HTML report of the set. `graph` is the sources graph the caller drew
    /// (this crate runs no program).
    pub fn report_html(&self, graph: HtmlGraph<'_>) -> Result<String, Error> {
        let page = Html::new(self).page(graph);
        let mut env = minijinja::Environment::new();
        env.add_template("report.html", TEMPLATE)
            .map_err(|e| Error::new(ErrorKind::Template, e.to_string()))?;
        let template = env
            .get_template("report.html")
            .map_err(|e| Error::new(ErrorKind::Template, e.to_string()))?;
        template
            .render(page)
            .map_err(|e| Error::new(ErrorKind::Template, e.to_string()))
    }

    /// Distinct sources, sorted.
    pub(crate) fn source_names(&self) -> Vec<&'a str> {
        self.articles()
            .iter()
            .map(|a| a.meta.source.as_str())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }
}

/// Builds the page's data from a graph.
struct Html<'g, 'a> {
    g: &'g ClaimGraph<'a>,
    /// Per source name: its key for the filters (`s<index>`).
    source_key: BTreeMap<&'a str, String>,
    /// Per article, per claim: whether the claim has an anchor in the article view.
    anchored: Vec<Vec<bool>>,
    pieces: Vec<Vec<TextPiece<'a>>>,
}

impl<'g, 'a> Html<'g, 'a> {
    fn new(g: &'g ClaimGraph<'a>) -> Self {
        let source_key = g
            .source_names()
            .into_iter()
            .enumerate()
            .map(|(i, s)| (s, format!("s{i}")))
            .collect();
        let mut anchored = Vec::new();
        let mut pieces = Vec::new();
        for (i, a) in g.articles().iter().enumerate() {
            let (p, marks) = article_pieces(i, a);
            pieces.push(p);
            anchored.push(marks);
        }
        Html {
            g,
            source_key,
            anchored,
            pieces,
        }
    }

    fn key(&self, source: &str) -> String {
        self.source_key.get(source).cloned().unwrap_or_default()
    }

    fn page(mut self, graph: HtmlGraph<'_>) -> Page<'a> {
        let g = self.g;
        let s = g.summary();
        let title = match g.set_name() {
            Some(set) => format!("concord report: {set}"),
            None => format!("concord report: {} articles", s.articles),
        };
        let mut articles_per_source: BTreeMap<&str, usize> = BTreeMap::new();
        for a in g.articles() {
            *articles_per_source
                .entry(a.meta.source.as_str())
                .or_default() += 1;
        }
        let sources = articles_per_source
            .iter()
            .map(|(name, n)| SourceView {
                key: self.key(name),
                name,
                articles: *n,
            })
            .collect();
        let corroborated_all = g.corroborated();
        let corroborated = corroborated_all
            .iter()
            .take(MAX_POINTS)
            .enumerate()
            .map(|(rank, c)| self.cluster_view(rank + 1, c))
            .collect();
        let contested = g
            .contested()
            .iter()
            .take(MAX_POINTS)
            .enumerate()
            .map(|(rank, p)| {
                let [x, y] = p.clusters.map(|c| &g.clusters()[c]);
                self.contested_view(rank + 1, &p.edges, x, y)
            })
            .collect();
        let repeated = g
            .clusters()
            .iter()
            .filter(|c| !c.is_corroborated() && c.articles.len() > 1)
            .count();
        let exclusive = self.exclusive_groups();
        let pieces = std::mem::take(&mut self.pieces);
        let articles = g
            .articles()
            .iter()
            .zip(pieces)
            .enumerate()
            .map(|(i, (a, pieces))| ArticleView {
                anchor: format!("a{i}"),
                source: &a.meta.source,
                source_key: self.key(&a.meta.source),
                id: &a.meta.id,
                title: a.meta.title.as_deref().filter(|t| !t.trim().is_empty()),
                url: a.meta.url.as_deref().filter(|u| is_web_address(u)),
                published: a.meta.published.as_deref(),
                claims: a.claims.len(),
                copy_of: g.copy_of(i).map(|j| g.articles()[j].meta.id.as_str()),
                pieces,
            })
            .collect();
        Page {
            title,
            counts: Counts {
                articles: s.articles,
                sources: s.sources,
                claims: s.claims,
                corroborated: s.corroborated,
                contested: s.contested,
                exclusive: s.exclusive,
                near_duplicates: s.near_duplicates,
            },
            stories: self.stories(),
            sources,
            contested_more: g.contested().len().saturating_sub(MAX_POINTS),
            contested,
            corroborated_more: corroborated_all.len().saturating_sub(MAX_POINTS),
            corroborated,
            repeated,
            exclusive,
            articles,
            graph_svg: graph
                .svg
                .map(|svg| minijinja::Value::from_safe_string(svg_element(svg).to_string())),
            graph_note: graph.note.to_string(),
            graph_fit: graph.fit,
        }
    }

    fn stories(&self) -> Vec<StoryView> {
        let g = self.g;
        let stories = g.stories();
        if stories.len() < 2 {
            return Vec::new();
        }
        let links = story_links(g);
        stories
            .iter()
            .map(|articles| {
                let sources: BTreeSet<&str> = articles
                    .iter()
                    .map(|&a| g.articles()[a].meta.source.as_str())
                    .collect();
                let mut names: Vec<&str> = sources.iter().copied().take(MAX_SOURCE_NAMES).collect();
                let more = sources.len().saturating_sub(MAX_SOURCE_NAMES);
                let more_text = format!("+{more} more");
                if more > 0 {
                    names.push(&more_text);
                }
                StoryView {
                    articles: articles.len(),
                    sources: names.join(", "),
                    headline: story_headline(g, articles, &links)
                        .map(|h| truncate_chars(h, HEADING_CHARS)),
                }
            })
            .collect()
    }

    fn claim(&self, r: ClaimRef) -> ClaimView<'a> {
        let g = self.g;
        let article = &g.articles()[r.article];
        let c = &article.claims[r.claim];
        let anchored = self
            .anchored
            .get(r.article)
            .and_then(|m| m.get(r.claim))
            .copied()
            .unwrap_or(false);
        ClaimView {
            anchor: if anchored {
                format!("a{}-c{}", r.article, r.claim)
            } else {
                format!("a{}", r.article)
            },
            source: &article.meta.source,
            article: (article.meta.id != article.meta.source).then_some(article.meta.id.as_str()),
            speaker: c.speaker.as_deref(),
            headline: c.headline,
            copy_of: g
                .copy_of(r.article)
                .map(|j| g.articles()[j].meta.id.as_str()),
            text: &c.text,
        }
    }

    fn keys_of(&self, claims: impl IntoIterator<Item = ClaimRef>) -> String {
        let keys: BTreeSet<String> = claims
            .into_iter()
            .map(|c| self.key(&self.g.articles()[c.article].meta.source))
            .collect();
        keys.into_iter().collect::<Vec<_>>().join(" ")
    }

    fn cluster_view(&self, rank: usize, c: &Cluster) -> ClusterView<'a> {
        let g = self.g;
        let cluster = c;
        let mut badges = self.badges(cluster);
        let more_badges = badges.len().saturating_sub(MAX_SOURCE_NAMES * 4);
        badges.truncate(MAX_SOURCE_NAMES * 4);
        ClusterView {
            rank,
            id: cluster.id,
            heading: truncate_chars(g.claim_text(cluster.representative), HEADING_CHARS),
            independent: cluster.independent_sources,
            badges,
            more_badges,
            contested: g.is_contested(cluster.id),
            claims: cluster
                .claims
                .iter()
                .take(MAX_CLUSTER_LINES)
                .map(|&r| self.claim(r))
                .collect(),
            more_claims: cluster.claims.len().saturating_sub(MAX_CLUSTER_LINES),
            source_keys: self.keys_of(cluster.claims.iter().copied()),
        }
    }

    /// A badge per source of a cluster (names are the articles' own); a source is a copy
    /// when all its articles in the cluster are near-duplicates of other articles.
    fn badges(&self, cluster: &Cluster) -> Vec<Badge<'a>> {
        let g = self.g;
        let names: BTreeSet<&'a str> = cluster
            .articles
            .iter()
            .map(|&a| g.articles()[a].meta.source.as_str())
            .collect();
        names
            .into_iter()
            .map(|source| Badge {
                name: source,
                key: self.key(source),
                copy: cluster
                    .articles
                    .iter()
                    .filter(|&&a| g.articles()[a].meta.source == source)
                    .all(|&a| g.copy_of(a).is_some()),
            })
            .collect()
    }

    /// One side of a contested point; `other_first` is the other side's strongest wording and
    /// `terms` the reason's words, this side's first ("70 missiles" of "70 missiles vs 40
    /// missiles").
    fn side(
        &self,
        claims: &[ClaimRef],
        cluster: &Cluster,
        other_first: &str,
        terms: &[&str],
    ) -> SideView<'a> {
        let g = self.g;
        let mut wordings: Vec<(&'a str, Vec<ClaimRef>)> = Vec::new();
        for &c in claims {
            let text = g.claim_text(c);
            match wordings.iter_mut().find(|(t, _)| *t == text) {
                Some((_, refs)) => refs.push(c),
                None => wordings.push((text, vec![c])),
            }
        }
        let more_wordings = wordings.len().saturating_sub(MAX_CELL_WORDINGS);
        SideView {
            wordings: wordings
                .into_iter()
                .take(MAX_CELL_WORDINGS)
                .enumerate()
                .map(|(i, (text, refs))| Wording {
                    text,
                    pieces: (i == 0).then(|| highlight(text, other_first, terms)),
                    claims: refs.into_iter().map(|r| self.claim(r)).collect(),
                })
                .collect(),
            more_wordings,
            badges: self.badges(cluster),
            independent: cluster.independent_sources,
        }
    }

    fn contested_view(
        &self,
        rank: usize,
        edges: &[ContestedEdge],
        x: &Cluster,
        y: &Cluster,
    ) -> ContestedView<'a> {
        let g = self.g;
        let strongest = &edges[0];
        let collect = |pick: fn(&ContestedEdge) -> ClaimRef| {
            let mut claims: Vec<ClaimRef> = Vec::new();
            for e in edges {
                if !claims.contains(&pick(e)) {
                    claims.push(pick(e));
                }
            }
            claims
        };
        let (left, right) = (collect(|e| e.a), collect(|e| e.b));
        let (text_a, text_b) = (g.claim_text(strongest.a), g.claim_text(strongest.b));
        let mut reasons: Vec<String> = edges
            .iter()
            .filter_map(|e| e.reason.as_ref().map(|r| r.to_string()))
            .collect();
        reasons.sort();
        reasons.dedup();
        let (reason_kind, reason) = match &strongest.reason {
            Some(r) => (r.kind.as_str(), r.detail.clone()),
            None => ("contradiction", "no reason given".to_string()),
        };
        let terms = strongest
            .reason
            .as_ref()
            .map(|r| reason_terms(&r.detail))
            .unwrap_or_default();
        let reversed: Vec<&str> = terms.iter().rev().copied().collect();
        let all: Vec<ClaimRef> = x.claims.iter().chain(&y.claims).copied().collect();
        let other_reasons: Vec<String> = if reasons.len() > 1 {
            reasons.iter().take(MAX_REASONS).cloned().collect()
        } else {
            Vec::new()
        };
        ContestedView {
            rank,
            heading_a: heading(text_a),
            heading_b: heading(text_b),
            reason_kind,
            reason,
            more_reasons: if reasons.len() > 1 {
                reasons.len().saturating_sub(MAX_REASONS)
            } else {
                0
            },
            other_reasons,
            sides: [
                self.side(&left, x, text_b, &terms),
                self.side(&right, y, text_a, &reversed),
            ],
            source_keys: self.keys_of(all),
        }
    }

    fn exclusive_groups(&self) -> Vec<ExclusiveGroup<'a>> {
        let g = self.g;
        let mut by_source: BTreeMap<&'a str, Vec<usize>> = BTreeMap::new();
        for e in g.exclusive() {
            let source = g.articles()[g.clusters()[e.cluster].articles[0]]
                .meta
                .source
                .as_str();
            by_source.entry(source).or_default().push(e.cluster);
        }
        by_source
            .into_iter()
            .map(|(source, clusters)| ExclusiveGroup {
                source,
                key: self.key(source),
                total: clusters.len(),
                more: clusters.len().saturating_sub(MAX_EXCLUSIVE_PER_SOURCE),
                claims: clusters
                    .iter()
                    .take(MAX_EXCLUSIVE_PER_SOURCE)
                    .map(|&id| {
                        let c = &g.clusters()[id];
                        ExclusiveView {
                            claim: self.claim(c.representative),
                            told: c.claims.len(),
                            articles: c.articles.len(),
                        }
                    })
                    .collect(),
            })
            .collect()
    }
}

fn heading(text: &str) -> String {
    truncate_chars(
        text.trim_matches(|c| matches!(c, '“' | '”' | '"' | ' ')),
        CONTEST_HEADING_CHARS,
    )
}

/// An article's text cut at its claims (from their character offsets): each claim a piece
/// with its anchor. A claim whose span is out of range or overlaps the previous one (which the
/// parser never gives) gets no anchor; links to it go to the article.
fn article_pieces(index: usize, a: &concord_parser::Article) -> (Vec<TextPiece<'_>>, Vec<bool>) {
    let text = a.text.as_str();
    // Byte offset of each character offset (one past the end included).
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut order: Vec<usize> = (0..a.claims.len()).collect();
    order.sort_by_key(|&c| (a.claims[c].span.start, a.claims[c].span.end));
    let mut anchored = vec![false; a.claims.len()];
    let mut pieces = Vec::new();
    let mut at = 0usize; // byte offset written up to
    for c in order {
        let span = a.claims[c].span;
        let (Some(&start), Some(&end)) = (bounds.get(span.start), bounds.get(span.end)) else {
            continue;
        };
        if start < at || end <= start {
            continue;
        }
        if start > at {
            pieces.push(TextPiece {
                text: &text[at..start],
                anchor: None,
            });
        }
        pieces.push(TextPiece {
            text: &text[start..end],
            anchor: Some(format!("a{index}-c{c}")),
        });
        anchored[c] = true;
        at = end;
    }
    if at < text.len() {
        pieces.push(TextPiece {
            text: &text[at..],
            anchor: None,
        });
    }
    (pieces, anchored)
}

/// Only these are linked: a `javascript:` or `data:` address in an article's metadata is shown
/// as text.
fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// The `<svg …>…</svg>` element of a rendered file, without the XML prolog and doctype that
/// cannot stand inside HTML.
fn svg_element(svg: &str) -> &str {
    match (svg.find("<svg"), svg.rfind("</svg>")) {
        (Some(start), Some(end)) if end > start => &svg[start..end + "</svg>".len()],
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_linked() {
        for (url, linked) in [
            ("https://example.org/a", true),
            ("HTTP://example.org", true),
            ("javascript:alert(1)", false),
            (" JavaScript:alert(1)", false),
            ("data:text/html,<script>", false),
            ("https://x.org/\njavascript:", false),
            ("//example.org", false),
        ] {
            assert_eq!(is_web_address(url), linked, "{url:?}");
        }
    }

    proptest::proptest! {
        /// An article's pieces put back together are its text, and every claim gets its anchor
        /// (the parser's spans never overlap), on the claim's own characters.
        #[test]
        fn article_pieces_cover_the_text_and_anchor_every_claim(
            text in "([A-Z][a-zé’“”<>&\"' ]{0,30}[.!?]( |\n\n)){1,8}"
        ) {
            let articles: Vec<concord_parser::Article> = concord_parser::parse_document(
                "p.txt",
                text.as_bytes(),
                concord_parser::Format::Text,
            )
            .into_iter()
            .flatten()
            .collect();
            for a in &articles {
                let (pieces, anchored) = article_pieces(0, a);
                let joined: String = pieces.iter().map(|p| p.text).collect();
                proptest::prop_assert_eq!(&joined, &a.text);
                proptest::prop_assert!(anchored.iter().all(|&x| x));
                for (c, claim) in a.claims.iter().enumerate() {
                    let id = format!("a0-c{c}");
                    let piece = pieces.iter().find(|p| p.anchor.as_deref() == Some(id.as_str()));
                    let expected: String = a
                        .text
                        .chars()
                        .skip(claim.span.start)
                        .take(claim.span.end - claim.span.start)
                        .collect();
                    proptest::prop_assert_eq!(piece.map(|p| p.text), Some(expected.as_str()));
                }
            }
        }
    }

    #[test]
    fn svg_element_drops_prolog() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg width=\"1\"><g/></svg>\n";
        assert_eq!(svg_element(svg), "<svg width=\"1\"><g/></svg>");
        assert_eq!(svg_element("not svg"), "");
    }
}
