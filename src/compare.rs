//! One set of articles → claims.csv, matches.csv, graph.dot, report.md, errors.csv (+ graph.svg).
//! Shared by `compare` and by each set of `batch`.
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use concord_graph::{ClaimGraph, DotOptions, Summary};
use concord_parser::Article;
use concord_similarity::Aligner;

use crate::cli::PipelineArgs;
use crate::input::Problem;
use crate::output;

/// The files every set's output directory holds (graph.svg only with `--svg`).
pub const SET_FILES: [&str; 5] = [
    "claims.csv",
    "matches.csv",
    "graph.dot",
    "report.md",
    "errors.csv",
];

/// What came out of one set.
#[derive(Debug, Default, Clone)]
pub struct SetOutcome {
    pub summary: Summary,
    /// Why graph.svg was not written, when it was asked for.
    pub svg_note: Option<String>,
}

fn create(dir: &Path, name: &str) -> Result<BufWriter<File>> {
    let path = dir.join(name);
    let f = File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(BufWriter::new(f))
}

fn finish(mut w: BufWriter<File>, dir: &Path, name: &str) -> Result<()> {
    w.flush()
        .with_context(|| format!("cannot write {}", dir.join(name).display()))?;
    let f = w.into_inner().map_err(|e| e.into_error())?;
    f.sync_all().ok();
    Ok(())
}

/// Align, build the graph and write every output of a set into `dir` (which must exist).
pub fn write_set(
    dir: &Path,
    articles: &[Article],
    problems: &[Problem],
    aligner: &Aligner,
    options: &PipelineArgs,
) -> Result<SetOutcome> {
    let alignment = aligner.align(articles);
    let graph = ClaimGraph::build(articles, &alignment);

    let mut w = create(dir, "claims.csv")?;
    {
        let mut sink = output::ClaimSink::csv(&mut w)?;
        for a in articles {
            sink.write_article(a)?;
        }
        sink.finish()?;
    }
    finish(w, dir, "claims.csv")?;

    let mut w = create(dir, "matches.csv")?;
    output::write_matches(&mut w, articles, &alignment)?;
    finish(w, dir, "matches.csv")?;

    let dot = graph.to_dot(
        options.graph.to_view(),
        &DotOptions {
            min_sources: options.min_sources,
        },
    );
    let mut w = create(dir, "graph.dot")?;
    w.write_all(dot.as_bytes())?;
    finish(w, dir, "graph.dot")?;

    let mut w = create(dir, "report.md")?;
    w.write_all(graph.report_markdown().as_bytes())?;
    finish(w, dir, "report.md")?;

    let mut w = create(dir, "errors.csv")?;
    output::write_errors(&mut w, problems)?;
    finish(w, dir, "errors.csv")?;

    let svg_note = if options.svg {
        render_svg(&dir.join("graph.dot"), &dir.join("graph.svg"))
    } else {
        None
    };
    if !options.svg || svg_note.is_some() {
        // A picture left by an earlier run would no longer match graph.dot.
        let _ = std::fs::remove_file(dir.join("graph.svg"));
    }

    Ok(SetOutcome {
        summary: graph.summary(),
        svg_note,
    })
}

/// Render DOT to SVG with Graphviz. Returns why it could not, if it could not.
fn render_svg(dot: &Path, svg: &Path) -> Option<String> {
    let result = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg("-o")
        .arg(svg)
        .arg(dot)
        .stdin(std::process::Stdio::null())
        .output();
    match result {
        Ok(out) if out.status.success() => None,
        Ok(out) => Some(format!(
            "graph.svg not written: `dot` failed on {}: {}",
            dot.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(
            "graph.svg not written: Graphviz `dot` is not on PATH (install Graphviz, e.g. `apt-get install graphviz`)"
                .to_string(),
        ),
        Err(e) => Some(format!("graph.svg not written: cannot run `dot`: {e}")),
    }
}

/// The one-line summary printed after a set.
pub fn summary_line(s: &Summary) -> String {
    format!(
        "{} articles, {} claims, {} clusters, {} contested points, {} exclusive claims",
        s.articles, s.claims, s.clusters, s.contested, s.exclusive
    )
}
