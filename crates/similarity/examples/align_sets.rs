//! Aligns every set of a JSONL file (articles grouped by their `set` field) and prints one
//! matches CSV for all sets: a stand-in for `concord compare` in `scripts/eval.sh` and
//! `scripts/bench_similarity.sh` while the command is not in the binary.
//!
//! Usage: align_sets FILE.jsonl > matches.csv
use std::collections::BTreeMap;
use std::io::Write;

use concord_parser::{parse_document, Article, Format};
use concord_similarity::{Aligner, Config};

fn quote(field: &str) -> String {
    format!("\"{}\"", field.replace('"', "\"\""))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: align_sets FILE.jsonl")?;
    let bytes = std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut sets: BTreeMap<String, Vec<Article>> = BTreeMap::new();
    for article in parse_document(&path, &bytes, Format::Jsonl) {
        match article {
            Ok(a) => sets
                .entry(a.meta.set.clone().unwrap_or_default())
                .or_default()
                .push(a),
            Err(e) => eprintln!("{e}"),
        }
    }
    let aligner = Aligner::new(Config::default());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    writeln!(
        out,
        "relation,score,article_a,start_a,end_a,text_a,article_b,start_b,end_b,text_b"
    )?;
    for articles in sets.values() {
        let alignment = aligner.align(articles);
        for m in &alignment.matches {
            let (aa, ab) = (&articles[m.a.article], &articles[m.b.article]);
            let (ca, cb) = (&aa.claims[m.a.claim], &ab.claims[m.b.claim]);
            writeln!(
                out,
                "{},{:.4},{},{},{},{},{},{},{},{}",
                m.relation,
                m.score,
                quote(&aa.meta.id),
                ca.span.start,
                ca.span.end,
                quote(&ca.text),
                quote(&ab.meta.id),
                cb.span.start,
                cb.span.end,
                quote(&cb.text),
            )?;
        }
    }
    Ok(())
}
