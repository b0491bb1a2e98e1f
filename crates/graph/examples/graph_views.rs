//! Parse, align and print one view of a set: a developer's window on the graph crate, and the
//! fallback renderer of `scripts/check_dot.sh` for checkouts whose CLI lacks `compare`.
//!
//! ```text
//! cargo run -p concord-graph --example graph_views -- [--view claims|clusters|sources|report|summary]
//!     [--min-sources N] [--set NAME] [--list-sets] <files or .jsonl>...
//! ```

use std::collections::BTreeSet;
use std::process::ExitCode;

use concord_graph::{ClaimGraph, DotOptions, View};
use concord_parser::{parse_document, Article, Format};
use concord_similarity::Aligner;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("graph_views: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut view = "claims".to_string();
    let mut min_sources = 0usize;
    let mut set: Option<String> = None;
    let mut list_sets = false;
    let mut inputs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--view" => view = args.next().ok_or("--view needs a value")?,
            "--min-sources" => {
                min_sources = args
                    .next()
                    .ok_or("--min-sources needs a value")?
                    .parse()
                    .map_err(|e| format!("--min-sources: {e}"))?
            }
            "--set" => set = Some(args.next().ok_or("--set needs a value")?),
            "--list-sets" => list_sets = true,
            _ => inputs.push(arg),
        }
    }
    if inputs.is_empty() {
        return Err("no input files".into());
    }

    let mut articles: Vec<Article> = Vec::new();
    for path in &inputs {
        let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
        let format = Format::from_extension(ext).unwrap_or(Format::Text);
        for article in parse_document(path, &bytes, format) {
            articles.push(article.map_err(|e| e.to_string())?);
        }
    }
    if list_sets {
        let sets: BTreeSet<&str> = articles
            .iter()
            .filter_map(|a| a.meta.set.as_deref())
            .collect();
        for s in sets {
            println!("{s}");
        }
        return Ok(());
    }
    if let Some(set) = &set {
        articles.retain(|a| a.meta.set.as_deref() == Some(set.as_str()));
        if articles.is_empty() {
            return Err(format!("no article in set {set}"));
        }
    }

    let alignment = Aligner::default().align(&articles);
    let graph = ClaimGraph::build(&articles, &alignment);
    let options = DotOptions { min_sources };
    match view.as_str() {
        "report" => print!("{}", graph.report_markdown()),
        "summary" => println!("{:?}", graph.summary()),
        name => {
            let view = View::from_name(name).ok_or_else(|| format!("unknown view {name}"))?;
            print!("{}", graph.to_dot(view, &options));
        }
    }
    Ok(())
}
