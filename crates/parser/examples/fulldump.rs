//! Guard for speed work: every article's full `Debug` form (sentences, claims, every field) for
//! JSONL files, and `analyze_sentence` of every s1/s2 cell for TSV files, so that two builds can
//! be compared byte for byte. `cargo run --release -p concord-parser --example fulldump -- FILE...`
use std::io::Write;

use concord_parser::{parse_document, Format};

fn main() {
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("read");
        if path.ends_with(".tsv") {
            let text = String::from_utf8_lossy(&bytes);
            let mut lines = text.lines();
            let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
            let cols: Vec<usize> = ["s1", "s2"]
                .iter()
                .filter_map(|c| header.iter().position(|h| h == c))
                .collect();
            for l in lines {
                let f: Vec<&str> = l.split('\t').collect();
                for &c in &cols {
                    if let Some(s) = f.get(c) {
                        writeln!(out, "{:?}", concord_parser::analyze_sentence(s)).unwrap();
                    }
                }
            }
            continue;
        }
        for doc in parse_document(&path, &bytes, Format::Jsonl) {
            writeln!(out, "{doc:?}").unwrap();
        }
    }
}
