//! The learned judge: one decision (agree / contradict / related) over the evidence of a pair.
//!
//! The evidence is the lexical score, the encoder's cosine, content overlap, and what the typed
//! detectors of [`crate::relation`] find (a numeric, negation, antonym, attribution, time, place
//! or modality conflict, each a flag). The detectors give the typed reason; the classifier,
//! gradient-boosted trees (three classes) fitted by `scripts/train_judge.py` on labelled pairs
//! (ClaimDiff, SNLI, SICK, MRPC and hand-labelled news pairs), decides. Its weights are
//! `data/judge/judge.json`, compiled in. The same file holds the score model: a logistic fit of
//! the lexical score and the cosine to "same meaning" (MRPC paraphrase, STS-B similarity).
//!
//! A contradiction is only ever called with a reason: the classifier may weigh evidence that a
//! pair is incompatible, but a reader is always told which detector found what.
use serde::Deserialize;

use crate::types::{Reason, ReasonKind, Relation};

/// The names of the judge's features, in order (the columns `scripts/train_judge.py` reads).
pub const JUDGE_FEATURES: [&str; N_JUDGE_FEATURES] = [
    "lexical",
    "cosine",
    "cosine2",
    "lexical_x_cosine",
    "overlap",
    "one_situation",
    "set_conflict",
    "numeric",
    "negation",
    "antonym",
    "attribution",
    "time",
    "place",
    "modality",
    "negation_mismatch",
    "hedge_mismatch",
    "shared_entities",
    "length_ratio",
    "figures_differ",
];

/// How many features the judge reads.
pub const N_JUDGE_FEATURES: usize = 19;

/// The cosine from which the pair-presumed detectors are asked (below it the pair is too far
/// apart for a conflict to mean anything, and most candidate pairs of a set are below it).
pub const DETECTOR_MIN_COSINE: f32 = 0.45;

/// What is known of a pair before the decision.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    pub lexical: f32,
    pub cosine: f32,
    pub overlap: f32,
    /// The pair was handed over as describing one situation (a sentence pair).
    pub one_situation: bool,
    /// The conflict the set rules find (claims of a set must first be shown to be about one
    /// thing); for a sentence pair, the same as `presumed`.
    pub set_conflict: Option<Reason>,
    /// The conflict the detectors find when the two are presumed to be about one thing.
    pub presumed: Option<Reason>,
    pub negation_mismatch: bool,
    pub hedge_mismatch: bool,
    pub shared_entities: usize,
    pub length_ratio: f32,
    /// The figures of the two differ (any moment), or are of different parts: not one claim.
    pub figures_differ: bool,
    /// For a pair given as one situation: what each says alone, the reason shown when the
    /// judge finds the pair incompatible and no detector names why (not a feature).
    pub wording: Option<Reason>,
}

impl Evidence {
    pub fn features(&self) -> [f32; N_JUDGE_FEATURES] {
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let kind = |k: ReasonKind| flag(self.presumed.as_ref().is_some_and(|r| r.kind == k));
        [
            self.lexical,
            self.cosine,
            self.cosine * self.cosine,
            self.lexical * self.cosine,
            self.overlap,
            flag(self.one_situation),
            flag(self.set_conflict.is_some()),
            kind(ReasonKind::Numeric),
            kind(ReasonKind::Negation),
            kind(ReasonKind::Antonym),
            kind(ReasonKind::Attribution),
            kind(ReasonKind::Time),
            kind(ReasonKind::Place),
            kind(ReasonKind::Modality),
            flag(self.negation_mismatch),
            flag(self.hedge_mismatch),
            self.shared_entities.min(3) as f32 / 3.0,
            self.length_ratio,
            flag(self.figures_differ),
        ]
    }
}

/// One regression tree, as scikit-learn stores it: node `k` sends a pair left when
/// `feature <= threshold`; a node whose `left` is negative is a leaf with `value`.
#[derive(Debug, Deserialize)]
struct Tree {
    feature: Vec<u16>,
    threshold: Vec<f64>,
    left: Vec<i32>,
    right: Vec<i32>,
    value: Vec<f32>,
}

impl Tree {
    fn predict(&self, x: &[f32; N_JUDGE_FEATURES]) -> f32 {
        let mut k = 0usize;
        while self.left[k] >= 0 {
            let v = f64::from(x[usize::from(self.feature[k]) % N_JUDGE_FEATURES]);
            k = if v <= self.threshold[k] {
                self.left[k] as usize
            } else {
                self.right[k] as usize
            };
        }
        self.value[k]
    }
}

/// The fitted weights (`data/judge/judge.json`).
#[derive(Debug, Deserialize)]
struct Weights {
    features: Vec<String>,
    /// Score model: bias, lexical, cosine, lexical × cosine.
    score: [f32; 4],
    /// The classifier's starting log-odds of each class (agree, contradict, related) ...
    init: [f32; 3],
    learning_rate: f32,
    /// ... and its trees: one per class per boosting stage.
    trees: Vec<[Tree; 3]>,
    /// Claims of a set are called `agree` / `contradict` only from these probabilities on
    /// (tuned for precision on the news dev pairs).
    set_agree_min: f32,
    set_contradict_min: f32,
    /// A pair given as one situation is called `contradict` without a detector's reason from
    /// this probability on (tuned for precision on the SNLI dev pairs); above 1, never.
    #[serde(default = "never")]
    pair_contradict_min: f32,
}

fn never() -> f32 {
    2.0
}

/// The judge. Built once; cheap to share.
#[derive(Debug)]
pub struct Judge {
    weights: Weights,
}

static JUDGE_JSON: &str = include_str!("../../../data/judge/judge.json");

