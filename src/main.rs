//! The `concord` command line: file IO, arguments, progress, output files and exit codes around
//! the parser, similarity and graph crates.
//!
//! Exit status: 0 when every input was processed (batch: every set done or skipped), 1 when
//! an input failed (it is named on stderr, and the others are still processed: a data problem,
//! do not retry), 2 for a usage error (clap), 75 for a temporary failure such as IO (an output
//! could not be written, another batch holds the output directory: retry).
mod atomic;
mod batch;
mod cli;
mod compare;
mod html;
mod input;
mod output;
mod pairs;

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use cli::{Cli, Command, Format, ListingArgs, RunArgs};
use input::Problem;

// mimalloc: the parser and the aligner allocate many small strings and lists per claim; with
// glibc's allocator, malloc and free were a fifth of the parser's time (ECB+ 43 -> 50 MB/s per
// core with mimalloc, `scripts/bench_parser.sh`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What a command reports back: whether every input was processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    AllProcessed,
    SomeFailed,
    /// A temporary failure (IO): a retry may succeed.
    Retry,
}

impl Outcome {
    fn from_problems(problems: &[Problem]) -> Self {
        if problems.is_empty() {
            Outcome::AllProcessed
        } else {
            Outcome::SomeFailed
        }
    }
}

/// EX_TEMPFAIL (sysexits.h): a temporary failure, such as IO; retry.
const EXIT_TEMPORARY: u8 = 75;

fn main() -> ExitCode {
    let cli = Cli::parse();
    atomic::install_signal_cleanup();
    match run(cli) {
        Ok(Outcome::AllProcessed) => ExitCode::SUCCESS,
        Ok(Outcome::SomeFailed) => ExitCode::from(1),
        Ok(Outcome::Retry) => ExitCode::from(EXIT_TEMPORARY),
        Err(e) => {
            // A closed pipe (`concord claims … | head`) is not an error worth a message.
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("concord: error: {e:#}");
            if batch::is_temporary(&e) {
                ExitCode::from(EXIT_TEMPORARY)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// Whether the error is a write to a closed pipe, however it was wrapped (the csv and JSON
/// writers carry the IO error inside their own error types).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(
                |ce| matches!(ce.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|je| je.io_error_kind() == Some(BrokenPipe))
    })
}

fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Compare(args) => {
            init_threads(args.run)?;
            run_compare(args)
        }
        Command::Claims(args) => {
            init_threads(args.run)?;
            run_listing(&args, Listing::Claims)
        }
        Command::Sentences(args) => {
            init_threads(args.run)?;
            run_listing(&args, Listing::Sentences)
        }
        Command::Pairs(args) => {
            init_threads(args.run)?;
            run_pairs(args)
        }
        Command::Batch(args) => {
            init_threads(args.run)?;
            Ok(match batch::run(&args)? {
                batch::BatchExit::AllDone => Outcome::AllProcessed,
                batch::BatchExit::DataProblems => Outcome::SomeFailed,
                batch::BatchExit::Temporary => Outcome::Retry,
            })
        }
    }
}

/// `--jobs N`: the size of rayon's global pool (every parallel step uses it); `--csv-raw`.
fn init_threads(run: RunArgs) -> Result<()> {
    output::set_csv_raw(run.csv_raw);
    if let Some(n) = run.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot start the worker threads")?;
    }
    Ok(())
}

fn report_problems(problems: &[Problem]) {
    for p in problems {
        eprintln!("concord: error: {p}");
    }
}

fn report_skipped(skipped: &[std::path::PathBuf], quiet: bool) {
    if quiet {
        return;
    }
    for s in skipped {
        eprintln!(
            "concord: note: {}: skipped, not an article format ({})",
            s.display(),
            input::ARTICLE_EXTENSIONS
        );
    }
}

fn report_notes(notes: &[String], quiet: bool) {
    if !quiet {
        for n in notes {
            eprintln!("concord: note: {n}");
        }
    }
}

/// The aligner of a run: the sentence encoder and the learned judge, or with `--fast` the
/// static-vector score and the rules.
pub(crate) fn aligner(fast: bool) -> Result<concord_similarity::Aligner> {
    use concord_similarity::{Aligner, Config, Encoder};
    if fast {
        return Ok(Aligner::new(Config::default()));
    }
    let encoder = Encoder::embedded().context("cannot load the built-in sentence encoder")?;
    Ok(Aligner::with_encoder(Config::default(), encoder))
}

