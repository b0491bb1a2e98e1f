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
                  Exit status: 0 when every input was processed (batch: every set done or \
                  skipped), 1 when an input failed (a data problem: do not retry), 2 for a usage \
                  error, 75 for a temporary failure such as IO (retry)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Compare one set of articles: DIR/{report.html, report.md, claims.csv, matches.csv, graph.dot}.
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
    /// Judge with static token vectors and rules instead of the sentence encoder: ~10x faster,
    /// less accurate (for very large batches).
    #[arg(long)]
    pub fast: bool,
    /// Write every kept pair to matches.csv, weak `related` ones included (default: agree and
    /// contradict rows, and each claim's strongest related rows; see README, Outputs).
    #[arg(long)]
    pub all_pairs: bool,
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
    /// CSV files: write text cells untouched, for pipelines. By default a text cell that
    /// begins with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`, so that a spreadsheet
    /// shows it as text rather than running it as a formula.
    #[arg(long)]
    pub csv_raw: bool,
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
    /// Judge with static token vectors and rules instead of the sentence encoder.
    #[arg(long)]
    pub fast: bool,
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
    /// Remove the set directories (concord's own, with their done marker) of sets no longer
    /// in the inputs; without it they are listed as `stale` in index.csv.
    #[arg(long)]
    pub prune: bool,
    /// Process only the sets whose shard is I of N: CRC-32 (IEEE, as zlib's) of the set's
    /// name, as UTF-8, modulo N. N processes with I = 0..N-1 share one --out: each writes
    /// index.I-of-N.csv and errors.I-of-N.csv.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
    /// Print one status line per set on standard output (logs stay on standard error).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub status: Option<StatusFormat>,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    #[command(flatten)]
    pub run: RunArgs,
}

/// `--shard I/N`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// The shard of a set: CRC-32 of its name modulo N (any language's zlib computes it).
    pub fn of(name: &str, count: u32) -> u32 {
        crc32fast::hash(name.as_bytes()) % count
    }

    pub fn holds(&self, name: &str) -> bool {
        Shard::of(name, self.count) == self.index
    }
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    let (i, n) = text
        .split_once('/')
        .ok_or_else(|| format!("`{text}`: expected I/N, e.g. 0/4"))?;
    let index: u32 = i
        .trim()
        .parse()
        .map_err(|_| format!("`{i}`: not a shard number"))?;
    let count: u32 = n
        .trim()
        .parse()
        .map_err(|_| format!("`{n}`: not a shard count"))?;
    if count == 0 || index >= count {
        return Err(format!("`{text}`: I must be below N, and N at least 1"));
    }
    Ok(Shard { index, count })
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFormat {
    /// One JSON object per line: set, folder, status, run, articles, claims, seconds, errors,
    /// and error (the message, for a failed set).
    Jsonl,
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
