//! Prints the scorer's pair features for a TSV of sentence pairs, one row per input row, for
//! `scripts/train_score.py` (which fits the score model on them) and for error analysis. Each
//! text becomes one claim through `concord_parser::analyze_sentence`, exactly as
//! `Aligner::judge_texts` (and so `concord pairs`) builds it.
//!
//! Usage: pair_features FILE.tsv COL_A COL_B [--vectors]   (header row; TAB-separated, no
//! quoting). With `--vectors`, each row instead holds the two sentence vectors, A's then B's.
use std::io::Write;

use concord_parser::analyze_sentence;
use concord_similarity::{Scorer, FEATURE_NAMES};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let vectors = args.len() == 5 && args[4] == "--vectors";
    if args.len() != 4 && !vectors {
        return Err("usage: pair_features FILE.tsv COL_A COL_B [--vectors]".into());
    }
    let text = std::fs::read_to_string(&args[1]).map_err(|e| format!("{}: {e}", args[1]))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| format!("{}: no column {name:?}", args[1]))
    };
    let (ca, cb) = (col(&args[2])?, col(&args[3])?);
    let scorer = Scorer::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if !vectors {
        writeln!(out, "{}\tscore", FEATURE_NAMES.join("\t"))?;
    }
    for (n, line) in lines.enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(a), Some(b)) = (fields.get(ca), fields.get(cb)) else {
            return Err(format!("{}:{}: missing column", args[1], n + 2).into());
        };
        let (pa, pb) = (
            scorer.prepare(&analyze_sentence(a)),
            scorer.prepare(&analyze_sentence(b)),
        );
        if vectors {
            let cells: Vec<String> = [pa.vector(), pb.vector()]
                .iter()
                .map(|v| {
                    if v.is_empty() {
                        vec!["0".to_string(); 256].join("\t")
                    } else {
                        v.iter()
                            .map(|x| format!("{x}"))
                            .collect::<Vec<_>>()
                            .join("\t")
                    }
                })
                .collect();
            writeln!(out, "{}", cells.join("\t"))?;
            continue;
        }
        let f = scorer.features(&pa, &pb);
        // Shortest round-trip form: the trainer sees the very f32 values the model will test.
        let cells: Vec<String> = f.iter().map(|x| format!("{x}")).collect();
        writeln!(out, "{}\t{:.6}", cells.join("\t"), scorer.score(&pa, &pb))?;
    }
    Ok(())
}
