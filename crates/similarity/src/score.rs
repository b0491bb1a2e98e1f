//! The pair score: how strongly two claims say the same thing, in [0, 1], symmetric.
//!
//! Contract with the rest of the crate:
//! - `Scorer::new()` builds once (lexicon, tables); it is `Sync` and shared by all threads.
//! - `Scorer::prepare(claim)` does the per-claim work once (tokens, stems, term ids, vectors),
//!   so that `Scorer::score(a, b)` allocates nothing and is cheap: it runs on every candidate pair.
//! - `Prepared::terms` are sorted, deduplicated term ids (stems, with synonyms mapped to one id
//!   where the lexicon knows them): the aligner's inverted index blocks on them.
//! - `Scorer::are_antonyms(a, b)` answers for two term ids (the relation labeller uses it).
//!
//! How the score is made: `features` measures a pair from several angles, each symmetric —
//! cosine of static sentence vectors distilled from all-MiniLM-L6-v2, IDF-weighted stem overlap
//! with WordNet near-synonyms (ready / prepared / willing) counting almost as much as the same
//! word, a "soft" overlap where the remaining content words meet their nearest word of the other
//! claim by the cosine of their static vectors (surging / booming), word n-gram overlap (MT
//! metrics such as BLEU in spirit), word order (longest common subsequence), numbers, names,
//! negation, hedging, speaker and antonyms — and a small gradient-boosted tree ensemble
//! (`score/model.rs`, fitted by `scripts/train_score.py` on the MRPC and STS-B train splits,
//! evaluated by `score/tree.rs`) combines them into one probability-like score.
//!
//! Term ids are hashes of Snowball stems (bit 31 clear) and WordNet concept ids (bit 31 set), so
//! `prepare` needs no shared, locked vocabulary and any number of threads can run it at once.
//!
//! Everything `prepare` knows about a word (stem, weight, concepts, antonyms) depends on the word
//! alone, so it is worked out once per distinct word and kept in a per-thread cache: news text
//! repeats its words, and stemming and lemma look-ups per token were most of `prepare`'s time.
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use concord_parser::{Claim, Qualifier};
use rust_stemmers::{Algorithm, Stemmer};

use embed::{Embedder, DIMS, WORD_DIMS};
use lexicon::Lexicon;

mod embed;
mod lexicon;
mod model;
mod paraphrase;
mod paraphrase_model;
mod tree;

pub use paraphrase::{PARAPHRASE_MIN_SCORE, PARAPHRASE_THRESHOLD};

/// A term: the hash of a stem, or (bit 31 set) a WordNet concept.
pub type TermId = u32;

const CONCEPT_BIT: u32 = 1 << 31;

/// A near-synonym counts for this share of an exact stem match.
const SYNONYM_CREDIT: f32 = 0.8;

/// Words this frequent (rank in the vocabulary) take no part in synonym matching: their senses
/// are too many and too vague ("be", "have", "make").
const SYNONYM_MIN_RANK: u32 = 150;

/// Words matched by synonym are tracked in a bitset of this many words per claim.
const MAX_WORDS: usize = 256;

/// The per-thread word cache is emptied when it holds this many words (a bound on memory for
/// very large runs; the cache is only a shortcut, so emptying it changes no result).
const MAX_CACHED_WORDS: usize = 200_000;

/// Rank given to words outside the vocabulary (rare words) and to numbers.
const RARE_RANK: u32 = 30_000;
const NUMBER_RANK: u32 = 3_000;

/// The score at which two claims say the same thing (an MRPC paraphrase), tuned with the model
/// on the MRPC training folds: the natural default for `Config::agree_score`.
pub const AGREE_THRESHOLD: f32 = model::AGREE_THRESHOLD;

/// Names of the pair features, in the order `Scorer::features` returns them.
pub const FEATURE_NAMES: [&str; 26] = [
    "vec_cos",
    "cov_min",
    "cov_max",
    "exact_f1",
    "bigram_dice",
    "len_ratio",
    "num_shared",
    "num_unshared",
    "name_shared",
    "name_unshared",
    "neg_diff",
    "hedge_diff",
    "same_speaker",
    "antonym",
    "unmatched_min",
    "unmatched_max",
    "uni_prec_min",
    "uni_prec_max",
    "trigram_dice",
    "lcs_short",
    "lcs_long",
    "soft_cov_min",
    "soft_cov_max",
    "soft_mean_min",
    "soft_mean_max",
    "content_diff",
];

/// Number of pair features.
pub const N_FEATURES: usize = FEATURE_NAMES.len();

const _: () = assert!(N_FEATURES <= tree::PADDED);

