//! The forward pass of a BERT encoder (all-MiniLM-L6-v2: 6 layers, 12 heads, 384 wide) over
//! plain `f32` rows, single-threaded per call.
//!
//! candle loads the weights; the pass itself is written here because candle's CPU ops spread
//! every matmul and every large element-wise op over all cores on their own (gemm on rayon, plus
//! candle's spinning barrier pool). Called from rayon workers that already keep both cores busy,
//! that oversubscribed the machine: 2 cores were slower than 1. Here the matmuls call `gemm`
//! with `Parallelism::None` and callers parallelise over batches. A second gain: the texts of a
//! batch are not padded. Their tokens are stacked into one matrix for the dense layers (which
//! treat rows independently), and attention runs per text over its own tokens only, so no work
//! is spent on padding and batches need no sorting by length.

use candle_core::{DType, Device, Tensor};
use std::collections::HashMap;

/// Width of the hidden states.
pub(crate) const HIDDEN: usize = 384;
const HEADS: usize = 12;
const HEAD_DIM: usize = HIDDEN / HEADS;
const FFN: usize = 1536;
const LAYERS: usize = 6;
const EPS: f32 = 1e-12;
/// Position embeddings: the longest input the model takes.
pub(crate) const MAX_TOKENS: usize = 512;

/// A dense layer: `x · w + b`, with `w` stored `in × out`, row-major.
struct Dense {
    w: Vec<f32>,
    b: Vec<f32>,
    inputs: usize,
    outputs: usize,
}

struct Norm {
    gamma: Vec<f32>,
    beta: Vec<f32>,
}

struct Layer {
    /// Query, key and value in one product (`384 × 1152`).
    qkv: Dense,
    attn_out: Dense,
    attn_norm: Norm,
    up: Dense,
    down: Dense,
    out_norm: Norm,
}

pub(crate) struct Bert {
    words: Vec<f32>,
    vocab: usize,
    /// Position embedding plus the embedding of token type 0, per position.
    positions: Vec<f32>,
    embed_norm: Norm,
    layers: Vec<Layer>,
}

/// Checks that a Hugging Face `config.json` describes the model this pass computes.
pub(crate) fn check_config(config: &serde_json::Value) -> Result<(), String> {
    let expected = [
        ("hidden_size", serde_json::json!(HIDDEN)),
        ("num_attention_heads", serde_json::json!(HEADS)),
        ("intermediate_size", serde_json::json!(FFN)),
        ("num_hidden_layers", serde_json::json!(LAYERS)),
        ("max_position_embeddings", serde_json::json!(MAX_TOKENS)),
        ("hidden_act", serde_json::json!("gelu")),
        ("layer_norm_eps", serde_json::json!(1e-12)),
        ("position_embedding_type", serde_json::json!("absolute")),
    ];
    for (key, want) in expected {
        if config.get(key) != Some(&want) {
            return Err(format!("{key} is {:?}, expected {want}", config.get(key)));
        }
    }
    Ok(())
}

type Weights = HashMap<String, Tensor>;

fn take(w: &Weights, name: &str) -> candle_core::Result<Tensor> {
    w.get(name)
        .ok_or_else(|| candle_core::Error::Msg(format!("missing tensor {name}")))?
        .to_dtype(DType::F32)
}

fn vector(w: &Weights, name: &str, len: usize) -> candle_core::Result<Vec<f32>> {
    let t = take(w, name)?;
    if t.dims() != [len] {
        candle_core::bail!("{name}: shape {:?}, expected [{len}]", t.dims());
    }
    t.to_vec1()
}

