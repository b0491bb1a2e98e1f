//! One set of articles → claims.csv, matches.csv, graph.dot, report.md, report.html, errors.csv
//! (+ graph.svg).
//! Shared by `compare` and by each set of `batch`.
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use concord_graph::{ClaimGraph, DotOptions, Summary};
use concord_parser::Article;
use concord_similarity::Aligner;

use crate::atomic;
use crate::cli::PipelineArgs;
use crate::input::Problem;
use crate::output;

/// The files every set's output directory holds (graph.svg only with `--svg`).
pub const SET_FILES: [&str; 6] = [
    "claims.csv",
    "matches.csv",
    "graph.dot",
    "report.md",
    "report.html",
    "errors.csv",
];

/// What came out of one set.
#[derive(Debug, Default, Clone)]
pub struct SetOutcome {
    pub summary: Summary,
    /// Why graph.svg was not written, when it was asked for (a warning).
    pub svg_warning: Option<String>,
    /// How graph.svg was written when not by Graphviz (a note).
    pub svg_note: Option<String>,
}

/// What became of graph.svg.
enum SvgOutcome {
    /// Written by Graphviz.
    Graphviz,
    /// Written by the built-in renderer; the note says why.
    Fallback(String),
    /// Not written; the warning says why.
    NotWritten(String),
}

fn create(dir: &Path, name: &str) -> Result<BufWriter<File>> {
    let path = dir.join(name);
    let f = File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
    // Large: matches.csv of a big set is tens of MB, written in few system calls.
    Ok(BufWriter::with_capacity(1 << 17, f))
}

/// Who makes the files of `write_set` durable: the caller, which syncs the directory's files
/// before its done marker (`atomic::seal`; `batch` does it on its commit thread, off the sets'
/// critical path). One variant: kept as a parameter so that every writer says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sync {
    Caller,
}

fn finish(mut w: BufWriter<File>, dir: &Path, name: &str, _sync: Sync) -> Result<()> {
    let path = dir.join(name);
    w.flush()
        .with_context(|| format!("cannot write {}", path.display()))?;
    w.into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Write the table `dir/name` with `body`; any error names the file.
fn write_table(
    dir: &Path,
    name: &str,
    sync: Sync,
    body: impl FnOnce(&mut BufWriter<File>) -> Result<()>,
) -> Result<()> {
    let mut w = create(dir, name)?;
    body(&mut w).with_context(|| format!("cannot write {}", dir.join(name).display()))?;
    finish(w, dir, name, sync)
}

/// `fmt::Write` into a file, keeping the IO error that `fmt::Error` cannot carry.
struct TextFile {
    w: BufWriter<File>,
    error: Option<std::io::Error>,
}

impl std::fmt::Write for TextFile {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.w.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            std::fmt::Error
        })
    }
}

/// Write `dir/name` with `render`, which writes the text piece by piece.
fn write_text(
    dir: &Path,
    name: &str,
    sync: Sync,
    render: impl FnOnce(&mut dyn std::fmt::Write) -> std::fmt::Result,
) -> Result<()> {
    let mut file = TextFile {
        w: create(dir, name)?,
        error: None,
    };
    if render(&mut file).is_err() {
        let why = file
            .error
            .map_or_else(|| "formatting failed".to_string(), |e| e.to_string());
        anyhow::bail!("cannot write {}: {why}", dir.join(name).display());
    }
    finish(file.w, dir, name, sync)
}

