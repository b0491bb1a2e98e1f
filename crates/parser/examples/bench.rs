//! Parser benchmark: `cargo run --release -p concord-parser --example bench -- FILE.jsonl...`
//! (or `scripts/bench_parser.sh`). For each JSONL file: the analysis alone (`analyze` on
//! already-decoded articles: segmentation, entities, quotes, speakers, quantities …) in MB/s of
//! article text and claims/s, then the whole path from file bytes (`parse_document`, JSON
//! decoding included). Single-threaded: figures are per core. Best of `BENCH_ROUNDS` (default 3)
//! rounds, each analysing the set repeatedly, about `BENCH_MB` (default 20) MB of text.
use std::time::Instant;

// The allocator the `concord` binary uses, so the figures are the shipped configuration's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use concord_parser::{analyze, parse_document, parse_jsonl_line, Format, RawArticle};

fn rounds() -> usize {
    std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3)
}

fn bench_mb() -> f64 {
    std::env::var("BENCH_MB")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20.0)
}

/// CPU time of this process in seconds (Linux `/proc/self/schedstat`), so that figures stay
/// per core on a machine shared with other jobs; `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: bench FILE.jsonl...");
        std::process::exit(2);
    }
    for path in files {
        if path.ends_with(".tsv") {
            bench_sentences(&path);
            continue;
        }
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
        let mut best_cpu = f64::MAX;
        let mut claims = 0;
        let mut sentences = 0;
        // The kernel's CPU clock read here advances in scheduler ticks (4 ms): each round
        // analyses the set enough times (about BENCH_MB of text, default 20) for that to stay
        // near 1%.
        let reps = (bench_mb() * 1e6 / text_bytes.max(1) as f64)
            .ceil()
            .max(1.0) as usize;
        for _ in 0..rounds() {
            let inputs: Vec<Vec<RawArticle>> = (0..reps).map(|_| raws.clone()).collect();
            let cpu = cpu_seconds();
            let t = Instant::now();
            let (mut c, mut s) = (0, 0);
            for input in inputs {
                for raw in input {
                    let a = analyze(raw);
                    c += a.claims.len();
                    s += a.sentences.len();
                }
            }
            best = best.min(t.elapsed().as_secs_f64() / reps as f64);
            if let (Some(c0), Some(c1)) = (cpu, cpu_seconds()) {
                best_cpu = best_cpu.min((c1 - c0) / reps as f64);
            }
            claims = c / reps;
            sentences = s / reps;
        }
        let mut best_full = f64::MAX;
        let full_rounds = if std::env::var("BENCH_FULL").as_deref() == Ok("0") {
            0
        } else {
            rounds()
        };
        for _ in 0..full_rounds {
            let t = Instant::now();
            let docs = parse_document(&path, &bytes, Format::Jsonl);
            std::hint::black_box(&docs);
            best_full = best_full.min(t.elapsed().as_secs_f64());
        }
        let mb = text_bytes as f64 / 1e6;
        let cpu_note = if best_cpu < f64::MAX {
            format!(
                "  (CPU time {best_cpu:.3} s: {:.1} MB/s per core, {:.0} claims/s)",
                mb / best_cpu,
                claims as f64 / best_cpu
            )
        } else {
            String::new()
        };
        println!(
            "{path}: {} articles, {:.2} MB text, {sentences} sentences, {claims} claims\n  analyze: {:.3} s  {:.1} MB/s  {:.0} claims/s{cpu_note}",
            raws.len(),
            mb,
            best,
            mb / best,
            claims as f64 / best,
        );
        if full_rounds > 0 {
            println!(
                "  parse_document (JSON included, {:.2} MB file): {:.3} s  {:.1} MB/s of file",
                bytes.len() as f64 / 1e6,
                best_full,
                bytes.len() as f64 / 1e6 / best_full,
            );
        }
    }
}

/// A TSV of sentence pairs (columns `s1`, `s2`, as in MRPC and STS-B): every sentence through
/// `analyze_sentence`, the path `concord pairs` takes.
fn bench_sentences(path: &str) {
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("{path}: unreadable");
        return;
    };
    let mut lines = data.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let cols: Vec<usize> = ["s1", "s2"]
        .iter()
        .filter_map(|c| header.iter().position(|h| h == c))
        .collect();
    let sentences: Vec<&str> = lines
        .flat_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            cols.iter()
                .filter_map(move |&c| f.get(c).copied())
                .collect::<Vec<_>>()
        })
        .collect();
    let bytes: usize = sentences.iter().map(|s| s.len()).sum();
    let mut best = f64::MAX;
    let mut with_speaker = 0;
    for _ in 0..rounds() {
        let t = Instant::now();
        let mut speakers = 0;
        for s in &sentences {
            let c = concord_parser::analyze_sentence(s);
            speakers += usize::from(c.speaker.is_some());
        }
        best = best.min(t.elapsed().as_secs_f64());
        with_speaker = speakers;
    }
    println!(
        "{path}: {} sentences, {:.2} MB\n  analyze_sentence: {:.3} s  {:.0} sentences/s  {:.1} MB/s  ({with_speaker} with a speaker)",
        sentences.len(),
        bytes as f64 / 1e6,
        best,
        sentences.len() as f64 / best,
        bytes as f64 / 1e6 / best,
    );
}
