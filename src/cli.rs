//! Command-line arguments (clap derive). The subcommands and their flags are the contract users
//! script against (DESIGN.md, "Command line"): add, never rename.
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "concord",
    version,
    about = "Compare claims across news articles: what sources agree on, contradict, and say alone.",
    after_help = "Inputs: files (.txt .md .html .htm .json .jsonl), directories (read recursively, \
                  hidden files skipped), or `-` for JSONL on standard input.\n\
                  Exit status: 0 when every input was processed, 1 when an input failed or an \
                  output could not be written, 2 for a usage error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Compare one set of articles: DIR/{claims.csv, matches.csv, graph.dot, report.md}.
    Compare(CompareArgs),
    /// Print the claims the parser finds.
    Claims(ListingArgs),
    /// Print every sentence with its kind (claim, question, headline, boilerplate, table, label,
    /// dateline, byline, caption).
    Sentences(ListingArgs),
    /// Score + relation for the sentence pairs of a TSV file (header row, TAB-separated, no quoting).
    Pairs(PairsArgs),
    /// Compare every new or changed set: DIR/<set>/… and DIR/index.csv.
    Batch(BatchArgs),
}

/// Options shared by the commands that run the whole pipeline.
#[derive(Args, Debug, Clone)]
pub struct PipelineArgs {
    /// Which graph to write to graph.dot.
    #[arg(long, value_enum, default_value_t = GraphView::Claims)]
    pub graph: GraphView,
    /// Claims view: keep only clusters told by at least N independent sources (plus contested points).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub min_sources: usize,
    /// Also render graph.svg: with Graphviz `dot` when on PATH, else with the built-in renderer.
    #[arg(long)]
    pub svg: bool,
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// Article files, directories, JSONL files, or `-` (JSONL on standard input).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output directory (created if missing).
    #[arg(long, short, value_name = "DIR", default_value = "concord-out")]
    pub out: PathBuf,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Args, Debug, Clone, Copy)]
pub struct RunArgs {
    /// Worker threads (default: all cores).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Print only errors.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
/// Arguments of the listing commands, `claims` and `sentences`.
pub struct ListingArgs {
    /// Article files, directories, JSONL files, or `-` (JSONL on standard input).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Args, Debug)]
pub struct PairsArgs {
    /// TAB-separated file with a header row (`-` for standard input).
    pub file: PathBuf,
    /// The two text columns, e.g. `premise,hypothesis`.
    #[arg(long, default_value = "s1,s2", value_name = "A,B")]
    pub cols: String,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Args, Debug)]
pub struct BatchArgs {
    /// Directories whose subdirectories are sets, or JSONL files whose `set` field groups
    /// articles; `-` reads JSONL from standard input (lines without `set` go to set `stdin`).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output directory: DIR/<set>/… and DIR/index.csv.
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// Redo every set, even those unchanged since the last run.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GraphView {
    /// One node per claim, grouped by source.
    Claims,
    /// One node per claim cluster.
    Clusters,
    /// One node per source, edges weighted by agreements and contradictions.
    Sources,
}

impl GraphView {
    pub fn to_view(self) -> concord_graph::View {
        match self {
            GraphView::Claims => concord_graph::View::Claims,
            GraphView::Clusters => concord_graph::View::Clusters,
            GraphView::Sources => concord_graph::View::Sources,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            GraphView::Claims => "claims",
            GraphView::Clusters => "clusters",
            GraphView::Sources => "sources",
        }
    }
}
