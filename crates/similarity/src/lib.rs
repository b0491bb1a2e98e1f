//! Aligns claims across sources, scores them, and labels each kept pair.
//!
//! INTERIM skeleton: the public types are the contract with `concord-graph` and the CLI; the
//! scoring and alignment are placeholders to be replaced (issue 3).

mod score;
mod types;

pub use score::{Prepared, Scorer, TermId, AGREE_THRESHOLD, FEATURE_NAMES, N_FEATURES};
pub use types::{
    AliasGroup, Alignment, ClaimRef, Config, Judgement, Match, Reason, ReasonKind, Relation,
};

use concord_parser::{Article, Claim};

/// Scores and labels claim pairs. Build once, use for many sets (it holds the lexicon).
#[derive(Debug, Default)]
pub struct Aligner {
    config: Config,
    scorer: score::Scorer,
}

impl Aligner {
    pub fn new(config: Config) -> Self {
        Aligner {
            config,
            scorer: score::Scorer::new(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Score and label one pair of claims. Symmetric: `judge(a, b) == judge(b, a)`.
    pub fn judge(&self, a: &Claim, b: &Claim) -> Judgement {
        let score = self
            .scorer
            .score(&self.scorer.prepare(a), &self.scorer.prepare(b));
        let relation = if score >= 0.5 {
            Relation::Agree
        } else {
            Relation::Related
        };
        Judgement {
            score,
            relation,
            reason: None,
        }
    }

    /// Score and label two free-standing sentences (the `concord pairs` evaluation path).
    /// Each text is analysed as a one-sentence article; the verdict is taken on the whole text.
    pub fn judge_texts(&self, a: &str, b: &str) -> Judgement {
        let ca = text_claim(a);
        let cb = text_claim(b);
        self.judge(&ca, &cb)
    }

    /// Align every claim of every article against the claims of the other articles.
    pub fn align(&self, articles: &[Article]) -> Alignment {
        let mut matches = Vec::new();
        for (ia, a) in articles.iter().enumerate() {
            for (ib, b) in articles.iter().enumerate().skip(ia + 1) {
                for ca in &a.claims {
                    for cb in &b.claims {
                        let j = self.judge(ca, cb);
                        if j.score >= self.config.min_score {
                            matches.push(Match {
                                a: ClaimRef {
                                    article: ia,
                                    claim: ca.index,
                                },
                                b: ClaimRef {
                                    article: ib,
                                    claim: cb.index,
                                },
                                score: j.score,
                                relation: j.relation,
                                reason: j.reason,
                            });
                        }
                    }
                }
            }
        }
        Alignment {
            matches,
            aliases: Vec::new(),
            copy_of: vec![None; articles.len()],
        }
    }
}

/// A whole text as one claim, with the features the parser finds in it.
fn text_claim(text: &str) -> Claim {
    let article = concord_parser::analyze(concord_parser::RawArticle {
        meta: Default::default(),
        text: text.to_string(),
    });
    let mut claims = article.claims.into_iter();
    let mut first = claims.next().unwrap_or_else(|| Claim {
        index: 0,
        sentence: 0,
        span: Default::default(),
        byte_span: Default::default(),
        text: text.to_string(),
        folded: text.to_string(),
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
    // INTERIM: join multi-claim texts back into one claim.
    first.text = text.to_string();
    first.folded = text.to_string();
    first
}
