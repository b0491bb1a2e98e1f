//! What to highlight in the two sides of a contested point: a word diff (the `similar` crate)
//! when the two are worded alike, else the reason's terms.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// A stretch of a claim's words, `changed` when the other side of the contested point does
/// not have them.
#[derive(Serialize)]
pub(super) struct Piece {
    pub(super) text: String,
    pub(super) changed: bool,
}

/// Below this share of words in common, a word diff marks nearly everything and tells nothing.
const MIN_DIFF_RATIO: f32 = 0.5;

/// What to mark in one side's wording: the words the other side lacks when the two are worded
/// alike, else the reason's term for this side where the text has it ("ongoing" of "ongoing vs
/// broke off"), else nothing.
pub(super) fn highlight(text: &str, other: &str, term: Option<&str>) -> Vec<Piece> {
    if TextDiff::from_words(text, other).ratio() >= MIN_DIFF_RATIO {
        return word_diff(text, other);
    }
    let plain = || {
        vec![Piece {
            text: text.to_string(),
            changed: false,
        }]
    };
    let Some(term) = term.map(str::trim).filter(|t| !t.is_empty()) else {
        return plain();
    };
    // ASCII case folding keeps byte offsets.
    let Some(at) = text.to_ascii_lowercase().find(&term.to_ascii_lowercase()) else {
        return plain();
    };
    let end = at + term.len();
    [
        (&text[..at], false),
        (&text[at..end], true),
        (&text[end..], false),
    ]
    .into_iter()
    .filter(|(t, _)| !t.is_empty())
    .map(|(t, changed)| Piece {
        text: t.to_string(),
        changed,
    })
    .collect()
}

/// `text` cut into stretches, those whose words `other` lacks marked changed (a word-level
/// diff; whitespace between two changed words is part of the change).
fn word_diff(text: &str, other: &str) -> Vec<Piece> {
    let diff = TextDiff::from_words(text, other);
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let changed = match change.tag() {
            ChangeTag::Equal => false,
            ChangeTag::Delete => true,
            ChangeTag::Insert => continue,
        };
        let value = change.value();
        // Whitespace takes the state of the stretch it follows, so a changed phrase is one mark.
        let changed = if value.trim().is_empty() {
            pieces.last().is_some_and(|p| p.changed)
        } else {
            changed
        };
        match pieces.last_mut() {
            Some(last) if last.changed == changed => last.text.push_str(value),
            _ => pieces.push(Piece {
                text: value.to_string(),
                changed,
            }),
        }
    }
    // A trailing space inside a mark reads as a highlighted gap: move it out.
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for p in pieces {
        if p.changed && p.text.ends_with(char::is_whitespace) {
            let trimmed = p.text.trim_end().len();
            let (word, space) = p.text.split_at(trimmed);
            out.push(Piece {
                text: word.to_string(),
                changed: true,
            });
            out.push(Piece {
                text: space.to_string(),
                changed: false,
            });
        } else {
            out.push(p);
        }
    }
    // Merge neighbours left unchanged side by side.
    let mut merged: Vec<Piece> = Vec::with_capacity(out.len());
    for p in out {
        match merged.last_mut() {
            Some(last) if last.changed == p.changed => last.text.push_str(&p.text),
            _ => merged.push(p),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| {
                if p.changed {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn word_diff_table() {
        let cases = [
            (
                "He confirmed 70 missiles were fired",
                "He confirmed 40 missiles were fired",
                "He confirmed [70] missiles were fired",
            ),
            ("same words", "same words", "same words"),
            (
                "the talks resumed on Monday in Geneva",
                "the talks stalled on Monday",
                "the talks [resumed] on Monday [in Geneva]",
            ),
            ("", "anything", ""),
            ("all new here", "", "[all new here]"),
        ];
        for (text, other, expected) in cases {
            assert_eq!(
                marked(&word_diff(text, other)),
                expected,
                "{text:?} vs {other:?}"
            );
        }
    }

    #[test]
    fn highlight_table() {
        let cases = [
            // Worded alike: the word diff.
            (
                "At least 70 missiles were fired",
                "At least 40 missiles were fired",
                Some("70 missiles"),
                "At least [70] missiles were fired",
            ),
            // Worded apart: the reason's term.
            (
                "He confirmed ongoing negotiations with Washington",
                "Washington needs to take the first step; the U.S. broke off talks",
                Some("ongoing"),
                "He confirmed [ongoing] negotiations with Washington",
            ),
            (
                "Talks are ONGOING, he said",
                "Nothing at all in common here",
                Some("ongoing"),
                "Talks are [ONGOING], he said",
            ),
            // Neither: nothing marked.
            (
                "He confirmed talks",
                "Something else entirely was said",
                Some("broke off"),
                "He confirmed talks",
            ),
            (
                "He confirmed talks",
                "Something else entirely",
                None,
                "He confirmed talks",
            ),
        ];
        for (text, other, term, expected) in cases {
            assert_eq!(marked(&highlight(text, other, term)), expected, "{text:?}");
        }
    }
}
