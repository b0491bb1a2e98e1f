//! `embed_lines IN.txt OUT.f32`: one vector per line of IN (384 little-endian f32 each, in
//! order), for the training and labelling scripts (`scripts/train_judge.py`).
use std::io::Write;

use concord_encoder::Encoder;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        return Err("usage: embed_lines IN.txt OUT.f32".into());
    };
    let text = std::fs::read_to_string(input)?;
    let lines: Vec<&str> = text.lines().collect();
    let vectors = Encoder::embedded()?.embed(&lines)?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(output)?);
    for v in &vectors {
        for x in v {
            out.write_all(&x.to_le_bytes())?;
        }
    }
    out.flush()?;
    Ok(())
}
