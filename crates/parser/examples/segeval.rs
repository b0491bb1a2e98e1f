//! Sentence-splitter check against a gold segmentation: reads JSONL lines with `sentences`
//! (a list of `{text}` objects, as in ECB+ `articles.jsonl`), joins them with one space,
//! splits the result and prints boundary precision / recall, plus the first misses.
//! `cargo run --release -p concord-parser --example segeval -- ../shared/datasets/ecbplus/articles.jsonl`
use concord_parser::analyze_text_sentences;

fn main() {
    let path = std::env::args().nth(1).expect("usage: segeval FILE.jsonl");
    let data = std::fs::read_to_string(&path).expect("read");
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    let mut shown = 0;
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let Some(sents) = v["sentences"].as_array() else {
            continue;
        };
        let parts: Vec<&str> = sents
            .iter()
            .filter_map(|s| s["text"].as_str())
            .map(str::trim)
            .collect();
        let text = parts.join(" ");
        let mut gold = std::collections::BTreeSet::new();
        let mut at = 0;
        for p in &parts[..parts.len().saturating_sub(1)] {
            at += p.len();
            gold.insert(at);
            at += 1;
        }
        let got: std::collections::BTreeSet<usize> = analyze_text_sentences(&text)
            .iter()
            .map(|s| s.1)
            .filter(|&e| e < text.len())
            .collect();
        for g in &gold {
            if got.contains(g) {
                tp += 1;
            } else {
                fneg += 1;
                if shown < 25 {
                    shown += 1;
                    println!("MISS  {}", around(&text, *g));
                }
            }
        }
        for g in &got {
            if !gold.contains(g) {
                fp += 1;
                if shown < 50 {
                    shown += 1;
                    println!("EXTRA {}", around(&text, *g));
                }
            }
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fneg).max(1) as f64;
    println!(
        "boundaries: gold {} found {} correct {tp}: precision {:.3} recall {:.3}",
        tp + fneg,
        tp + fp,
        p,
        r
    );
}

/// The text around a sentence boundary at byte `at`, the boundary marked with ‖.
fn around(text: &str, at: usize) -> String {
    let s = text[..at].char_indices().rev().nth(60).map_or(0, |x| x.0);
    let e = text[at..]
        .char_indices()
        .nth(40)
        .map_or(text.len(), |x| x.0 + at);
    format!("…{}‖{}…", &text[s..at], &text[at..e])
}
