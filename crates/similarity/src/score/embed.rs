//! Static token vectors distilled from all-MiniLM-L6-v2 (`scripts/distill_vectors.py` →
//! `data/vectors/`), and the BERT-uncased WordPiece tokenization they are keyed by.
//!
//! A sentence vector is the mean of its tokens' vectors, L2-normalised, so that the cosine of
//! two sentences is a dot product. The table is int8 with one f32 scale per token (7.6 MB for
//! 29,525 tokens × 256 dimensions), read in place from the binary.
use std::cell::RefCell;

use rustc_hash::FxHashMap;

use unicode_normalization::UnicodeNormalization;

const VOCAB: &str = include_str!("../../../../data/vectors/vocab.txt");
const VECTORS: &[u8] = include_bytes!("../../../../data/vectors/vectors.i8");
const SCALES: &[u8] = include_bytes!("../../../../data/vectors/scales.f32");

/// Dimensions of a token (and sentence) vector.
pub(crate) const DIMS: usize = 256;

/// Word-to-word cosines use the leading dimensions only: the table's dimensions are principal
/// components, largest first, and these cosines run for pairs of words on every candidate pair.
/// MRPC cross-validation accuracy on the training folds with the soft-alignment features at
/// 32 / 64 / 256 dimensions: 77.2 / 77.4 / about the same; pair scoring 347k / 279k / 136k
/// pairs/s on one core.
pub(crate) const WORD_DIMS: usize = 32;

/// BERT's WordPiece gives up on longer words (they become `[UNK]`).
const MAX_WORD_CHARS: usize = 100;

/// The per-thread cache of word splits is emptied when it holds this many words.
const MAX_CACHED_WORDS: usize = 200_000;

thread_local! {
    /// Normalised word -> its WordPiece ids (empty when dropped): a split depends on the word
    /// alone, and news text repeats its words. One cache per thread serves every `Embedder`,
    /// as the vocabulary is compiled in.
    static PIECES: RefCell<FxHashMap<Box<str>, Box<[u32]>>> = RefCell::new(FxHashMap::default());
}

pub(crate) struct Embedder {
    /// Token → id (line number in vocab.txt).
    vocab: FxHashMap<&'static str, u32>,
    /// Id of "the": vocabulary ids from here on are ordered roughly by corpus frequency, which
    /// gives a frequency rank for IDF-like weights.
    first_word_id: u32,
}

impl Embedder {
    pub(crate) fn new() -> Self {
        let vocab: FxHashMap<&'static str, u32> = VOCAB
            .lines()
            .enumerate()
            .map(|(i, t)| (t, i as u32))
            .collect();
        debug_assert_eq!(VECTORS.len(), vocab.len() * DIMS);
        debug_assert_eq!(SCALES.len(), vocab.len() * 4);
        let first_word_id = vocab.get("the").copied().unwrap_or(0);
        Embedder {
            vocab,
            first_word_id,
        }
    }

    /// Frequency rank of a whole lower-case word in the vocabulary (0 = most frequent), or
    /// `None` when the word is not a single vocabulary token (rare word).
    pub(crate) fn word_rank(&self, word: &str) -> Option<u32> {
        self.vocab
            .get(word)
            .map(|&id| id.saturating_sub(self.first_word_id))
    }

    /// WordPiece token ids of a text, BERT-uncased style (lower-case, accents stripped,
    /// punctuation split off), unknown words dropped.
    pub(crate) fn tokenize(&self, text: &str, out: &mut Vec<u32>) {
        let normalized: String = if text.is_ascii() {
            // The same result for ASCII text (NFD changes nothing, no combining marks), made
            // without decomposing char by char.
            let mut lower = String::with_capacity(text.len());
            lower.extend(
                text.bytes()
                    .filter(|b| !b.is_ascii_control())
                    .map(|b| b.to_ascii_lowercase() as char),
            );
            lower
        } else {
            text.nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c) && !c.is_control())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let mut piece = String::new();
        let mut start = None;
        for (i, c) in normalized.char_indices() {
            let is_punct = !c.is_alphanumeric() && !c.is_whitespace();
            if c.is_whitespace() || is_punct {
                if let Some(s) = start.take() {
                    self.wordpiece(&normalized[s..i], &mut piece, out);
                }
                if is_punct {
                    self.wordpiece(&normalized[i..i + c.len_utf8()], &mut piece, out);
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            self.wordpiece(&normalized[s..], &mut piece, out);
        }
    }

    /// Greedy longest-match-first split of one word; the whole word is dropped when some part
    /// of it has no piece (BERT would emit `[UNK]`, which carries no meaning here).
    fn wordpiece(&self, word: &str, piece: &mut String, out: &mut Vec<u32>) {
        PIECES.with(|cache| {
            if let Some(ids) = cache.borrow().get(word) {
                out.extend_from_slice(ids);
                return;
            }
            let mark = out.len();
            self.split_word(word, piece, out);
            let mut cache = cache.borrow_mut();
            if cache.len() >= MAX_CACHED_WORDS {
                cache.clear();
            }
            cache.insert(word.into(), out[mark..].into());
        })
    }

    fn split_word(&self, word: &str, piece: &mut String, out: &mut Vec<u32>) {
        if word.chars().count() > MAX_WORD_CHARS {
            return;
        }
        let mark = out.len();
        let mut start = 0;
        while start < word.len() {
            let mut end = word.len();
            let mut found = None;
            while end > start {
                if word.is_char_boundary(end) {
                    piece.clear();
                    if start > 0 {
                        piece.push_str("##");
                    }
                    piece.push_str(&word[start..end]);
                    if let Some(&id) = self.vocab.get(piece.as_str()) {
                        found = Some(id);
                        break;
                    }
                }
                end -= 1;
            }
            match found {
                Some(id) => {
                    out.push(id);
                    start = end;
                }
                None => {
                    out.truncate(mark);
                    return;
                }
            }
        }
    }

    /// The token id of a whole word, when the word is one token of the vocabulary (rare words
    /// and names split into pieces, whose vectors say little on their own, have none).
    pub(crate) fn word_token(&self, lower: &str) -> Option<u32> {
        self.vocab.get(lower).copied()
    }

    /// The leading `WORD_DIMS` components of a token's vector, appended to `out`, and one over
    /// their length (0 for a zero row), for word-to-word cosines (`word_dot` in `score.rs`).
    pub(crate) fn word_vector_into(&self, token: u32, out: &mut Vec<i8>) -> f32 {
        let row = &VECTORS[token as usize * DIMS..token as usize * DIMS + WORD_DIMS];
        out.extend(row.iter().map(|&q| q as i8));
        let norm = row
            .iter()
            .map(|&q| {
                let q = (q as i8) as i32;
                q * q
            })
            .sum::<i32>();
        if norm > 0 {
            1.0 / (norm as f32).sqrt()
        } else {
            0.0
        }
    }

    /// The L2-normalised mean of the tokens' vectors (all zeros when there is no token).
    pub(crate) fn sentence_vector(&self, tokens: &[u32]) -> Vec<f32> {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked just above.
            return unsafe { sentence_vector_avx2(tokens) };
        }
        sentence_vector_of(tokens)
    }
}

