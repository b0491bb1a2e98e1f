//! The Markdown report: what a journalist reads first.

use std::collections::BTreeMap;
use std::fmt::Write;

use concord_similarity::ClaimRef;

use crate::graph::{ClaimGraph, Cluster, ContestedEdge};
use crate::text::{markdown_text, truncate_chars, Sink};

/// Claims listed per corroborated cluster before "… and N more".
pub(crate) const MAX_CLUSTER_LINES: usize = 12;
/// Corroborated clusters and contested points listed before "… and N more".
pub(crate) const MAX_POINTS: usize = 150;
/// Wordings shown per side of a contested point.
pub(crate) const MAX_CELL_WORDINGS: usize = 4;
/// Source names listed per cluster before "+N more".
pub(crate) const MAX_SOURCE_NAMES: usize = 8;
/// Distinct reasons listed per contested point.
pub(crate) const MAX_REASONS: usize = 3;
/// Exclusive claims listed per source before "… and N more".
pub(crate) const MAX_EXCLUSIVE_PER_SOURCE: usize = 60;
/// Longest claim text in a heading.
pub(crate) const HEADING_CHARS: usize = 140;
/// Longest text of each side in a contested point's heading.
pub(crate) const CONTEST_HEADING_CHARS: usize = 100;

pub(crate) fn render(g: &ClaimGraph<'_>, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
    let mut out = Sink::new(out);
    let s = g.summary();
    match g.set_name() {
        Some(set) => {
            let _ = writeln!(out, "# concord report: {}\n", markdown_text(set));
        }
        None => {
            let _ = writeln!(out, "# concord report: {} articles\n", s.articles);
        }
    }
    let _ = writeln!(
        out,
        "{} article{} from {} source{} · {} claims · **{} corroborated** · **{} contested** · {} exclusive · {} near-duplicate article{}\n",
        s.articles,
        plural(s.articles),
        s.sources,
        plural(s.sources),
        s.claims,
        s.corroborated,
        s.contested,
        s.exclusive,
        s.near_duplicates,
        plural(s.near_duplicates),
    );
    out.push_str(
        "Corroboration counts independent sources: articles of one outlet count once, and a \
         near-duplicate (syndicated copy) counts with its original.\n\n",
    );

    // Findings first; the reference tables (names, articles) last, as they run to hundreds of
    // lines on big sets.
    stories_section(g, &mut out);
    out.push_str(
        "Sections: corroborated claims · contested points · exclusive claims · names matched across sources · articles.\n\n",
    );
    corroborated_section(g, &mut out);
    contested_section(g, &mut out);
    contested_overflow(g, &mut out);
    exclusive_section(g, &mut out);
    aliases_section(g, &mut out);
    articles_section(g, &mut out);
    out.finish()
}

/// Only for a set that mixes several events: which articles tell which story. A single-story
/// set gets nothing, so the common case reads as before.
fn stories_section(g: &ClaimGraph<'_>, out: &mut Sink<'_>) {
    let stories = g.stories();
    if stories.len() < 2 {
        return;
    }
    let _ = writeln!(
        out,
        "## Stories in this set

These articles report {} different events. Claims are compared across stories only when their wording is very close.\n",
        stories.len()
    );
    let links = story_links(g);
    for (n, articles) in stories.iter().enumerate() {
        let mut sources: Vec<&str> = articles
            .iter()
            .map(|&a| g.articles()[a].meta.source.as_str())
            .collect();
        sources.sort_unstable();
        sources.dedup();
        let mut names: Vec<String> = sources
            .iter()
            .take(MAX_SOURCE_NAMES)
            .map(|s| markdown_text(s))
            .collect();
        if sources.len() > MAX_SOURCE_NAMES {
            names.push(format!("+{} more", sources.len() - MAX_SOURCE_NAMES));
        }
        let _ = write!(
            out,
            "{}. **{} article{}** from {}",
            n + 1,
            articles.len(),
            plural(articles.len()),
            names.join(", ")
        );
        match story_headline(g, articles, &links) {
            Some(headline) => {
                let _ = writeln!(
                    out,
                    ": {}",
                    markdown_text(&truncate_chars(headline, HEADING_CHARS))
                );
            }
            None => out.push('\n'),
        }
    }
    out.push('\n');
}

