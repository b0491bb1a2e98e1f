//! Cluster logic: hand-built articles and alignments → expected clusters, independent-source
//! counts, contested points and exclusive claims.

use concord_graph::{ClaimGraph, ErrorKind, GraphConfig};
use concord_parser::Article;
use concord_similarity::{Alignment, Match, ReasonKind};

use crate::graph_fixtures::{agree, article, at, contradict, related};

struct Case {
    name: &'static str,
    articles: Vec<Article>,
    matches: Vec<Match>,
    copy_of: Vec<Option<usize>>,
    config: GraphConfig,
    /// Clusters of two or more claims: members (article, claim) and independent sources.
    clusters: Vec<(Vec<(usize, usize)>, usize)>,
    /// Contested points: the first claim of each side.
    contested: Vec<[(usize, usize); 2]>,
    /// Exclusive claims: source and the cluster's first claim.
    exclusive: Vec<(&'static str, (usize, usize))>,
}

fn case(name: &'static str, articles: Vec<Article>, matches: Vec<Match>) -> Case {
    Case {
        name,
        articles,
        matches,
        copy_of: Vec::new(),
        config: GraphConfig::default(),
        clusters: Vec::new(),
        contested: Vec::new(),
        exclusive: Vec::new(),
    }
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();

    let mut c = case(
        "two outlets agree; the rest is exclusive",
        vec![
            article(
                "a1",
                "alpha.com",
                &["Russia is ready to negotiate.", "Kyiv was hit overnight."],
            ),
            article("b1", "beta.org", &["Moscow is prepared to negotiate."]),
        ],
        vec![agree(at(0, 0), at(1, 0), 0.8)],
    );
    c.clusters = vec![(vec![(0, 0), (1, 0)], 2)];
    c.exclusive = vec![("alpha.com", (0, 1))];
    out.push(c);

    let mut c = case(
        "a syndicated copy counts once",
        vec![
            article("a1", "alpha.com", &["Russia is ready to negotiate."]),
            article("a1-copy", "gamma.net", &["Russia is ready to negotiate."]),
            article("b1", "beta.org", &["Moscow is prepared to negotiate."]),
        ],
        vec![
            agree(at(0, 0), at(1, 0), 1.0),
            agree(at(0, 0), at(2, 0), 0.8),
            agree(at(1, 0), at(2, 0), 0.8),
        ],
    );
    c.copy_of = vec![None, Some(0), None];
    c.clusters = vec![(vec![(0, 0), (1, 0), (2, 0)], 2)];
    out.push(c);

    let mut c = case(
        "only copies agree: not corroborated, listed once as exclusive",
        vec![
            article("a1", "alpha.com", &["Russia is ready to negotiate."]),
            article("a1-copy", "gamma.net", &["Russia is ready to negotiate."]),
        ],
        vec![agree(at(0, 0), at(1, 0), 1.0)],
    );
    c.copy_of = vec![None, Some(0)];
    c.clusters = vec![(vec![(0, 0), (1, 0)], 1)];
    c.exclusive = vec![("alpha.com", (0, 0))];
    out.push(c);

    let mut c = case(
        "two articles of one outlet count once",
        vec![
            article("a1", "alpha.com", &["Russia is ready to negotiate."]),
            article(
                "a2",
                "alpha.com",
                &["Russia says it is ready to negotiate."],
            ),
            article("b1", "beta.org", &["The bridge reopened."]),
        ],
        vec![agree(at(0, 0), at(1, 0), 0.9)],
    );
    c.clusters = vec![(vec![(0, 0), (1, 0)], 1)];
    c.exclusive = vec![("alpha.com", (0, 0)), ("beta.org", (2, 0))];
    out.push(c);

    let mut c = case(
        "a weak agreement chain does not snowball",
        vec![
            article("a", "a.com", &["claim a"]),
            article("b", "b.com", &["claim b"]),
            article("c", "c.com", &["claim c"]),
            article("d", "d.com", &["claim d"]),
        ],
        vec![
            agree(at(0, 0), at(1, 0), 0.9),
            agree(at(1, 0), at(2, 0), 0.8),
            agree(at(2, 0), at(3, 0), 0.7),
        ],
    );
    // c joins {a, b} (1 of 2 pairs agree), d would join {a, b, c} with 1 of 3: refused.
    c.clusters = vec![(vec![(0, 0), (1, 0), (2, 0)], 3)];
    c.exclusive = vec![("d.com", (3, 0))];
    out.push(c);

    let mut c = case(
        "without the linkage guard the chain is one cluster",
        vec![
            article("a", "a.com", &["claim a"]),
            article("b", "b.com", &["claim b"]),
            article("c", "c.com", &["claim c"]),
            article("d", "d.com", &["claim d"]),
        ],
        vec![
            agree(at(0, 0), at(1, 0), 0.9),
            agree(at(1, 0), at(2, 0), 0.8),
            agree(at(2, 0), at(3, 0), 0.7),
        ],
    );
    c.config = GraphConfig {
        min_linkage: 0.0,
        ..GraphConfig::default()
    };
    c.clusters = vec![(vec![(0, 0), (1, 0), (2, 0), (3, 0)], 4)];
    out.push(c);

    let mut c = case(
        "a contradiction keeps two claims apart and is contested",
        vec![
            article("a", "a.com", &["Talks with Washington are ongoing."]),
            article("b", "b.com", &["Talks with Washington continue."]),
            article("c", "c.com", &["Talks with Washington were broken off."]),
        ],
        vec![
            agree(at(0, 0), at(1, 0), 0.9),
            agree(at(1, 0), at(2, 0), 0.6),
            contradict(
                at(0, 0),
                at(2, 0),
                0.7,
                ReasonKind::Antonym,
                "ongoing vs broken off",
            ),
        ],
    );
    c.clusters = vec![(vec![(0, 0), (1, 0)], 2)];
    c.contested = vec![[(0, 0), (2, 0)]];
    out.push(c);

    let mut c = case(
        "related pairs neither cluster nor contest",
        vec![
            article("a", "a.com", &["Kyiv was hit by 70 missiles."]),
            article("b", "b.com", &["Energy sites were hit at Christmas."]),
        ],
        vec![related(at(0, 0), at(1, 0), 0.4)],
    );
    c.exclusive = vec![("a.com", (0, 0)), ("b.com", (1, 0))];
    out.push(c);

    let mut c = case(
        "agreement below min_agree_score does not merge",
        vec![article("a", "a.com", &["x"]), article("b", "b.com", &["y"])],
        vec![agree(at(0, 0), at(1, 0), 0.55)],
    );
    c.config = GraphConfig {
        min_agree_score: 0.6,
        ..GraphConfig::default()
    };
    c.exclusive = vec![("a.com", (0, 0)), ("b.com", (1, 0))];
    out.push(c);

    let mut c = case(
        "a cluster with a headline and a body claim in one article, corroborated elsewhere",
        vec![
            article(
                "a",
                "a.com",
                &[
                    "Putin ready to talk",
                    "Putin is ready to talk, Lavrov said.",
                ],
            ),
            article("b", "b.com", &["Lavrov said Putin is ready for talks."]),
        ],
        vec![
            agree(at(0, 0), at(1, 0), 0.7),
            agree(at(0, 1), at(1, 0), 0.9),
        ],
    );
    c.clusters = vec![(vec![(0, 0), (0, 1), (1, 0)], 2)];
    out.push(c);

    let mut c = case(
        "contradictions between two clusters form one contested point",
        vec![
            article(
                "a",
                "a.com",
                &["70 missiles were fired.", "Seventy missiles hit Kyiv."],
            ),
            article(
                "b",
                "b.com",
                &["40 missiles were fired.", "Forty missiles hit Kyiv."],
            ),
        ],
        vec![
            agree(at(0, 0), at(0, 1), 0.9),
            agree(at(1, 0), at(1, 1), 0.9),
            contradict(
                at(0, 0),
                at(1, 0),
                0.8,
                ReasonKind::Numeric,
                "70 missiles vs 40 missiles",
            ),
            contradict(
                at(0, 1),
                at(1, 1),
                0.7,
                ReasonKind::Numeric,
                "70 missiles vs 40 missiles",
            ),
        ],
    );
    c.clusters = vec![(vec![(0, 0), (0, 1)], 1), (vec![(1, 0), (1, 1)], 1)];
    c.contested = vec![[(0, 0), (1, 0)]];
    out.push(c);

    out
}

#[test]
fn cluster_logic_table() {
    for case in cases() {
        let alignment = Alignment {
            matches: case.matches.clone(),
            copy_of: case.copy_of.clone(),
            ..Alignment::default()
        };
        let g = ClaimGraph::try_build(&case.articles, &alignment, &case.config)
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));