/// `sentence_vector` compiled for AVX2: eight lanes per step of the per-dimension sums, which
/// are independent of each other, so the same operations in the same order and the same bits
/// (the norm's sum stays one running total).
///
/// # Safety
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn sentence_vector_avx2(tokens: &[u32]) -> Vec<f32> {
    sentence_vector_of(tokens)
}

/// The work of `sentence_vector`: the sums in a fixed-size array, which the compiler unrolls.
#[inline(always)]
fn sentence_vector_of(tokens: &[u32]) -> Vec<f32> {
    let mut sum = [0f32; DIMS];
    for &t in tokens {
        let t = t as usize;
        let scale = f32::from_le_bytes([
            SCALES[4 * t],
            SCALES[4 * t + 1],
            SCALES[4 * t + 2],
            SCALES[4 * t + 3],
        ]);
        let row: &[u8; DIMS] = VECTORS[t * DIMS..(t + 1) * DIMS]
            .try_into()
            .expect("a row of DIMS bytes");
        for (s, &q) in sum.iter_mut().zip(row) {
            *s += (q as i8) as f32 * scale;
        }
    }
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        sum.iter_mut().for_each(|x| *x /= norm);
    }
    sum.to_vec()
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("tokens", &self.vocab.len())
            .field("dims", &DIMS)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(e: &Embedder, text: &str) -> Vec<String> {
        let inverse: std::collections::HashMap<u32, &str> =
            e.vocab.iter().map(|(k, v)| (*v, *k)).collect();
        let mut ids = Vec::new();
        e.tokenize(text, &mut ids);
        ids.iter().map(|i| inverse[i].to_string()).collect()
    }

    #[test]
    fn wordpiece_matches_bert_uncased() {
        let e = Embedder::new();
        // Expected splits as the reference BERT-uncased tokenizer gives them.
        let table: &[(&str, &[&str])] = &[
            (
                "Lavrov said: \"Ready!\"",
                &["la", "##vr", "##ov", "said", ":", "\"", "ready", "!", "\""],
            ),
            ("Café naïve", &["cafe", "naive"]),
            ("negotiations", &["negotiations"]),
            ("U.S. 1,200", &["u", ".", "s", ".", "1", ",", "200"]),
        ];
        for (text, want) in table {
            assert_eq!(pieces(&e, text), *want, "{text}");
        }
    }

    /// The AVX2 build of the sums gives the baseline build's bits (the sentence cosine of
    /// every pair reads them).
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn sentence_vector_avx2_is_bit_for_bit_the_baseline() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let e = Embedder::new();
        let texts = [
            "",
            "Lavrov said Russia is ready to negotiate with the United States.",
            "Third-quarter profit increased 12 percent to $1.2 billion, the company said.",
            "Café naïve «quoted» ✓ 1,200",
        ];
        for text in texts {
            let mut ids = Vec::new();
            e.tokenize(text, &mut ids);
            // SAFETY: the CPU has AVX2, checked above.
            let fast = unsafe { sentence_vector_avx2(&ids) };
            let base = sentence_vector_of(&ids);
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&fast), bits(&base), "{text}");
        }
    }

    #[test]
    fn sentence_vectors_rank_paraphrases_first() {
        let e = Embedder::new();
        let vec_of = |t: &str| {
            let mut ids = Vec::new();
            e.tokenize(t, &mut ids);
            e.sentence_vector(&ids)
        };
        let cos = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
        let a = vec_of("Russia is ready to negotiate with the United States.");
        let b = vec_of("Moscow is prepared to hold talks with Washington.");
        let c = vec_of("The football team won the match on Sunday.");
        assert!((cos(&a, &a) - 1.0).abs() < 1e-4);
        assert!(
            cos(&a, &b) > cos(&a, &c) + 0.1,
            "{} vs {}",
            cos(&a, &b),
            cos(&a, &c)
        );
        assert!(vec_of("").iter().all(|&x| x == 0.0));
    }
}
