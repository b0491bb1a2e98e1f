//! The reason of a contradiction that no typed detector names.
//!
//! A pair of sentences given as one situation (`concord pairs`, NLI pairs) can be incompatible
//! in ways no detector types ("A man is sleeping" / "A man is running"): the judge may still
//! call it `contradict` from its probability alone, and the reader is then shown what the two
//! say differently, the content words each has alone.
use crate::types::{Reason, ReasonKind};
use crate::view::{View, TOKEN_CONTENT};

/// Words shown from each side.
const SHOWN: usize = 3;

/// `wording: sleeping vs running`: the first content words of each side that the other lacks.
pub(crate) fn wording(a: &View, b: &View) -> Reason {
    Reason {
        kind: ReasonKind::Wording,
        detail: format!("{} vs {}", only_in(a, b), only_in(b, a)),
    }
}

/// The first [`SHOWN`] distinct content words of `x` that `y` does not use, in text order
/// ("-" when there are none).
fn only_in(x: &View, y: &View) -> String {
    let mut shown: Vec<&str> = Vec::with_capacity(SHOWN);
    for &(term, flags) in &x.tokens {
        if flags & TOKEN_CONTENT == 0 || y.words.binary_search_by_key(&term, |w| w.0).is_ok() {
            continue;
        }
        let Ok(i) = x.words.binary_search_by_key(&term, |w| w.0) else {
            continue;
        };
        let word = x.word(i);
        if !shown.contains(&word) {
            shown.push(word);
            if shown.len() == SHOWN {
                break;
            }
        }
    }
    if shown.is_empty() {
        "-".to_owned()
    } else {
        shown.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::ViewBuilder;
    use crate::Aligner;

    fn wording_of(a: &str, b: &str) -> String {
        let aligner = Aligner::default();
        let (ca, cb) = (
            concord_parser::analyze_sentence(a),
            concord_parser::analyze_sentence(b),
        );
        let names = crate::alias::Resolver::build(crate::names_of([&ca, &cb]));
        let builder = ViewBuilder::new(&aligner.scorer);
        let (va, vb) = (builder.view(0, &ca, &names), builder.view(1, &cb, &names));
        wording(&va, &vb).to_string()
    }

    #[test]
    fn shows_the_content_words_each_side_has_alone() {
        let table = [
            (
                "A man is sleeping on a bench.",
                "A man is running on a bench.",
                "wording: sleeping vs running",
            ),
            (
                "Two dogs play in the snow near a red barn.",
                "Two cats sleep in the snow.",
                "wording: dogs, play, near vs cats, sleep",
            ),
            (
                "The talks went on.",
                "The talks went on.",
                "wording: - vs -",
            ),
        ];
        for (a, b, expected) in table {
            assert_eq!(wording_of(a, b), expected, "{a} / {b}");
        }
    }
}
