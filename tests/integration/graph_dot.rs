//! DOT export and report: escaping, stable ids, Graphviz rendering of every view (hand-built
//! set and the seed set), determinism across runs and thread counts.

use std::collections::BTreeSet;

use concord_graph::{ClaimGraph, DotOptions, View};
use concord_parser::Article;
use concord_similarity::{Aligner, Alignment, ReasonKind};

use crate::common;
use crate::graph_fixtures::{agree, article, at, contradict, dot_available, related, render_svg};

const VIEWS: [View; 3] = [View::Claims, View::Clusters, View::Sources];

/// Claims that exercise every escaping rule.
fn nasty_set() -> (Vec<Article>, Alignment) {
    let mut a = article(
        "a/1 \"quoted\"",
        "Le Monde — édition «spéciale»",
        &[
            r#"He said "no" to C:\path\N and \l"#,
            "Line one\nline two\ttabbed",
            "<b>bold</b> {braces} | pipes & ampersands",
            "# Not a heading | not a cell",
            "Сергей Лавров заявил о готовности к переговорам 😀",
            "trailing backslash \\",
        ],
    );
    a.claims[0].speaker = Some("O'Brien \"the\" \\ speaker".to_string());
    a.claims[1].headline = true;
    a.meta.title = Some("A \"title\" with <angle> brackets".to_string());
    let b = article(
        "a-1 \"quoted\"",
        "b.org",
        &[
            "He said \"yes\"",
            "Line one, line two",
            "{x} | y",
            "Sergei Lavrov is ready",
        ],
    );
    let c = article("c", "b.org", &["{x} | y", "Second claim of the copy"]);
    let alignment = Alignment {
        matches: vec![
            contradict(
                at(0, 0),
                at(1, 0),
                0.8,
                ReasonKind::Negation,
                r#""no" vs "yes" \ <x>"#,
            ),
            agree(at(0, 1), at(1, 1), 0.9),
            related(at(0, 2), at(1, 2), 0.4),
            agree(at(0, 4), at(1, 3), 0.6),
            agree(at(1, 2), at(2, 0), 1.0),
        ],
        copy_of: vec![None, None, Some(1)],
        story_of: vec![0; 3],
        aliases: vec![concord_similarity::AliasGroup {
            canonical: "Sergey Lavrov".into(),
            variants: vec![
                "Sergey Lavrov".into(),
                "Sergei Lavrov".into(),
                "Лавров".into(),
            ],
        }],
    };
    (vec![a, b, c], alignment)
}