/// Per article, the claim pairs it shares with other articles of its story: how connected it is
/// within the story. One pass over the links for all stories (a set of thousands of articles
/// has hundreds of stories and hundreds of thousands of links).
pub(crate) fn story_links(g: &ClaimGraph<'_>) -> Vec<usize> {
    let mut links = vec![0usize; g.articles().len()];
    for link in g.source_links() {
        if g.story_of(link.a) == g.story_of(link.b) {
            let pairs = link.agree + link.contradict + link.related;
            links[link.a] += pairs;
            links[link.b] += pairs;
        }
    }
    links
}

/// What a story is about, in its own words: the title of its most connected article (the one
/// sharing most claim pairs with the story's other articles, `links` from [`story_links`]; the
/// first on a tie), else that article's headline claim, else its first claim; an article with
/// no claims gives way to the story's first article that has some. The most connected article
/// stands for the story better than the first one, whose title may be a dateline or a teaser.
pub(crate) fn story_headline<'a>(
    g: &ClaimGraph<'a>,
    articles: &[usize],
    links: &[usize],
) -> Option<&'a str> {
    let all = g.articles();
    let central = articles
        .iter()
        .copied()
        .filter(|&a| !all[a].claims.is_empty() || all[a].meta.title.is_some())
        // Most links first, then input order: `max_by_key` keeps the last maximum, so rank by
        // (links, reversed position).
        .max_by_key(|&a| (links.get(a).copied().unwrap_or(0), std::cmp::Reverse(a)))?;
    let article = &all[central];
    article
        .meta
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| {
            article
                .claims
                .iter()
                .find(|c| c.headline)
                .or_else(|| article.claims.first())
                .map(|c| c.text.as_str())
        })
}

fn articles_section(g: &ClaimGraph<'_>, out: &mut Sink<'_>) {
    let titled = g.articles().iter().any(|a| a.meta.title.is_some());
    let with_ids = g.articles().iter().any(|a| a.meta.id != a.meta.source);
    let noted = (0..g.articles().len()).any(|i| g.copy_of(i).is_some());
    out.push_str("## Articles\n\n| # | Source |");
    out.push_str(if with_ids { " Article |" } else { "" });
    out.push_str(if titled { " Title |" } else { "" });
    out.push_str(" Claims |");
    out.push_str(if noted { " Note |" } else { "" });
    out.push_str("\n|---|---|");
    out.push_str(if with_ids { "---|" } else { "" });
    out.push_str(if titled { "---|" } else { "" });
    out.push_str("---|");
    out.push_str(if noted { "---|" } else { "" });
    out.push('\n');
    for (i, a) in g.articles().iter().enumerate() {
        let _ = write!(out, "| {} | {} |", i + 1, markdown_text(&a.meta.source));
        if with_ids {
            let _ = write!(out, " {} |", markdown_text(&a.meta.id));
        }
        if titled {
            let title = truncate_chars(a.meta.title.as_deref().unwrap_or(""), 100);
            let _ = write!(out, " {} |", markdown_text(&title));
        }
        let _ = write!(out, " {} |", a.claims.len());
        if noted {
            let note = g
                .copy_of(i)
                .map(|j| {
                    format!(
                        "near-duplicate of {} (counted once)",
                        markdown_text(&g.articles()[j].meta.id)
                    )
                })
                .unwrap_or_default();
            let _ = write!(out, " {note} |");
        }
        out.push('\n');
    }
    out.push('\n');
}