impl Default for Judge {
    fn default() -> Self {
        Judge::embedded()
    }
}

impl Judge {
    /// The judge whose weights are compiled in. The file is checked by the tests: a mismatch
    /// with [`JUDGE_FEATURES`] is a build error of the project, not an input error.
    pub fn embedded() -> Judge {
        let weights: Weights = serde_json::from_str(JUDGE_JSON).expect("data/judge/judge.json");
        assert_eq!(weights.features, JUDGE_FEATURES, "judge.json features");
        Judge { weights }
    }

    /// A fingerprint of the fitted weights, for the manifests of batch outputs: outputs of
    /// another judge are redone.
    pub fn fingerprint(&self) -> u64 {
        xxhash_rust::xxh3::xxh3_64(JUDGE_JSON.as_bytes())
    }

    /// The score of a pair in [0, 1]: how likely the two say the same thing. Symmetric when its
    /// inputs are.
    pub fn score(&self, lexical: f32, cosine: f32) -> f32 {
        let w = &self.weights.score;
        sigmoid(w[0] + w[1] * lexical + w[2] * cosine + w[3] * lexical * cosine)
    }

    /// Class probabilities (agree, contradict, related).
    pub fn probabilities(&self, evidence: &Evidence) -> [f32; 3] {
        let x = evidence.features();
        let w = &self.weights;
        let mut logits = w.init;
        for stage in &w.trees {
            for (logit, tree) in logits.iter_mut().zip(stage) {
                *logit += w.learning_rate * tree.predict(&x);
            }
        }
        let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let exp = logits.map(|l| (l - max).exp());
        let sum: f32 = exp.iter().sum();
        exp.map(|e| e / sum)
    }

    /// The relation and its reason. A contradiction needs a detector's reason, or, for a pair
    /// given as one situation, a probability high enough to stand on the words alone; an
    /// agreement needs figures that do not differ.
    pub fn decide(&self, evidence: Evidence) -> (Relation, Option<Reason>) {
        let [agree, contradict, related] = self.probabilities(&evidence);
        let set = !evidence.one_situation;
        let w = &self.weights;
        if contradict > agree
            && contradict > related
            && (!set || contradict >= w.set_contradict_min)
        {
            if let Some(reason) = evidence.set_conflict.or(evidence.presumed) {
                return (Relation::Contradict, Some(reason));
            }
            if let Some(reason) = evidence
                .wording
                .filter(|_| !set && contradict >= w.pair_contradict_min)
            {
                return (Relation::Contradict, Some(reason));
            }
            return (Relation::Related, None);
        }
        // Two claims whose figures differ are not one claim, however alike their words: the
        // classifier sees too few such pairs to learn it (a toll of 12 and one of 15 read
        // almost the same to the encoder).
        if agree > related
            && agree > contradict
            && (!set || agree >= w.set_agree_min)
            && !evidence.figures_differ
        {
            (Relation::Agree, None)
        } else {
            (Relation::Related, None)
        }
    }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_weights_match_the_features() {
        let judge = Judge::embedded();
        assert!(!judge.weights.trees.is_empty());
        for tree in judge.weights.trees.iter().flatten() {
            let n = tree.left.len();
            assert!(
                [&tree.right.len(), &tree.value.len(), &tree.threshold.len()]
                    .iter()
                    .all(|&&m| m == n)
            );
            assert!(tree
                .feature
                .iter()
                .all(|&f| usize::from(f) < N_JUDGE_FEATURES));
            assert!(tree.left.iter().chain(&tree.right).all(|&c| c < n as i32));
        }
    }

    #[test]
    fn score_is_bounded_and_rises_with_the_cosine() {
        let judge = Judge::embedded();
        let mut last = 0.0;
        for c in [-1.0, 0.0, 0.3, 0.6, 0.9, 1.0] {
            let s = judge.score(0.4, c);
            assert!((0.0..=1.0).contains(&s) && s >= last, "{c}: {s}");
            last = s;
        }
    }

    #[test]
    fn a_wording_reason_is_given_to_sentence_pairs_only() {
        let judge = Judge::embedded();
        let wording = Reason {
            kind: ReasonKind::Wording,
            detail: "sleeping vs running".into(),
        };
        let mut called = [0usize; 2];
        for one_situation in [false, true] {
            for cosine in [0.0, 0.2, 0.4, 0.6, 0.8] {
                for lexical in [0.0, 0.2, 0.4, 0.6] {
                    for negation_mismatch in [false, true] {
                        let evidence = Evidence {
                            lexical,
                            cosine,
                            overlap: lexical,
                            one_situation,
                            negation_mismatch,
                            length_ratio: 1.0,
                            wording: Some(wording.clone()),
                            ..Evidence::default()
                        };
                        if let (Relation::Contradict, reason) = judge.decide(evidence) {
                            assert_eq!(reason.as_ref(), Some(&wording));
                            called[usize::from(one_situation)] += 1;
                        }
                    }
                }
            }
        }
        // Claims of a set need a detector's reason; some sentence pairs of the grid are
        // incompatible enough on their probability alone.
        assert_eq!(called[0], 0);
        assert!(called[1] > 0, "no sentence pair of the grid contradicts");
    }

    #[test]
    fn no_contradiction_without_a_reason() {
        let judge = Judge::embedded();
        for cosine in [0.2, 0.5, 0.8, 1.0] {
            let evidence = Evidence {
                lexical: 0.5,
                cosine,
                overlap: 0.5,
                negation_mismatch: true,
                ..Evidence::default()
            };
            assert_ne!(judge.decide(evidence).0, Relation::Contradict);
        }
    }
}