        let clusters: Vec<(Vec<(usize, usize)>, usize)> = g
            .clusters()
            .iter()
            .filter(|c| c.claims.len() > 1)
            .map(|c| {
                (
                    c.claims.iter().map(|r| (r.article, r.claim)).collect(),
                    c.independent_sources,
                )
            })
            .collect();
        assert_eq!(clusters, case.clusters, "{}: clusters", case.name);

        let contested: Vec<[(usize, usize); 2]> = g
            .contested()
            .iter()
            .map(|p| {
                p.clusters.map(|id| {
                    let first = g.clusters()[id].claims[0];
                    (first.article, first.claim)
                })
            })
            .collect();
        assert_eq!(contested, case.contested, "{}: contested", case.name);

        let exclusive: Vec<(&str, (usize, usize))> = g
            .exclusive()
            .iter()
            .map(|e| {
                let first = g.clusters()[e.cluster].claims[0];
                (e.source.as_str(), (first.article, first.claim))
            })
            .collect();
        assert_eq!(exclusive, case.exclusive, "{}: exclusive", case.name);

        // Invariants: every claim in exactly one cluster; summary agrees with the lists;
        // contested sides differ; nothing both exclusive and corroborated.
        let claims: usize = case.articles.iter().map(|a| a.claims.len()).sum();
        let members: usize = g.clusters().iter().map(|c| c.claims.len()).sum();
        assert_eq!(members, claims, "{}", case.name);
        for c in g.clusters() {
            for r in &c.claims {
                assert_eq!(g.cluster_of(*r), Some(c.id), "{}", case.name);
            }
        }
        let s = g.summary();
        assert_eq!(s.claims, claims);
        assert_eq!(s.contested, case.contested.len());
        assert_eq!(s.exclusive, case.exclusive.len());
        assert_eq!(
            s.corroborated,
            case.clusters.iter().filter(|c| c.1 >= 2).count(),
            "{}",
            case.name
        );
        for p in g.contested() {
            assert_ne!(p.clusters[0], p.clusters[1], "{}", case.name);
        }
        for e in g.exclusive() {
            assert!(!g.clusters()[e.cluster].is_corroborated());
        }
    }
}

