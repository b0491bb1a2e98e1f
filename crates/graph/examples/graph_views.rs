//! Parse, align and print one view of a set: a developer's window on the graph crate, and the
//! fallback renderer of `scripts/check_dot.sh` for checkouts whose CLI lacks `compare`.
//!
//! ```text
//! cargo run -p concord-graph --example graph_views -- [--view claims|clusters|sources|report|summary|tsv]
//!     [--min-sources N] [--set NAME | --each-set] [--linkage X] [--min-agree X] [--list-sets]
//!     <files or .jsonl>...
//! ```
//!
//! `--view tsv` prints one row per claim (set, article, claim, start, end, cluster, independent
//! sources of the cluster), for `scripts/eval_graph_clusters.sh`; `--each-set` runs every set
//! of the input separately.

use std::collections::BTreeSet;
use std::process::ExitCode;

use concord_graph::{ClaimGraph, DotOptions, GraphConfig, View};
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
    let mut each_set = false;
    let mut config = GraphConfig::default();
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
            "--each-set" => each_set = true,
            "--linkage" => {
                config.min_linkage = args
                    .next()
                    .ok_or("--linkage needs a value")?
                    .parse()
                    .map_err(|e| format!("--linkage: {e}"))?
            }
            "--min-agree" => {
                config.min_agree_score = args
                    .next()
                    .ok_or("--min-agree needs a value")?
                    .parse()
                    .map_err(|e| format!("--min-agree: {e}"))?
            }
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
    let sets: BTreeSet<String> = articles.iter().filter_map(|a| a.meta.set.clone()).collect();
    if list_sets {
        for s in &sets {
            println!("{s}");
        }
        return Ok(());
    }
    let groups: Vec<Vec<Article>> = if each_set {
        sets.iter()
            .map(|s| {
                articles
                    .iter()
                    .filter(|a| a.meta.set.as_deref() == Some(s.as_str()))
                    .cloned()
                    .collect()
            })
            .collect()
    } else if let Some(set) = &set {
        let chosen: Vec<Article> = articles
            .into_iter()
            .filter(|a| a.meta.set.as_deref() == Some(set.as_str()))
            .collect();
        if chosen.is_empty() {
            return Err(format!("no article in set {set}"));
        }
        vec![chosen]
    } else {
        vec![articles]
    };

    let aligner = Aligner::default();
    let options = DotOptions { min_sources };
    if view == "tsv" {
        println!("set\tarticle\tclaim\tstart\tend\tcluster\tindependent_sources");
    }
    for articles in &groups {
        let alignment = aligner.align(articles);
        let graph = ClaimGraph::build_with(articles, &alignment, &config);
        match view.as_str() {
            "report" => print!("{}", graph.report_markdown()),
            "summary" => println!("{:?}", graph.summary()),
            "tsv" => {
                for cluster in graph.clusters() {
                    for claim in &cluster.claims {
                        let a = &articles[claim.article];
                        let c = &a.claims[claim.claim];
                        println!(
                            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                            a.meta.set.as_deref().unwrap_or(""),
                            a.meta.id,
                            claim.claim,
                            c.span.start,
                            c.span.end,
                            cluster.id,
                            cluster.independent_sources
                        );
                    }
                }
            }
            name => {
                let view = View::from_name(name).ok_or_else(|| format!("unknown view {name}"))?;
                print!("{}", graph.to_dot(view, &options));
            }
        }
    }
    Ok(())
}