/// One distinct stem of a claim.
#[derive(Clone, Copy, Debug, Default)]
struct Word {
    stem: TermId,
    /// IDF-like weight from the word's frequency rank.
    weight: f32,
    /// Token id of the word's own vector (`NO_VECTOR` when it has none or is no content word).
    token: u32,
    /// A content word: frequent enough to carry meaning of its own (not "the", "have").
    content: bool,
}

/// `Word::token` of a word without a vector of its own.
const NO_VECTOR: u32 = u32::MAX;

/// Stems of a claim beyond this many are left out of the word-order measure (one bit each in a
/// machine word).
const MAX_SEQUENCE: usize = 64;

/// What `prepare` needs to know about one lower-case word; a function of the word alone.
#[derive(Debug)]
struct WordInfo {
    stem: TermId,
    weight: f32,
    rank: u32,
    /// WordNet concepts (through the word's lemmas), most frequent senses first.
    concepts: Box<[u32]>,
    /// Stem ids of the word's direct antonyms (through its lemmas).
    antonyms: Box<[TermId]>,
    /// The token id of the word's own vector, if it is one token of the vocabulary.
    token: Option<u32>,
}

thread_local! {
    /// Lower-case word -> its `WordInfo`. The tables behind it are compiled in, identical for
    /// every `Scorer`, so one cache per thread serves them all.
    static WORDS: RefCell<FxHashMap<Box<str>, Rc<WordInfo>>> = RefCell::new(FxHashMap::default());
}

/// `word` in lower case, written into `out` (no allocation for ASCII words, the usual case).
fn lowercase_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        // `str::to_lowercase` knows context rules (final sigma) that char-by-char mapping lacks.
        out.push_str(&word.to_lowercase());
    }
}

/// A claim made ready for scoring.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    /// Sorted, deduplicated: stem ids and (bit 31 set) the main WordNet concept of each content
    /// word, for blocking.
    pub terms: Vec<TermId>,
    /// Distinct stems, sorted by id.
    words: Vec<Word>,
    /// Concepts of the words, sorted (a concept repeats when several words share it)...
    concept_ids: Vec<u32>,
    /// ... and the index into `words` of the word each comes from (kept apart from the ids so
    /// that the merge in `features` scans a dense array).
    concept_words: Vec<u16>,
    /// Stem ids of the antonyms of the claim's words, sorted, deduplicated.
    antonyms: Vec<TermId>,
    /// Hashes of consecutive stem pairs, sorted, deduplicated.
    bigrams: Vec<u32>,
    /// Hashes of consecutive stem triples, sorted, deduplicated.
    trigrams: Vec<u32>,
    /// The words in text order (at most `MAX_SEQUENCE`), as indices into `words`, for the
    /// word-order measure...
    sequence: Vec<u16>,
    /// ... and, for each word, the positions in `sequence` where it occurs (bit i: position i).
    positions: Vec<u64>,
    /// Number of distinct content words.
    content_words: u32,
    /// The leading components of the content words' own vectors, `WORD_DIMS` per word, side by
    /// side (so that the word-to-word cosines of `features` read one small block)...
    word_vectors: Vec<[i16; WORD_DIMS]>,
    /// ... one over the length of each...
    word_norms: Vec<f32>,
    /// ... and the index into `words` of the word each belongs to.
    vector_words: Vec<u16>,
    /// Numbers mentioned (f64 bits), sorted, deduplicated.
    numbers: Vec<u64>,
    /// Hashes of names (entity surnames, capitalised words inside the sentence), sorted.
    names: Vec<u32>,
    /// Mean token vector, L2-normalised (empty when the text has no known token).
    vector: Vec<f32>,
    total_weight: f32,
    tokens: u32,
    negated: bool,
    hedged: bool,
    speaker: Option<u32>,
}

impl Prepared {
    /// The claim's sentence vector (mean static token vector, unit length; empty when the text
    /// has no known token), for analysis and training scripts.
    pub fn vector(&self) -> &[f32] {
        &self.vector
    }
}

/// Scores claim pairs. Build once; `Sync`.
pub struct Scorer {
    stemmer: Stemmer,
    lexicon: Lexicon,
    embedder: Embedder,
    /// (stem id, stem id) of direct antonyms, both orders; built on first use, as stemming
    /// every antonym of the table was most of the start-up time of a one-article run and the
    /// aligner finds opposites through `antonym_terms` instead.
    antonym_stems: OnceLock<FxHashSet<(TermId, TermId)>>,
}

impl Default for Scorer {
    fn default() -> Self {
        Scorer::new()
    }
}

impl std::fmt::Debug for Scorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scorer")
            .field("lexicon", &self.lexicon)
            .field("embedder", &self.embedder)
            .finish()
    }
}

/// FNV-1a, 31 bits: stable across runs and platforms, so term ids are deterministic.
fn hash31(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h & !CONCEPT_BIT
}

