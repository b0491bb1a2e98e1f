//! The encoder against candle's own BERT (`candle_transformers::models::bert`, f32, padded
//! batches: the reference it replaced), on real text:
//!
//! `cargo run --release -p concord-encoder --example embed_quality CLAIMS.txt STSB_DEV.tsv [N]`
//!
//! CLAIMS.txt holds one text per line (the first N distinct lines are used, default 2,000);
//! STSB_DEV.tsv is STS-B dev (columns `score`, `s1`, `s2`; header row). Prints the cosine of
//! each text's new vector with its reference vector (mean, minimum) over the claims and the
//! STS-B sentences, and the STS-B Spearman correlation of the encoder cosine with the gold
//! scores for both. Bars: mean cosine ≥ 0.995, minimum ≥ 0.98, Spearman drop ≤ 0.005.
use std::collections::HashSet;

mod common;

use common::{reference, Res};
use concord_encoder::{cosine, Encoder, Vector};

/// Ranks 1..n, ties sharing their mean rank.
fn ranks(xs: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut r = vec![0.0; xs.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && xs[order[j + 1]] == xs[order[i]] {
            j += 1;
        }
        for &k in &order[i..=j] {
            r[k] = (i + j) as f64 / 2.0 + 1.0;
        }
        i = j + 1;
    }
    r
}

fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = a.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (claims_path, stsb_path) = match args.as_slice() {
        [c, s, ..] => (c, s),
        _ => return Err("usage: embed_quality CLAIMS.txt STSB_DEV.tsv [N]".into()),
    };
    let n: usize = args.get(2).map_or(Ok(2000), |s| s.parse())?;
    let claims_text = std::fs::read_to_string(claims_path)?;
    let mut seen = HashSet::new();
    let claims: Vec<&str> = claims_text
        .lines()
        .filter(|l| !l.trim().is_empty() && seen.insert(*l))
        .take(n)
        .collect();
    let stsb_text = std::fs::read_to_string(stsb_path)?;
    let mut lines = stsb_text.lines();
    let header: Vec<&str> = lines
        .next()
        .ok_or("empty STS-B file")?
        .split('\t')
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or(format!("no column {name}"))
    };
    let (score_col, s1_col, s2_col) = (col("score")?, col("s1")?, col("s2")?);
    let mut gold = Vec::new();
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() <= score_col.max(s1_col).max(s2_col) {
            continue;
        }
        gold.push(f[score_col].parse::<f64>()?);
        pairs.push((f[s1_col], f[s2_col]));
    }
    let stsb: Vec<&str> = pairs.iter().flat_map(|(a, b)| [*a, *b]).collect();

    let encoder = Encoder::embedded()?;
    for (name, texts) in [("claims", &claims), ("STS-B dev sentences", &stsb)] {
        let new = encoder.embed(texts)?;
        let old: Vec<Vector> = reference(texts)?
            .iter()
            .map(|r| r.as_slice().try_into())
            .collect::<Result<_, _>>()?;
        let cos: Vec<f32> = new.iter().zip(&old).map(|(a, b)| cosine(a, b)).collect();
        let mean = cos.iter().map(|&c| c as f64).sum::<f64>() / cos.len() as f64;
        let min = cos.iter().copied().fold(f32::INFINITY, f32::min);
        println!(
            "{name}: {} texts, cosine new vs reference: mean {mean:.6}, min {min:.6}",
            texts.len()
        );
        if name.starts_with("STS-B") {
            let sims = |v: &[Vector]| -> Vec<f64> {
                (0..pairs.len())
                    .map(|i| cosine(&v[2 * i], &v[2 * i + 1]) as f64)
                    .collect()
            };
            let (s_new, s_old) = (spearman(&sims(&new), &gold), spearman(&sims(&old), &gold));
            println!(
                "STS-B dev ({} pairs) Spearman: new {s_new:.4}, reference {s_old:.4}, change {:+.4}",
                pairs.len(),
                s_new - s_old
            );
        }
    }
    Ok(())
}
