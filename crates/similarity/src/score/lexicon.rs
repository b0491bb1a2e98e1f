//! Lexical knowledge derived from WordNet 3.0 (`scripts/derive_wordnet.py` → `data/lexicon/`).
//!
//! - concepts: each word lists the WordNet synsets of its most frequent senses and the synsets
//!   they reach through meaning-keeping pointers (satellite heads, "also see", derivations), so
//!   ready / prepared / willing, negotiation / talks and readiness / ready share a concept.
//! - antonyms: direct lexical antonym pairs (increase / decrease, confirm / deny).
//! - morphology: WordNet's exception lists plus its detachment rules ("morphy"), to reach the
//!   lemma of an inflected form.
use rustc_hash::FxHashMap;

const CONCEPTS: &str = include_str!("../../../../data/lexicon/concepts.tsv");
const ANTONYMS: &str = include_str!("../../../../data/lexicon/antonyms.tsv");
const MORPH: &str = include_str!("../../../../data/lexicon/morph.tsv");

/// WordNet's detachment rules (morphy), all parts of speech: (suffix, replacement).
const DETACH: &[(&str, &str)] = &[
    ("ies", "y"),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("es", "e"),
    ("es", ""),
    ("s", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("er", ""),
    ("est", ""),
    ("er", "e"),
    ("est", "e"),
];

/// A concept: a WordNet synset, densely renumbered by the derivation script.
pub(crate) type ConceptId = u32;

/// Most concepts a word contributes; more would only blur matching.
const MAX_CONCEPTS: usize = 12;

pub(crate) struct Lexicon {
    concepts: FxHashMap<&'static str, Vec<ConceptId>>,
    antonyms: FxHashMap<&'static str, Vec<&'static str>>,
    morph: FxHashMap<&'static str, &'static str>,
}

impl Lexicon {
    pub(crate) fn new() -> Self {
        let mut concepts = FxHashMap::with_capacity_and_hasher(16_384, Default::default());
        for line in CONCEPTS.lines() {
            if let Some((word, ids)) = line.split_once('\t') {
                let ids: Vec<ConceptId> = ids.split(',').filter_map(|s| s.parse().ok()).collect();
                concepts.insert(word, ids);
            }
        }
        let mut antonyms: FxHashMap<&'static str, Vec<&'static str>> = FxHashMap::default();
        for line in ANTONYMS.lines() {
            if let Some((a, b)) = line.split_once('\t') {
                antonyms.entry(a).or_default().push(b);
            }
        }
        let morph = MORPH
            .lines()
            .filter_map(|line| line.split_once('\t'))
            .collect();
        Lexicon {
            concepts,
            antonyms,
            morph,
        }
    }

    /// The lemmas a lower-case word form may stand for: itself, its listed exception, and the
    /// results of the detachment rules that WordNet knows. First is the form itself.
    pub(crate) fn lemmas<'w>(&self, word: &'w str) -> Vec<std::borrow::Cow<'w, str>> {
        let mut out: Vec<std::borrow::Cow<'w, str>> = vec![word.into()];
        if let Some(lemma) = self.morph.get(word) {
            out.push((*lemma).into());
        }
        for (suffix, repl) in DETACH {
            if let Some(stem) = word.strip_suffix(suffix) {
                if stem.len() < 2 {
                    continue;
                }
                let cand = format!("{stem}{repl}");
                if self.concepts.contains_key(cand.as_str()) && !out.iter().any(|w| *w == cand) {
                    out.push(cand.into());
                    break;
                }
            }
        }
        out
    }

    /// The lemma of an irregular form from WordNet's exception lists ("went" -> "go"), else the
    /// word itself.
    pub(crate) fn base_form<'w>(&self, word: &'w str) -> &'w str
    where
        'static: 'w,
    {
        self.morph.get(word).copied().unwrap_or(word)
    }

    /// The concepts of a lower-case word form (through its lemmas), deduplicated, most frequent
    /// senses first.
    pub(crate) fn concepts(&self, word: &str) -> Vec<ConceptId> {
        let mut out = Vec::new();
        for lemma in self.lemmas(word) {
            if let Some(ids) = self.concepts.get(lemma.as_ref()) {
                for &id in ids {
                    if out.len() < MAX_CONCEPTS && !out.contains(&id) {
                        out.push(id);
                    }
                }
            }
        }
        out
    }

    /// The direct antonyms of a lower-case word form (through its lemmas).
    pub(crate) fn antonyms(&self, word: &str) -> Vec<&'static str> {
        let mut out = Vec::new();
        for lemma in self.lemmas(word) {
            if let Some(list) = self.antonyms.get(lemma.as_ref()) {
                out.extend(list.iter().copied());
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every direct antonym pair of the table (both orders).
    pub(crate) fn antonym_pairs(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.antonyms
            .iter()
            .flat_map(|(a, list)| list.iter().map(move |b| (*a, *b)))
    }

    /// Whether the two word forms are direct antonyms (in either direction, through lemmas).
    #[cfg(test)]
    pub(crate) fn are_antonyms(&self, a: &str, b: &str) -> bool {
        let b_lemmas: std::collections::HashSet<String> =
            self.lemmas(b).into_iter().map(|c| c.into_owned()).collect();
        self.antonyms(a).iter().any(|x| b_lemmas.contains(*x))
    }
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("words", &self.concepts.len())
            .field("antonym_words", &self.antonyms.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(lex: &Lexicon, a: &str, b: &str) -> bool {
        let ca = lex.concepts(a);
        lex.concepts(b).iter().any(|c| ca.contains(c))
    }

    #[test]
    fn near_synonyms_share_a_concept() {
        let lex = Lexicon::new();
        // (a, b, expected): from the seed story and ordinary news wording.
        let table = [
            ("ready", "prepared", true),
            ("ready", "willing", true),
            ("readiness", "ready", true),
            ("negotiations", "talks", true),
            ("negotiate", "negotiation", true),
            ("killed", "died", false),
            ("ready", "missile", false),
            ("talks", "missiles", false),
        ];
        for (a, b, want) in table {
            assert_eq!(share(&lex, a, b), want, "{a} / {b}");
        }
    }

    #[test]
    fn antonyms_through_lemmas() {
        let lex = Lexicon::new();
        let table = [
            ("increased", "decreases", true),
            ("rise", "fell", true),
            ("confirmed", "denied", false),
            ("ready", "talks", false),
        ];
        for (a, b, want) in table {
            assert_eq!(lex.are_antonyms(a, b), want, "{a} / {b}");
            assert_eq!(lex.are_antonyms(b, a), want, "{b} / {a}");
        }
    }

    #[test]
    fn lemmas_use_exceptions_and_rules() {
        let lex = Lexicon::new();
        assert!(lex.lemmas("went").iter().any(|l| l == "go"));
        assert!(lex.lemmas("missiles").iter().any(|l| l == "missile"));
        assert_eq!(lex.lemmas("xyzzy").len(), 1);
    }
}
