//! Encoder throughput: `cargo run --release -p concord-encoder --example embed_bench FILE [N]`
//! embeds the first N lines (default 2,000) of FILE, one text per line, and prints texts/s
//! (wall clock, on rayon's threads: `RAYON_NUM_THREADS=1` for one core) and, on Linux, texts
//! per CPU-second of the process, a figure that holds up better on a busy machine.
use std::time::Instant;

use concord_encoder::Encoder;

/// User + system CPU seconds of this process so far (Linux; `None` elsewhere).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which ends with the last ')'): utime is the 12th, stime
    // the 13th, in clock ticks (100 a second on Linux).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

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
    let cpu_start = cpu_seconds();
    let vectors = encoder.embed(&lines)?;
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_start.zip(cpu_seconds()).map(|(a, b)| b - a);
    let distinct: std::collections::HashSet<&&str> = lines.iter().collect();
    print!(
        "load {load:.2} s; {} texts ({} distinct) in {secs:.2} s: {:.0} texts/s on {} threads",
        vectors.len(),
        distinct.len(),
        vectors.len() as f64 / secs,
        rayon::current_num_threads()
    );
    match cpu {
        Some(cpu) if cpu > 0.0 => println!(
            "; {cpu:.2} CPU-s: {:.0} texts per CPU-second",
            vectors.len() as f64 / cpu
        ),
        _ => println!(),
    }
    Ok(())
}
