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
use lookup::IdTable;

mod embed;
mod lexicon;
mod lookup;
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

/// A word's cached facts, shared (no copy): see `Scorer::word_facts`.
pub(crate) struct WordFacts(Rc<WordInfo>);

impl WordFacts {
    /// `Scorer::term_of` of the word.
    pub(crate) fn term(&self) -> TermId {
        self.0.stem
    }

    /// `Scorer::antonym_terms` of the word.
    pub(crate) fn antonyms(&self) -> &[TermId] {
        &self.0.antonyms
    }
}

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

thread_local! {
    /// `Scorer::prepare`'s working lists, reused from claim to claim.
    static PREPARE_SCRATCH: RefCell<PrepareScratch> = RefCell::new(PrepareScratch::default());
}

/// The lists `Scorer::prepare` fills on its way to a `Prepared` (which owns copies of the
/// finished ones at their exact size).
#[derive(Default)]
struct PrepareScratch {
    words: Vec<Word>,
    concepts: Vec<(u32, u16)>,
    antonyms: Vec<TermId>,
    terms: Vec<TermId>,
    bigrams: Vec<u32>,
    trigrams: Vec<u32>,
    sequence: Vec<TermId>,
    names: Vec<u32>,
    lower: String,
    order: Vec<usize>,
    new_index: Vec<u16>,
    numbers: Vec<f64>,
    inexact: Vec<u64>,
    pieces: Vec<u32>,
    row: Vec<i8>,
    entries: Vec<(u32, u16)>,
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

/// `f` of `word` in lower case (as `lowercase_into` makes it), without allocating for the
/// usual short ASCII word: the relation labeller asks for the term of every word of a claim.
fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const SHORT: usize = 64;
    if word.len() <= SHORT && word.is_ascii() {
        let mut buf = [0u8; SHORT];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        f(std::str::from_utf8(lower).expect("ASCII stays UTF-8"))
    } else {
        let mut lower = String::new();
        lowercase_into(word, &mut lower);
        f(&lower)
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
    /// Hashes of consecutive stem pairs, sorted, deduplicated...
    bigrams: Vec<u32>,
    /// ... and as a table (`None` only if it could not be built: then a merge counts).
    bigram_table: Option<IdTable>,
    /// Hashes of consecutive stem triples, sorted, deduplicated, and as a table.
    trigrams: Vec<u32>,
    trigram_table: Option<IdTable>,
    /// The words in text order (at most `MAX_SEQUENCE`), as indices into `words`, for the
    /// word-order measure...
    sequence: Vec<u16>,
    /// ... and, for each word, the positions in `sequence` where it occurs (bit i: position i).
    positions: Vec<u64>,
    /// Number of distinct content words.
    content_words: u32,
    /// `words` and concepts as tables for `match_words` (claims of at most 64 words).
    tables: Option<Tables>,
    /// The leading components of the content words' own vectors, `WORD_DIMS` per word, side by
    /// side (so that the word-to-word cosines of `features` read one small block)...
    word_vectors: Vec<[i16; WORD_DIMS]>,
    /// ... the same, eight words to a block (`VectorBlock`)...
    vector_blocks: Vec<VectorBlock>,
    /// ... one over the length of each...
    word_norms: Vec<f32>,
    /// ... and the index into `words` of the word each belongs to.
    vector_words: Vec<u16>,
    /// Numbers mentioned (f64 bits), sorted, deduplicated.
    numbers: Vec<u64>,
    /// Hashes of names (entity surnames, capitalised words inside the sentence), sorted, and
    /// as a table.
    names: Vec<u32>,
    name_table: Option<IdTable>,
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

/// A claim's stems and concepts as tables (`lookup`), for claims of at most 64 words, whose
/// word sets fit in one machine word.
#[derive(Clone, Debug)]
struct Tables {
    /// Stem -> index in `words` + 1.
    words: IdTable,
    /// Concept -> index in `concept_words` (0 for none).
    concepts: IdTable,
    /// The words (bits) that have each concept; first an empty set, for concepts not held.
    concept_words: Vec<u64>,
    /// `Prepared::positions` after an empty set (for words not held).
    positions_after_none: Vec<u64>,
    /// The content words (bit k: word k)...
    content_words: u64,
    /// ... and the words with a vector (`Prepared::vector_words`).
    vector_words: u64,
    /// `Prepared::words`' weights by word, zeros after the last: read by bit position, with
    /// no bounds check (the sums over matched words run on every scored pair).
    weights: [f32; 64],
}

impl Tables {
    fn new(
        words: &[Word],
        concepts: &[(u32, u16)],
        positions: &[u64],
        vector_words: &[u16],
    ) -> Option<Tables> {
        if words.len() > 64 {
            return None;
        }
        let stems: Vec<(u32, u16)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.stem, i as u16))
            .collect();
        // `concepts` is sorted: one group per run of one concept.
        let mut ids: Vec<(u32, u16)> = Vec::new();
        let mut concept_words = vec![0u64];
        for &(c, w) in concepts {
            if ids.last().map(|l| l.0) != Some(c) {
                ids.push((c, concept_words.len() as u16 - 1));
                concept_words.push(0);
            }
            *concept_words.last_mut().expect("pushed above") |= 1 << (w % 64);
        }
        Some(Tables {
            words: IdTable::new(&stems)?,
            concepts: IdTable::new(&ids)?,
            concept_words,
            positions_after_none: std::iter::once(0)
                .chain(positions.iter().copied())
                .collect(),
            content_words: words
                .iter()
                .enumerate()
                .filter(|(_, w)| w.content)
                .fold(0u64, |bits, (k, _)| bits | 1 << k),
            vector_words: vector_words.iter().fold(0u64, |bits, &k| bits | 1 << k),
            weights: std::array::from_fn(|k| words.get(k).map_or(0.0, |w| w.weight)),
        })
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
#[inline(always)]
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

/// How `features` finds the ids two claims share; the same values either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lookups {
    /// Probe the first claim's tables (`lookup`): the fastest when many pairs with the same
    /// first claim come in a row (the aligner's), whose tables then stay in cache.
    Probe,
    /// Merge sorted lists: for a pair on its own (the tables of a claim not met just before
    /// are cold, and a probe per id then costs a cache miss, where the lists are read in order).
    Merge,
}

/// Elements `a` and `b` have in common, looked up in `a`'s table when it has one and the
/// caller asks for probes.
#[inline(always)]
fn common_in(a: &[u32], table: &Option<IdTable>, b: &[u32], lookups: Lookups) -> usize {
    match table {
        Some(t) if lookups == Lookups::Probe => t.count(b),
        _ => common_ids(a, b),
    }
}

/// Dot product of two sentence vectors in eight running sums, which the compiler keeps in
/// vector registers: a single sum waits on each of its 256 additions in turn, on every
/// candidate pair. The result differs from an in-order sum only in the last bits of an f32
/// (ECB+ dev: 71 of 66,344 scores move by 0.0001 as printed, no match or relation changes).
#[inline(always)]
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

/// The positions of the set bits of `bits`, lowest first.
fn set_bits(mut bits: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (bits != 0).then(|| {
            let k = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            k
        })
    })
}