#[test]
fn nasty_labels_are_escaped_and_render() {
    let (articles, alignment) = nasty_set();
    let g = ClaimGraph::build(&articles, &alignment);
    let dot = g.to_dot(View::Claims, &DotOptions::default());
    for expected in [
        r#"He said \"no\" to C:\\path\\N and \\l"#,
        "Line one line two tabbed",
        "<b>bold</b> {braces} | pipes &",
        "Сергей Лавров заявил о",
        "😀",
        r"trailing backslash \\",
        r#"O'Brien \"the\" \\ speaker"#,
        r#"negation: \"no\" vs \"yes\" \\"#,
        "label=\"Le Monde — édition «spéciale»\"",
    ] {
        assert!(
            dot.contains(expected),
            "claims view lacks {expected:?}:\n{dot}"
        );
    }
    // No raw newline or tab inside a quoted string: every line is a whole statement.
    for line in dot.lines() {
        assert!(!line.contains('\t'), "tab in {line:?}");
        assert!(
            line.ends_with('{') || line.ends_with(';') || line.ends_with('}'),
            "statement split across lines: {line:?}"
        );
    }
    // Ids: sanitised, unique even when two article ids sanitise alike, stable.
    let ids: Vec<&str> = (0..articles.len())
        .flat_map(|a| (0..articles[a].claims.len()).map(move |c| (a, c)))
        .map(|(a, c)| g.node_id(at(a, c)).expect("claim exists"))
        .collect();
    assert_eq!(ids[0], "c_a_1__quoted__0");
    assert_eq!(ids[6], "c_a_1__quoted___1_1_0");
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), ids.len());
    assert!(ids
        .iter()
        .all(|id| id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')));

    let report = g.report_markdown();
    for expected in [
        r"\# Not a heading \| not a cell",
        r"\<b\>bold\</b\> {braces} \| pipes",
        "Sergey Lavrov = Sergei Lavrov = Лавров",
        r#"**Why:** negation: "no" vs "yes" \\ \<x\>"#,
        "near-duplicate of a-1",
    ] {
        assert!(
            report.contains(expected),
            "report lacks {expected:?}:\n{report}"
        );
    }

    for view in VIEWS {
        // The pure-Rust fallback renders too, byte-identically from run to run.
        let dot = g.to_dot(view, &DotOptions::default());
        let svg = concord_graph::render_svg(&dot).expect("fallback renders");
        assert!(svg.contains("<svg"), "{svg}");
        if view == View::Claims {
            assert!(svg.contains("Сергей Лавров"), "{svg}");
        }
        assert_eq!(svg, concord_graph::render_svg(&dot).expect("renders again"));
    }
    if dot_available() {
        for view in VIEWS {
            for min_sources in [0, 2] {
                let dot = g.to_dot(view, &DotOptions { min_sources });
                render_svg(&format!("nasty set, {} view", view.as_str()), &dot);
            }
        }
    }
}

#[test]
fn dot_views_have_the_documented_shape() {
    let (articles, alignment) = nasty_set();
    let g = ClaimGraph::build(&articles, &alignment);
    let claims = g.to_dot(View::Claims, &DotOptions::default());
    assert!(claims.starts_with("graph concord {\n"));
    assert!(claims.ends_with("}\n"));
    // One box per source (sorted), never nested (Graphviz fails on nested clusters); a source
    // with several articles names the article on each node.
    assert!(claims.contains("subgraph cluster_0 {\n    label=\"Le Monde"));
    assert!(claims.contains("subgraph cluster_1 {\n    label=\"b.org\""));
    assert_eq!(claims.matches("subgraph").count(), 2);
    assert!(claims.contains("\\n— c\", fillcolor"), "{claims}");
    // Edge styles by relation.
    assert!(claims.contains("color=\"#2e7d32\", style=solid"));
    assert!(claims.contains("color=\"#c62828\", fontcolor=\"#c62828\", style=bold"));
    assert!(claims.contains("color=\"#9e9e9e\", style=dashed"));
    assert_eq!(claims.matches(" -- ").count(), alignment.matches.len());

    // min_sources = 2 keeps the corroborated and contested clusters only.
    let small = g.to_dot(View::Claims, &DotOptions { min_sources: 2 });
    assert!(small.contains("Сергей Лавров"));
    assert!(!small.contains("trailing backslash"));
    assert!(
        small.contains("He said \\\"no\\\""),
        "contested points are kept"
    );

    let sources = g.to_dot(View::Sources, &DotOptions::default());
    // One edge per article pair, styled by its strongest relation, labelled with every count.
    assert_eq!(sources.matches(" -- ").count(), 2);
    assert!(sources.contains(
        "color=\"#c62828\", fontcolor=\"#c62828\", style=bold, penwidth=3.19, label=\"2 agree\\n1 contradict\\n1 related\""
    ));
    assert!(sources.contains("color=\"#2e7d32\", fontcolor=\"#2e7d32\", style=solid, penwidth=1.69, label=\"near-duplicate\\n1 agree\""));

    let clusters = g.to_dot(View::Clusters, &DotOptions::default());
    assert_eq!(
        clusters.matches(" [label=").count(),
        g.clusters().len(),
        "one node per cluster"
    );
}

#[test]
fn seed_set_renders_every_view() {
    let articles = common::seed_articles();
    assert_eq!(articles.len(), 2);
    let alignment = Aligner::default().align(&articles);
    let g = ClaimGraph::build(&articles, &alignment);
    let s = g.summary();
    assert_eq!(s.articles, 2);
    assert_eq!(
        s.claims,
        articles.iter().map(|a| a.claims.len()).sum::<usize>()
    );
    if dot_available() {
        for view in VIEWS {
            for min_sources in [0, 2] {
                render_svg(
                    &format!("seed set, {} view", view.as_str()),
                    &g.to_dot(view, &DotOptions { min_sources }),
                );
            }
        }
    }
}

#[test]
fn seed_outputs_are_identical_across_runs_and_thread_counts() {
    let articles = common::seed_articles();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        pool.install(|| {
            let alignment = Aligner::default().align(&articles);
            let g = ClaimGraph::build(&articles, &alignment);
            let mut out = g.report_markdown();
            for view in VIEWS {
                out.push_str(&g.to_dot(view, &DotOptions::default()));
                out.push_str(&g.to_dot(view, &DotOptions { min_sources: 2 }));
            }
            out
        })
    };
    let one = run(1);
    assert_eq!(one, run(1));
    assert_eq!(one, run(4));
}

#[test]
fn empty_sets_give_valid_output() {
    let no_claims = vec![article("a", "a.com", &[]), article("b", "b.com", &[])];
    let sets: [&[Article]; 3] = [&[], &no_claims[..1], &no_claims];
    for articles in sets {
        let alignment = Alignment::default();
        let g = ClaimGraph::build(articles, &alignment);
        let report = g.report_markdown();
        assert!(report.starts_with("# concord report: "), "{report}");
        assert!(report.contains("No claim is told by two or more independent sources."));
        for view in VIEWS {
            let dot = g.to_dot(view, &DotOptions { min_sources: 2 });
            assert!(dot.starts_with("graph concord {") && dot.ends_with("}\n"));
            if dot_available() {
                render_svg(&format!("empty set, {} view", view.as_str()), &dot);
            }
        }
    }
}

#[test]
fn claims_view_draws_each_claims_strongest_related_pairs_only() {
    // Six claims of six outlets, all related to each other: 15 related pairs.
    let articles: Vec<Article> = (0..6)
        .map(|i| {
            article(
                &format!("a{i}"),
                &format!("s{i}.com"),
                &["Oil prices rose."],
            )
        })
        .collect();
    let mut matches = Vec::new();
    for i in 0..6 {
        for j in i + 1..6 {
            matches.push(related(
                at(i, 0),
                at(j, 0),
                0.30 + 0.01 * (i * 6 + j) as f32,
            ));
        }
    }
    let alignment = Alignment {
        matches,
        ..Alignment::default()
    };
    let g = ClaimGraph::build(&articles, &alignment);
    let dot = g.to_dot(View::Claims, &DotOptions::default());
    let drawn = dot.matches(" -- ").count();
    assert!(
        (6..=12).contains(&drawn),
        "{drawn} related pairs drawn:\n{dot}"
    );
    // The strongest pair (a4–a5) is always drawn.
    assert!(dot.contains("\"c_a4_0\" -- \"c_a5_0\""), "{dot}");
    // The weakest (a0–a1) is nobody's top two.
    assert!(!dot.contains("\"c_a0_0\" -- \"c_a1_0\""), "{dot}");
}