/// Align, build the graph and write every output of a set into `dir` (which must exist).
pub fn write_set(
    dir: &Path,
    articles: &[Article],
    problems: &[Problem],
    aligner: &Aligner,
    options: &PipelineArgs,
    sync: Sync,
) -> Result<SetOutcome> {
    let alignment = aligner.align(articles);
    // The tables and the graph's files are independent: written side by side, a set's last
    // steps are not one core's work while the other waits (the end of a batch, or `compare`).
    let (tables, graph_files) = rayon::join(
        || -> Result<()> {
            write_table(dir, "claims.csv", sync, |w| {
                let mut sink = output::ClaimSink::csv(w)?;
                for a in articles {
                    sink.write_article(a)?;
                }
                sink.finish()
            })?;
            write_table(dir, "matches.csv", sync, |w| {
                output::write_matches(w, articles, &alignment, options.all_pairs)
            })?;
            write_table(dir, "errors.csv", sync, |w| {
                output::write_errors(w, problems)
            })
        },
        || -> Result<ClaimGraph<'_>> {
            let graph = ClaimGraph::build(articles, &alignment);
            // Each file written as it is rendered: graph.dot of a large set is tens of MB.
            let (dot, report) = rayon::join(
                || {
                    write_text(dir, "graph.dot", sync, |out| {
                        graph.write_dot(
                            options.graph.to_view(),
                            &DotOptions {
                                min_sources: options.min_sources,
                            },
                            out,
                        )
                    })
                },
                || {
                    write_text(dir, "report.md", sync, |out| graph.write_report(out))?;
                    let page = crate::html::report_html(&graph)?;
                    write_text(dir, "report.html", sync, |out| out.write_str(&page))
                },
            );
            dot?;
            report?;
            Ok(graph)
        },
    );
    tables?;
    let graph = graph_files?;

    let (svg_warning, svg_note) = match options.svg.then(|| {
        let dot_path = dir.join("graph.dot");
        match std::fs::read_to_string(&dot_path) {
            Ok(dot) => render_svg(dir, &dot),
            Err(e) => SvgOutcome::NotWritten(format!(
                "graph.svg not written: cannot read {}: {e}",
                dot_path.display()
            )),
        }
    }) {
        None => (None, None),
        Some(SvgOutcome::Graphviz) => (None, None),
        Some(SvgOutcome::Fallback(note)) => (None, Some(note)),
        Some(SvgOutcome::NotWritten(warning)) => (Some(warning), None),
    };
    if !options.svg || svg_warning.is_some() {
        // A picture left by an earlier run would no longer match graph.dot.
        let _ = std::fs::remove_file(dir.join("graph.svg"));
    }

    Ok(SetOutcome {
        summary: graph.summary(),
        svg_warning,
        svg_note,
    })
}

/// Every file concord leaves in an output directory (`compare`'s, or one set's of `batch`): an
/// existing directory holding only these (an output of an earlier version, without the done
/// marker) or nothing is concord's to replace.
pub const OWN_FILES: [&str; 10] = [
    SET_FILES[0],
    SET_FILES[1],
    SET_FILES[2],
    SET_FILES[3],
    SET_FILES[4],
    SET_FILES[5],
    "graph.svg",
    crate::batch::MANIFEST,
    atomic::DONE_MARKER,
    atomic::TMP_MARKER,
];

/// `compare --out DIR`, atomically: everything is written into a temporary directory beside
/// DIR (`.DIR.concord-tmp-<pid>`, made before the articles are read), sealed with its done
/// marker, then swapped with DIR. A failure, SIGINT or SIGTERM removes the temporary directory
/// and leaves the previous results whole. An existing DIR that concord did not write is an
/// error, before any work.
pub struct Staged {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
}

impl Staged {
    pub fn begin(out: &Path) -> Result<Staged> {
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| n != "." && n != "..")
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "--out {}: give the output directory a name (it is replaced as a whole)",
                    out.display()
                )
            })?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let (tmp_tag, old_tag) = (
            format!(".{name}.concord-tmp-"),
            format!(".{name}.concord-old-"),
        );
        // What a crashed run left: its temporary directory, or (between the two renames of a
        // swap) the previous results set aside.
        if let Ok(entries) = std::fs::read_dir(&parent) {
            for entry in entries.flatten() {
                let file_name = entry.file_name().to_string_lossy().into_owned();
                let path = entry.path();
                // A `compare` still running into the same DIR keeps its directories.
                let running = file_name
                    .rsplit('-')
                    .next()
                    .is_some_and(|pid| Path::new("/proc").join(pid).exists());
                if running {
                    continue;
                }
                if atomic::tagged_name(&file_name, &tmp_tag) == Some("") {
                    atomic::discard_temp_dir(&path);
                } else if atomic::tagged_name(&file_name, &old_tag) == Some("") {
                    atomic::restore_aside(out, &path);
                    if path.exists() && atomic::is_concord_dir(&path) {
                        let _ = std::fs::remove_dir_all(&path);
                    }
                }
            }
        }
        if out.exists() || out.is_symlink() {
            atomic::replaceable(out, &OWN_FILES).map_err(anyhow::Error::msg)?;
        }
        let pid = std::process::id();
        let staged = Staged {
            out: out.to_path_buf(),
            tmp: parent.join(format!("{tmp_tag}{pid}")),
            old: parent.join(format!("{old_tag}{pid}")),
        };
        atomic::create_temp_dir(&staged.tmp, "compare")?;
        Ok(staged)
    }

    /// Write the set into the temporary directory, seal it and swap it into place.
    pub fn commit(
        self,
        articles: &[Article],
        problems: &[Problem],
        aligner: &Aligner,
        options: &PipelineArgs,
    ) -> Result<SetOutcome> {
        let written = write_set(
            &self.tmp,
            articles,
            problems,
            aligner,
            options,
            Sync::Caller,
        )
        .and_then(|outcome| {
            let marker = serde_json::json!({
                "command": "compare",
                "version": env!("CARGO_PKG_VERSION"),
                "articles": outcome.summary.articles,
                "claims": outcome.summary.claims,
            });
            atomic::seal(&self.tmp, format!("{marker:#}\n").as_bytes())?;
            atomic::swap_into_place(&self.tmp, &self.out, &self.old)?;
            Ok(outcome)
        });
        if written.is_err() {
            atomic::discard_temp_dir(&self.tmp);
        }
        written
    }
}