fn bit_count(bits: &[u64; MAX_WORDS / 64]) -> u32 {
    bits.iter().map(|b| b.count_ones()).sum()
}

/// Length of the longest common subsequence of two word sequences (word order kept, gaps
/// allowed), bit-parallel (Hyyrö 2004): one machine word holds a row of the usual table, so the
/// cost is one step per word of `b`, given for each the positions in `a` (at most 64 words) of
/// the same word.
#[inline(always)]
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
#[cfg(test)]
fn word_dot(a: &[i16; WORD_DIMS], b: &[i16; WORD_DIMS]) -> i32 {
    a.iter().zip(b).map(|(&x, &y)| x as i32 * y as i32).sum()
}

/// Words of a `VectorBlock`.
const BLOCK_WORDS: usize = 8;

/// The vectors of eight words of a claim, laid out for `dots`: for each pair of dimensions,
/// the two components of word 0, then of word 1, ... (zeros past the claim's last word).
#[derive(Clone, Copy, Debug)]
struct VectorBlock([[i16; 2 * BLOCK_WORDS]; WORD_DIMS / 2]);

impl VectorBlock {
    fn of(vectors: &[[i16; WORD_DIMS]]) -> Vec<VectorBlock> {
        vectors
            .chunks(BLOCK_WORDS)
            .map(|words| {
                let mut block = VectorBlock([[0; 2 * BLOCK_WORDS]; WORD_DIMS / 2]);
                for (c, v) in words.iter().enumerate() {
                    for (d, row) in block.0.iter_mut().enumerate() {
                        row[2 * c] = v[2 * d];
                        row[2 * c + 1] = v[2 * d + 1];
                    }
                }
                block
            })
            .collect()
    }