/// The `out × in` weight matrices of `names` side by side, transposed to `in × Σout`.
fn dense(w: &Weights, names: &[&str], inputs: usize, outputs: usize) -> candle_core::Result<Dense> {
    let mut mats = Vec::new();
    let mut biases = Vec::new();
    for name in names {
        let m = take(w, &format!("{name}.weight"))?;
        if m.dims() != [outputs, inputs] {
            candle_core::bail!(
                "{name}: shape {:?}, expected [{outputs}, {inputs}]",
                m.dims()
            );
        }
        mats.push(m.t()?);
        biases.push(vector(w, &format!("{name}.bias"), outputs)?);
    }
    let w = Tensor::cat(&mats, 1)?.flatten_all()?.to_vec1()?;
    Ok(Dense {
        w,
        b: biases.concat(),
        inputs,
        outputs: outputs * names.len(),
    })
}

fn norm(w: &Weights, name: &str) -> candle_core::Result<Norm> {
    Ok(Norm {
        gamma: vector(w, &format!("{name}.weight"), HIDDEN)?,
        beta: vector(w, &format!("{name}.bias"), HIDDEN)?,
    })
}

impl Bert {
    /// Loads a BERT of MiniLM's shape from safetensors bytes (any float dtype).
    pub(crate) fn load(safetensors: &[u8]) -> candle_core::Result<Bert> {
        let w = candle_core::safetensors::load_buffer(safetensors, &Device::Cpu)?;
        let words = take(&w, "embeddings.word_embeddings.weight")?;
        let (vocab, width) = words.dims2()?;
        if width != HIDDEN {
            candle_core::bail!("hidden size {width}, expected {HIDDEN}");
        }
        let positions = take(&w, "embeddings.position_embeddings.weight")?
            .narrow(0, 0, MAX_TOKENS)?
            .broadcast_add(&take(&w, "embeddings.token_type_embeddings.weight")?.get(0)?)?;
        let layers = (0..LAYERS)
            .map(|i| {
                let p = format!("encoder.layer.{i}");
                let qkv = ["query", "key", "value"].map(|n| format!("{p}.attention.self.{n}"));
                Ok(Layer {
                    qkv: dense(&w, &qkv.each_ref().map(String::as_str), HIDDEN, HIDDEN)?,
                    attn_out: dense(
                        &w,
                        &[&format!("{p}.attention.output.dense")],
                        HIDDEN,
                        HIDDEN,
                    )?,
                    attn_norm: norm(&w, &format!("{p}.attention.output.LayerNorm"))?,
                    up: dense(&w, &[&format!("{p}.intermediate.dense")], HIDDEN, FFN)?,
                    down: dense(&w, &[&format!("{p}.output.dense")], FFN, HIDDEN)?,
                    out_norm: norm(&w, &format!("{p}.output.LayerNorm"))?,
                })
            })
            .collect::<candle_core::Result<Vec<Layer>>>()?;
        Ok(Bert {
            words: words.flatten_all()?.to_vec1()?,
            vocab,
            positions: positions.flatten_all()?.to_vec1()?,
            embed_norm: norm(&w, "embeddings.LayerNorm")?,
            layers,
        })
    }

