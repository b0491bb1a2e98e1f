//! How graph building, DOT export and the report scale with set size, on synthetic alignments
//! shaped like the aligner's output (a few candidates per claim, mostly `related`, some
//! `agree` in groups, a few `contradict`).
//!
//! ```text
//! cargo run --release -p concord-graph --example graph_bench [-- 250 1000 4000]
//! ```

use std::time::Instant;

use concord_graph::{ClaimGraph, DotOptions, View};
use concord_parser::{parse_document, Article, Claim, Format};
use concord_similarity::{Alignment, ClaimRef, Match, Reason, ReasonKind, Relation};

const CLAIMS_PER_ARTICLE: usize = 20;
const PARTNERS_PER_CLAIM: usize = 6;

/// A small deterministic generator (SplitMix64): the benchmark needs no randomness crate.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn set(n: usize) -> (Vec<Article>, Alignment) {
    let template = parse_document(
        "t.txt",
        b"Officials said the bridge was closed.",
        Format::Text,
    )
    .remove(0)
    .expect("template parses");
    let claim = template.claims[0].clone();
    let articles: Vec<Article> = (0..n)
        .map(|i| {
            let mut a = template.clone();
            a.meta.id = format!("article-{i:05}");
            a.meta.source = format!("outlet{}.com", i % (n / 3).max(2));
            a.claims = (0..CLAIMS_PER_ARTICLE)
                .map(|c| Claim {
                    index: c,
                    text: format!("Claim {c} of article {i}: officials said the bridge was closed on Monday after the storm."),
                    ..claim.clone()
                })
                .collect();
            a
        })
        .collect();
    let mut rng = Rng(n as u64);
    let mut matches = Vec::new();
    for a in 0..n {
        for c in 0..CLAIMS_PER_ARTICLE {
            for _ in 0..PARTNERS_PER_CLAIM {
                let b = rng.below(n);
                if b == a {
                    continue;
                }
                // Claims with the same index "talk about the same thing": agreement groups.
                let same_topic = rng.below(3) == 0;
                let cb = if same_topic {
                    c
                } else {
                    rng.below(CLAIMS_PER_ARTICLE)
                };
                let roll = rng.below(100);
                let (relation, reason) = if same_topic && roll < 70 {
                    (Relation::Agree, None)
                } else if roll < 3 {
                    (
                        Relation::Contradict,
                        Some(Reason {
                            kind: ReasonKind::Numeric,
                            detail: "12 vs 40".into(),
                        }),
                    )
                } else {
                    (Relation::Related, None)
                };
                let x = ClaimRef {
                    article: a,
                    claim: c,
                };
                let y = ClaimRef {
                    article: b,
                    claim: cb,
                };
                matches.push(Match {
                    a: x.min(y),
                    b: x.max(y),
                    score: 0.3 + (rng.below(70) as f32) / 100.0,
                    relation,
                    reason,
                });
            }
        }
    }
    matches.sort_by_key(|m| (m.a, m.b));
    matches.dedup_by_key(|m| (m.a, m.b));
    let copy_of = (0..n).map(|i| (i % 10 == 9).then_some(i - 1)).collect();
    (
        articles,
        Alignment {
            matches,
            copy_of,
            ..Alignment::default()
        },
    )
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![250, 500, 1000, 2000, 4000]
    } else {
        sizes
    };
    println!(
        "{:>8} {:>8} {:>9} {:>9} {:>9} {:>10} {:>10} {:>10} {:>10}",
        "articles",
        "claims",
        "pairs",
        "clusters",
        "build_ms",
        "claims_dot",
        "min2_dot",
        "report_ms",
        "dot_MB"
    );
    for n in sizes {
        let (articles, alignment) = set(n);
        let t = Instant::now();
        let g = ClaimGraph::build(&articles, &alignment);
        let build = t.elapsed();
        let t = Instant::now();
        let dot = g.to_dot(View::Claims, &DotOptions::default());
        let claims_dot = t.elapsed();
        let t = Instant::now();
        let small = g.to_dot(View::Claims, &DotOptions { min_sources: 2 });
        let min2 = t.elapsed();
        let t = Instant::now();
        let report = g.report_markdown();
        let report_t = t.elapsed();
        let s = g.summary();
        println!(
            "{:>8} {:>8} {:>9} {:>9} {:>9.1} {:>10.1} {:>10.1} {:>10.1} {:>10.1}",
            n,
            s.claims,
            alignment.matches.len(),
            s.clusters,
            build.as_secs_f64() * 1e3,
            claims_dot.as_secs_f64() * 1e3,
            min2.as_secs_f64() * 1e3,
            report_t.as_secs_f64() * 1e3,
            dot.len() as f64 / 1e6,
        );
        std::hint::black_box((small, report));
    }
}