    /// `word_dot(v, u)` for each word `u` of the block: per pair of dimensions, one
    /// multiply-add of 16-bit pairs over four words at once (SSE2's `pmaddwd`, part of every
    /// x86-64 CPU), where a product at a time spent most of its instructions summing the lanes
    /// of one vector. Exact integers, so the same values as `word_dot`.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    fn dots(&self, v: &[i16; WORD_DIMS]) -> [i32; BLOCK_WORDS] {
        use std::arch::x86_64::{
            __m128i, _mm_add_epi32, _mm_loadu_si128, _mm_madd_epi16, _mm_set1_epi32,
            _mm_setzero_si128, _mm_storeu_si128,
        };
        const _: () = assert!(BLOCK_WORDS == 8);
        let mut dots = [0i32; BLOCK_WORDS];
        // SAFETY: SSE2 is part of the x86-64 baseline; every load reads 16 bytes inside a
        // row of 16 `i16`, every store writes 16 bytes inside `dots` (unaligned forms).
        #[allow(unused_unsafe)]
        unsafe {
            let (mut low, mut high) = (_mm_setzero_si128(), _mm_setzero_si128());
            for (d, row) in self.0.iter().enumerate() {
                // Components 2d and 2d + 1 of `v` as the low and high halves of each lane,
                // as each word's pair is laid out in `row`.
                let pair = (v[2 * d] as u16 as u32 | (v[2 * d + 1] as u16 as u32) << 16) as i32;
                let x = _mm_set1_epi32(pair);
                let first = _mm_loadu_si128(row.as_ptr() as *const __m128i);
                let second = _mm_loadu_si128(row.as_ptr().add(8) as *const __m128i);
                low = _mm_add_epi32(low, _mm_madd_epi16(x, first));
                high = _mm_add_epi32(high, _mm_madd_epi16(x, second));
            }
            _mm_storeu_si128(dots.as_mut_ptr() as *mut __m128i, low);
            _mm_storeu_si128(dots.as_mut_ptr().add(4) as *mut __m128i, high);
        }
        dots
    }

    /// `word_dot(v, u)` for each word `u` of the block (other targets).
    #[cfg(not(target_arch = "x86_64"))]
    #[inline(always)]
    fn dots(&self, v: &[i16; WORD_DIMS]) -> [i32; BLOCK_WORDS] {
        let mut dots = [0i32; BLOCK_WORDS];
        for (d, row) in self.0.iter().enumerate() {
            let (x0, x1) = (v[2 * d] as i32, v[2 * d + 1] as i32);
            for (c, dot) in dots.iter_mut().enumerate() {
                *dot += x0 * row[2 * c] as i32 + x1 * row[2 * c + 1] as i32;
            }
        }
        dots
    }
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
#[inline(always)]
fn soft_alignments<const AVX2: bool>(
    a: &Prepared,
    b: &Prepared,
    matched_a: Matched,
    matched_b: Matched,
) -> ((f32, f32), (f32, f32)) {
    if let (Some(ta), Some(tb)) = (&a.tables, &b.tables) {
        return soft_alignments_masked::<AVX2>(a, ta, b, tb, matched_a, matched_b);
    }
    // Best scaled products of `b`'s vector words; words with no vector never read theirs.
    if b.word_vectors.len() <= 64 {
        soft_alignments_with::<64, AVX2>(a, b, matched_a, matched_b)
    } else {
        soft_alignments_with::<MAX_WORDS, AVX2>(a, b, matched_a, matched_b)
    }
}

/// `x` when `cond`, else `y`, without a branch (the conditions here are unpredictable).
#[inline(always)]
fn select(cond: bool, x: f32, y: f32) -> f32 {
    let mask = (cond as u32).wrapping_neg();
    f32::from_bits((x.to_bits() & mask) | (y.to_bits() & !mask))
}

/// `soft_alignments_with` for two claims of at most 64 words, whose word sets are single
/// machine words: the words are visited through bit masks (`Tables`) rather than tested one
/// by one (content? a vector? matched?), tests whose outcomes no branch predictor can guess
/// and which cost more than the products. The same products, maxima and sums in the same
/// order: a word that contributed nothing now adds 0, which changes no sum (`x + 0.0 == x`
/// for the non-negative sums here).
/// The best product of `a`'s word vector `v` (one over its length: `norm`) with `b`'s first
/// `b_vectors` words (scaled by `open_norms_b`, 0 for words matched by stem), raising each `b`
/// word's best (`best_of_b`, its column) on the way. Eight of `b`'s words at a time
/// (`VectorBlock`): the largest product does not depend on the order products are met in (none
/// is NaN, and a -0 never beats the starting 0), so the results are those of one word after
/// another.
#[inline(always)]
fn best_products<const AVX2: bool>(
    b: &Prepared,
    v: &[i16; WORD_DIMS],
    norm: f32,
    open_norms_b: &[f32],
    best_of_b: &mut [f32],
    b_vectors: usize,
) -> f32 {
    #[cfg(target_arch = "x86_64")]
    if AVX2 {
        // SAFETY: `AVX2` is only set on the path `features_probe` takes after checking that
        // the CPU has AVX2.
        return unsafe { best_products_avx2(b, v, norm, open_norms_b, best_of_b, b_vectors) };
    }
    let mut best = 0f32;
    for ((block, u_norms), best_js) in b
        .vector_blocks
        .iter()
        .zip(open_norms_b.chunks_exact(BLOCK_WORDS))
        .zip(best_of_b.chunks_exact_mut(BLOCK_WORDS))
        .take(b_vectors.div_ceil(BLOCK_WORDS))
    {
        let dots = block.dots(v);
        for ((&dot, &u_norm), best_j) in dots.iter().zip(u_norms).zip(best_js) {
            let dot = dot as f32;
            best = larger(best, dot * u_norm);
            *best_j = larger(*best_j, dot * norm);
        }
    }
    best
}

