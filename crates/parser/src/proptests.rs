//! Property tests: whatever the input, no panic, and every span is inside the text, on char
//! boundaries, consistent between bytes and characters, sorted and non-overlapping.
use proptest::prelude::*;

use crate::{analyze, analyze_sentence, parse_document, Format, RawArticle, SentenceKind, Span};

/// Text made of the pieces that stress the parser: abbreviations, quotes of every kind, dots,
/// numbers, capitals, multi-byte characters, line breaks.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("U.S.".to_string()),
        Just("Mr.".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("’s".to_string()),
        Just(". ".to_string()),
        Just("? ".to_string()),
        Just("!".to_string()),
        Just("…".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(", ".to_string()),
        Just(" said ".to_string()),
        Just(" he said.".to_string()),
        Just("according to ".to_string()),
        Just("at least 12".to_string()),
        Just("1,200".to_string()),
        Just("3.5".to_string()),
        Just("$2.5 billion".to_string()),
        Just("tens of thousands of".to_string()),
        Just("Sergey Lavrov".to_string()),
        Just("President".to_string()),
        Just("Kyiv".to_string()),
        Just("Thursday".to_string()),
        Just(" not ".to_string()),
        Just(" may ".to_string()),
        Just(" only if ".to_string()),
        Just("×".to_string()),
        Just("Sorting by".to_string()),
        Just("\n# ".to_string()),
        Just("\n- ".to_string()),
        Just("\n• ".to_string()),
        Just("\n—".to_string()),
        // Table rows and listing lines.
        Just("\n\nNet 1.2 mln vs 3.4 mln".to_string()),
        Just("\n\nShr nine cts vs nil".to_string()),
        Just("\n\nApril - 21 ov May bid, 22 offered.".to_string()),
        Just("\n\nMONTHS LAST".to_string()),
        Just(" vs ".to_string()),
        Just(" - ".to_string()),
        Just("5.00 pct".to_string()),
        "[a-zA-Z]{1,8}",
        "[ \\t]{1,3}",
        "\\PC{1,4}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_span(text: &str, span: Span, bytes: Span) -> Result<(), TestCaseError> {
    prop_assert!(bytes.start <= bytes.end && bytes.end <= text.len());
    prop_assert!(text.is_char_boundary(bytes.start) && text.is_char_boundary(bytes.end));
    prop_assert_eq!(span.start, text[..bytes.start].chars().count());
    prop_assert_eq!(span.end, text[..bytes.end].chars().count());
    Ok(())
}

fn check_article(text: &str) -> Result<(), TestCaseError> {
    let a = analyze(RawArticle {
        text: text.to_string(),
        ..Default::default()
    });
    let mut last = 0;
    for s in &a.sentences {
        check_span(&a.text, s.span, s.byte_span)?;
        prop_assert!(s.byte_span.start >= last, "sentences sorted, disjoint");
        prop_assert!(s.byte_span.start < s.byte_span.end, "no empty sentence");
        prop_assert_eq!(&a.text[s.byte_span.start..s.byte_span.end], s.text.as_str());
        last = s.byte_span.end;
    }
    let mut last = 0;
    for c in &a.claims {
        check_span(&a.text, c.span, c.byte_span)?;
        prop_assert!(c.byte_span.start >= last, "claims sorted, disjoint");
        prop_assert_eq!(&a.text[c.byte_span.start..c.byte_span.end], c.text.as_str());
        let s = &a.sentences[c.sentence];
        prop_assert!(
            matches!(s.kind, SentenceKind::Claim | SentenceKind::Headline),
            "claims come from claims and headlines only, never tables: {:?}",
            s.kind
        );
        prop_assert!(s.byte_span.start <= c.byte_span.start && c.byte_span.end <= s.byte_span.end);
        for inner in c
            .entities
            .iter()
            .map(|e| e.span)
            .chain(c.quantities.iter().map(|q| q.span))
            .chain(c.times.iter().map(|t| t.span))
        {
            prop_assert!(c.span.start <= inner.start && inner.end <= c.span.end);
        }
        last = c.byte_span.end;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn spans_hold_on_newsish_text(text in newsish()) {
        check_article(&text)?;
    }

    #[test]
    fn spans_hold_on_any_unicode(text in "\\PC{0,200}") {
        check_article(&text)?;
    }

    #[test]
    fn no_panic_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300), f in 0..5usize) {
        let format = [Format::Text, Format::Markdown, Format::Html, Format::Json, Format::Jsonl][f];
        for doc in parse_document("p.bin", &bytes, format).into_iter().flatten() {
            check_article(&doc.text)?;
        }
    }

    #[test]
    fn count_words_is_split_whitespace(text in "\\PC{0,80}|[ \t\n\u{0B}\u{0C}\r\u{1C}\u{85}\u{a0}\u{2009}\u{3000}a-z]{0,120}") {
        prop_assert_eq!(crate::text::count_words(&text), text.split_whitespace().count());
    }

    #[test]
    fn one_sentence_one_claim(text in newsish()) {
        let c = analyze_sentence(&text);
        let t = text.trim();
        prop_assert_eq!(c.text.as_str(), t);
        prop_assert_eq!(c.span.end - c.span.start, t.chars().count());
    }
}
