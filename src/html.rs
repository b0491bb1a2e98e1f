//! report.html: the graph crate renders the page; this module draws its sources graph (Graphviz
//! `dot` when installed, else the pure-Rust layout) — running a program is the binary's job.
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::Result;
use concord_graph::{ClaimGraph, HtmlGraph};

/// Sources drawn in the report's graph; past this the picture is a hairball, and the page says
/// where the full view is.
pub const MAX_GRAPH_SOURCES: usize = 60;

/// How long Graphviz may take over the sources graph (a few dozen nodes: well under a second).
const DOT_TIME_LIMIT: Duration = Duration::from_secs(30);

/// The HTML report of a set, with its sources graph drawn.
pub fn report_html(graph: &ClaimGraph<'_>) -> Result<String> {
    let sources = graph.summary().sources;
    let (svg, note, fit) = if sources < 2 {
        (
            None,
            "One source: there is no graph of sources to draw.".to_string(),
            false,
        )
    } else if sources > MAX_GRAPH_SOURCES {
        (
            None,
            format!(
                "{sources} sources are too many to draw here (limit {MAX_GRAPH_SOURCES}); run with --graph sources --svg for the full view."
            ),
            false,
        )
    } else {
        draw(&graph.sources_overview_dot())
    };
    Ok(graph.report_html(HtmlGraph {
        svg: svg.as_deref(),
        note: &note,
        fit,
    })?)
}

/// SVG of `dot_text`, a note on how it was drawn, and whether it may be scaled to the page.
fn draw(dot_text: &str) -> (Option<String>, String, bool) {
    match graphviz(dot_text) {
        Ok(svg) => (Some(svg), "Drawn by Graphviz.".to_string(), true),
        // layout-rs is a young crate: should it panic on some graph, the page goes without
        // the picture rather than the set failing.
        Err(why) => match std::panic::catch_unwind(|| {
            concord_graph::render_svg(dot_text).map_err(|e| e.to_string())
        })
        .unwrap_or_else(|_| Err("the layout engine stopped on this graph".to_string()))
        {
            Ok(svg) => (
                Some(svg),
                format!("Drawn by the built-in renderer ({why}); install Graphviz for a clearer layout."),
                false,
            ),
            Err(e) => (
                None,
                format!("No graph: {why}, and the built-in renderer failed: {e}."),
                false,
            ),
        },
    }
}

/// `dot -Kneato -Tsvg` over standard input and output, stopped after [`DOT_TIME_LIMIT`]. The
/// spring layout packs a few dozen sources into a page's width, where `dot`'s ranks or
/// `circo`'s ring are two to three times as wide.
fn graphviz(dot_text: &str) -> std::result::Result<String, String> {
    let mut child = match Command::new("dot")
        .args(["-Kneato", "-Tsvg"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err("Graphviz `dot` is not on PATH".to_string())
        }
        Err(e) => return Err(format!("cannot run `dot`: {e}")),
    };
    let input = dot_text.to_string();
    let mut stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let Some(pipe) = stdin.as_mut() {
            let _ = pipe.write_all(input.as_bytes());
        }
    });
    let read = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = read(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = read(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status = crate::compare::wait_or_stop(&mut child, DOT_TIME_LIMIT);
    let _ = writer.join();
    let out = stdout.join().unwrap_or_default();
    let err = stderr.join().unwrap_or_default();
    match status? {
        s if s.success() => String::from_utf8(out).map_err(|_| "`dot` wrote invalid UTF-8".into()),
        _ => Err(format!(
            "`dot` failed: {}",
            String::from_utf8_lossy(&err).trim()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graph_nobody_can_draw_leaves_a_note_not_an_error() {
        let (svg, note, fit) = draw("graph {");
        assert!(svg.is_none());
        assert!(!fit);
        assert!(note.starts_with("No graph: "), "{note}");
        assert!(note.contains("the built-in renderer failed"), "{note}");
    }

    #[test]
    fn a_small_graph_is_drawn_by_one_renderer_or_the_other() {
        let (svg, note, _) =
            draw("graph sources {\n  s0 [label=\"a\"];\n  s1 [label=\"b\"];\n  s0 -- s1;\n}\n");
        let svg = svg.expect("drawn");
        assert!(svg.contains("<svg"), "{svg}");
        assert!(note.starts_with("Drawn by "), "{note}");
    }
}
