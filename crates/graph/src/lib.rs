//! Turns a set's aligned claims into a graph: clusters, contested points, exclusive claims,
//! a source-level view, DOT export and the data behind the report.
//!
//! INTERIM skeleton (issue 4): the public API is the contract with the CLI.

use concord_parser::Article;
use concord_similarity::Alignment;

/// Which picture `to_dot` draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum View {
    #[default]
    Claims,
    Clusters,
    Sources,
}

/// Options for DOT export.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DotOptions {
    /// Claims view: keep only clusters told by at least this many independent sources, plus
    /// contested points. 0 or 1 keeps everything.
    pub min_sources: usize,
}

/// Headline counts of a set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    pub claims: usize,
    pub clusters: usize,
    pub contested: usize,
    pub exclusive: usize,
}

/// The claim graph of one set.
pub struct ClaimGraph<'a> {
    articles: &'a [Article],
    alignment: &'a Alignment,
}

impl<'a> ClaimGraph<'a> {
    pub fn build(articles: &'a [Article], alignment: &'a Alignment) -> Self {
        ClaimGraph {
            articles,
            alignment,
        }
    }

    pub fn summary(&self) -> Summary {
        Summary {
            articles: self.articles.len(),
            claims: self.articles.iter().map(|a| a.claims.len()).sum(),
            clusters: 0,
            contested: self.alignment.matches.len(),
            exclusive: 0,
        }
    }

    /// Graphviz DOT text of the chosen view.
    pub fn to_dot(&self, _view: View, _options: &DotOptions) -> String {
        "digraph concord {}\n".to_string()
    }

    /// The Markdown report of the set.
    pub fn report_markdown(&self) -> String {
        String::from("# concord report\n")
    }
}
