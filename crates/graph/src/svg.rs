//! A pure-Rust fallback renderer for machines without Graphviz.

use layout::backends::svg::SVGWriter;
use layout::gv::{DotParser, GraphBuilder};

use crate::error::{Error, ErrorKind};

/// Renders DOT text to SVG with the pure-Rust `layout-rs` engine: the fallback for `--svg`
/// when Graphviz `dot` is not installed. Graphviz gives the better picture (it honours
/// `subgraph cluster_*` boxes, pen widths and tooltips, which `layout-rs` ignores), so callers
/// should prefer `dot -Tsvg` and use this only when it is missing.
pub fn render_svg(dot: &str) -> Result<String, Error> {
    let mut parser = DotParser::new(dot);
    let ast = parser
        .process()
        .map_err(|e| Error::new(ErrorKind::Render, format!("DOT not understood: {e}")))?;
    let mut builder = GraphBuilder::new();
    builder.visit_graph(&ast);
    let mut graph = builder.get();
    if graph.num_nodes() == 0 {
        return Err(Error::new(
            ErrorKind::Render,
            "the graph has no node to draw",
        ));
    }
    let mut svg = SVGWriter::new();
    graph.do_it(false, false, false, &mut svg);
    Ok(sort_style_block(&svg.finalize()))
}

/// `layout-rs` writes its font classes from a `HashMap`, in an order that changes from run to
/// run; sorting the lines of the `<style>` block makes the SVG byte-identical across runs.
fn sort_style_block(svg: &str) -> String {
    let (Some(open), Some(close)) = (svg.find("<style>"), svg.find("</style>")) else {
        return svg.to_string();
    };
    let body_start = open + "<style>".len();
    if close < body_start {
        return svg.to_string();
    }
    let mut lines: Vec<&str> = svg[body_start..close]
        .lines()
        .filter(|l| !l.is_empty())
        .collect();
    lines.sort_unstable();
    let mut out = String::with_capacity(svg.len());
    out.push_str(&svg[..body_start]);
    out.push('\n');
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&svg[close..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_block_is_sorted() {
        let svg = "<svg><style>\n.b { x }\n.a { y }\n</style><g/></svg>";
        assert_eq!(
            sort_style_block(svg),
            "<svg><style>\n.a { y }\n.b { x }\n</style><g/></svg>"
        );
        assert_eq!(sort_style_block("<svg/>"), "<svg/>");
    }

    #[test]
    fn bad_dot_is_an_error_not_a_panic() {
        for dot in ["", "graph {", "not dot at all", "graph concord { }"] {
            let err = render_svg(dot).expect_err(dot);
            assert_eq!(err.kind(), ErrorKind::Render, "{dot:?}");
        }
    }
}
