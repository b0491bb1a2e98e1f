//! Every input format and every kind of bad input, through the parser's library API, on the
//! fixtures in `tests/data/parser/`.
use concord_parser::{parse_document, Article, ErrorKind, Format, SentenceKind};

use crate::common::fixture;

fn parse(name: &str) -> Vec<Result<Article, concord_parser::Error>> {
    let path = fixture(&format!("parser/{name}"));
    let bytes = std::fs::read(&path).expect("fixture");
    let ext = name.rsplit('.').next().unwrap_or("");
    let format = Format::from_extension(ext).expect("known extension");
    parse_document(name, &bytes, format)
}

#[test]
fn html_main_text_title_date_and_no_chrome() {
    let a = parse("article.html").remove(0).expect("html parses");
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Kyiv Hit By Overnight Strikes")
    );
    assert_eq!(a.meta.published.as_deref(), Some("2025-04-24T08:00:00Z"));
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://www.example.org/world/kyiv-strikes")
    );
    assert_eq!(a.meta.source, "Example News");
    for chrome in [
        "Home",
        "cookies",
        "Share on",
        "Related",
        "Advertisement",
        "All rights",
        "dataLayer",
        "font-family",
    ] {
        assert!(
            !a.text.contains(chrome),
            "{chrome:?} leaked into {:?}",
            a.text
        );
    }
    let kinds: Vec<SentenceKind> = a.sentences.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SentenceKind::Headline,
            SentenceKind::Claim,
            SentenceKind::Claim,
            SentenceKind::Question
        ]
    );
    assert_eq!(a.claims.len(), 3);
    assert!(a.claims[0].headline);
    let q: Vec<String> = a.claims[1]
        .quantities
        .iter()
        .map(|q| q.to_string())
        .collect();
    assert_eq!(q, ["70 missiles", "145 drones", "at least 12 people"]);
    assert_eq!(a.claims[2].speaker.as_deref(), Some("Sergey Lavrov"));
    assert!(a.claims[2].quote);
    // Offsets are character offsets into the extracted text.
    for c in &a.claims {
        let by_chars: String = a
            .text
            .chars()
            .skip(c.span.start)
            .take(c.span.end - c.span.start)
            .collect();
        assert_eq!(by_chars, c.text);
    }
}

#[test]
fn json_keeps_unknown_fields_and_title_in_meta() {
    let a = parse("article.json").remove(0).expect("json parses");
    assert_eq!(a.meta.id, "json-1");
    assert_eq!(a.meta.extra["section"], "world");
    assert!(a.text.starts_with("Talks resume\n\n"), "text unchanged");
    assert_eq!(a.sentences[0].kind, SentenceKind::Headline);
    let lavrov = a
        .claims
        .iter()
        .find(|c| c.text.contains("prepared"))
        .expect("claim");
    assert_eq!(lavrov.speaker.as_deref(), Some("Lavrov"));
    assert_eq!(lavrov.times[0].text, "Friday");
    let he = a
        .claims
        .iter()
        .find(|c| c.text.starts_with("He did not"))
        .expect("claim");
    assert!(he.negated);
}

#[test]
fn jsonl_bad_lines_are_named_and_the_rest_parsed() {
    let docs = parse("articles.jsonl");
    assert_eq!(docs.len(), 4, "one result per non-blank line");
    let ok: Vec<&str> = docs.iter().flatten().map(|a| a.meta.id.as_str()).collect();
    assert_eq!(ok, ["a", "d"]);
    let errors: Vec<(ErrorKind, Option<usize>, String)> = docs
        .iter()
        .filter_map(|d| d.as_ref().err())
        .map(|e| (e.kind(), e.line(), e.to_string()))
        .collect();
    assert_eq!(errors[0].0, ErrorKind::MalformedJson);
    assert_eq!(errors[0].1, Some(2));
    assert!(
        errors[0].2.starts_with("articles.jsonl:2: malformed JSON"),
        "{}",
        errors[0].2
    );
    assert_eq!(
        (errors[1].0, errors[1].1),
        (ErrorKind::MissingText, Some(4))
    );
    let d = docs[3].as_ref().unwrap();
    assert_eq!(d.meta.origin, "articles.jsonl:5");
    assert_eq!(d.meta.set.as_deref(), Some("s1"));
    assert_eq!(d.meta.extra["lang"], "en");
    assert_eq!(d.claims[0].speaker.as_deref(), Some("police"));
    assert_eq!(d.claims[0].quantities[0].to_string(), "over 90 people");
}