fn aliases_section(g: &ClaimGraph<'_>, out: &mut Sink<'_>) {
    let mut lines: Vec<String> = g
        .aliases()
        .iter()
        .map(|group| {
            let mut names = vec![group.canonical.as_str()];
            for v in &group.variants {
                if !names.contains(&v.as_str()) {
                    names.push(v);
                }
            }
            names
                .iter()
                .map(|n| markdown_text(n))
                .collect::<Vec<_>>()
                .join(" = ")
        })
        .filter(|line| line.contains(" = "))
        .collect();
    lines.sort();
    lines.dedup();
    out.push_str("## Names matched across sources\n\n");
    if lines.is_empty() {
        out.push_str("No name was found under several spellings.\n\n");
        return;
    }
    out.push_str("Spellings and references taken as one entity when matching claims.\n\n");
    for line in lines {
        let _ = writeln!(out, "- {line}");
    }
    out.push('\n');
}

/// ` (article, said by X, headline, copy of Y)`, or nothing. The article id is left out when it
/// merely repeats the source.
fn claim_notes(g: &ClaimGraph<'_>, claim: ClaimRef) -> String {
    let article = &g.articles()[claim.article];
    let c = &article.claims[claim.claim];
    let mut notes: Vec<String> = Vec::new();
    if article.meta.id != article.meta.source {
        notes.push(markdown_text(&article.meta.id));
    }
    if let Some(speaker) = &c.speaker {
        notes.push(format!("said by {}", markdown_text(speaker)));
    }
    if c.headline {
        notes.push("headline".to_string());
    }
    if let Some(original) = g.copy_of(claim.article) {
        notes.push(format!(
            "copy of {}",
            markdown_text(&g.articles()[original].meta.id)
        ));
    }
    if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join(", "))
    }
}

/// `**source** (notes)`
fn claim_attribution(g: &ClaimGraph<'_>, claim: ClaimRef) -> String {
    format!(
        "**{}**{}",
        markdown_text(&g.articles()[claim.article].meta.source),
        claim_notes(g, claim)
    )
}

/// `**source** (notes): text`, or `text (notes)` under a per-source heading.
fn claim_line(g: &ClaimGraph<'_>, claim: ClaimRef, with_source: bool) -> String {
    let text = markdown_text(g.claim_text(claim));
    if with_source {
        format!("{}: {text}", claim_attribution(g, claim))
    } else {
        format!("{text}{}", claim_notes(g, claim))
    }
}

/// A table cell listing claims, one wording per paragraph (`<br><br>`): claims with the same
/// text are merged under all their attributions. At most `MAX_CELL_WORDINGS` wordings.
fn wordings_cell(g: &ClaimGraph<'_>, claims: &[ClaimRef]) -> String {
    let mut wordings: Vec<(&str, Vec<ClaimRef>)> = Vec::new();
    for &c in claims {
        let text = g.claim_text(c);
        match wordings.iter_mut().find(|(t, _)| *t == text) {
            Some((_, refs)) => refs.push(c),
            None => wordings.push((text, vec![c])),
        }
    }
    let mut parts: Vec<String> = wordings
        .iter()
        .take(MAX_CELL_WORDINGS)
        .map(|(text, refs)| {
            let who: Vec<String> = refs.iter().map(|&c| claim_attribution(g, c)).collect();
            format!("{}: {}", who.join(" · "), markdown_text(text))
        })
        .collect();
    if wordings.len() > MAX_CELL_WORDINGS {
        parts.push(format!(
            "… and {} more wordings",
            wordings.len() - MAX_CELL_WORDINGS
        ));
    }
    parts.join("<br><br>")
}

fn heading_text(g: &ClaimGraph<'_>, claim: ClaimRef) -> String {
    markdown_text(&truncate_chars(g.claim_text(claim), HEADING_CHARS))
}

