//! Property tests: escaping never leaks, and the graph's invariants hold on random alignments.

use concord_parser::{parse_document, Article, Claim, Format};
use concord_similarity::{Alignment, ClaimRef, Match, Reason, ReasonKind, Relation};
use proptest::prelude::*;

use crate::text::{dot_label, markdown_text};
use crate::{ClaimGraph, DotOptions, GraphConfig, View};

/// Undoes the DOT escapes `dot_label` writes; line breaks become spaces.
fn unescape_dot(label: &str) -> String {
    let mut out = String::new();
    let mut chars = label.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                Some('n') => out.push(' '),
                other => panic!("unexpected escape \\{other:?} in {label:?}"),
            }
        } else {
            assert_ne!(c, '"', "unescaped quote in {label:?}");
            out.push(c);
        }
    }
    out
}

proptest! {
    #[test]
    fn dot_label_escapes_everything_and_loses_nothing(text in "\\PC{0,120}|[\"\\\\\n\t <>{}|a-z]{0,60}", width in 0usize..50) {
        let label = dot_label(&text, width);
        prop_assert!(!label.chars().any(|c| c.is_control()), "{:?}", label);
        let unescaped = unescape_dot(&label);
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>();
        prop_assert_eq!(squeeze(&unescaped), squeeze(&text));
    }

    #[test]
    fn markdown_text_stays_on_one_line_and_inert(text in "\\PC{0,80}|[#>|*_\\-+=\n 0-9.a-z\\[\\]]{0,40}") {
        let md = markdown_text(&text);
        prop_assert!(!md.contains('\n'));
        let chars: Vec<char> = md.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if matches!(c, '|' | '*' | '[' | ']' | '<' | '>' | '`') {
                // Preceded by an odd number of backslashes: escaped.
                let run = chars[..i].iter().rev().take_while(|&&b| b == '\\').count();
                prop_assert!(run % 2 == 1, "unescaped {:?} in {:?}", c, md);
            }
        }
        if let Some(first) = md.chars().next() {
            prop_assert!(!matches!(first, '#' | '-' | '+' | '=' | '>'), "{:?}", md);
        }
    }

    #[test]
    fn graph_invariants_hold_on_random_alignments(
        shape in prop::collection::vec((0usize..3, 1usize..4), 2..6),
        raw_matches in prop::collection::vec((0usize..6, 0usize..4, 0usize..6, 0usize..4, 0u8..3, 0u32..100), 0..30),
        copies in prop::collection::vec(prop::option::of(0usize..6), 0..6),
        linkage in prop::sample::select(vec![0.0f32, 0.5, 1.0]),
    ) {
        let articles: Vec<Article> = shape
            .iter()
            .enumerate()
            .map(|(i, &(source, claims))| article(i, source, claims))
            .collect();
        let matches: Vec<Match> = raw_matches
            .iter()
            .filter_map(|&(a, ca, b, cb, rel, score)| {
                let (a, b) = (a % articles.len(), b % articles.len());
                if a == b {
                    return None;
                }
                let x = ClaimRef { article: a, claim: ca % articles[a].claims.len() };
                let y = ClaimRef { article: b, claim: cb % articles[b].claims.len() };
                let relation = [Relation::Agree, Relation::Contradict, Relation::Related][rel as usize];
                Some(Match {
                    a: x.min(y),
                    b: x.max(y),
                    score: score as f32 / 100.0,
                    relation,
                    reason: (relation == Relation::Contradict).then(|| Reason {
                        kind: ReasonKind::Numeric,
                        detail: "1 vs 2".into(),
                    }),
                })
            })
            .collect();
        let copy_of: Vec<Option<usize>> = (0..articles.len())
            .map(|i| copies.get(i).copied().flatten().filter(|&j| j < i))
            .collect();
        let config = GraphConfig { min_linkage: linkage, ..GraphConfig::default() };
        let alignment = Alignment { matches: matches.clone(), copy_of: copy_of.clone(), ..Alignment::default() };
        let g = ClaimGraph::try_build(&articles, &alignment, &config).expect("valid refs");

        // Every claim in exactly one cluster, and cluster_of agrees.
        let total: usize = articles.iter().map(|a| a.claims.len()).sum();
        prop_assert_eq!(g.clusters().iter().map(|c| c.claims.len()).sum::<usize>(), total);
        for c in g.clusters() {
            for r in &c.claims {
                prop_assert_eq!(g.cluster_of(*r), Some(c.id));
            }
            prop_assert!(c.independent_sources >= 1);
            prop_assert!(c.independent_sources <= c.articles.len());
            prop_assert!(c.claims.contains(&c.representative));
        }
        // No contradiction inside a cluster; contested sides differ.
        for m in &matches {
            if m.relation == Relation::Contradict {
                prop_assert_ne!(g.cluster_of(m.a), g.cluster_of(m.b));
            }
        }
        for p in g.contested() {
            prop_assert!(p.clusters[0] < p.clusters[1]);
        }
        // Exclusive: neither corroborated nor contested.
        for e in g.exclusive() {
            prop_assert!(!g.clusters()[e.cluster].is_corroborated());
            prop_assert!(!g.is_contested(e.cluster));
        }
        // The fallback renderer draws every view without panicking.
        for view in [View::Claims, View::Clusters, View::Sources] {
            let dot = g.to_dot(view, &DotOptions::default());
            prop_assert!(crate::render_svg(&dot).is_ok(), "{}", dot);
        }
        // Order of the aligner's matches does not matter.
        let render = |matches: Vec<Match>| {
            let alignment = Alignment { matches, copy_of: copy_of.clone(), ..Alignment::default() };
            let g = ClaimGraph::build_with(&articles, &alignment, &config);
            let mut out = g.report_markdown();
            for view in [View::Claims, View::Clusters, View::Sources] {
                out.push_str(&g.to_dot(view, &DotOptions { min_sources: 2 }));
            }
            out
        };
        let mut reversed = matches.clone();
        reversed.reverse();
        prop_assert_eq!(render(matches), render(reversed));
    }
}

fn article(index: usize, source: usize, claims: usize) -> Article {
    let mut a = parse_document(
        "t.txt",
        b"Officials said the bridge was closed on Monday.",
        Format::Text,
    )
    .remove(0)
    .expect("parses");
    let template: Claim = a.claims[0].clone();
    a.meta.id = format!("art{index}");
    a.meta.source = format!("source{source}");
    a.claims = (0..claims)
        .map(|i| Claim {
            index: i,
            text: format!("claim {i} of article {index}"),
            ..template.clone()
        })
        .collect();
    a
}