/// `best_products` with the eight products of a block side by side: the scalar loop keeps one
/// running maximum, a chain no compiler may reorder, here eight lanes keep eight maxima (the
/// largest product does not depend on the order products are met in: none is NaN, and a -0
/// never beats the starting 0), folded at the end. `_mm256_max_ps(x, best)` is `larger(best,
/// x)` lane by lane (`x` when `x > best`, else `best`), and the products and conversions are
/// the same IEEE operations, so the results are bit for bit those of `best_products`.
///
/// # Safety
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn best_products_avx2(
    b: &Prepared,
    v: &[i16; WORD_DIMS],
    norm: f32,
    open_norms_b: &[f32],
    best_of_b: &mut [f32],
    b_vectors: usize,
) -> f32 {
    use std::arch::x86_64::{
        __m256i, _mm256_add_epi32, _mm256_cvtepi32_ps, _mm256_loadu_ps, _mm256_loadu_si256,
        _mm256_madd_epi16, _mm256_max_ps, _mm256_mul_ps, _mm256_set1_epi32, _mm256_set1_ps,
        _mm256_setzero_ps, _mm256_setzero_si256, _mm256_storeu_ps,
    };
    const _: () = assert!(BLOCK_WORDS == 8);
    // Components 2d and 2d + 1 of `v` as the low and high halves of each lane, as each word's
    // pair is laid out in a block's row, once for all blocks.
    let pairs: [i32; WORD_DIMS / 2] = std::array::from_fn(|d| {
        (v[2 * d] as u16 as u32 | (v[2 * d + 1] as u16 as u32) << 16) as i32
    });
    let norms = _mm256_set1_ps(norm);
    let mut best = _mm256_setzero_ps();
    for ((block, u_norms), best_js) in b
        .vector_blocks
        .iter()
        .zip(open_norms_b.chunks_exact(BLOCK_WORDS))
        .zip(best_of_b.chunks_exact_mut(BLOCK_WORDS))
        .take(b_vectors.div_ceil(BLOCK_WORDS))
    {
        // `VectorBlock::dots`: one 256-bit multiply-add per pair of dimensions (a row of the
        // block is one register), exact integers, so the same values.
        let mut dots = _mm256_setzero_si256();
        for (row, &pair) in block.0.iter().zip(&pairs) {
            // SAFETY: reads the 32 bytes of one row of 16 `i16` (unaligned form).
            let words = unsafe { _mm256_loadu_si256(row.as_ptr() as *const __m256i) };
            dots = _mm256_add_epi32(dots, _mm256_madd_epi16(_mm256_set1_epi32(pair), words));
        }
        let dots = _mm256_cvtepi32_ps(dots);
        // SAFETY: `chunks_exact` gives eight floats for each load and store.
        unsafe {
            let u_norms = _mm256_loadu_ps(u_norms.as_ptr());
            best = _mm256_max_ps(_mm256_mul_ps(dots, u_norms), best);
            let best_j = _mm256_loadu_ps(best_js.as_ptr());
            let raised = _mm256_max_ps(_mm256_mul_ps(dots, norms), best_j);
            _mm256_storeu_ps(best_js.as_mut_ptr(), raised);
        }
    }
    let mut lanes = [0f32; BLOCK_WORDS];
    // SAFETY: writes the eight floats of `lanes`.
    unsafe { _mm256_storeu_ps(lanes.as_mut_ptr(), best) };
    lanes.into_iter().fold(0f32, larger)
}

