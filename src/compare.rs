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

/// The largest graph.dot that `--svg` hands to Graphviz. Layout time grows much faster than the
/// graph: a 0.4 MB DOT takes about half a minute, the claims view of a 10,000-article set
/// (tens of MB) would not finish.
pub const MAX_SVG_DOT_BYTES: u64 = 1_000_000;

/// How long `dot` may run before it is stopped.
const DOT_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

/// Render DOT to SVG with Graphviz. Returns why it could not, if it could not.
fn render_svg(dot: &Path, svg: &Path) -> Option<String> {
    let size = std::fs::metadata(dot).map(|m| m.len()).unwrap_or(0);
    if size > MAX_SVG_DOT_BYTES {
        return Some(format!(
            "graph.svg not written: graph.dot is {:.1} MB, too large for Graphviz to lay out \
             (limit {:.1} MB); try --min-sources 2, or --graph clusters or --graph sources",
            size as f64 / 1e6,
            MAX_SVG_DOT_BYTES as f64 / 1e6
        ));
    }
    let spawned = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg("-o")
        .arg(svg)
        .arg(dot)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some(
                "graph.svg not written: Graphviz `dot` is not on PATH (install Graphviz, e.g. \
                 `apt-get install graphviz`)"
                    .to_string(),
            )
        }
        Err(e) => return Some(format!("graph.svg not written: cannot run `dot`: {e}")),
    };
    // Read stderr on the side, so that a chatty `dot` never blocks on a full pipe.
    let stderr = child.stderr.take().map(|mut pipe| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut pipe, &mut text);
            text
        })
    });
    let started = std::time::Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if started.elapsed() > DOT_TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(format!(
                    "graph.svg not written: `dot` was stopped after {} s; try --min-sources 2, \
                     or --graph clusters or --graph sources",
                    DOT_TIME_LIMIT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(20)),
            Err(e) => break Err(format!("graph.svg not written: waiting for `dot`: {e}")),
        }
    };
    let stderr = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
    match status {
        Ok(s) if s.success() => None,
        Ok(_) => Some(format!(
            "graph.svg not written: `dot` failed on {}: {}",
            dot.display(),
            stderr.trim()
        )),
        Err(message) => {
            let _ = std::fs::remove_file(svg);
            Some(message)
        }
    }
}

/// The one-line summary printed after a set.
pub fn summary_line(s: &Summary) -> String {
    format!(
        "{} articles, {} claims, {} clusters, {} contested points, {} exclusive claims",
        s.articles, s.claims, s.clusters, s.contested, s.exclusive
    )
}
