//! The report on the seed set, given the gold alignment of `tests/data/seed-gold.tsv`: checks
//! that the graph presents what the aligner should find (independent of how well it finds it).

use concord_graph::{ClaimGraph, DotOptions, View};
use concord_parser::Article;
use concord_similarity::{Alignment, ClaimRef, ReasonKind};

use crate::common;
use crate::graph_fixtures::{agree, contradict, dot_available, render_svg};

/// The claim of the article whose id starts with `prefix` that contains `snippet`.
fn find(articles: &[Article], prefix: &str, snippet: &str) -> Option<ClaimRef> {
    let fold = |s: &str| s.replace(['’', '‘'], "'").replace(['“', '”'], "\"");
    let (ai, article) = articles
        .iter()
        .enumerate()
        .find(|(_, a)| a.meta.id.starts_with(prefix))?;
    let claim = article
        .claims
        .iter()
        .position(|c| fold(&c.text).contains(&fold(snippet)))?;
    Some(ClaimRef { article: ai, claim })
}

/// The agree and contradict rows of the seed gold as an alignment over the parsed seeds.
fn gold_alignment(articles: &[Article]) -> Alignment {
    let gold = std::fs::read_to_string(common::fixture("seed-gold.tsv")).expect("seed gold");
    let mut matches = Vec::new();
    for line in gold.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 || !matches!(f[0], "agree" | "contradict") {
            continue;
        }
        let (Some(a), Some(b)) = (find(articles, f[1], f[2]), find(articles, f[3], f[4])) else {
            continue;
        };
        matches.push(if f[0] == "agree" {
            agree(a.min(b), a.max(b), 0.9)
        } else {
            contradict(
                a.min(b),
                a.max(b),
                0.8,
                ReasonKind::Antonym,
                "negotiations ongoing vs broken off, the U.S. must move first",
            )
        });
    }
    matches.sort_by_key(|m| (m.a, m.b));
    Alignment {
        matches,
        copy_of: vec![None; articles.len()],
        ..Alignment::default()
    }
}

fn section<'r>(report: &'r str, title: &str) -> &'r str {
    let start = report
        .find(&format!("\n## {title}\n"))
        .unwrap_or_else(|| panic!("no section {title}:\n{report}"));
    let rest = &report[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    &rest[..end]
}

#[test]
fn seed_report_shows_corroboration_and_the_contested_point() {
    let articles = common::seed_articles();
    let alignment = gold_alignment(&articles);
    let readiness = find(&articles, "000", "readiness to negotiate").expect("readiness claim");
    let ongoing = find(&articles, "000", "ongoing negotiations with Washington").expect("ongoing");
    let first_step =
        find(&articles, "004", "Washington needs to take the first step").expect("step");
    let g = ClaimGraph::build(&articles, &alignment);
    let report = g.report_markdown();
    // For reading by eye: CONCORD_SEED_REPORT=/tmp/seed-gold-report.md cargo test graph_report
    if let Some(path) = std::env::var_os("CONCORD_SEED_REPORT") {
        std::fs::write(path, &report).expect("write the report");
    }

    // Lavrov's readiness to negotiate: one cluster, both sources.
    let cluster = g.cluster_of_claim(readiness).expect("clustered");
    assert_eq!(cluster.independent_sources, 2, "{report}");
    let corroborated = section(&report, "Corroborated claims");
    let item = corroborated
        .split("\n### ")
        .find(|item| item.contains("readiness to negotiate"))
        .unwrap_or_else(|| panic!("readiness not corroborated:\n{report}"));
    assert!(item.contains("2 independent sources"), "{item}");
    assert!(item.contains("Russia is prepared to negotiate"), "{item}");
    assert!(item.contains("**000"), "{item}");
    assert!(item.contains("**004"), "{item}");

    // Ongoing talks with Washington vs Washington must take the first step: contested.
    assert!(g.contested().iter().any(|p| {
        p.edges
            .iter()
            .any(|e| (e.a == ongoing && e.b == first_step) || (e.a == first_step && e.b == ongoing))
    }));
    let contested = section(&report, "Contested points");
    let item = contested
        .split("\n### ")
        .find(|item| item.contains("ongoing negotiations with Washington"))
        .unwrap_or_else(|| panic!("ongoing talks not contested:\n{report}"));
    assert!(
        item.contains("Washington needs to take the first step"),
        "{item}"
    );
    assert!(
        item.contains("**Why:** antonym: negotiations ongoing vs broken off"),
        "{item}"
    );
    assert!(
        item.contains("| One side | The other side |"),
        "side-by-side table:\n{item}"
    );

    // Exclusive: claims nobody else makes, e.g. the Kyiv strike figures of 000.
    let exclusive = section(&report, "Exclusive claims");
    assert!(
        exclusive.contains("70 missiles and 145 drones"),
        "{exclusive}"
    );
    assert!(!exclusive.contains("readiness to negotiate"), "{exclusive}");

    // The claims view draws the contradiction in red with its reason.
    let dot = g.to_dot(View::Claims, &DotOptions::default());
    let (x, y) = (
        g.node_id(ongoing.min(first_step)).expect("id"),
        g.node_id(ongoing.max(first_step)).expect("id"),
    );
    let edge = dot
        .lines()
        .find(|l| l.starts_with(&format!("  \"{x}\" -- \"{y}\"")))
        .expect("contradiction edge drawn");
    assert!(
        edge.contains("#c62828") && edge.contains("antonym: negotiations"),
        "{edge}"
    );
    if dot_available() {
        for view in [View::Claims, View::Clusters, View::Sources] {
            render_svg(view.as_str(), &g.to_dot(view, &DotOptions::default()));
        }
    }
}