/// The largest graph.dot that `--svg` hands to Graphviz. Layout time grows much faster than the
/// graph: a 0.4 MB DOT takes about half a minute, the claims view of a 10,000-article set
/// (tens of MB) would not finish.
pub const MAX_SVG_DOT_BYTES: u64 = 1_000_000;

/// How long `dot` may run before it is stopped.
const DOT_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(120);

/// The largest graph.dot the built-in renderer is given. layout-rs grows much faster than
/// Graphviz with the graph (measured on Reuters `earn` sets, claims view: 45 KB of DOT in
/// 0.4 s, 150 KB in 33 s, 400 KB not done in 5 min), so it only draws small graphs.
pub const MAX_FALLBACK_DOT_BYTES: u64 = 100_000;

/// Render `dir/graph.dot` (whose text is `dot_text`) to `dir/graph.svg`: with Graphviz when it
/// is on PATH and the graph is not too large for it, else with the built-in pure-Rust renderer.
fn render_svg(dir: &Path, dot_text: &str) -> SvgOutcome {
    let (dot, svg) = (dir.join("graph.dot"), dir.join("graph.svg"));
    let size = dot_text.len() as u64;
    if size > MAX_SVG_DOT_BYTES {
        let why = format!(
            "graph.dot is {:.1} MB, over the {:.1} MB Graphviz can lay out in reasonable time",
            size as f64 / 1e6,
            MAX_SVG_DOT_BYTES as f64 / 1e6
        );
        return render_fallback(dot_text, &svg, &why);
    }
    match render_graphviz(&dot, &svg) {
        Ok(()) => SvgOutcome::Graphviz,
        Err(GraphvizError::Missing) => {
            render_fallback(dot_text, &svg, "Graphviz `dot` is not on PATH")
        }
        Err(GraphvizError::Failed(warning)) => SvgOutcome::NotWritten(warning),
    }
}

/// Render with `concord_graph::render_svg` (layout-rs): a plainer picture than Graphviz's (no
/// source boxes), but one, on any machine.
fn render_fallback(dot_text: &str, svg: &Path, why: &str) -> SvgOutcome {
    let size = dot_text.len() as u64;
    if size > MAX_FALLBACK_DOT_BYTES {
        return SvgOutcome::NotWritten(format!(
            "graph.svg not written: {why}, and over the {:.1} MB limit of the built-in renderer; \
             try --min-sources 2, or --graph clusters or --graph sources",
            MAX_FALLBACK_DOT_BYTES as f64 / 1e6
        ));
    }
    let written = concord_graph::render_svg(dot_text)
        .map_err(|e| e.to_string())
        .and_then(|text| std::fs::write(svg, text).map_err(|e| format!("cannot write: {e}")));
    match written {
        Ok(()) => SvgOutcome::Fallback(format!(
            "graph.svg drawn by the built-in renderer ({why}); install Graphviz for a clearer \
             layout with one box per source"
        )),
        Err(e) => {
            let _ = std::fs::remove_file(svg);
            SvgOutcome::NotWritten(format!(
                "graph.svg not written: {why}, and the built-in renderer failed: {e}"
            ))
        }
    }
}

enum GraphvizError {
    /// `dot` is not on PATH.
    Missing,
    /// `dot` ran and failed, or was stopped: the warning.
    Failed(String),
}