#[test]
fn bad_inputs_get_clear_errors() {
    let table = [
        ("binary.txt", ErrorKind::Binary, "binary.txt: binary data"),
        ("empty.txt", ErrorKind::Empty, "empty.txt: empty"),
        (
            "invalid-utf8.txt",
            ErrorKind::InvalidUtf8,
            "invalid-utf8.txt: invalid UTF-8 at byte 12",
        ),
        (
            "no-body.html",
            ErrorKind::NoBodyText,
            "no-body.html: no body text",
        ),
    ];
    for (name, kind, message) in table {
        let mut docs = parse(name);
        assert_eq!(docs.len(), 1, "{name}");
        let e = docs.remove(0).expect_err(name);
        assert_eq!(e.kind(), kind, "{name}");
        assert!(e.to_string().starts_with(message), "{name}: {e}");
    }
}

#[test]
fn an_article_over_the_limit_is_refused() {
    let big = "Officials said the talks went well. ".repeat(concord_parser::MAX_ARTICLE_BYTES / 30);
    let e = parse_document("big.txt", big.as_bytes(), Format::Text)
        .remove(0)
        .expect_err("too large");
    assert_eq!(e.kind(), ErrorKind::TooLarge);
    assert!(e.to_string().contains("too large"), "{e}");
}

/// Wire copy with tables (`tables.jsonl`, written for this test in the style of agency copy):
/// earnings rows, a commodity listing and bid/offered rows are `table` sentences and never claims;
/// the prose around them, figures and all, stays claims.
#[test]
fn table_rows_and_listings_are_not_claims() {
    use SentenceKind::*;
    let docs = parse("tables.jsonl");
    // (article, sentence text, kind)
    let want: &[(&str, &str, SentenceKind)] = &[
        ("earnings", "Shr 41 cts vs 35 cts", Table),
        ("earnings", "Net 2,310,000 vs 1,985,000", Table),
        ("earnings", "Revs 190.4 mln vs 171.0 mln", Table),
        (
            "earnings",
            "NOTE: Net profit rose to 8.6 mln dlrs from 7.4 mln on higher widget sales, the company said.",
            Claim,
        ),
        (
            "spot",
            "Metals and softs were mixed in late New York trading, dealers said.",
            Claim,
        ),
        ("spot", "CLOSING SPOT TRENDS", Table),
        ("spot", "Silver up 12.5 cts per oz", Table),
        ("spot", "Cocoa off 11 dlrs per tonne", Table),
        (
            "spot",
            "Dealers expect prices to stay in a narrow range next week.",
            Claim,
        ),
        ("basis", "April - 20 ov May bid, 21 offered.", Table),
        ("basis", "June - 17 ov Jly bid, no offers.", Table),
        (
            "basis",
            "Exporters bought 2.5 mln bushels on Monday, one dealer said.",
            Claim,
        ),
    ];
    let articles: Vec<Article> = docs.into_iter().map(|d| d.expect("parses")).collect();
    for &(id, text, kind) in want {
        let a = articles.iter().find(|a| a.meta.id == id).expect(id);
        let s = a
            .sentences
            .iter()
            .find(|s| s.text == text)
            .unwrap_or_else(|| panic!("{id}: no sentence {text:?}"));
        assert_eq!(s.kind, kind, "{id}: {text}");
        assert_eq!(
            s.kind.as_str(),
            if kind == Table { "table" } else { "claim" }
        );
    }
    for a in &articles {
        for c in &a.claims {
            let kind = a.sentences[c.sentence].kind;
            assert!(
                kind != Table,
                "{}: claim from a table row: {}",
                a.meta.id,
                c.text
            );
        }
    }
    // Prose only: one claim in the earnings report, two in each listing.
    let claims: Vec<usize> = articles.iter().map(|a| a.claims.len()).collect();
    assert_eq!(claims, [1, 2, 2]);
}
