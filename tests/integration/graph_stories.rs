//! Sets that mix several events: the report's "Stories in this set" section and the sources
//! view's story boxes, against a hand-built alignment (the aligner's story detection is tested
//! in `similarity_gold`).

use concord_graph::{ClaimGraph, DotOptions, View};
use concord_parser::Article;
use concord_similarity::Alignment;

use crate::graph_fixtures::{agree, article, at, dot_available, render_svg};

/// Two celebrities entering rehab, reported by five articles: story 0 has three articles
/// (articles 0, 2, 3), story 1 two (articles 1, 4). Story 1 starts first in article 1, but
/// story 0 is the bigger one and is listed first.
fn two_story_set(story_of: Vec<usize>) -> (Vec<Article>, Alignment) {
    let mut a0 = article(
        "ap-lohan",
        "AP",
        &["Lindsay Lohan entered a rehab clinic in Malibu on Friday."],
    );
    a0.meta.title = Some("Lohan checks into rehab in Malibu".to_string());
    let mut a1 = article(
        "bbc-spears",
        "BBC",
        &[
            "Britney Spears checked into a rehab centre in Antigua.",
            "Her manager confirmed the stay.",
        ],
    );
    a1.claims[0].headline = true;
    let a2 = article(
        "bbc-lohan",
        "BBC",
        &["Lohan entered the Malibu clinic on Friday, her lawyer said."],
    );
    let a3 = article(
        "ap-lohan-2",
        "AP",
        &["The actress Lindsay Lohan is in rehab in Malibu."],
    );
    let a4 = article(
        "reuters-spears",
        "Reuters",
        &["Spears is being treated at a centre in Antigua."],
    );
    let alignment = Alignment {
        matches: vec![
            agree(at(0, 0), at(2, 0), 0.8),
            agree(at(0, 0), at(3, 0), 0.7),
            agree(at(1, 0), at(4, 0), 0.75),
        ],
        copy_of: vec![None; 5],
        story_of,
        aliases: Vec::new(),
    };
    (vec![a0, a1, a2, a3, a4], alignment)
}

/// The lines of a DOT subgraph block, from its `subgraph NAME {` line to its closing brace.
fn dot_block<'d>(dot: &'d str, name: &str) -> &'d str {
    let open = format!("subgraph {name} {{");
    let start = dot
        .find(&open)
        .unwrap_or_else(|| panic!("no {name}:\n{dot}"));
    let end = dot[start..].find("\n  }\n").expect("block closes") + start;
    &dot[start..end]
}

#[test]
fn two_story_report_lists_both_stories_biggest_first() {
    let (articles, alignment) = two_story_set(vec![0, 1, 0, 0, 1]);
    let g = ClaimGraph::build(&articles, &alignment);
    assert_eq!(g.summary().stories, 2);
    assert_eq!(g.stories(), vec![vec![0, 2, 3], vec![1, 4]]);
    let report = g.report_markdown();
    let start = report
        .find("## Stories in this set\n")
        .unwrap_or_else(|| panic!("no stories section:\n{report}"));
    // Near the top: before every findings section.
    let corroborated = report
        .find("## Corroborated")
        .expect("corroborated section");
    assert!(start < corroborated, "{report}");
    let section = &report[start..corroborated];
    for expected in [
        "These articles report 2 different events. Claims are compared across stories only when their wording is very close.",
        "1. **3 articles** from AP, BBC: Lohan checks into rehab in Malibu\n",
        // No title in story 2: its headline claim stands for it.
        "2. **2 articles** from BBC, Reuters: Britney Spears checked into a rehab centre in Antigua.\n",
    ] {
        assert!(section.contains(expected), "lacks {expected:?}:\n{section}");
    }
    assert_eq!(
        section.matches("\n1. ").count() + section.matches("\n2. ").count(),
        2
    );
    assert!(!section.contains("\n3. "), "{section}");
}