fn sorted_dedup<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Numbers written with digits ("1,200", "3.5", "70"), as values.
fn digit_numbers(text: &str, out: &mut Vec<f64>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphabetic()) {
            let mut digits = String::new();
            let mut j = i;
            while j < bytes.len() {
                let b = bytes[j];
                if b.is_ascii_digit() {
                    digits.push(b as char);
                } else if (b == b',' || b == b'.')
                    && j + 1 < bytes.len()
                    && bytes[j + 1].is_ascii_digit()
                {
                    if b == b'.' {
                        digits.push('.');
                    }
                } else {
                    break;
                }
                j += 1;
            }
            if let Ok(v) = digits.parse::<f64>() {
                out.push(v);
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// A number as a set key: rounded so that 1200 and 1200.0 agree.
fn number_key(v: f64) -> u64 {
    ((v * 1000.0).round() / 1000.0).to_bits()
}

/// Sorted-merge count of common elements; steps without branching on the comparison, whose
/// outcome is unpredictable (this runs several times on every candidate pair).
fn common<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += (x == y) as usize;
        i += (x <= y) as usize;
        j += (y <= x) as usize;
    }
    n
}

/// Number of elements two deduplicated sets of 32-bit ids have in common, by comparing every
/// element of the shorter with every element of the longer, eight at a time. The sets are small
/// (about twenty n-grams or terms), and the comparisons, free of any dependency between them,
/// run in vector registers: a merge waits on each load and comparison in turn, with branches
/// that cannot be predicted, and was the largest single cost of `features`.
fn common_ids(a: &[u32], b: &[u32]) -> usize {
    const LANES: usize = 8;
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let chunks = long.chunks_exact(LANES);
    let rest = chunks.remainder();
    let mut counts = [0u32; LANES];
    for chunk in chunks {
        for &x in short {
            for k in 0..LANES {
                counts[k] += (chunk[k] == x) as u32;
            }
        }
    }
    let mut n: u32 = counts.iter().sum();
    for &y in rest {
        n += short.iter().map(|&x| (x == y) as u32).sum::<u32>();
    }
    n as usize
}

/// Dot product of two sentence vectors in eight running sums, which the compiler keeps in
/// vector registers: a single sum waits on each of its 256 additions in turn, on every
/// candidate pair. The result differs from an in-order sum only in the last bits of an f32
/// (ECB+ dev: 71 of 66,344 scores move by 0.0001 as printed, no match or relation changes).
fn dot(a: &[f32], b: &[f32]) -> f32 {
    const LANES: usize = 8;
    let mut sums = [0f32; LANES];
    for (x, y) in a.chunks_exact(LANES).zip(b.chunks_exact(LANES)) {
        for k in 0..LANES {
            sums[k] += x[k] * y[k];
        }
    }
    sums.iter().sum()
}

fn set_bit(bits: &mut [u64; MAX_WORDS / 64], i: usize) {
    if i < MAX_WORDS {
        bits[i / 64] |= 1 << (i % 64);
    }
}

fn has_bit(bits: &[u64; MAX_WORDS / 64], i: usize) -> bool {
    i < MAX_WORDS && bits[i / 64] & (1 << (i % 64)) != 0
}

fn bit_count(bits: &[u64; MAX_WORDS / 64]) -> u32 {
    bits.iter().map(|b| b.count_ones()).sum()
}

/// Length of the longest common subsequence of two word sequences (word order kept, gaps
/// allowed), bit-parallel (Hyyrö 2004): one machine word holds a row of the usual table, so the
/// cost is one step per word of `b`, given for each the positions in `a` (at most 64 words) of
/// the same word.
fn lcs_of_masks(a_len: usize, masks_of_b: impl Iterator<Item = u64>) -> usize {
    let mut row = !0u64;
    for mask in masks_of_b {
        let u = row & mask;
        row = row.wrapping_add(u) | row.wrapping_sub(u);
    }
    let used = if a_len >= 64 {
        !0u64
    } else {
        (1u64 << a_len) - 1
    };
    (!row & used).count_ones() as usize
}

/// `lcs_of_masks` over two plain sequences (`a` at most 64 long), for tests.
#[cfg(test)]
fn lcs_len(a: &[TermId], b: &[TermId]) -> usize {
    let mask = |y: TermId| {
        a.iter()
            .enumerate()
            .fold(0u64, |m, (i, &x)| m | (((x == y) as u64) << i))
    };
    lcs_of_masks(a.len(), b.iter().map(|&y| mask(y)))
}

/// Words matched by stem (`exact`) and by stem or near-synonym (`syn`, read together with
/// `exact`), one bit per word of a claim.
struct Matched<'m> {
    exact: &'m [u64; MAX_WORDS / 64],
    syn: &'m [u64; MAX_WORDS / 64],
}

