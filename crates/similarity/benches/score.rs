//! Pair-scoring speed on one thread: `cargo bench -p concord-similarity --bench score`
//! (`scripts/bench_similarity.sh` runs it). Sentences come from the STS-B dev and MRPC train
//! files in `../shared/datasets` (override with SHARED=...); every sentence is prepared once,
//! then `Scorer::score` runs over its true pairs and over as many shuffled (unrelated) pairs, as
//! the aligner's candidate lists mix both; then `Scorer::features` alone over the same pairs
//! (the difference is the tree ensemble); then `score` over a small, cache-resident working
//! set like one set of the aligner. Under `cargo test` (no `--bench` argument) it only
//! checks that it runs, on two built-in sentences.
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use concord_parser::Claim;
use concord_similarity::{Prepared, Scorer};

fn claim(text: &str) -> Claim {
    Claim {
        text: text.to_string(),
        folded: text.to_string(),
        ..Claim::default()
    }
}

fn sentences(shared: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for (file, cols) in [("stsb/dev.tsv", [2, 3]), ("mrpc/train.tsv", [1, 2])] {
        let path = shared.join("datasets").join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (set SHARED=...)", path.display()));
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split('\t').collect();
            for c in cols {
                out.push(fields.get(c).copied().unwrap_or("").to_string());
            }
        }
    }
    out
}

fn main() {
    let scorer = Scorer::new();
    if !std::env::args().any(|a| a == "--bench") {
        let a = scorer.prepare(&claim("Russia is ready to negotiate."));
        let b = scorer.prepare(&claim("Moscow is prepared to hold talks."));
        assert!((0.0..=1.0).contains(&scorer.score(&a, &b)));
        return;
    }
    let shared = std::env::var_os("SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let texts = sentences(&shared);

    let start = Instant::now();
    let prepared: Vec<Prepared> = texts.iter().map(|t| scorer.prepare(&claim(t))).collect();
    let prep_secs = start.elapsed().as_secs_f64();

    // True pairs (2k, 2k+1) and unrelated pairs (k, k * 7919 mod n).
    let n = prepared.len();
    let mut pairs: Vec<(usize, usize)> = (0..n / 2).map(|k| (2 * k, 2 * k + 1)).collect();
    pairs.extend((0..n / 2).map(|k| (k, (k * 7919 + 13) % n)));

    let mut rounds = 0usize;
    let mut sum = 0f32;
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < 2.0 {
        for &(i, j) in &pairs {
            sum += scorer.score(black_box(&prepared[i]), black_box(&prepared[j]));
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    black_box(sum);

    // The features alone (the rest of `score` is the tree ensemble), to see where time goes.
    let mut feature_rounds = 0usize;
    let mut feature_sum = 0f32;
    let feature_start = Instant::now();
    while feature_start.elapsed().as_secs_f64() < 1.0 {
        for &(i, j) in &pairs {
            feature_sum += scorer.features(black_box(&prepared[i]), black_box(&prepared[j]))[0];
        }
        feature_rounds += 1;
    }
    let feature_secs = feature_start.elapsed().as_secs_f64();
    black_box(feature_sum);

    // A working set like one set of the aligner (a few hundred claims, in cache): consecutive
    // sentences, half of them true pairs. The figures above read prepared claims from all over
    // ~11k sentences, so memory latency is a good part of them.
    let local: Vec<(usize, usize)> = (0..n.saturating_sub(1).min(600))
        .map(|k| (k, k + 1))
        .collect();
    let mut local_rounds = 0usize;
    let local_start = Instant::now();
    while local_start.elapsed().as_secs_f64() < 1.0 {
        for &(i, j) in &local {
            sum += scorer.score(black_box(&prepared[i]), black_box(&prepared[j]));
        }
        local_rounds += 1;
    }
    let local_secs = local_start.elapsed().as_secs_f64();
    black_box(sum);
    println!(
        "prepare: {n} sentences in {prep_secs:.3} s = {:.0} sentences/s (one thread)",
        n as f64 / prep_secs
    );
    println!(
        "score:   {} pairs in {secs:.3} s = {:.0} pairs/s (one thread)",
        rounds * pairs.len(),
        (rounds * pairs.len()) as f64 / secs
    );
    println!(
        "features alone: {:.0} pairs/s (one thread)",
        (feature_rounds * pairs.len()) as f64 / feature_secs
    );
    println!(
        "score, {} pairs among {} sentences (in cache): {:.0} pairs/s (one thread)",
        local.len(),
        local.len() + 1,
        (local_rounds * local.len()) as f64 / local_secs
    );
}
