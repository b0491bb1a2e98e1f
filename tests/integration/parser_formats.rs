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
