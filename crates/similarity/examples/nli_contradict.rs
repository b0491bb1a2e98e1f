//! Precision and recall of `relation == contradict` on an NLI file (label, premise, hypothesis
//! TSV with a header; label "contradiction" is the positive class), for tuning the relation
//! labeller's overlap gates on train/dev splits.
//!
//! cargo run --release -p concord-similarity --example nli_contradict -- FILE [NEG_OVERLAP OPP_OVERLAP]
//! (VERBOSE=1 lists false positives and misses.)
use std::io::Write;

use concord_similarity::{Aligner, Config, Relation};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: nli_contradict FILE [NEG_OVERLAP OPP_OVERLAP]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut config = Config::default();
    if let Some(x) = args.get(2).and_then(|s| s.parse().ok()) {
        config.negation_overlap = x;
    }
    if let Some(x) = args.get(3).and_then(|s| s.parse().ok()) {
        config.opposite_overlap = x;
    }
    let verbose = std::env::var_os("VERBOSE").is_some();
    let mut out = std::io::stdout().lock();
    let aligner = Aligner::new(config);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut kinds = std::collections::BTreeMap::<(bool, String), usize>::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        let gold = cols[0].eq_ignore_ascii_case("contradiction");
        let j = aligner.judge_texts(cols[1], cols[2]);
        let pred = j.relation == Relation::Contradict;
        if pred {
            let kind = j
                .reason
                .as_ref()
                .map_or("?", |r| r.kind.as_str())
                .to_string();
            *kinds.entry((gold, kind)).or_default() += 1;
            if verbose && !gold {
                println!(
                    "FP {}\t{}\t{}",
                    j.reason.map(|r| r.to_string()).unwrap_or_default(),
                    cols[1],
                    cols[2]
                );
            }
        } else if verbose && gold {
            println!("FN {:.2}\t{}\t{}", j.score, cols[1], cols[2]);
        }
        match (gold, pred) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            _ => {}
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let _ = writeln!(
        out,
        "precision {precision:.3} recall {recall:.3} (tp {tp}, fp {fp}, fn {fn_}) {kinds:?}"
    );
}