/// Render DOT to SVG with Graphviz.
/// Wait for a child process, killing it once `limit` has passed (Graphviz can take minutes on a
/// large graph). The error says which happened.
pub(crate) fn wait_or_stop(
    child: &mut std::process::Child,
    limit: std::time::Duration,
) -> std::result::Result<std::process::ExitStatus, String> {
    let started = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("`dot` was stopped after {} s", limit.as_secs()));
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(5)),
            Err(e) => return Err(format!("waiting for `dot`: {e}")),
        }
    }
}

fn render_graphviz(dot: &Path, svg: &Path) -> Result<(), GraphvizError> {
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
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(GraphvizError::Missing),
        Err(e) => {
            return Err(GraphvizError::Failed(format!(
                "graph.svg not written: cannot run `dot`: {e}"
            )))
        }
    };
    // Read stderr on the side, so that a chatty `dot` never blocks on a full pipe.
    let stderr = child.stderr.take().map(|mut pipe| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut pipe, &mut text);
            text
        })
    });
    let status = wait_or_stop(&mut child, DOT_TIME_LIMIT).map_err(|e| {
        format!(
            "graph.svg not written: {e}{}",
            if e.contains("stopped") {
                "; try --min-sources 2, or --graph clusters or --graph sources"
            } else {
                ""
            }
        )
    });
    let stderr = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(_) => Err(GraphvizError::Failed(format!(
            "graph.svg not written: `dot` failed on {}: {}",
            dot.display(),
            stderr.trim()
        ))),
        Err(message) => {
            let _ = std::fs::remove_file(svg);
            Err(GraphvizError::Failed(message))
        }
    }
}

/// The one-line summary printed after a set: "2 articles, 54 claims, 1 cluster, …"; the story
/// count only when the set mixes several events.
pub fn summary_line(s: &Summary) -> String {
    let mut line = format!(
        "{}, {}, {}, {}, {}",
        counted(s.articles, "article", "articles"),
        counted(s.claims, "claim", "claims"),
        counted(s.clusters, "cluster", "clusters"),
        counted(s.contested, "contested point", "contested points"),
        counted(s.exclusive, "exclusive claim", "exclusive claims"),
    );
    if s.stories > 1 {
        line.push_str(&format!(", {} stories", s.stories));
    }
    line
}

fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_counts_in_words() {
        let cases = [
            (
                Summary {
                    articles: 2,
                    claims: 54,
                    clusters: 1,
                    contested: 1,
                    exclusive: 46,
                    stories: 1,
                    ..Default::default()
                },
                "2 articles, 54 claims, 1 cluster, 1 contested point, 46 exclusive claims",
            ),
            (
                Summary {
                    articles: 1,
                    claims: 1,
                    clusters: 0,
                    contested: 0,
                    exclusive: 1,
                    stories: 3,
                    ..Default::default()
                },
                "1 article, 1 claim, 0 clusters, 0 contested points, 1 exclusive claim, 3 stories",
            ),
        ];
        for (summary, expected) in cases {
            assert_eq!(summary_line(&summary), expected);
        }
    }

    #[test]
    fn the_fallback_renderer_declines_large_graphs_and_names_why() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let svg = dir.path().join("graph.svg");
        let small = "digraph g { a -> b; }";
        match render_fallback(small, &svg, "Graphviz `dot` is not on PATH") {
            SvgOutcome::Fallback(note) => {
                assert!(note.contains("built-in renderer (Graphviz `dot` is not on PATH)"))
            }
            _ => panic!("a small graph is drawn"),
        }
        let text = std::fs::read_to_string(&svg).expect("graph.svg written");
        assert!(
            text.starts_with("<svg") || text.starts_with("<?xml"),
            "{text}"
        );

        let large = format!(
            "digraph g {{ {} }}",
            "a -> b; ".repeat(MAX_FALLBACK_DOT_BYTES as usize / 8 + 1)
        );
        match render_fallback(&large, &svg, "why") {
            SvgOutcome::NotWritten(w) => {
                assert!(w.contains("limit of the built-in renderer"), "{w}")
            }
            _ => panic!("a large graph is declined"),
        }
        match render_fallback("not dot", &svg, "why") {
            SvgOutcome::NotWritten(w) => assert!(w.contains("built-in renderer failed"), "{w}"),
            _ => panic!("bad DOT is an error"),
        }
        assert!(!svg.exists(), "no stale picture is left");
    }
}