#[test]
fn corroborated_are_ordered_by_independent_sources() {
    let articles = vec![
        article(
            "a",
            "a.com",
            &["first two-source claim", "three-source claim"],
        ),
        article(
            "b",
            "b.com",
            &["first two-source claim", "three-source claim"],
        ),
        article("c", "c.com", &["three-source claim"]),
    ];
    let alignment = Alignment {
        matches: vec![
            agree(at(0, 0), at(1, 0), 0.9),
            agree(at(0, 1), at(1, 1), 0.9),
            agree(at(0, 1), at(2, 0), 0.9),
            agree(at(1, 1), at(2, 0), 0.9),
        ],
        ..Alignment::default()
    };
    let g = ClaimGraph::build(&articles, &alignment);
    let order: Vec<usize> = g
        .corroborated()
        .iter()
        .map(|c| c.independent_sources)
        .collect();
    assert_eq!(order, vec![3, 2]);
    let report = g.report_markdown();
    let three = report
        .find("### 1. three-source claim")
        .expect("3-source claim first");
    let two = report
        .find("### 2. first two-source claim")
        .expect("2-source claim second");
    assert!(three < two);
}

#[test]
fn copies_are_marked_in_the_source_list() {
    let articles = vec![
        article("a1", "alpha.com", &["Russia is ready to negotiate."]),
        article("a1-copy", "gamma.net", &["Russia is ready to negotiate."]),
        article("b1", "beta.org", &["Moscow is prepared to negotiate."]),
    ];
    let alignment = Alignment {
        matches: vec![
            agree(at(0, 0), at(1, 0), 1.0),
            agree(at(0, 0), at(2, 0), 0.8),
            agree(at(1, 0), at(2, 0), 0.8),
        ],
        copy_of: vec![None, Some(0), None],
        ..Alignment::default()
    };
    let report = ClaimGraph::build(&articles, &alignment).report_markdown();
    assert!(
        report.contains("2 independent sources (alpha.com, beta.org, gamma.net (copy))"),
        "{report}"
    );
    assert!(
        report.contains("| 2 | gamma.net | a1-copy | 1 | near-duplicate of a1 (counted once) |"),
        "{report}"
    );
}

