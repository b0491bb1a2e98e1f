//! INTERIM naive segmenter: splits on sentence-final punctuation followed by space.
//! To be replaced by the real segmenter and claim extractor (issue 2).
use crate::article::{Claim, Sentence, SentenceKind, Span};

pub(crate) fn segment(text: &str) -> (Vec<Sentence>, Vec<Claim>) {
    let mut sentences = Vec::new();
    let mut claims = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let push = |s: usize, e: usize, sentences: &mut Vec<Sentence>, claims: &mut Vec<Claim>| {
        let raw = &text[s..e];
        let lead = raw.len() - raw.trim_start().len();
        let trail = raw.len() - raw.trim_end().len();
        let (s, e) = (s + lead, e - trail);
        if s >= e {
            return;
        }
        let t = &text[s..e];
        let cs = text[..s].chars().count();
        let ce = cs + t.chars().count();
        let kind = if t.ends_with('?') {
            SentenceKind::Question
        } else {
            SentenceKind::Claim
        };
        let index = sentences.len();
        sentences.push(Sentence {
            index,
            kind,
            span: Span { start: cs, end: ce },
            byte_span: Span { start: s, end: e },
            text: t.to_string(),
        });
        if kind == SentenceKind::Claim {
            claims.push(Claim {
                index: claims.len(),
                sentence: index,
                span: Span { start: cs, end: ce },
                byte_span: Span { start: s, end: e },
                text: t.to_string(),
                folded: t.to_string(),
                speaker: None,
                quote: false,
                headline: false,
                hedged: false,
                negated: false,
                condition: None,
                entities: Vec::new(),
                quantities: Vec::new(),
                times: Vec::new(),
            });
        }
    };
    for i in 0..bytes.len() {
        let end_punct = matches!(bytes[i], b'.' | b'!' | b'?');
        let next_space = bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace());
        if (end_punct && next_space) || bytes[i] == b'\n' {
            push(start, i + 1, &mut sentences, &mut claims);
            start = i + 1;
        }
    }
    push(start, bytes.len(), &mut sentences, &mut claims);
    (sentences, claims)
}
