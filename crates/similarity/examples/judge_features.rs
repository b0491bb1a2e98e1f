//! Prints the learned judge's features for a TSV of text pairs, one row per input row, for
//! `scripts/train_judge.py`. Each text becomes one claim through
//! `concord_parser::analyze_sentence`, as `Aligner::judge_texts` (and so `concord pairs`)
//! builds it; the encoder runs as in `concord compare`.
//!
//! Usage: judge_features FILE.tsv COL_A COL_B [--set]   (header row; TAB-separated, no
//! quoting). `--set`: compare the two as claims of one story set (news pairs), not as a
//! sentence pair presumed to describe one situation.
use std::io::Write;

use concord_similarity::{Aligner, Config, Encoder, JUDGE_FEATURES};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let set = args.len() == 5 && args[4] == "--set";
    if args.len() != 4 && !set {
        return Err("usage: judge_features FILE.tsv COL_A COL_B [--set]".into());
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
    let mut pairs = Vec::new();
    for (n, line) in lines.enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(a), Some(b)) = (fields.get(ca), fields.get(cb)) else {
            return Err(format!("{}:{}: missing column", args[1], n + 2).into());
        };
        pairs.push((*a, *b));
    }
    let aligner = Aligner::with_encoder(Config::default(), Encoder::embedded()?);
    let evidence = aligner.text_evidence(&pairs, !set);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    writeln!(out, "{}\treason", JUDGE_FEATURES.join("\t"))?;
    for e in &evidence {
        let cells: Vec<String> = e.features().iter().map(|x| format!("{x}")).collect();
        let reason = e
            .set_conflict
            .as_ref()
            .or(e.presumed.as_ref())
            .map_or("", |r| r.kind.as_str());
        writeln!(out, "{}\t{reason}", cells.join("\t"))?;
    }
    Ok(())
}