impl Matched<'_> {
    fn any(&self, k: usize) -> bool {
        has_bit(self.exact, k) || has_bit(self.syn, k)
    }
}

/// Dot product of two word vectors (`Prepared::word_vectors`), in integers: exact, so the same
/// whichever claim comes first, and the compiler makes it a few multiply-adds of 16-bit lanes.
fn word_dot(a: &[i16; WORD_DIMS], b: &[i16; WORD_DIMS]) -> i32 {
    a.iter().zip(b).map(|(&x, &y)| x as i32 * y as i32).sum()
}

/// The larger of two numbers, neither of them NaN: one `maxss`, where `f32::max` adds the
/// NaN handling it promises.
fn larger(x: f32, y: f32) -> f32 {
    if y > x {
        y
    } else {
        x
    }
}

/// The soft word alignment of both claims: how well each claim's content words left unmatched
/// by stem or synonym are met by some content word of the other claim not matched by stem, by
/// the cosine of their vectors (a "soft" match: "surging" / "booming"). For each claim: (the
/// IDF-weighted sum of their best cosines, clamped at 0; the mean over all of its content words
/// of their best match, an exact or synonym match counting 1).
///
/// Both directions read the same word-to-word dot products (a word of `a` not matched by stem
/// against a word of `b` not matched by stem), so each is computed once: while the words of `a`
/// are walked in order, each product updates the best match of the `a` word (its row) and of
/// the `b` word (its column, in `best_of_b`), in the same order and with the same arithmetic as
/// two separate passes, so the results are bit for bit those of scoring each side alone.
fn soft_alignments(
    a: &Prepared,
    b: &Prepared,
    matched_a: Matched,
    matched_b: Matched,
) -> ((f32, f32), (f32, f32)) {
    // Best scaled products of `b`'s vector words; words with no vector never read theirs.
    if b.word_vectors.len() <= 64 {
        soft_alignments_with::<64>(a, b, matched_a, matched_b)
    } else {
        soft_alignments_with::<MAX_WORDS>(a, b, matched_a, matched_b)
    }
}

fn soft_alignments_with<const B_VECTORS: usize>(
    a: &Prepared,
    b: &Prepared,
    matched_a: Matched,
    matched_b: Matched,
) -> ((f32, f32), (f32, f32)) {
    let mut best_of_b = [0f32; B_VECTORS];
    let b_vectors = b.word_vectors.len().min(B_VECTORS);
    // One over the length of `b`'s vectors, 0 for words matched by stem: their products come
    // out as zeros, which change no best match (those start at 0), so the loop below needs no
    // test per product. (A zero-length vector has only zero products: no product is -0.)
    let mut open_norms_b = [0f32; B_VECTORS];
    for ((open_norm, &norm), &j) in open_norms_b
        .iter_mut()
        .zip(&b.word_norms[..b_vectors])
        .zip(&b.vector_words)
    {
        if !has_bit(matched_b.exact, j as usize) {
            *open_norm = norm;
        }
    }
    let (mut weighted, mut sum, mut n) = (0f32, 0f32, 0u32);
    let mut slot = 0;
    for (k, w) in a.words.iter().enumerate() {
        // Every vector word of `a` not matched by stem is a column for `b`'s words, even one
        // matched by synonym, whose own row is not needed.
        let has_vector = a.vector_words.get(slot) == Some(&(k as u16));
        let own = slot;
        slot += has_vector as usize;
        let mut best = 0f32;
        if has_vector && !has_bit(matched_a.exact, k) {
            let (v, norm) = (&a.word_vectors[own], a.word_norms[own]);
            for ((u, &u_norm), best_j) in b.word_vectors[..b_vectors]
                .iter()
                .zip(&open_norms_b)
                .zip(&mut best_of_b)
            {
                let dot = word_dot(v, u) as f32;
                best = larger(best, dot * u_norm);
                *best_j = larger(*best_j, dot * norm);
            }
        }
        if !w.content {
            continue;
        }
        n += 1;
        if matched_a.any(k) {
            sum += 1.0;
            continue;
        }
        if !has_vector {
            continue;
        }
        let best = (best * a.word_norms[own]).min(1.0);
        weighted += w.weight * best;
        sum += best;
    }
    let mean = if n > 0 { sum / n as f32 } else { 0.0 };
    let of_a = (weighted, mean);

    let (mut weighted, mut sum, mut n) = (0f32, 0f32, 0u32);
    let mut slot = 0;
    for (k, w) in b.words.iter().enumerate() {
        if !w.content {
            continue;
        }
        n += 1;
        let has_vector = b.vector_words.get(slot) == Some(&(k as u16));
        let own = slot;
        slot += has_vector as usize;
        if matched_b.any(k) {
            sum += 1.0;
            continue;
        }
        if !has_vector {
            continue;
        }
        let best = (best_of_b[own] * b.word_norms[own]).min(1.0);
        weighted += w.weight * best;
        sum += best;
    }
    let mean = if n > 0 { sum / n as f32 } else { 0.0 };
    (of_a, (weighted, mean))
}

