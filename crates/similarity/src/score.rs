//! The pair score: how strongly two claims say the same thing, in [0, 1], symmetric.
//!
//! INTERIM placeholder (word-set Jaccard). Contract with the rest of the crate:
//! - `Scorer::new()` builds once (lexicon, tables); it is `Sync` and shared by all threads.
//! - `Scorer::prepare(claim)` does the per-claim work once (tokens, stems, term ids, vectors),
//!   so that `Scorer::score(a, b)` allocates nothing and is cheap: it runs on every candidate pair.
//! - `Prepared::terms` are sorted, deduplicated term ids (stems, with synonyms mapped to one id
//!   where the lexicon knows them): the aligner's inverted index blocks on them.
//! - `Scorer::are_antonyms(a, b)` answers for two term ids (the relation labeller uses it).
use concord_parser::Claim;

/// An interned term (a stem, or a synonym set).
pub(crate) type TermId = u32;

/// A claim made ready for scoring.
#[derive(Clone, Debug, Default)]
pub(crate) struct Prepared {
    /// Sorted, deduplicated.
    pub terms: Vec<TermId>,
}

#[derive(Debug, Default)]
pub(crate) struct Scorer {
    vocab: std::sync::RwLock<std::collections::HashMap<String, TermId>>,
}

impl Scorer {
    pub fn new() -> Self {
        Scorer::default()
    }

    pub fn prepare(&self, claim: &Claim) -> Prepared {
        let mut vocab = self.vocab.write().unwrap_or_else(|e| e.into_inner());
        let mut terms: Vec<TermId> = claim
            .folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let next = vocab.len() as TermId;
                *vocab.entry(w.to_lowercase()).or_insert(next)
            })
            .collect();
        terms.sort_unstable();
        terms.dedup();
        Prepared { terms }
    }

    pub fn score(&self, a: &Prepared, b: &Prepared) -> f32 {
        let (mut i, mut j, mut inter) = (0, 0, 0usize);
        while i < a.terms.len() && j < b.terms.len() {
            match a.terms[i].cmp(&b.terms[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    inter += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let union = a.terms.len() + b.terms.len() - inter;
        if union == 0 {
            0.0
        } else {
            inter as f32 / union as f32
        }
    }

    #[allow(dead_code)] // used by the relation labeller once it lands
    pub fn are_antonyms(&self, _a: TermId, _b: TermId) -> bool {
        false
    }
}
