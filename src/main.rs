//! The `concord` command line. INTERIM skeleton: subcommands are filled in by the CLI work.
use std::io::Write;

use anyhow::{Context, Result};
use clap::Parser;

#[derive(Parser)]
#[command(
    name = "concord",
    version,
    about = "Compare claims across news articles"
)]
enum Cli {
    /// Print the claims the parser finds.
    Claims { inputs: Vec<std::path::PathBuf> },
    /// Score + relation for sentence pairs of a TSV file (header row), for evaluation.
    Pairs {
        file: std::path::PathBuf,
        /// The two text columns, e.g. `premise,hypothesis`.
        #[arg(long, default_value = "s1,s2")]
        cols: String,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli {
        Cli::Claims { inputs } => {
            for path in inputs {
                let bytes = std::fs::read(&path)?;
                let origin = path.display().to_string();
                for article in
                    concord_parser::parse_document(&origin, &bytes, concord_parser::Format::Text)
                {
                    let article = article?;
                    for c in &article.claims {
                        println!("{}\t{}\t{}", article.meta.id, c.index, c.text);
                    }
                }
            }
        }
        Cli::Pairs { file, cols } => {
            // TSV with no quoting: split on TAB only (the benchmark files contain literal quotes).
            let text =
                std::fs::read_to_string(&file).with_context(|| format!("{}", file.display()))?;
            let mut lines = text.lines();
            let header: Vec<&str> = lines.next().context("empty file")?.split('\t').collect();
            let (c1, c2) = cols.split_once(',').context("--cols needs A,B")?;
            let i1 = header
                .iter()
                .position(|h| *h == c1)
                .context("column not found")?;
            let i2 = header
                .iter()
                .position(|h| *h == c2)
                .context("column not found")?;
            let aligner = concord_similarity::Aligner::default();
            let out = std::io::stdout();
            let mut out = out.lock();
            writeln!(out, "{}\tscore\trelation\treason", header.join("\t"))?;
            for line in lines {
                let fields: Vec<&str> = line.split('\t').collect();
                let j = aligner.judge_texts(
                    fields.get(i1).copied().unwrap_or(""),
                    fields.get(i2).copied().unwrap_or(""),
                );
                let reason = j.reason.map(|r| r.to_string()).unwrap_or_default();
                writeln!(out, "{line}\t{:.4}\t{}\t{reason}", j.score, j.relation)?;
            }
        }
    }
    Ok(())
}
