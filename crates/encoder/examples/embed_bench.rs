//! Encoder throughput: `cargo run --release -p concord-encoder --example embed_bench FILE [N]`
//! embeds the first N lines (default 2,000) of FILE, one text per line, and prints texts/s.
use std::time::Instant;

use concord_encoder::Encoder;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: embed_bench FILE [N]")?;
    let n: usize = args.next().map_or(Ok(2000), |s| s.parse())?;
    let text = std::fs::read_to_string(&path)?;
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(n)
        .collect();
    let start = Instant::now();
    let encoder = Encoder::embedded()?;
    let load = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let vectors = encoder.embed(&lines)?;
    let secs = start.elapsed().as_secs_f64();
    let distinct: std::collections::HashSet<&&str> = lines.iter().collect();
    println!(
        "load {load:.2} s; {} texts ({} distinct) in {secs:.2} s: {:.0} texts/s on {} threads",
        vectors.len(),
        distinct.len(),
        vectors.len() as f64 / secs,
        rayon::current_num_threads()
    );
    Ok(())
}
