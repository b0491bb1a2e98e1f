//! f32 matmul against candle's quantized matmuls (`QMatMul`, Q8_0 / Q4K / Q6K / Q4_0 / F16) at
//! MiniLM's shapes (a batch of 1,088 token rows through the 384→384, 384→1536 and 1536→384
//! layers), with the relative error of each: why the encoder stays in f32.
//! `RAYON_NUM_THREADS=1 cargo run --release -p concord-encoder --example qmatmul_bench`
//! (one thread, as the encoder runs each batch). Q4K and Q6K need rows of a multiple of 256
//! values, so they only apply to the 1536→384 layer.
use candle_core::quantized::{GgmlDType, QMatMul, QTensor};
use candle_core::{Device, Module, Tensor};
use std::time::Instant;

fn main() -> candle_core::Result<()> {
    let dev = Device::Cpu;
    let m = 1088;
    for (k, n) in [(384usize, 384usize), (384, 1536), (1536, 384)] {
        let x = Tensor::randn(0f32, 1.0, (m, k), &dev)?;
        let w = Tensor::randn(0f32, 0.05, (n, k), &dev)?;
        let wt = w.t()?;
        let reps = 50;
        let t = Instant::now();
        for _ in 0..reps {
            let _ = x.matmul(&wt)?;
        }
        let f32s = t.elapsed().as_secs_f64() / reps as f64;
        print!("m{m} k{k} n{n}: f32 {:.2} ms", f32s * 1e3);
        let exact = x.matmul(&wt)?;
        for dt in [
            GgmlDType::Q8_0,
            GgmlDType::Q4K,
            GgmlDType::Q6K,
            GgmlDType::Q4_0,
            GgmlDType::F16,
        ] {
            let Ok(q) = QTensor::quantize(&w, dt) else {
                print!(" | {dt:?} n/a");
                continue;
            };
            let qm = QMatMul::from_qtensor(q)?;
            let _ = qm.forward(&x)?;
            let t = Instant::now();
            for _ in 0..reps {
                let _ = qm.forward(&x)?;
            }
            let s = t.elapsed().as_secs_f64() / reps as f64;
            let y = qm.forward(&x)?;
            let err = (y - &exact)?.sqr()?.mean_all()?.to_scalar::<f32>()?.sqrt()
                / exact.sqr()?.mean_all()?.to_scalar::<f32>()?.sqrt();
            print!(" | {dt:?} {:.2} ms (rel.err {:.4})", s * 1e3, err);
        }
        println!();
    }
    Ok(())
}
