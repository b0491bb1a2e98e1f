//! Parser benchmark: `cargo run --release -p concord-parser --example bench -- FILE.jsonl...`
//! (or `scripts/bench_parser.sh`). For each JSONL file: the analysis alone (`analyze` on
//! already-decoded articles: segmentation, entities, quotes, speakers, quantities …) in MB/s of
//! article text and claims/s, then the whole path from file bytes (`parse_document`, JSON
//! decoding included). Single-threaded: figures are per core. Best of `ROUNDS` runs.
use std::time::Instant;

use concord_parser::{analyze, parse_document, parse_jsonl_line, Format, RawArticle};

const ROUNDS: usize = 3;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: bench FILE.jsonl...");
        std::process::exit(2);
    }
    for path in files {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        let raws: Vec<RawArticle> = text
            .lines()
            .enumerate()
            .filter_map(|(i, l)| parse_jsonl_line(&path, i + 1, l).ok())
            .collect();
        let text_bytes: usize = raws.iter().map(|r| r.text.len()).sum();
        let mut best = f64::MAX;
        let mut claims = 0;
        let mut sentences = 0;
        for _ in 0..ROUNDS {
            let input = raws.clone();
            let t = Instant::now();
            let (mut c, mut s) = (0, 0);
            for raw in input {
                let a = analyze(raw);
                c += a.claims.len();
                s += a.sentences.len();
            }
            best = best.min(t.elapsed().as_secs_f64());
            claims = c;
            sentences = s;
        }
        let mut best_full = f64::MAX;
        for _ in 0..ROUNDS {
            let t = Instant::now();
            let docs = parse_document(&path, &bytes, Format::Jsonl);
            std::hint::black_box(&docs);
            best_full = best_full.min(t.elapsed().as_secs_f64());
        }
        let mb = text_bytes as f64 / 1e6;
        println!(
            "{path}: {} articles, {:.2} MB text, {sentences} sentences, {claims} claims\n  analyze: {:.3} s  {:.1} MB/s  {:.0} claims/s\n  parse_document (JSON included, {:.2} MB file): {:.3} s  {:.1} MB/s of file",
            raws.len(),
            mb,
            best,
            mb / best,
            claims as f64 / best,
            bytes.len() as f64 / 1e6,
            best_full,
            bytes.len() as f64 / 1e6 / best_full,
        );
    }
}