#[inline(always)]
fn soft_alignments_masked<const AVX2: bool>(
    a: &Prepared,
    ta: &Tables,
    b: &Prepared,
    tb: &Tables,
    matched_a: Matched,
    matched_b: Matched,
) -> ((f32, f32), (f32, f32)) {
    let (exact_a, exact_b) = (matched_a.exact[0], matched_b.exact[0]);
    let (any_a, any_b) = (exact_a | matched_a.syn[0], exact_b | matched_b.syn[0]);
    // One over the length of `b`'s vectors, 0 for words matched by stem (see
    // `soft_alignments_with`), by slot; past the last slot too, for whole blocks.
    let mut open_norms_b = [0f32; 64];
    let b_vectors = b.word_vectors.len();
    for ((open_norm, &norm), &j) in open_norms_b
        .iter_mut()
        .zip(&b.word_norms)
        .zip(&b.vector_words)
    {
        *open_norm = select(exact_b >> j & 1 == 0, norm, 0.0);
    }
    let mut best_of_b = [0f32; 64];
    // The best product of each row (word of `a` with a vector, not matched by stem), by word.
    let mut best_of_a = [0f32; 64];
    let mut rows = ta.vector_words & !exact_a;
    while rows != 0 {
        let k = rows.trailing_zeros() as usize;
        rows &= rows - 1;
        let own = (ta.vector_words & ((1u64 << k) - 1)).count_ones() as usize;
        let (v, norm) = (&a.word_vectors[own], a.word_norms[own]);
        let best = best_products::<AVX2>(b, v, norm, &open_norms_b, &mut best_of_b, b_vectors);
        best_of_a[k] = best * norm;
    }
    // Per content word in order: 1 if matched, else its best cosine if it has a vector.
    // The same for `b`'s words, by word rather than by slot.
    let mut best_of_b_words = [0f32; 64];
    for ((&k, &best), &norm) in b.vector_words.iter().zip(&best_of_b).zip(&b.word_norms) {
        best_of_b_words[k as usize % 64] = best * norm;
    }
    let side = |t: &Tables, any: u64, best_of: &[f32; 64]| {
        let (mut weighted, mut sum) = (0f32, 0f32);
        let mut words = t.content_words;
        while words != 0 {
            let k = words.trailing_zeros() as usize;
            words &= words - 1;
            let matched = any >> k & 1 != 0;
            let open = !matched & (t.vector_words >> k & 1 != 0);
            let best = best_of[k].min(1.0);
            weighted += select(open, t.weights[k % 64] * best, 0.0);
            sum += select(matched, 1.0, select(open, best, 0.0));
        }
        let n = t.content_words.count_ones();
        (weighted, if n > 0 { sum / n as f32 } else { 0.0 })
    };
    let of_a = side(ta, any_a, &best_of_a);
    let of_b = side(tb, any_b, &best_of_b_words);
    (of_a, of_b)
}

