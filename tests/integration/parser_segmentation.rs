//! Sentence segmentation and sentence kinds on real news text: `tests/data/parser/segmentation.tsv`
//! holds excerpts of the development corpora (BBC, Reuters-21578, BASIL, ECB+ dev, GVC val),
//! one per row, with the sentences a reader finds in them (issue 16). Columns: `source` (article
//! id and what the row checks), `text` (`\n` for a line break), `sentences` (joined by ` || `;
//! a `[kind] ` prefix names a kind other than `claim`). Every row is checked; the failures are
//! listed together.
use concord_parser::{parse_document, Format, SentenceKind};

use crate::common::fixture;

fn kind_name(k: SentenceKind) -> &'static str {
    k.as_str()
}

/// The sentences of `text` as `[kind] text` (no prefix for claims), as the table writes them.
fn sentences(text: &str) -> Vec<String> {
    let docs = parse_document("row.txt", text.as_bytes(), Format::Text);
    let article = docs
        .into_iter()
        .next()
        .expect("one article")
        .expect("row parses");
    article
        .sentences
        .iter()
        .map(|s| match s.kind {
            SentenceKind::Claim => s.text.clone(),
            k => format!("[{}] {}", kind_name(k), s.text),
        })
        .collect()
}

#[test]
fn segmentation_table_of_real_news() {
    let path = fixture("parser/segmentation.tsv");
    let table = std::fs::read_to_string(&path).expect("segmentation.tsv");
    let mut rows = 0;
    let mut failures = Vec::new();
    for (n, line) in table.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "line {}: three columns", n + 1);
        let text = cols[1].replace("\\n", "\n");
        let want: Vec<&str> = cols[2].split(" || ").collect();
        let got = sentences(&text);
        if got != want {
            failures.push(format!(
                "line {} ({}):\n  want {want:?}\n  got  {got:?}",
                n + 1,
                cols[0]
            ));
        }
        rows += 1;
    }
    assert!(rows >= 150, "the table has {rows} rows, fewer than 150");
    assert!(
        failures.is_empty(),
        "{} of {rows} rows differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Fact-box labels (and the value lines under a bare one), datelines, bylines and captions are
/// never claims.
#[test]
fn furniture_never_becomes_claims() {
    let text = "WASHINGTON — The Senate voted on Tuesday.\n\nDEAD: Maria Lopez, 34\n\n\
                *INJURED: two officers\n\nBy Kristen Dressel\n\nPolice lights. (Photo: File/The Tennessean)\n\n\
                Credit: AP\n\nWOUNDED:\nJohn Smith, 21, of Stockton\nAna Ruiz, 19\n\nThe police closed the road.";
    let docs = parse_document("box.txt", text.as_bytes(), Format::Text);
    let article = docs.into_iter().next().unwrap().unwrap();
    let claims: Vec<&str> = article.claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        claims,
        [
            "The Senate voted on Tuesday.",
            "The police closed the road."
        ]
    );
    let kinds: Vec<&str> = article.sentences.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "dateline", "claim", "label", "label", "byline", "caption", "label", "label", "label",
            "label", "claim"
        ]
    );
}