/// Which words of two claims match by stem and by near-synonym, and their IDF weight.
struct WordMatches {
    exact_a: [u64; MAX_WORDS / 64],
    exact_b: [u64; MAX_WORDS / 64],
    syn_a: [u64; MAX_WORDS / 64],
    syn_b: [u64; MAX_WORDS / 64],
    /// Weight of the words matched by stem, on each side.
    exact_wa: f32,
    exact_wb: f32,
    /// ... and with the near-synonyms not matched by stem, at `SYNONYM_CREDIT`.
    matched_a: f32,
    matched_b: f32,
}

fn match_words(a: &Prepared, b: &Prepared) -> WordMatches {
    // Exact stem matches. The merges below step without branching on the comparison (its
    // outcome is unpredictable); `x + 0.0 == x`, so the sums are those of a branching merge.
    let mut exact_a = [0u64; MAX_WORDS / 64];
    let mut exact_b = [0u64; MAX_WORDS / 64];
    let (mut exact_wa, mut exact_wb) = (0f32, 0f32);
    let (mut i, mut j) = (0, 0);
    while i < a.words.len() && j < b.words.len() {
        let (x, y) = (a.words[i], b.words[j]);
        if x.stem == y.stem {
            exact_wa += x.weight;
            exact_wb += y.weight;
            set_bit(&mut exact_a, i);
            set_bit(&mut exact_b, j);
        }
        i += (x.stem <= y.stem) as usize;
        j += (y.stem <= x.stem) as usize;
    }
    // Near-synonyms: words of either side sharing a concept, not already matched exactly.
    let mut syn_a = [0u64; MAX_WORDS / 64];
    let mut syn_b = [0u64; MAX_WORDS / 64];
    let (ids_a, ids_b) = (&a.concept_ids[..], &b.concept_ids[..]);
    let (mut i, mut j) = (0, 0);
    while i < ids_a.len() && j < ids_b.len() {
        let (ca, cb) = (ids_a[i], ids_b[j]);
        if ca == cb {
            let i_end = i + ids_a[i..].iter().take_while(|&&c| c == ca).count();
            let j_end = j + ids_b[j..].iter().take_while(|&&c| c == cb).count();
            for &w in &a.concept_words[i..i_end] {
                set_bit(&mut syn_a, w as usize);
            }
            for &w in &b.concept_words[j..j_end] {
                set_bit(&mut syn_b, w as usize);
            }
            i = i_end;
            j = j_end;
            continue;
        }
        i += (ca < cb) as usize;
        j += (cb < ca) as usize;
    }
    let synonym_weight = |p: &Prepared, exact: &[u64; MAX_WORDS / 64], syn| {
        p.words
            .iter()
            .enumerate()
            .filter(|(k, _)| !has_bit(exact, *k) && has_bit(syn, *k))
            .map(|(_, w)| w.weight)
            .sum::<f32>()
    };
    let matched_a = exact_wa + SYNONYM_CREDIT * synonym_weight(a, &exact_a, &syn_a);
    let matched_b = exact_wb + SYNONYM_CREDIT * synonym_weight(b, &exact_b, &syn_b);
    WordMatches {
        exact_a,
        exact_b,
        syn_a,
        syn_b,
        exact_wa,
        exact_wb,
        matched_a,
        matched_b,
    }
}

