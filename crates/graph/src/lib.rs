//! Turns a set's aligned claims into the picture a journalist reads.
//!
//! [`ClaimGraph::build`] takes the parsed [`Article`](concord_parser::Article)s of one set and
//! the [`Alignment`](concord_similarity::Alignment) the aligner found between their claims, and
//! builds a petgraph graph with one node per claim and one edge per kept pair. From it:
//!
//! - **claim clusters**: claims joined by `agree` edges (union-find). A cluster is one claim as
//!   told by N *independent* sources: near-duplicate articles (`copy_of`) and articles of the
//!   same outlet count once. Merging is guarded against chaining (see [`GraphConfig`]).
//! - **contested points**: `contradict` edges between clusters, with both sides' wording and the
//!   typed reason.
//! - **exclusive claims**: claims in no multi-source cluster and no contested point, per source.
//! - a **source view**: articles as nodes, edges weighted by agreements and contradictions.
//! - **stories**: when the aligner found that a set mixes several events (`story_of`), the
//!   report lists them near the top and the source view boxes each story's articles.
//! - **DOT** export of three views ([`View`]), a **Markdown report**, and a self-contained
//!   **HTML report** ([`ClaimGraph::report_html`]: a minijinja template, escaping by the engine,
//!   with the sources graph the caller drew from [`ClaimGraph::sources_overview_dot`]).
//!
//! Everything is deterministic: the same input gives byte-identical DOT and Markdown. The crate
//! does no IO; rendering DOT to SVG is the caller's business (Graphviz `dot`), with
//! [`render_svg`] as a pure-Rust fallback when Graphviz is missing.
//!
//! ```
//! use concord_graph::{ClaimGraph, DotOptions, View};
//! use concord_parser::{parse_document, Format};
//! use concord_similarity::Aligner;
//!
//! let mut articles = Vec::new();
//! for (name, text) in [("a.txt", "Lavrov said Russia is ready to negotiate."),
//!                      ("b.txt", "Russia is ready to negotiate, Lavrov said.")] {
//!     articles.extend(parse_document(name, text.as_bytes(), Format::Text).into_iter().flatten());
//! }
//! let alignment = Aligner::default().align(&articles);
//! let graph = ClaimGraph::build(&articles, &alignment);
//! assert_eq!(graph.summary().articles, 2);
//! assert!(graph.to_dot(View::Claims, &DotOptions::default()).starts_with("graph concord {"));
//! assert!(graph.report_markdown().starts_with("# "));
//! let page = graph.report_html(concord_graph::HtmlGraph::default()).unwrap();
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! ```

mod cluster;
mod dot;
mod error;
mod graph;
mod html;
#[cfg(test)]
mod proptests;
mod report;
mod svg;
mod text;

pub use dot::{DotOptions, View};
pub use error::{Error, ErrorKind};
pub use graph::{
    ClaimEdge, ClaimGraph, ClaimNode, Cluster, ContestedEdge, ContestedPoint, ExclusiveClaim,
    GraphConfig, SourceLink, Summary,
};
pub use html::HtmlGraph;
pub use svg::render_svg;
pub use text::{dot_id, dot_label, markdown_text};