    /// The mean of the last layer's token states of each sequence (not normalised). Every
    /// sequence must be non-empty, at most [`MAX_TOKENS`] long, with ids below the vocabulary.
    pub(crate) fn mean_states(&self, seqs: &[&[u32]]) -> Vec<[f32; HIDDEN]> {
        let total: usize = seqs.iter().map(|s| s.len()).sum();
        let mut x = vec![0f32; total * HIDDEN];
        let mut row = 0;
        for seq in seqs {
            for (pos, &id) in seq.iter().enumerate() {
                let id = (id as usize).min(self.vocab - 1);
                let word = &self.words[id * HIDDEN..][..HIDDEN];
                let place = &self.positions[pos * HIDDEN..][..HIDDEN];
                let out = &mut x[row * HIDDEN..][..HIDDEN];
                for ((o, w), p) in out.iter_mut().zip(word).zip(place) {
                    *o = w + p;
                }
                row += 1;
            }
        }
        self.embed_norm.apply(&mut x);
        let mut qkv = vec![0f32; total * 3 * HIDDEN];
        let mut ctx = vec![0f32; total * HIDDEN];
        let mut hidden = vec![0f32; total * FFN];
        let mut scores = Vec::new();
        for layer in &self.layers {
            layer.qkv.forward(&x, &mut qkv, false);
            let mut start = 0;
            for seq in seqs {
                attention(&qkv, &mut ctx, start, seq.len(), &mut scores);
                start += seq.len();
            }
            // x = norm(x + ctx · Wo + bo)
            layer.attn_out.forward(&ctx, &mut x, true);
            layer.attn_norm.apply(&mut x);
            layer.up.forward(&x, &mut hidden, false);
            gelu(&mut hidden);
            layer.down.forward(&hidden, &mut x, true);
            layer.out_norm.apply(&mut x);
        }
        let mut out = Vec::with_capacity(seqs.len());
        let mut rows = x.chunks_exact(HIDDEN);
        for seq in seqs {
            let mut sum = [0f32; HIDDEN];
            for r in rows.by_ref().take(seq.len()) {
                for (s, v) in sum.iter_mut().zip(r) {
                    *s += v;
                }
            }
            let n = seq.len() as f32;
            sum.iter_mut().for_each(|s| *s /= n);
            out.push(sum);
        }
        out
    }
}

impl Dense {
    /// `out = x · w + b`, or with `add`, `out += x · w + b`. Rows of `x` are `inputs` wide.
    fn forward(&self, x: &[f32], out: &mut [f32], add: bool) {
        let m = x.len() / self.inputs;
        assert_eq!(x.len(), m * self.inputs);
        assert_eq!(out.len(), m * self.outputs);
        assert_eq!(self.w.len(), self.inputs * self.outputs);
        for row in out.chunks_exact_mut(self.outputs) {
            if add {
                row.iter_mut().zip(&self.b).for_each(|(o, b)| *o += b);
            } else {
                row.copy_from_slice(&self.b);
            }
        }
        if m == 0 {
            return;
        }
        // SAFETY: the three matrices are row-major and their lengths were checked above:
        // out is m × outputs, x is m × inputs, w is inputs × outputs; out does not alias them.
        unsafe {
            gemm::gemm(
                m,
                self.outputs,
                self.inputs,
                out.as_mut_ptr(),
                1,
                self.outputs as isize,
                true,
                x.as_ptr(),
                1,
                self.inputs as isize,
                self.w.as_ptr(),
                1,
                self.outputs as isize,
                1.0,
                1.0,
                false,
                false,
                false,
                gemm::Parallelism::None,
            )
        }
    }
}

impl Norm {
    /// Layer normalisation of every `HIDDEN`-wide row, in place.
    fn apply(&self, x: &mut [f32]) {
        for row in x.chunks_exact_mut(HIDDEN) {
            let mean = row.iter().sum::<f32>() / HIDDEN as f32;
            let var = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / HIDDEN as f32;
            let scale = 1.0 / (var + EPS).sqrt();
            for ((v, g), b) in row.iter_mut().zip(&self.gamma).zip(&self.beta) {
                *v = (*v - mean) * scale * g + b;
            }
        }
    }
}