/// The share of each claim's word weight matched in the other, in [0, 1].
fn coverages(a: &Prepared, b: &Prepared, matched_a: f32, matched_b: f32) -> (f32, f32) {
    let cov = |m: f32, t: f32| if t > 0.0 { (m / t).min(1.0) } else { 0.0 };
    (
        cov(matched_a, a.total_weight),
        cov(matched_b, b.total_weight),
    )
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

impl Scorer {
    pub fn new() -> Self {
        Scorer {
            stemmer: Stemmer::create(Algorithm::English),
            lexicon: Lexicon::new(),
            embedder: Embedder::new(),
            antonym_stems: OnceLock::new(),
        }
    }

    /// The term id of a word as `prepare` computes it (its stem's hash).
    pub fn term_of(&self, word: &str) -> TermId {
        let mut lower = String::new();
        lowercase_into(word, &mut lower);
        self.word_info(&lower).stem
    }

    /// The cached facts about a lower-case word, worked out on first sight.
    fn word_info(&self, lower: &str) -> Rc<WordInfo> {
        WORDS.with(|cache| {
            if let Some(info) = cache.borrow().get(lower) {
                return Rc::clone(info);
            }
            let (weight, rank) = self.weight(lower);
            let info = Rc::new(WordInfo {
                stem: self.stem_id(lower),
                weight,
                rank,
                concepts: self.lexicon.concepts(lower).into_boxed_slice(),
                antonyms: self
                    .lexicon
                    .antonyms(lower)
                    .into_iter()
                    .map(|a| self.stem_id(a))
                    .collect(),
                token: self.embedder.word_token(lower),
            });
            let mut cache = cache.borrow_mut();
            if cache.len() >= MAX_CACHED_WORDS {
                cache.clear();
            }
            cache.insert(lower.into(), Rc::clone(&info));
            info
        })
    }

    /// Stem id of a lower-case word; irregular forms go to their lemma first (rose -> rise).
    fn stem_id(&self, lower: &str) -> TermId {
        hash31(self.stemmer.stem(self.lexicon.base_form(lower)).as_bytes())
    }

    /// IDF-like weight of a lower-case word from its frequency rank: about 0 for "the",
    /// 1.8 at rank 100, 3.9 at rank 1,000, 7.3 for words outside the vocabulary.
    fn weight(&self, word: &str) -> (f32, u32) {
        let rank = if word.bytes().any(|b| b.is_ascii_digit()) {
            NUMBER_RANK
        } else {
            self.embedder.word_rank(word).unwrap_or(RARE_RANK)
        };
        ((1.0 + rank as f32 / 20.0).ln(), rank)
    }

    pub fn prepare(&self, claim: &Claim) -> Prepared {
        let text = claim.folded.as_str();
        let mut words: Vec<Word> = Vec::new();
        let mut concepts: Vec<(u32, u16)> = Vec::new();
        let mut antonyms = Vec::new();
        let mut terms = Vec::new();
        let mut bigrams = Vec::new();
        let mut trigrams = Vec::new();
        let mut sequence = Vec::new();
        let mut names = Vec::new();
        let mut previous: Option<TermId> = None;
        let mut before_previous: Option<TermId> = None;
        let mut tokens = 0u32;
        let mut lower = String::new();
        for (position, raw) in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .enumerate()
        {
            tokens += 1;
            lowercase_into(raw, &mut lower);
            let info = self.word_info(&lower);
            let stem = info.stem;
            if let Some(p) = previous {
                bigrams.push(p.wrapping_mul(0x9E37_79B1) ^ stem);
                if let Some(q) = before_previous {
                    trigrams
                        .push((q.wrapping_mul(0x85EB_CA6B) ^ p).wrapping_mul(0x9E37_79B1) ^ stem);
                }
            }
            before_previous = previous;
            previous = Some(stem);
            if sequence.len() < MAX_SEQUENCE {
                sequence.push(stem);
            }
            if position > 0 && raw.len() > 1 && raw.chars().next().is_some_and(char::is_uppercase) {
                names.push(hash31(lower.as_bytes()));
            }
            if words.iter().any(|w| w.stem == stem) {
                continue;
            }
            let index = words.len();
            let content = info.rank >= SYNONYM_MIN_RANK;
            words.push(Word {
                stem,
                weight: info.weight,
                token: if content {
                    info.token.unwrap_or(NO_VECTOR)
                } else {
                    NO_VECTOR
                },
                content,
            });
            terms.push(stem);
            if info.rank >= SYNONYM_MIN_RANK && index < MAX_WORDS {
                if let Some(&first) = info.concepts.first() {
                    terms.push(first | CONCEPT_BIT);
                }
                concepts.extend(info.concepts.iter().map(|&c| (c, index as u16)));
                antonyms.extend_from_slice(&info.antonyms);
            }
        }
        // Sort words by stem and renumber the concept links to the new order.
        let mut order: Vec<usize> = (0..words.len()).collect();
        order.sort_unstable_by_key(|&i| words[i].stem);
        let mut new_index = vec![0u16; words.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new as u16;
        }
        let words: Vec<Word> = order.iter().map(|&i| words[i]).collect();
        let sequence: Vec<u16> = sequence
            .iter()
            .map(|stem| words.partition_point(|w| w.stem < *stem) as u16)
            .collect();
        let mut positions = vec![0u64; words.len()];
        for (position, &w) in sequence.iter().enumerate() {
            positions[w as usize] |= 1 << position;
        }
        for c in &mut concepts {
            c.1 = new_index[c.1 as usize];
        }
        // Names: entity surnames from the parser as well as capitalised words.
        for e in &claim.entities {
            if let Some(last) = e.name.split_whitespace().last() {
                names.push(hash31(last.to_lowercase().as_bytes()));
            }
        }
        let mut numbers = Vec::new();
        digit_numbers(text, &mut numbers);
        numbers.extend(claim.quantities.iter().map(|q| q.value));
        // A bound or an estimate ("at least 12", "about 40") is no mismatch with another figure
        // ("15"): only exact figures count as numbers of the claim.
        let inexact: Vec<u64> = claim
            .quantities
            .iter()
            .filter(|q| q.qualifier != Qualifier::Exact)
            .map(|q| number_key(q.value))
            .collect();
        let numbers = numbers
            .into_iter()
            .map(number_key)
            .filter(|k| !inexact.contains(k))
            .collect();

        let mut pieces = Vec::new();
        self.embedder.tokenize(text, &mut pieces);
        let vector = if pieces.is_empty() {
            Vec::new()
        } else {
            self.embedder.sentence_vector(&pieces)
        };
        let speaker = claim.speaker.as_ref().and_then(|s| {
            s.split_whitespace()
                .last()
                .map(|w| hash31(w.to_lowercase().as_bytes()))
        });
        let concepts = sorted_dedup(concepts);
        let (mut word_vectors, mut word_norms, mut vector_words) =
            (Vec::new(), Vec::new(), Vec::new());
        let mut row = Vec::with_capacity(WORD_DIMS);
        for (k, w) in words.iter().enumerate().take(MAX_WORDS) {
            if w.token != NO_VECTOR {
                row.clear();
                word_norms.push(self.embedder.word_vector_into(w.token, &mut row));
                // Widened once here rather than in every product of `features`.
                let mut v = [0i16; WORD_DIMS];
                for (x, &q) in v.iter_mut().zip(&row) {
                    *x = q as i16;
                }
                word_vectors.push(v);
                vector_words.push(k as u16);
            }
        }
        Prepared {
            word_vectors,
            word_norms,
            vector_words,
            trigrams: sorted_dedup(trigrams),
            sequence,
            positions,
            content_words: words.iter().filter(|w| w.content).count() as u32,
            terms: sorted_dedup(terms),
            total_weight: words.iter().map(|w| w.weight).sum(),
            words,
            concept_ids: concepts.iter().map(|c| c.0).collect(),
            concept_words: concepts.iter().map(|c| c.1).collect(),
            antonyms: sorted_dedup(antonyms),
            bigrams: sorted_dedup(bigrams),
            numbers: sorted_dedup(numbers),
            names: sorted_dedup(names),
            vector,
            tokens,
            negated: claim.negated,
            hedged: claim.hedged,
            speaker,
        }
    }

    /// The pair features (see `FEATURE_NAMES`), each symmetric in `a` and `b`. Allocation-free.
    pub fn features(&self, a: &Prepared, b: &Prepared) -> [f32; N_FEATURES] {
        let vec_cos = if a.vector.len() == DIMS && b.vector.len() == DIMS {
            dot(&a.vector, &b.vector).clamp(-1.0, 1.0)
        } else {
            0.0
        };

        let WordMatches {
            exact_a,
            exact_b,
            syn_a,
            syn_b,
            exact_wa,
            exact_wb,
            matched_a,
            matched_b,
        } = match_words(a, b);
        let (cov_a, cov_b) = coverages(a, b, matched_a, matched_b);
        let total = a.total_weight + b.total_weight;
        let exact_f1 = if total > 0.0 {
            (exact_wa + exact_wb) / total
        } else {
            0.0
        };
        let ((soft_a, mean_a), (soft_b, mean_b)) = soft_alignments(
            a,
            b,
            Matched {
                exact: &exact_a,
                syn: &syn_a,
            },
            Matched {
                exact: &exact_b,
                syn: &syn_b,
            },
        );
        let (soft_a, soft_b) = coverages(a, b, matched_a + soft_a, matched_b + soft_b);
        let exact_count = bit_count(&exact_a);
        let precision = |p: &Prepared| {
            if p.words.is_empty() {
                0.0
            } else {
                exact_count as f32 / p.words.len() as f32
            }
        };
        let (prec_a, prec_b) = (precision(a), precision(b));
        // For each word of `b` in order, where the same word stands in `a` (none unless matched).
        let lcs = lcs_of_masks(
            a.sequence.len(),
            b.sequence.iter().map(|&w| {
                let w = w as usize;
                if !has_bit(&exact_b, w) {
                    return 0;
                }
                let stem = b.words[w].stem;
                let i = a.words.partition_point(|x| x.stem < stem);
                a.positions[i]
            }),
        ) as f32;
        let (short_len, long_len) = (
            a.sequence.len().min(b.sequence.len()) as f32,
            a.sequence.len().max(b.sequence.len()) as f32,
        );
        let unmatched_a = (a.total_weight - matched_a).max(0.0);
        let unmatched_b = (b.total_weight - matched_b).max(0.0);

        let dice = |shared: usize, na: usize, nb: usize| {
            if na + nb == 0 {
                0.0
            } else {
                2.0 * shared as f32 / (na + nb) as f32
            }
        };
        let bigram_dice = dice(
            common_ids(&a.bigrams, &b.bigrams),
            a.bigrams.len(),
            b.bigrams.len(),
        );
        let len_ratio = if a.tokens.max(b.tokens) == 0 {
            0.0
        } else {
            a.tokens.min(b.tokens) as f32 / a.tokens.max(b.tokens) as f32
        };
        let num_common = common(&a.numbers, &b.numbers);
        let num_unshared = a.numbers.len() + b.numbers.len() - 2 * num_common;
        let name_common = common_ids(&a.names, &b.names);
        let name_unshared = a.names.len() + b.names.len() - 2 * name_common;
        let antonym = common_ids(&a.antonyms, &b.terms) + common_ids(&b.antonyms, &a.terms);
        let same_speaker = matches!((a.speaker, b.speaker), (Some(x), Some(y)) if x == y);

        [
            vec_cos,
            cov_a.min(cov_b),
            cov_a.max(cov_b),
            exact_f1,
            bigram_dice,
            len_ratio,
            (num_common as f32).min(3.0),
            (num_unshared as f32).min(3.0),
            (name_common as f32).min(4.0),
            (name_unshared as f32).min(4.0),
            (a.negated != b.negated) as u8 as f32,
            (a.hedged != b.hedged) as u8 as f32,
            same_speaker as u8 as f32,
            (antonym > 0) as u8 as f32,
            (1.0 + unmatched_a.min(unmatched_b)).ln(),
            (1.0 + unmatched_a.max(unmatched_b)).ln(),
            prec_a.min(prec_b),
            prec_a.max(prec_b),
            dice(
                common_ids(&a.trigrams, &b.trigrams),
                a.trigrams.len(),
                b.trigrams.len(),
            ),
            if short_len > 0.0 {
                lcs / short_len
            } else {
                0.0
            },
            if long_len > 0.0 { lcs / long_len } else { 0.0 },
            soft_a.min(soft_b),
            soft_a.max(soft_b),
            mean_a.min(mean_b),
            mean_a.max(mean_b),
            (1.0 + a.content_words.abs_diff(b.content_words) as f32).ln(),
        ]
    }

    /// The score in [0, 1]: the fitted tree ensemble over `features`, through a sigmoid. Symmetric, allocation-free.
    pub fn score(&self, a: &Prepared, b: &Prepared) -> f32 {
        let f = self.features(a, b);
        let z = tree::log_odds(model::BIAS, &model::TREES, &f);
        sigmoid(z).clamp(0.0, 1.0)
    }

    /// Term ids of the direct WordNet antonyms of a word (any frequency), so the relation
    /// labeller can list them once per claim and find opposites by a merge, not by testing
    /// every pair of words. (Added by the alignment side; same tables as `are_antonyms`.)
    pub fn antonym_terms(&self, word: &str) -> Vec<TermId> {
        let mut lower = String::new();
        lowercase_into(word, &mut lower);
        self.word_info(&lower).antonyms.to_vec()
    }

    /// How much of the better-covered claim the other one covers (IDF-weighted, WordNet
    /// near-synonyms counting 0.8), in [0, 1], symmetric: near 1 when one claim is contained in
    /// the other ("Putin ready to negotiate" inside a longer sentence). `score` is trained on
    /// whole-sentence equivalence (MRPC, STS-B) and so marks such pairs down for the extra
    /// material; the relation labeller can use this to recognise a claim repeated inside a
    /// longer one.
    pub fn containment(&self, a: &Prepared, b: &Prepared) -> f32 {
        // `features(a, b)[2]` (cov_max), without the rest of the features.
        let m = match_words(a, b);
        let (cov_a, cov_b) = coverages(a, b, m.matched_a, m.matched_b);
        cov_a.max(cov_b)
    }

    /// Whether two stem term ids are direct WordNet antonyms (increase / decrease).
    pub fn are_antonyms(&self, a: TermId, b: TermId) -> bool {
        self.antonym_stems
            .get_or_init(|| {
                let mut stems = FxHashSet::default();
                for (a, b) in self.lexicon.antonym_pairs() {
                    let (sa, sb) = (self.stem_id(a), self.stem_id(b));
                    stems.insert((sa, sb));
                    stems.insert((sb, sa));
                }
                stems
            })
            .contains(&(a, b))
    }
}

#[cfg(test)]
mod tests;
