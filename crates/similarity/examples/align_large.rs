//! Speed of `Aligner::align` on one large set: the first N articles of a JSONL corpus taken as
//! a single set (far larger than a story, to show that candidate generation is not n²).
//! Prints parse and align times, claims, candidate matches kept, copies found.
//!
//! cargo run --release -p concord-similarity --example align_large -- CORPUS.jsonl [N] [THREADS]
use std::time::Instant;

use concord_parser::{parse_document, Format};
use concord_similarity::{Aligner, Relation};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: align_large CORPUS.jsonl [N] [THREADS]");
        std::process::exit(2);
    };
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let threads: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let started = Instant::now();
    let articles: Vec<_> = parse_document(path, &bytes, Format::Jsonl)
        .into_iter()
        .filter_map(Result::ok)
        .take(n)
        .collect();
    let parse_time = started.elapsed();
    let claims: usize = articles.iter().map(|a| a.claims.len()).sum();
    let aligner = Aligner::default();
    let started = Instant::now();
    let alignment = pool.install(|| aligner.align(&articles));
    let align_time = started.elapsed();
    let count = |r: Relation| alignment.matches.iter().filter(|m| m.relation == r).count();
    println!(
        "articles {} claims {claims} threads {} | parse {:.2}s | align {:.2}s ({:.0} claims/s) | \
         matches {} (agree {}, contradict {}, related {}) | alias groups {} | copies {}",
        articles.len(),
        pool.current_num_threads(),
        parse_time.as_secs_f64(),
        align_time.as_secs_f64(),
        claims as f64 / align_time.as_secs_f64(),
        alignment.matches.len(),
        count(Relation::Agree),
        count(Relation::Contradict),
        count(Relation::Related),
        alignment.aliases.len(),
        alignment.copy_of.iter().filter(|c| c.is_some()).count(),
    );
    // SHOW_COPIES=K prints K syndicated copies with the article they copy.
    let show_copies: usize = std::env::var("SHOW_COPIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let copies: Vec<(usize, usize)> = alignment
        .copy_of
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.map(|c| (i, c)))
        .collect();
    for &(i, c) in copies
        .iter()
        .step_by((copies.len() / show_copies.max(1)).max(1))
        .take(show_copies)
    {
        let title = |k: usize| articles[k].meta.title.clone().unwrap_or_default();
        println!(
            "copy {} ({}) of {} ({})",
            articles[i].meta.id,
            title(i),
            articles[c].meta.id,
            title(c)
        );
    }
    // SHOW=K prints K contradictions spread over the set, to judge them by eye.
    let show: usize = std::env::var("SHOW")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let contradictions: Vec<_> = alignment
        .matches
        .iter()
        .filter(|m| m.relation == Relation::Contradict)
        .collect();
    let step = (contradictions.len() / show.max(1)).max(1);
    for m in contradictions.iter().step_by(step).take(show) {
        let text = |r: concord_similarity::ClaimRef| &articles[r.article].claims[r.claim].text;
        println!(
            "{:.2} {}\n  A {}\n  B {}",
            m.score,
            m.reason.as_ref().map(|r| r.to_string()).unwrap_or_default(),
            text(m.a),
            text(m.b)
        );
    }
}