/// "3 independent sources (a.com, b.org, c.net (copy))": a source is marked as a copy when all
/// its articles in the cluster are near-duplicates of other articles, which is why it does not
/// add to the count.
fn cluster_sources(g: &ClaimGraph<'_>, cluster: &Cluster) -> String {
    let names: Vec<String> = cluster
        .sources
        .iter()
        .map(|source| {
            let only_copies = cluster
                .articles
                .iter()
                .filter(|&&a| g.articles()[a].meta.source == *source)
                .all(|&a| g.copy_of(a).is_some());
            if only_copies {
                format!("{} (copy)", markdown_text(source))
            } else {
                markdown_text(source)
            }
        })
        .collect();
    let shown = if names.len() > MAX_SOURCE_NAMES {
        format!(
            "{}, +{} more",
            names[..MAX_SOURCE_NAMES].join(", "),
            names.len() - MAX_SOURCE_NAMES
        )
    } else {
        names.join(", ")
    };
    format!(
        "{} independent source{} ({shown})",
        cluster.independent_sources,
        plural(cluster.independent_sources),
    )
}

fn corroborated_section(g: &ClaimGraph<'_>, out: &mut Sink<'_>) {
    let clusters = g.corroborated();
    out.push_str("## Corroborated claims\n\n");
    // Claims repeated only by articles that count as one source: say so, or a reader of a
    // single-outlet set would think nothing was repeated at all.
    let repeated = g
        .clusters()
        .iter()
        .filter(|c| !c.is_corroborated() && c.articles.len() > 1)
        .count();
    let repeated_note = if repeated > 0 {
        format!(
            "{repeated} more claim{} {} told by several articles that count as one source (one outlet, or near-duplicates); see exclusive claims.\n\n",
            plural(repeated),
            if repeated == 1 { "is" } else { "are" }
        )
    } else {
        String::new()
    };
    if clusters.is_empty() {
        out.push_str("No claim is told by two or more independent sources.\n\n");
        out.push_str(&repeated_note);
        return;
    }
    out.push_str("Claims told by at least two independent sources, most sources first, with each source's wording.\n\n");
    for (rank, cluster) in clusters.iter().enumerate().take(MAX_POINTS) {
        let _ = writeln!(
            out,
            "### {}. {}\n\n{}{}\n",
            rank + 1,
            heading_text(g, cluster.representative),
            cluster_sources(g, cluster),
            if g.is_contested(cluster.id) {
                " · also contested, see below"
            } else {
                ""
            }
        );
        for &claim in cluster.claims.iter().take(MAX_CLUSTER_LINES) {
            let _ = writeln!(out, "- {}", claim_line(g, claim, true));
        }
        if cluster.claims.len() > MAX_CLUSTER_LINES {
            let _ = writeln!(
                out,
                "- … and {} more (see claims.csv, cluster {})",
                cluster.claims.len() - MAX_CLUSTER_LINES,
                cluster.id
            );
        }
        out.push('\n');
    }
    if clusters.len() > MAX_POINTS {
        let _ = writeln!(
            out,
            "… and {} more corroborated claims (see claims.csv).\n",
            clusters.len() - MAX_POINTS
        );
    }
    out.push_str(&repeated_note);
}