fn soft_alignments_with<const B_VECTORS: usize, const AVX2: bool>(
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
            best = best_products::<AVX2>(b, v, norm, &open_norms_b, &mut best_of_b, b_vectors);
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

/// Bits and weights of `WordMatches`, as both ways of matching find them.
type Found = (
    [u64; MAX_WORDS / 64],
    [u64; MAX_WORDS / 64],
    f32,
    f32,
    [u64; MAX_WORDS / 64],
    [u64; MAX_WORDS / 64],
);

/// `b`'s stems and concepts looked up in `a`'s tables `t` (`a` has at most 64 words). The same
/// bits and the same sums as `match_by_merges`: `exact_wb` adds `b`'s weights in its order,
/// a zero for a word not matched (`x + 0.0 == x`: weights are not negative), and `exact_wa`
/// adds `a`'s matched weights in its order, as the merge does.
#[inline(always)]
fn match_by_tables(t: &Tables, b: &Prepared) -> Found {
    let mut exact_a = [0u64; MAX_WORDS / 64];
    let mut exact_b = [0u64; MAX_WORDS / 64];
    let mut exact_wb = 0f32;
    for (j, w) in b.words.iter().enumerate() {
        let found = t.words.get(w.stem);
        let hit = (found != 0) as u64;
        exact_a[0] |= hit << (found.wrapping_sub(1) % 64);
        if j < MAX_WORDS {
            exact_b[j / 64] |= hit << (j % 64);
        }
        exact_wb += select(found != 0, w.weight, 0.0);
    }
    let mut exact_wa = 0f32;
    let mut bits = exact_a[0];
    while bits != 0 {
        exact_wa += t.weights[bits.trailing_zeros() as usize % 64];
        bits &= bits - 1;
    }
    let mut syn_a = [0u64; MAX_WORDS / 64];
    let mut syn_b = [0u64; MAX_WORDS / 64];
    for (&c, &w) in b.concept_ids.iter().zip(&b.concept_words) {
        let group = t.concepts.get(c);
        debug_assert!((group as usize) < t.concept_words.len());
        // SAFETY: the concept table's values are indices into `concept_words` (`Tables::new`
        // stores each concept's group number there, and 0, the empty group, for none).
        syn_a[0] |= unsafe { *t.concept_words.get_unchecked(group as usize) };
        let w = w as usize % MAX_WORDS;
        syn_b[w / 64] |= ((group != 0) as u64) << (w % 64);
    }
    (exact_a, exact_b, exact_wa, exact_wb, syn_a, syn_b)
}

/// Word matches by merging the sorted stems and the sorted concepts of both claims.
fn match_by_merges(a: &Prepared, b: &Prepared) -> Found {
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
    (exact_a, exact_b, exact_wa, exact_wb, syn_a, syn_b)
}

#[inline(always)]
fn match_words(a: &Prepared, b: &Prepared, lookups: Lookups) -> WordMatches {
    let (exact_a, exact_b, exact_wa, exact_wb, syn_a, syn_b) = match &a.tables {
        Some(t) if lookups == Lookups::Probe => match_by_tables(t, b),
        _ => match_by_merges(a, b),
    };
    // The weights of the words matched by synonym only, in word order: the set bits of
    // `syn & !exact` (a walk over all words tested two unpredictable bits per word).
    let synonym_weight = |p: &Prepared,
                          exact: &[u64; MAX_WORDS / 64],
                          syn: &[u64; MAX_WORDS / 64]| match &p.tables {
        // At most 64 words: only the first machine word of each set can have bits, so
        // this is the same sum in the same order.
        Some(t) => set_bits(syn[0] & !exact[0])
            .map(|k| t.weights[k % 64])
            .sum::<f32>(),
        None => (0..MAX_WORDS / 64)
            .flat_map(|i| set_bits(syn[i] & !exact[i]).map(move |k| 64 * i + k))
            .map(|k| p.words[k].weight)
            .sum::<f32>(),
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
        with_lowercase(word, |lower| self.word_info(lower).stem)
    }

    /// `term_of` and `antonym_terms` of a word from one look-up (the view asks both of most
    /// words of a claim).
    pub(crate) fn word_facts(&self, word: &str) -> WordFacts {
        WordFacts(with_lowercase(word, |lower| self.word_info(lower)))
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
        // The working lists are kept per thread and reused: a claim's preparation allocated
        // some twenty of them, and a batch prepares every claim of every set.
        PREPARE_SCRATCH.with(|cell| {
            let mut scratch = std::mem::take(&mut *cell.borrow_mut());
            let prepared = self.prepare_with(claim, &mut scratch);
            *cell.borrow_mut() = scratch;
            prepared
        })
    }

    /// `prepare` with its working lists in `scratch` (emptied first; kept for the next claim).
    fn prepare_with(&self, claim: &Claim, scratch: &mut PrepareScratch) -> Prepared {
        let PrepareScratch {
            words,
            concepts,
            antonyms,
            terms,
            bigrams,
            trigrams,
            sequence,
            names,
            lower,
            order,
            new_index,
            numbers,
            inexact,
            pieces,
            row,
            entries,
        } = scratch;
        for v in [
            &mut *antonyms,
            &mut *terms,
            &mut *bigrams,
            &mut *trigrams,
            &mut *sequence,
        ] {
            v.clear();
        }
        words.clear();
        concepts.clear();
        names.clear();
        numbers.clear();
        inexact.clear();
        pieces.clear();
        let text = claim.folded.as_str();
        let mut previous: Option<TermId> = None;
        let mut before_previous: Option<TermId> = None;
        let mut tokens = 0u32;
        for (position, raw) in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .enumerate()
        {
            tokens += 1;
            lowercase_into(raw, lower);
            let info = self.word_info(lower);
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
        order.clear();
        order.extend(0..words.len());
        order.sort_unstable_by_key(|&i| words[i].stem);
        new_index.clear();
        new_index.resize(words.len(), 0);
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
        for c in concepts.iter_mut() {
            c.1 = new_index[c.1 as usize];
        }
        // Names: entity surnames from the parser as well as capitalised words.
        for e in &claim.entities {
            if let Some(last) = e.name.split_whitespace().last() {
                names.push(with_lowercase(last, |l| hash31(l.as_bytes())));
            }
        }
        digit_numbers(text, numbers);
        numbers.extend(claim.quantities.iter().map(|q| q.value));
        // A bound or an estimate ("at least 12", "about 40") is no mismatch with another figure
        // ("15"): only exact figures count as numbers of the claim.
        inexact.extend(
            claim
                .quantities
                .iter()
                .filter(|q| q.qualifier != Qualifier::Exact)
                .map(|q| number_key(q.value)),
        );
        let numbers: Vec<u64> = sorted_dedup(
            numbers
                .iter()
                .map(|&v| number_key(v))
                .filter(|k| !inexact.contains(k))
                .collect(),
        );

        self.embedder.tokenize(text, pieces);
        let vector = if pieces.is_empty() {
            Vec::new()
        } else {
            self.embedder.sentence_vector(pieces)
        };
        let speaker = claim.speaker.as_ref().and_then(|s| {
            s.split_whitespace()
                .last()
                .map(|w| with_lowercase(w, |l| hash31(l.as_bytes())))
        });
        concepts.sort_unstable();
        concepts.dedup();
        let concepts: &[(u32, u16)] = concepts;
        let vector_count = words
            .iter()
            .take(MAX_WORDS)
            .filter(|w| w.token != NO_VECTOR)
            .count();
        let (mut word_vectors, mut word_norms, mut vector_words) = (
            Vec::with_capacity(vector_count),
            Vec::with_capacity(vector_count),
            Vec::with_capacity(vector_count),
        );
        for (k, w) in words.iter().enumerate().take(MAX_WORDS) {
            if w.token != NO_VECTOR {
                row.clear();
                word_norms.push(self.embedder.word_vector_into(w.token, row));
                // Widened once here rather than in every product of `features`.
                let mut v = [0i16; WORD_DIMS];
                for (x, &q) in v.iter_mut().zip(row.iter()) {
                    *x = q as i16;
                }
                word_vectors.push(v);
                vector_words.push(k as u16);
            }
        }
        for v in [
            &mut *bigrams,
            &mut *trigrams,
            &mut *names,
            &mut *terms,
            &mut *antonyms,
        ] {
            v.sort_unstable();
            v.dedup();
        }
        let tables = Tables::new(&words, concepts, &positions, &vector_words);
        let mut table = |ids: &[u32]| {
            entries.clear();
            entries.extend(ids.iter().map(|&id| (id, 0)));
            IdTable::new(entries)
        };
        Prepared {
            vector_blocks: VectorBlock::of(&word_vectors),
            tables,
            bigram_table: table(bigrams),
            trigram_table: table(trigrams),
            name_table: table(names),
            word_vectors,
            word_norms,
            vector_words,
            trigrams: trigrams.to_vec(),
            sequence,
            positions,
            content_words: words.iter().filter(|w| w.content).count() as u32,
            terms: terms.to_vec(),
            total_weight: words.iter().map(|w| w.weight).sum(),
            words,
            concept_ids: concepts.iter().map(|c| c.0).collect(),
            concept_words: concepts.iter().map(|c| c.1).collect(),
            antonyms: antonyms.to_vec(),
            bigrams: bigrams.to_vec(),
            numbers,
            names: names.to_vec(),
            vector,
            tokens,
            negated: claim.negated,
            hedged: claim.hedged,
            speaker,
        }
    }

    /// The pair features (see `FEATURE_NAMES`), each symmetric in `a` and `b`. Allocation-free.
    pub fn features(&self, a: &Prepared, b: &Prepared) -> [f32; N_FEATURES] {
        self.features_with::<false>(a, b, Lookups::Merge)
    }

    /// `features_with(a, b, Lookups::Probe)` compiled for AVX2 (twice the lanes for the
    /// sentence-vector product, the n-gram comparisons and the word-product maxima). The same
    /// operations in the same order (Rust never fuses a multiply and an add), so the same bits.
    ///
    /// # Safety
    /// The CPU must support AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn features_probe_avx2(&self, a: &Prepared, b: &Prepared) -> [f32; N_FEATURES] {
        self.features_with::<true>(a, b, Lookups::Probe)
    }

    /// `features` by the aligner's path: shared ids found by probes into the claims' tables,
    /// compiled for AVX2 when the CPU has it (the same values, see `features_probe_avx2`).
    #[inline]
    fn features_probe(&self, a: &Prepared, b: &Prepared) -> [f32; N_FEATURES] {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked just above.
            return unsafe { self.features_probe_avx2(a, b) };
        }
        self.features_with::<false>(a, b, Lookups::Probe)
    }

    /// `features`, finding shared ids as `lookups` says (the same values either way), with
    /// the word products of `best_products_avx2` when `AVX2` (only `features_probe_avx2`).
    #[inline(always)]
    fn features_with<const AVX2: bool>(
        &self,
        a: &Prepared,
        b: &Prepared,
        lookups: Lookups,
    ) -> [f32; N_FEATURES] {
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
        } = match_words(a, b, lookups);
        let (cov_a, cov_b) = coverages(a, b, matched_a, matched_b);
        let total = a.total_weight + b.total_weight;
        let exact_f1 = if total > 0.0 {
            (exact_wa + exact_wb) / total
        } else {
            0.0
        };
        let ((soft_a, mean_a), (soft_b, mean_b)) = soft_alignments::<AVX2>(
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
        let lcs = match a.tables.as_ref().filter(|_| lookups == Lookups::Probe) {
            // The stem table gives the word's index in `a` (+ 1, 0 when not in `a`), which
            // `positions_after_none` reads: no search, no branch.
            Some(t) => lcs_of_masks(
                a.sequence.len(),
                b.sequence.iter().map(|&w| {
                    let w = w as usize;
                    debug_assert!(w < b.words.len());
                    // SAFETY: `sequence` holds indices into `words` (`prepare` makes it so), and
                    // the stem table's values are indices into `a.words` + 1, so at most
                    // `a.words.len()`, the last index of `positions_after_none`.
                    unsafe {
                        let found = t.words.get(b.words.get_unchecked(w).stem) as usize;
                        let at = if w < MAX_WORDS { found } else { 0 };
                        debug_assert!(at < t.positions_after_none.len());
                        *t.positions_after_none.get_unchecked(at)
                    }
                }),
            ),
            None => lcs_of_masks(
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
            ),
        } as f32;
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
            common_in(&a.bigrams, &a.bigram_table, &b.bigrams, lookups),
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
        let name_common = common_in(&a.names, &a.name_table, &b.names, lookups);
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
                common_in(&a.trigrams, &a.trigram_table, &b.trigrams, lookups),
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

    /// The scores of many pairs, each bit for bit its `score`, written to `out` (one per pair):
    /// the tree ensemble runs on several pairs side by side (`tree::log_odds_lanes`), which
    /// takes a fraction of the time of one pair after another, and the ids of each pair's
    /// second claim are looked up in the first claim's tables (`lookup`). Give the pairs
    /// grouped by their first claim, as the aligner does, so that those tables stay in cache.
    /// Allocation-free.
    pub fn score_into<'p>(
        &self,
        pairs: impl IntoIterator<Item = (&'p Prepared, &'p Prepared)>,
        out: &mut [f32],
    ) {
        let mut lanes: tree::Lanes = [[0.0; tree::LANES]; tree::PADDED];
        let mut filled = 0;
        let mut at = 0;
        let mut flush = |lanes: &tree::Lanes, filled: usize, at: &mut usize| {
            let z = tree::log_odds_lanes(model::BIAS, &model::TREES, lanes);
            for (slot, z) in out[*at..*at + filled].iter_mut().zip(z) {
                *slot = sigmoid(z).clamp(0.0, 1.0);
            }
            *at += filled;
        };
        for (a, b) in pairs {
            let features = self.features_probe(a, b);
            for (lane, f) in lanes.iter_mut().zip(features) {
                lane[filled] = f;
            }
            filled += 1;
            if filled == tree::LANES {
                flush(&lanes, filled, &mut at);
                filled = 0;
            }
        }
        if filled > 0 {
            flush(&lanes, filled, &mut at);
        }
        assert_eq!(at, out.len(), "one score slot per pair");
    }

    /// Term ids of the direct WordNet antonyms of a word (any frequency), so the relation
    /// labeller can list them once per claim and find opposites by a merge, not by testing
    /// every pair of words. (Added by the alignment side; same tables as `are_antonyms`.)
    pub fn antonym_terms(&self, word: &str) -> Vec<TermId> {
        with_lowercase(word, |lower| self.word_info(lower).antonyms.to_vec())
    }

    /// How much of the better-covered claim the other one covers (IDF-weighted, WordNet
    /// near-synonyms counting 0.8), in [0, 1], symmetric: near 1 when one claim is contained in
    /// the other ("Putin ready to negotiate" inside a longer sentence). `score` is trained on
    /// whole-sentence equivalence (MRPC, STS-B) and so marks such pairs down for the extra
    /// material; the relation labeller can use this to recognise a claim repeated inside a
    /// longer one.
    pub fn containment(&self, a: &Prepared, b: &Prepared) -> f32 {
        // `features(a, b)[2]` (cov_max), without the rest of the features.
        let m = match_words(a, b, Lookups::Merge);
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