fn run_compare(args: cli::CompareArgs) -> Result<Outcome> {
    // Before the work: an --out that concord may not replace is an error now, not at the end.
    let staged = compare::Staged::begin(&args.out)?;
    let mut loaded = input::load(&args.inputs);
    report_skipped(&loaded.skipped, args.run.quiet);
    report_problems(&loaded.problems);
    report_notes(&input::dedupe_ids(&mut loaded.articles), args.run.quiet);

    let aligner = aligner(args.pipeline.fast)?;
    let outcome = staged.commit(&loaded.articles, &loaded.problems, &aligner, &args.pipeline)?;
    if let Some(warning) = &outcome.svg_warning {
        eprintln!("concord: warning: {warning}");
    }
    if let (Some(note), false) = (&outcome.svg_note, args.run.quiet) {
        eprintln!("concord: note: {note}");
    }
    if !args.run.quiet {
        let failed = match loaded.problems.len() {
            0 => String::new(),
            1 => ", 1 input failed (see errors.csv)".to_string(),
            n => format!(", {n} inputs failed (see errors.csv)"),
        };
        eprintln!(
            "concord: {}{failed} → {}",
            compare::summary_line(&outcome.summary),
            args.out.display()
        );
        eprintln!(
            "concord: open {} in a browser",
            args.out.join("report.html").display()
        );
    }
    let sets: std::collections::BTreeSet<&str> = loaded
        .articles
        .iter()
        .filter_map(|a| a.meta.set.as_deref())
        .collect();
    if sets.len() > 1 && !args.run.quiet {
        eprintln!(
            "concord: note: the inputs name {} sets (JSONL `set` field) and were compared as one; \
             `concord batch` compares each set on its own",
            sets.len()
        );
    }
    if loaded.articles.len() == 1 && !args.run.quiet {
        eprintln!("concord: note: only one article: nothing to compare it with");
    }
    Ok(Outcome::from_problems(&loaded.problems))
}

#[derive(Clone, Copy)]
enum Listing {
    Claims,
    Sentences,
}

/// `claims` and `sentences`: analyse every input and print one table.
fn run_listing(args: &ListingArgs, listing: Listing) -> Result<Outcome> {
    let (format, output, run) = (args.format, args.output.as_deref(), args.run);
    let mut loaded = input::load(&args.inputs);
    report_skipped(&loaded.skipped, run.quiet);
    report_problems(&loaded.problems);
    report_notes(&input::dedupe_ids(&mut loaded.articles), run.quiet);

    let writer: Box<dyn Write> = match output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let writer = BufWriter::new(writer);
    match listing {
        Listing::Claims => {
            let mut sink = match format {
                Format::Csv => output::ClaimSink::csv(writer)?,
                Format::Jsonl => output::ClaimSink::jsonl(writer),
            };
            for a in &loaded.articles {
                sink.write_article(a)?;
            }
            sink.finish()?;
        }
        Listing::Sentences => {
            let mut sink = match format {
                Format::Csv => output::SentenceSink::csv(writer)?,
                Format::Jsonl => output::SentenceSink::jsonl(writer),
            };
            for a in &loaded.articles {
                sink.write_article(a)?;
            }
            sink.finish()?;
        }
    }
    Ok(Outcome::from_problems(&loaded.problems))
}

fn run_pairs(args: cli::PairsArgs) -> Result<Outcome> {
    let origin = args.file.display().to_string();
    let reader: Box<dyn std::io::BufRead> = if args.file.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(&args.file)
            .map_err(|e| anyhow::anyhow!("{}", input::io_problem(&origin, &e)))?;
        Box::new(std::io::BufReader::new(f))
    };
    let writer: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut writer = BufWriter::new(writer);
    let aligner = aligner(args.fast)?;
    let problems = pairs::run(&origin, reader, &args.cols, &aligner, &mut writer)?;
    writer.flush()?;
    report_problems(&problems);
    Ok(Outcome::from_problems(&problems))
}