#[test]
fn two_story_sources_view_boxes_each_story_and_renders() {
    let (articles, alignment) = two_story_set(vec![0, 1, 0, 0, 1]);
    let g = ClaimGraph::build(&articles, &alignment);
    let dot = g.to_dot(View::Sources, &DotOptions::default());
    let first = dot_block(&dot, "cluster_story_1");
    let second = dot_block(&dot, "cluster_story_2");
    assert!(first.contains("label=\"story 1 · 3 articles\""), "{first}");
    assert!(
        second.contains("label=\"story 2 · 2 articles\""),
        "{second}"
    );
    for id in ["ap_lohan", "bbc_lohan", "ap_lohan_2"] {
        assert!(
            first.contains(&format!("\"a_{id}\" [")),
            "{id} not in story 1:\n{dot}"
        );
        assert!(
            !second.contains(&format!("\"a_{id}\" [")),
            "{id} in story 2:\n{dot}"
        );
    }
    for id in ["bbc_spears", "reuters_spears"] {
        assert!(
            second.contains(&format!("\"a_{id}\" [")),
            "{id} not in story 2:\n{dot}"
        );
    }
    // Story boxes replace source boxes: no nested clusters.
    assert_eq!(dot.matches("subgraph ").count(), 2, "{dot}");
    assert!(!dot.contains("cluster_story_3"), "{dot}");
    // Each node names its source, as no source box does.
    assert!(first.contains("AP\\n\\n"), "{first}");
    assert_eq!(dot, g.to_dot(View::Sources, &DotOptions::default()));
    if dot_available() {
        render_svg("two-story set, sources view", &dot);
        for view in [View::Claims, View::Clusters] {
            render_svg(
                &format!("two-story set, {} view", view.as_str()),
                &g.to_dot(view, &DotOptions::default()),
            );
        }
    }
}

#[test]
fn single_story_set_has_no_stories_section_nor_story_boxes() {
    for story_of in [vec![0; 5], Vec::new()] {
        let (articles, alignment) = two_story_set(story_of.clone());
        let g = ClaimGraph::build(&articles, &alignment);
        assert_eq!(g.summary().stories, 1, "story_of {story_of:?}");
        let report = g.report_markdown();
        assert!(!report.contains("Stories in this set"), "{report}");
        assert!(!report.contains("different events"), "{report}");
        let dot = g.to_dot(View::Sources, &DotOptions::default());
        assert!(!dot.contains("cluster_story"), "{dot}");
        // Sources with several articles are boxed as before.
        assert!(dot.contains("subgraph cluster_0 {"), "{dot}");
        if dot_available() {
            render_svg("single-story set, sources view", &dot);
        }
    }
}

#[test]
fn empty_set_has_no_story() {
    let articles: Vec<Article> = Vec::new();
    let alignment = Alignment::default();
    let g = ClaimGraph::build(&articles, &alignment);
    assert_eq!(g.summary().stories, 0);
    assert!(!g.report_markdown().contains("Stories in this set"));
}

#[test]
fn a_story_is_named_by_its_most_connected_article() {
    let (mut articles, mut alignment) = two_story_set(vec![0, 1, 0, 0, 1]);
    // The first article's title is a dateline (as on BBC pages); article 2 shares the most
    // claim pairs with its story and names it instead.
    articles[0].meta.title = Some("18 September 2013 Last updated at 13:59 GMT".to_string());
    articles[2].meta.title = Some("Lohan enters Malibu rehab".to_string());
    alignment.matches = vec![
        agree(at(0, 0), at(2, 0), 0.8),
        agree(at(1, 0), at(4, 0), 0.75),
        agree(at(2, 0), at(3, 0), 0.7),
    ];
    let g = ClaimGraph::build(&articles, &alignment);
    let report = g.report_markdown();
    assert!(
        report.contains("1. **3 articles** from AP, BBC: Lohan enters Malibu rehab\n"),
        "{report}"
    );
    let stories = &report[..report
        .find("## Corroborated")
        .expect("corroborated section")];
    assert!(!stories.contains("Last updated"), "{stories}");
}
