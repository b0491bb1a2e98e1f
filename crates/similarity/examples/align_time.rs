//! Times `Aligner::align` over every set of a JSONL file on one thread (best of N runs); with
//! FEATURES_ONLY=1 in the environment, `Scorer::score_into` alone over aligner-like pairs.
//! Usage: align_time FILE.jsonl [RUNS]
use std::collections::BTreeMap;
use std::time::Instant;

use concord_parser::{parse_document, Article, Format};
use concord_similarity::{Aligner, Config};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: align_time FILE.jsonl [RUNS]")?;
    let runs: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    let bytes = std::fs::read(&path)?;
    let mut sets: BTreeMap<String, Vec<Article>> = BTreeMap::new();
    for a in parse_document(&path, &bytes, Format::Jsonl)
        .into_iter()
        .flatten()
    {
        sets.entry(a.meta.set.clone().unwrap_or_default())
            .or_default()
            .push(a);
    }
    if std::env::var_os("FEATURES_ONLY").is_some() {
        features_only(&sets, runs);
        return Ok(());
    }
    let aligner = Aligner::new(Config::default());
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let mut best = f64::MAX;
    let mut check = (0usize, 0f64);
    for _ in 0..runs {
        let start = Instant::now();
        check = pool.install(|| {
            let mut c = (0usize, 0f64);
            for articles in sets.values() {
                let al = aligner.align(articles);
                c.0 += al.matches.len();
                c.1 += al
                    .matches
                    .iter()
                    .map(|m| m.score as f64 + m.relation as u8 as f64)
                    .sum::<f64>();
            }
            c
        });
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "align: best {best:.3} s of {runs}; {} matches, checksum {:.4}",
        check.0, check.1
    );
    Ok(())
}

/// Times `Scorer::score_into` (the aligner's scoring path) over pairs like the aligner's,
/// grouped by first claim: each claim of a set against the next 40 claims of other articles.
fn features_only(sets: &BTreeMap<String, Vec<Article>>, runs: usize) {
    let scorer = concord_similarity::Scorer::new();
    let mut prepared = Vec::new();
    let mut pairs = Vec::new();
    for articles in sets.values() {
        let base = prepared.len();
        let mut article_of = Vec::new();
        for (i, a) in articles.iter().enumerate() {
            for c in &a.claims {
                prepared.push(scorer.prepare(c));
                article_of.push(i);
            }
        }
        for i in 0..article_of.len() {
            for j in i + 1..article_of.len().min(i + 41) {
                if article_of[i] != article_of[j] {
                    pairs.push((base + i, base + j));
                }
            }
        }
    }
    let mut best = f64::MAX;
    let mut sum = 0f32;
    let mut scores = vec![0f32; pairs.len()];
    for _ in 0..runs {
        let start = Instant::now();
        scorer.score_into(
            pairs
                .iter()
                .map(|&(i, j)| (std::hint::black_box(&prepared[i]), &prepared[j])),
            &mut scores,
        );
        best = best.min(start.elapsed().as_secs_f64());
        sum += scores.iter().sum::<f32>();
    }
    println!(
        "score_into: {} pairs, best {best:.3} s = {:.0} ns/pair (checksum {sum})",
        pairs.len(),
        best * 1e9 / pairs.len() as f64
    );
}