/// Self-attention of the `len` tokens from row `start`: reads their query, key and value
/// (rows of `qkv`, `3 × HIDDEN` wide) and writes their context rows into `ctx`.
fn attention(qkv: &[f32], ctx: &mut [f32], start: usize, len: usize, scores: &mut Vec<f32>) {
    let scale = 1.0 / (HEAD_DIM as f32).sqrt();
    let rows = &qkv[start * 3 * HIDDEN..(start + len) * 3 * HIDDEN];
    let out = &mut ctx[start * HIDDEN..(start + len) * HIDDEN];
    scores.resize(len * len, 0.0);
    let stride = 3 * HIDDEN as isize;
    for h in 0..HEADS {
        let (q, k, v) = (
            h * HEAD_DIM,
            HIDDEN + h * HEAD_DIM,
            2 * HIDDEN + h * HEAD_DIM,
        );
        // scores = q · kᵀ × scale, `len × len`.
        // SAFETY: q and k are `len × HEAD_DIM` blocks of `rows` (row stride 3 × HIDDEN, the
        // last at offset 2 × HIDDEN + (HEADS - 1) × HEAD_DIM + HEAD_DIM = 3 × HIDDEN), and
        // `scores` holds len × len; kᵀ is read through swapped strides.
        unsafe {
            gemm::gemm(
                len,
                len,
                HEAD_DIM,
                scores.as_mut_ptr(),
                1,
                len as isize,
                false,
                rows.as_ptr().add(q),
                1,
                stride,
                rows.as_ptr().add(k),
                stride,
                1,
                0.0,
                scale,
                false,
                false,
                false,
                gemm::Parallelism::None,
            )
        }
        for row in scores.chunks_exact_mut(len) {
            let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let mut total = 0.0;
            for s in row.iter_mut() {
                *s = (*s - max).exp();
                total += *s;
            }
            row.iter_mut().for_each(|s| *s /= total);
        }
        // context = scores · v, written into the head's columns of `out`.
        // SAFETY: scores is len × len, v a `len × HEAD_DIM` block of `rows` as above, and the
        // destination the head's `len × HEAD_DIM` block of `out` (row stride HIDDEN).
        unsafe {
            gemm::gemm(
                len,
                HEAD_DIM,
                len,
                out.as_mut_ptr().add(h * HEAD_DIM),
                1,
                HIDDEN as isize,
                false,
                scores.as_ptr(),
                1,
                len as isize,
                rows.as_ptr().add(v),
                1,
                stride,
                0.0,
                1.0,
                false,
                false,
                false,
                gemm::Parallelism::None,
            )
        }
    }
}

/// GELU with the exact (erf) form, as BERT's `gelu`, in place.
fn gelu(x: &mut [f32]) {
    for v in x.iter_mut() {
        *v = 0.5 * *v * (1.0 + erf(*v * std::f32::consts::FRAC_1_SQRT_2));
    }
}

/// The error function in f32: the rational approximation of Eigen and XLA
/// (`generic_fast_erf_float`), accurate to a few ulp; branch-free, so the compiler vectorises
/// the GELU loop (libm's `erff` does not vectorise and cost a fifth of the forward pass).
#[allow(clippy::excessive_precision)] // the coefficients as published
fn erf(x: f32) -> f32 {
    let x = x.clamp(-4.0, 4.0);
    let x2 = x * x;
    let mut p = -2.726_142_258_013_06e-10_f32;
    p = p * x2 + 2.770_681_424_959_02e-8;
    p = p * x2 + -2.101_024_020_825_08e-6;
    p = p * x2 + -5.692_506_394_623_46e-5;
    p = p * x2 + -7.349_906_303_268_55e-4;
    p = p * x2 + -2.954_599_808_540_25e-3;
    p = p * x2 + -1.609_603_332_624_15e-2;
    p *= x;
    let mut q = -1.456_607_184_649_96e-5_f32;
    q = q * x2 + -2.133_740_552_789_05e-4;
    q = q * x2 + -1.682_826_974_382_03e-3;
    q = q * x2 + -7.373_329_167_204_68e-3;
    q = q * x2 + -1.426_473_905_141_89e-2;
    p / q
}

#[cfg(test)]
mod tests {
    use super::erf;

    #[test]
    fn erf_matches_libm() {
        let worst = (-6000..=6000)
            .map(|i| i as f32 / 1000.0)
            .map(|x| (erf(x) - candle_core::cpu::erf::erf_f32(x)).abs())
            .fold(0f32, f32::max);
        assert!(worst < 1e-6, "{worst}");
    }
}
