//! The paraphrase head: whether two sentences make the same claim (an MRPC paraphrase), as a
//! probability, from the same pair features as the score.
//!
//! The score serves two masters: it ranks graded similarity (STS-B) and its threshold marks
//! paraphrases. Fitted on both, its boundary is a compromise; a second tree ensemble fitted on
//! MRPC train alone (`paraphrase_model.rs`, by `scripts/train_paraphrase.py`) decides the
//! yes/no question better (out-of-fold accuracy on the MRPC training folds 78.1 against 77.0)
//! but ranks STS-B poorly, so the score stays what it was and this head decides `agree`,
//! together with a floor on the score. It costs a second pass over the features, so it runs
//! only for pairs over that floor with no conflict, once the relation is asked for.
use super::{paraphrase_model, sigmoid, tree, Prepared, Scorer};

/// Paraphrase probability from which two sentences agree (best out-of-fold accuracy on the
/// MRPC training folds): the default of `Config::paraphrase_agree`.
pub const PARAPHRASE_THRESHOLD: f32 = paraphrase_model::THRESHOLD;

/// Score a sentence pair must also reach to agree: the head was fitted on MRPC pairs, which all
/// share a topic, and on pairs with nothing in common it can say yes (STS-B dev, gold
/// similarity below 1 of 5: 55% over the threshold without the floor, 2% with it). The highest
/// floor that costs no out-of-fold accuracy: the default of `Config::paraphrase_min_score`.
pub const PARAPHRASE_MIN_SCORE: f32 = paraphrase_model::SCORE_FLOOR;

impl Scorer {
    /// The probability, in [0, 1], that `a` and `b` make the same claim (an MRPC paraphrase).
    /// Symmetric (the features are), allocation-free.
    pub fn paraphrase(&self, a: &Prepared, b: &Prepared) -> f32 {
        // The aligner's feature path (the same values as `features`, faster).
        let f = self.features_probe(a, b);
        let z = tree::log_odds(paraphrase_model::BIAS, &paraphrase_model::TREES, &f);
        sigmoid(z).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn prepared(s: &Scorer, text: &str) -> Prepared {
        s.prepare(&concord_parser::analyze_sentence(text))
    }

    #[test]
    fn restatements_agree_and_topic_neighbours_do_not() {
        let s = Scorer::new();
        // (a, b, same claim?)
        let table = [
            (
                "The company said its third-quarter profit rose 12 percent to $1.2 billion.",
                "Third-quarter profit increased 12 percent to $1.2 billion, the company said.",
                true,
            ),
            (
                "Lavrov said Russia is ready to negotiate with the United States.",
                "Russia is prepared to hold talks with the United States, Lavrov said.",
                true,
            ),
            (
                "The mayor announced on Monday that the city will close two schools next year.",
                "The city will close two schools next year, the mayor announced Monday.",
                true,
            ),
            (
                "The company said its third-quarter profit rose 12 percent to $1.2 billion.",
                "The company said it would cut 1,200 jobs and close three plants next year.",
                false,
            ),
            (
                "Lavrov said Russia is ready to negotiate with the United States.",
                "Lavrov said Russia launched 70 missiles at Ukrainian cities overnight.",
                false,
            ),
            (
                "The mayor announced on Monday that the city will close two schools next year.",
                "Parents protested outside city hall against the budget cuts proposed by the council.",
                false,
            ),
        ];
        for (a, b, same) in table {
            let (pa, pb) = (prepared(&s, a), prepared(&s, b));
            let (score, p) = (s.score(&pa, &pb), s.paraphrase(&pa, &pb));
            let agree = score >= PARAPHRASE_MIN_SCORE && p >= PARAPHRASE_THRESHOLD;
            assert_eq!(agree, same, "{a:?} / {b:?}: score {score}, paraphrase {p}");
        }
    }

    fn sentence() -> impl Strategy<Value = String> {
        const WORDS: &[&str] = &[
            "the", "minister", "said", "Russia", "talks", "ready", "not", "12", "percent",
            "profit", "rose", "fell", "Monday", "city", "will", "close", "schools", "may",
        ];
        prop::collection::vec(prop::sample::select(WORDS), 0..14).prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn paraphrase_is_symmetric_and_a_probability(a in sentence(), b in sentence()) {
            static SCORER: std::sync::OnceLock<Scorer> = std::sync::OnceLock::new();
            let s = SCORER.get_or_init(Scorer::new);
            let (pa, pb) = (prepared(s, &a), prepared(s, &b));
            let (x, y) = (s.paraphrase(&pa, &pb), s.paraphrase(&pb, &pa));
            prop_assert!((0.0..=1.0).contains(&x));
            prop_assert_eq!(x.to_bits(), y.to_bits());
        }
    }
}