#[test]
fn contested_table_shows_each_wording_once() {
    let articles = vec![
        article("a1", "alpha.com", &["70 missiles were fired."]),
        article("b1", "beta.org", &["40 missiles were fired."]),
        article("a1-copy", "gamma.net", &["70 missiles were fired."]),
    ];
    let reason = "70 missiles vs 40 missiles";
    let alignment = Alignment {
        matches: vec![
            contradict(at(0, 0), at(1, 0), 0.8, ReasonKind::Numeric, reason),
            agree(at(0, 0), at(2, 0), 1.0),
            contradict(at(1, 0), at(2, 0), 0.8, ReasonKind::Numeric, reason),
        ],
        copy_of: vec![None, None, Some(0)],
        ..Alignment::default()
    };
    let report = ClaimGraph::build(&articles, &alignment).report_markdown();
    assert!(
        report.contains(
            "| One side | The other side |\n|---|---|\n| **alpha.com** (a1) · **gamma.net** (a1-copy, copy of a1): 70 missiles were fired. | **beta.org** (b1): 40 missiles were fired. |\n"
        ),
        "{report}"
    );
    assert!(
        report.contains("**Why:** numeric: 70 missiles vs 40 missiles"),
        "{report}"
    );
}

#[test]
fn claims_repeated_within_one_source_are_pointed_out() {
    let articles = vec![
        article("a1", "ecb", &["Tara Reid entered rehab."]),
        article("a2", "ecb", &["Tara Reid checked into rehab."]),
    ];
    let alignment = Alignment {
        matches: vec![agree(at(0, 0), at(1, 0), 0.9)],
        ..Alignment::default()
    };
    let report = ClaimGraph::build(&articles, &alignment).report_markdown();
    assert!(
        report.contains("No claim is told by two or more independent sources.\n\n1 more claim is told by several articles that count as one source"),
        "{report}"
    );
    assert!(
        report.contains("_(told 2 times across 2 articles)_"),
        "{report}"
    );
}

#[test]
fn invalid_claim_refs_are_reported_or_skipped() {
    let articles = vec![article("a", "a.com", &["x"]), article("b", "b.com", &["y"])];
    let alignment = Alignment {
        matches: vec![
            agree(at(0, 0), at(1, 0), 0.9),
            agree(at(0, 0), at(1, 5), 0.9),
        ],
        ..Alignment::default()
    };
    let err = ClaimGraph::try_build(&articles, &alignment, &GraphConfig::default())
        .err()
        .expect("claim 5 of b does not exist");
    assert_eq!(err.kind(), ErrorKind::InvalidClaimRef);
    assert!(err.to_string().contains("claim 5"), "{err}");
    let g = ClaimGraph::build(&articles, &alignment);
    assert_eq!(g.graph().edge_count(), 1);
    assert_eq!(g.summary().corroborated, 1);
}

#[test]
fn output_does_not_depend_on_match_order() {
    let articles = vec![
        article("a", "a.com", &["one", "two", "three"]),
        article("b", "b.com", &["one", "two", "three"]),
        article("c", "c.com", &["one", "two"]),
    ];
    let matches = vec![
        agree(at(0, 0), at(1, 0), 0.9),
        agree(at(0, 0), at(2, 0), 0.9),
        agree(at(1, 0), at(2, 0), 0.9),
        related(at(0, 1), at(1, 1), 0.4),
        contradict(
            at(0, 2),
            at(1, 2),
            0.6,
            ReasonKind::Negation,
            "is vs is not",
        ),
        agree(at(1, 1), at(2, 1), 0.7),
    ];
    let render = |matches: Vec<concord_similarity::Match>| {
        let alignment = Alignment {
            matches,
            ..Alignment::default()
        };
        let g = ClaimGraph::build(&articles, &alignment);
        let mut out = g.report_markdown();
        for view in [
            concord_graph::View::Claims,
            concord_graph::View::Clusters,
            concord_graph::View::Sources,
        ] {
            out.push_str(&g.to_dot(view, &concord_graph::DotOptions::default()));
        }
        out
    };
    let forward = render(matches.clone());
    let mut reversed = matches.clone();
    reversed.reverse();
    assert_eq!(forward, render(reversed));
    // A pair given twice, in either orientation, is one edge.
    let mut doubled = matches.clone();
    let mut swapped = matches[0].clone();
    std::mem::swap(&mut swapped.a, &mut swapped.b);
    doubled.push(swapped);
    assert_eq!(forward, render(doubled));
    assert_eq!(forward, render(matches));
}
