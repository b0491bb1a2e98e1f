//! candle's own BERT (`candle_transformers::models::bert`), as the encoder ran before its own
//! forward pass: the reference that pass is checked against (examples/embed_quality.rs and the
//! crate's tests).
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};

static WEIGHTS: &[u8] = include_bytes!("../../../../data/minilm/model.safetensors");
static CONFIG: &str = include_str!("../../../../data/minilm/config.json");
static TOKENIZER: &[u8] = include_bytes!("../../../../data/minilm/tokenizer.json");

pub type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Unit vectors from candle's BertModel in f32 over padded batches of 32, mean pooling.
pub fn reference(texts: &[&str]) -> Res<Vec<Vec<f32>>> {
    let config: Config = serde_json::from_str(CONFIG)?;
    let vb = VarBuilder::from_slice_safetensors(WEIGHTS, DType::F32, &Device::Cpu)?;
    let model = BertModel::load(vb, &config)?;
    let tokenizer = tokenizers::Tokenizer::from_bytes(TOKENIZER)?;
    let mut out = Vec::with_capacity(texts.len());
    for chunk in texts.chunks(32) {
        let ids: Vec<Vec<u32>> = chunk
            .iter()
            .map(|t| {
                tokenizer
                    .encode_fast(*t, true)
                    .map(|e| e.get_ids().to_vec())
            })
            .collect::<Result<_, _>>()?;
        let width = ids.iter().map(Vec::len).max().unwrap_or(1);
        let mut flat = vec![0u32; ids.len() * width];
        let mut mask = vec![0u32; ids.len() * width];
        for (r, s) in ids.iter().enumerate() {
            flat[r * width..r * width + s.len()].copy_from_slice(s);
            mask[r * width..r * width + s.len()].fill(1);
        }
        let input = Tensor::from_vec(flat, (ids.len(), width), &Device::Cpu)?;
        let mask = Tensor::from_vec(mask, (ids.len(), width), &Device::Cpu)?;
        let states = model.forward(&input, &input.zeros_like()?, Some(&mask))?;
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let mean = states
            .broadcast_mul(&mask)?
            .sum(1)?
            .broadcast_div(&mask.sum(1)?)?;
        let norm = mean.sqr()?.sum_keepdim(1)?.sqrt()?;
        out.extend(mean.broadcast_div(&norm)?.to_vec2::<f32>()?);
    }
    Ok(out)
}
