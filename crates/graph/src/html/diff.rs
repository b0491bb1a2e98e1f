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

/// The words a contradiction's reason names, to mark in the claims: both sides of "70 missiles
/// vs 40 missiles" (numeric, time, antonym), the negation of `"not" in "…" denies "…"`, the two
/// tellers of `… said by A vs B`. Reasons that quote the claims themselves (modality) give none.
pub(super) fn reason_terms(detail: &str) -> Vec<&str> {
    if let Some((word, _)) = detail
        .strip_prefix('"')
        .and_then(|rest| rest.split_once("\" in \""))
    {
        // A negation word, never a quoted phrase.
        if !word.is_empty() && !word.contains(char::is_whitespace) && !word.contains('"') {
            return vec![word];
        }
    }
    if let Some(at) = detail.find("said by ") {
        return detail[at + "said by ".len()..]
            .split(" vs ")
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
    }
    match detail.split_once(" vs ") {
        Some((a, b)) if !detail.contains('"') => [a.trim(), b.trim()]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

/// What to mark in one side's wording: the words the other side lacks when the two are worded
/// alike (half their words in common), else the first of the reason's `terms` that the text
/// has as whole words ("ongoing" of "ongoing vs broke off"), else nothing.
pub(super) fn highlight(text: &str, other: &str, terms: &[&str]) -> Vec<Piece> {
    if shared_words(text, other) >= MIN_DIFF_RATIO {
        return word_diff(text, other);
    }
    let Some((at, end)) = terms.iter().find_map(|t| find_words(text, t)) else {
        return vec![Piece {
            text: text.to_string(),
            changed: false,
        }];
    };
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

/// The share of the two texts' words that the word diff finds in common (whitespace aside):
/// 2 × common / (words of one + words of the other).
fn shared_words(text: &str, other: &str) -> f32 {
    let diff = TextDiff::from_words(text, other);
    let (mut common, mut total) = (0usize, 0usize);
    for change in diff.iter_all_changes() {
        if change.value().trim().is_empty() {
            continue;
        }
        match change.tag() {
            ChangeTag::Equal => {
                common += 2;
                total += 2;
            }
            _ => total += 1,
        }
    }
    if total == 0 {
        0.0
    } else {
        common as f32 / total as f32
    }
}

/// Byte range of `term` in `text` as whole words (not inside a longer word), ASCII case
/// folded (which keeps byte offsets).
fn find_words(text: &str, term: &str) -> Option<(usize, usize)> {
    let term = term.trim();
    if term.is_empty() {
        return None;
    }
    let (hay, needle) = (text.to_ascii_lowercase(), term.to_ascii_lowercase());
    let mut from = 0;
    while let Some(k) = hay[from..].find(&needle) {
        let (at, end) = (from + k, from + k + needle.len());
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some((at, end));
        }
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
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
    fn reason_terms_table() {
        let cases: [(&str, &[&str]); 7] = [
            (
                "70 missiles vs 40 missiles",
                &["70 missiles", "40 missiles"],
            ),
            ("ongoing vs broke off", &["ongoing", "broke off"]),
            ("Friday vs Thursday", &["Friday", "Thursday"]),
            (
                "\"not\" in \"A Brooklyn woman who…\" denies \"Yesterday, the police…\"",
                &["not"],
            ),
            (
                "\"\"We're aware of the issue,\"…\" said by A.J. Smith vs AJ Butler",
                &["A.J. Smith", "AJ Butler"],
            ),
            (
                "asserted \"The start of the…\" vs only hedged \"It is expected…\"",
                &[],
            ),
            ("no reason given", &[]),
        ];
        for (detail, expected) in cases {
            assert_eq!(reason_terms(detail), expected, "{detail:?}");
        }
    }

    #[test]
    fn highlight_table() {
        let cases = [
            // Worded alike: the word diff.
            (
                "At least 70 missiles were fired",
                "At least 40 missiles were fired",
                vec!["70 missiles"],
                "At least [70] missiles were fired",
            ),
            // A few words in common among many: the reason's term, not a diff.
            (
                "Yesterday the police explained that officers shot a 16-year-old who pointed a gun",
                "A woman who saw the 16-year-old says he did not have a gun in his hand",
                vec!["not"],
                "Yesterday the police explained that officers shot a 16-year-old who pointed a gun",
            ),
            (
                "A woman who saw the 16-year-old says he did not have a gun in his hand",
                "Yesterday the police explained that officers shot a 16-year-old who pointed a gun",
                vec!["not"],
                "A woman who saw the 16-year-old says he did [not] have a gun in his hand",
            ),
            // The other side's term when this side has it, whole words only.
            (
                "Nothing is known; the talks broke off",
                "He confirmed ongoing talks with Washington and more",
                vec!["ongoing", "broke off"],
                "Nothing is known; the talks [broke off]",
            ),
            // Worded apart: the reason's term.
            (
                "He confirmed ongoing negotiations with Washington",
                "Washington needs to take the first step; the U.S. broke off talks",
                vec!["ongoing", "broke off"],
                "He confirmed [ongoing] negotiations with Washington",
            ),
            (
                "Talks are ONGOING, he said",
                "Nothing at all in common here",
                vec!["ongoing"],
                "Talks are [ONGOING], he said",
            ),
            // Neither: nothing marked.
            (
                "He confirmed talks",
                "Something else entirely was said",
                vec!["broke off", "con"],
                "He confirmed talks",
            ),
            (
                "He confirmed talks",
                "Something else entirely",
                vec![],
                "He confirmed talks",
            ),
        ];
        for (text, other, term, expected) in cases {
            let term: Vec<&str> = term;
            assert_eq!(marked(&highlight(text, other, &term)), expected, "{text:?}");
        }
    }
}