fn contested_section(g: &ClaimGraph<'_>, out: &mut Sink<'_>) {
    out.push_str("## Contested points\n\n");
    if g.contested().is_empty() {
        out.push_str("No contradiction was found between the sources.\n\n");
        return;
    }
    out.push_str("Claims that cannot both be true, side by side, with the reason.\n\n");
    for (rank, point) in g.contested().iter().enumerate().take(MAX_POINTS) {
        let [x, y] = point.clusters.map(|c| &g.clusters()[c]);
        let strongest = &point.edges[0];
        let reason = strongest
            .reason
            .as_ref()
            .map(|r| format!("{}: {}", r.kind.as_str(), r.detail))
            .unwrap_or_else(|| "contradiction (no reason given)".to_string());
        let _ = writeln!(
            out,
            "### {}. “{}” vs “{}”\n\n**Why:** {}\n",
            rank + 1,
            contest_heading(g, strongest.a),
            contest_heading(g, strongest.b),
            markdown_text(&reason)
        );
        // One row: each side's distinct wordings among the contradicting claims, strongest
        // pair first; identical wordings (copies, repeats) are shown once with every source.
        let side = |pick: fn(&ContestedEdge) -> ClaimRef| {
            let mut claims: Vec<ClaimRef> = Vec::new();
            for e in &point.edges {
                if !claims.contains(&pick(e)) {
                    claims.push(pick(e));
                }
            }
            wordings_cell(g, &claims)
        };
        let _ = writeln!(
            out,
            "| One side | The other side |\n|---|---|\n| {} | {} |\n",
            side(|e| e.a),
            side(|e| e.b)
        );
        // The sides are claim clusters: say who else tells each side, when anyone does.
        if x.claims.len() > 1 || y.claims.len() > 1 {
            let _ = writeln!(
                out,
                "Claims agreeing with each side: the first side's cluster is told by {}, the other side's by {}.\n",
                cluster_sources(g, x),
                cluster_sources(g, y)
            );
        }
        let mut reasons: Vec<String> = point
            .edges
            .iter()
            .filter_map(|e| e.reason.as_ref().map(|r| r.to_string()))
            .collect();
        reasons.sort();
        reasons.dedup();
        if reasons.len() > 1 {
            let mut listed: Vec<String> = reasons
                .iter()
                .take(MAX_REASONS)
                .map(|r| markdown_text(r))
                .collect();
            if reasons.len() > MAX_REASONS {
                listed.push(format!("… and {} more", reasons.len() - MAX_REASONS));
            }
            let _ = writeln!(out, "All reasons given: {}\n", listed.join("; "));
        }
    }
}

/// One side of a contested point for its heading: short, without its own outer quotes (the
/// heading quotes it).
fn contest_heading(g: &ClaimGraph<'_>, claim: ClaimRef) -> String {
    let text = g
        .claim_text(claim)
        .trim_matches(|c| matches!(c, '“' | '”' | '"' | ' '));
    markdown_text(&truncate_chars(text, CONTEST_HEADING_CHARS))
}

fn contested_overflow(g: &ClaimGraph<'_>, out: &mut Sink<'_>) {
    if g.contested().len() > MAX_POINTS {
        let _ = writeln!(
            out,
            "… and {} more contested points (see matches.csv).\n",
            g.contested().len() - MAX_POINTS
        );
    }
}

fn exclusive_section(g: &ClaimGraph<'_>, out: &mut Sink<'_>) {
    out.push_str("## Exclusive claims\n\n");
    if g.exclusive().is_empty() {
        out.push_str("Every claim is corroborated or contested.\n\n");
        return;
    }
    out.push_str(
        "What only one source says: no other independent source corroborates or contests it.\n\n",
    );
    let mut by_source: BTreeMap<&str, Vec<&Cluster>> = BTreeMap::new();
    for e in g.exclusive() {
        by_source
            .entry(e.source.as_str())
            .or_default()
            .push(&g.clusters()[e.cluster]);
    }
    for (source, clusters) in by_source {
        let _ = writeln!(
            out,
            "### {} ({} claim{})\n",
            markdown_text(source),
            clusters.len(),
            plural(clusters.len())
        );
        for cluster in clusters.iter().take(MAX_EXCLUSIVE_PER_SOURCE) {
            let mut line = claim_line(g, cluster.representative, false);
            if cluster.claims.len() > 1 {
                let _ = write!(
                    line,
                    " _(told {} times across {} article{})_",
                    cluster.claims.len(),
                    cluster.articles.len(),
                    plural(cluster.articles.len())
                );
            }
            let _ = writeln!(out, "- {line}");
        }
        if clusters.len() > MAX_EXCLUSIVE_PER_SOURCE {
            let _ = writeln!(
                out,
                "- … and {} more (see claims.csv)",
                clusters.len() - MAX_EXCLUSIVE_PER_SOURCE
            );
        }
        out.push('\n');
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
