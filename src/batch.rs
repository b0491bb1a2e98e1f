//! `concord batch`: compare every new or changed set, at scale.
//!
//! - Sets: each subdirectory of an input directory, or the articles of JSONL files grouped by
//!   their `set` field (the file's stem when a line has none).
//! - Streaming: a first pass over the JSONL files keeps only the byte offsets of each set's lines
//!   and a running content hash; a set's articles are read when it is processed, so memory is
//!   bounded by the sets in flight, not by the batch.
//! - Incremental: `DIR/<set>/.concord-done` holds the hash of the set's inputs, the options and
//!   the concord version; an unchanged set is skipped (`--force` redoes all).
//! - Atomic and safe: a set is written into `DIR/<set>.tmp-<pid>` (marked as concord's from its
//!   creation), its done marker last, then the directory is renamed into place. Only
//!   directories concord wrote are replaced or removed ([`atomic`]): a foreign directory in a
//!   set's way is an error for that set. Leftovers of an interrupted run are removed at start.
//! - Stale sets: a set directory of an earlier run whose set is no longer in the inputs is
//!   listed in index.csv as `stale` (`--prune` removes it).
//! - Parallel: rayon across sets (largest first) and within a set; outputs do not depend on
//!   the thread count.
use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::{Context, Result};
use concord_similarity::Aligner;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::atomic::{self, DONE_MARKER};
use crate::cli::{BatchArgs, PipelineArgs, Shard};
use crate::compare;
use crate::input;
use crate::output;

mod plan;
use plan::{read_members, JsonlFile, Planner, SetPlan};

const TMP_TAG: &str = ".tmp-";
/// Held (advisory lock) by the batch writing to an output directory.
const LOCK_FILE: &str = ".concord-lock";
const OLD_TAG: &str = ".old-";

/// index.csv: one row per set. `set` is the set's name as the input gives it, `folder` its
/// directory under `--out`. `status` is the set's outcome (ok, errors, single-article,
/// no-articles, failed, stale), `run` says whether this run computed it (`processed`), found it
/// unchanged (`unchanged`), or found its directory without its input (`stale`); `seconds` and
/// `run` vary between runs, every other column does not.
pub const INDEX_COLUMNS: [&str; 10] = [
    "set",
    "folder",
    "articles",
    "claims",
    "clusters",
    "contested",
    "status",
    "errors",
    "seconds",
    "run",
];

/// `DIR/<set>/manifest.json` (the same bytes in `.concord-done`, written last): what the set's
/// outputs were computed from and what they hold. A rerun skips a set whose manifest matches:
/// same input content, concord version, options and model. Deterministic: no times.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct Manifest {
    /// The set's name as the input gives it.
    set: String,
    /// Its directory under `--out`.
    folder: String,
    /// XXH3-128 of the set's inputs: each article file's path and content, each JSONL line's
    /// file name, line number and bytes.
    input_hash: String,
    concord_version: String,
    /// The options that change the outputs.
    options: String,
    /// The similarity engine's fingerprint.
    model: String,
    articles: usize,
    claims: usize,
    clusters: usize,
    contested: usize,
    errors: usize,
    status: String,
}

/// The file of a set's directory that [`Manifest`] is written to.
pub const MANIFEST: &str = "manifest.json";

/// One row of index.csv.
#[derive(Debug, Clone)]
struct IndexRow {
    set: String,
    folder: String,
    articles: usize,
    claims: usize,
    clusters: usize,
    contested: usize,
    status: String,
    errors: usize,
    seconds: f64,
    run: &'static str,
    /// Why the set failed.
    error: Option<String>,
}

/// The options that change a set's outputs (in its manifest).
fn options_key(options: &PipelineArgs) -> String {
    format!(
        "graph={} min_sources={} svg={} csv_raw={} all_pairs={} fast={}",
        options.graph.as_str(),
        options.min_sources,
        options.svg,
        output::csv_raw(),
        options.all_pairs,
        options.fast
    )
}

/// The similarity engine's fingerprint: its crate version and a hash of its configuration.
fn model_key(aligner: &Aligner) -> String {
    format!(
        "concord-similarity {} {} config {:016x}",
        env!("CARGO_PKG_VERSION"),
        aligner.fingerprint(),
        xxhash_rust::xxh3::xxh3_64(format!("{:?}", aligner.config()).as_bytes())
    )
}

fn read_marker(dir: &Path) -> Option<Manifest> {
    let text = std::fs::read_to_string(dir.join(DONE_MARKER)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Remove what an interrupted run left: `<set>.tmp-<pid>` directories marked as concord's
/// temporary ones, `<set>.old-<pid>` directories of finished sets set aside (put back when the
/// set's directory is missing), and `.index.csv.tmp-<pid>` / `.errors.csv.tmp-<pid>` files.
/// Anything else, whatever its name, is not touched.
fn clean_leftovers(out: &Path, shard: Option<Shard>) -> Result<usize> {
    // Another shard's batch may be writing to the same directory: only this shard's sets.
    let ours = |set: &str| shard.is_none_or(|s| s.holds(set));
    let mut removed = 0;
    for entry in std::fs::read_dir(out).with_context(|| format!("cannot read {}", out.display()))? {
        let entry = entry.with_context(|| format!("cannot read {}", out.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_symlink() {
            continue;
        }
        if atomic::tagged_name(&name, TMP_TAG).is_some()
            && atomic::is_concord_dir(&path)
            && ours(&std::fs::read_to_string(path.join(atomic::TMP_MARKER)).unwrap_or_default())
        {
            std::fs::remove_dir_all(&path)
                .with_context(|| format!("cannot remove stale {}", path.display()))?;
            removed += 1;
        } else if let Some(set) = atomic::tagged_name(&name, OLD_TAG) {
            if path.join(DONE_MARKER).is_file() && read_marker(&path).is_none_or(|m| ours(&m.set)) {
                atomic::restore_aside(&out.join(set), &path);
                if path.exists() {
                    std::fs::remove_dir_all(&path)
                        .with_context(|| format!("cannot remove stale {}", path.display()))?;
                }
                removed += 1;
            }
        } else if atomic::tagged_name(&name, TMP_TAG).is_some_and(|base| {
            base == format!(".{}", BatchFiles::new(shard).index)
                || base == format!(".{}", BatchFiles::new(shard).errors)
        }) && path.is_file()
        {
            // A half-written index.csv or errors.csv (see `write_atomically`).
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove stale {}", path.display()))?;
        }
    }
    Ok(removed)
}

/// The batch's own files in `--out`: one set per shard, so that N shards share a directory.
struct BatchFiles {
    lock: String,
    index: String,
    errors: String,
}

impl BatchFiles {
    fn new(shard: Option<Shard>) -> Self {
        match shard {
            None => BatchFiles {
                lock: LOCK_FILE.to_string(),
                index: "index.csv".to_string(),
                errors: "errors.csv".to_string(),
            },
            Some(Shard { index, count }) => BatchFiles {
                lock: format!("{LOCK_FILE}.{index}-of-{count}"),
                index: format!("index.{index}-of-{count}.csv"),
                errors: format!("errors.{index}-of-{count}.csv"),
            },
        }
    }
}

/// Whether the batch may write its index and errors files: they are new, or `DIR` was a
/// batch's output directory before (it holds a `.concord-lock` file).
fn check_out_dir(out: &Path, files: &BatchFiles) -> Result<()> {
    let locked_before = std::fs::read_dir(out)
        .with_context(|| format!("cannot read {}", out.display()))?
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().starts_with(LOCK_FILE));
    if locked_before {
        return Ok(());
    }
    for f in [&files.index, &files.errors] {
        let path = out.join(f);
        if path.exists() || path.is_symlink() {
            anyhow::bail!(
                "{} exists and was not written by concord batch (no {LOCK_FILE} in {}); \
                 not overwritten: choose another --out",
                path.display(),
                out.display()
            );
        }
    }
    Ok(())
}

fn set_status(articles: usize, errors: usize) -> &'static str {
    match (articles, errors) {
        (0, _) => "no-articles",
        (1, 0) => "single-article",
        (_, 0) => "ok",
        _ => "errors",
    }
}

/// Process one set: skip it if unchanged, else write it atomically.
fn process_set(plan: &SetPlan, hash: &str, ctx: &SetContext<'_>) -> Result<IndexRow> {
    let started = Instant::now();
    let final_dir = ctx.out.join(&plan.name);
    if final_dir.exists() || final_dir.is_symlink() {
        if let Err(why) = atomic::replaceable(&final_dir, &compare::OWN_FILES) {
            SetProgress::new(&ctx.progress, plan.members.len()).finish();
            anyhow::bail!("{why}");
        }
    }
    if !ctx.force {
        if let Some(marker) = read_marker(&final_dir) {
            // A finished set whose files were since deleted by hand is redone.
            let complete = compare::SET_FILES
                .iter()
                .chain([&MANIFEST])
                .all(|f| final_dir.join(f).is_file());
            let same = marker.input_hash == hash
                && marker.concord_version == env!("CARGO_PKG_VERSION")
                && marker.options == ctx.options_key
                && marker.model == ctx.model_key;
            if same && complete {
                SetProgress::new(&ctx.progress, plan.members.len()).finish();
                return Ok(IndexRow {
                    set: plan.raw.clone(),
                    folder: plan.name.clone(),
                    articles: marker.articles,
                    claims: marker.claims,
                    clusters: marker.clusters,
                    contested: marker.contested,
                    status: marker.status,
                    errors: marker.errors,
                    seconds: started.elapsed().as_secs_f64(),
                    run: "unchanged",
                    error: None,
                });
            }
        }
    }

    let progress = SetProgress::new(&ctx.progress, plan.members.len());
    let (units, mut problems) = read_members(plan, ctx.jsonl_files);
    let (mut articles, more) = input::analyze_units_with(&units, || progress.tick());
    drop(units);
    problems.extend(plan.problems.iter().cloned());
    problems.extend(more);
    input::sort_problems(&mut problems);
    let renamed = input::dedupe_ids(&mut articles);

    let tmp = ctx
        .out
        .join(format!("{}{TMP_TAG}{}", plan.name, std::process::id()));
    atomic::create_temp_dir(&tmp, &plan.raw)?;
    let outcome = match compare::write_set(
        &tmp,
        &articles,
        &problems,
        ctx.aligner,
        ctx.options,
        compare::Sync::Caller,
    ) {
        Ok(o) => o,
        Err(e) => {
            // A full disk must not stay full: the set's partial files go.
            atomic::discard_temp_dir(&tmp);
            return Err(e);
        }
    };
    let status = set_status(articles.len(), problems.len());
    let marker = Manifest {
        set: plan.raw.clone(),
        folder: plan.name.clone(),
        input_hash: hash.to_string(),
        concord_version: env!("CARGO_PKG_VERSION").to_string(),
        options: ctx.options_key.clone(),
        model: ctx.model_key.clone(),
        articles: outcome.summary.articles,
        claims: outcome.summary.claims,
        clusters: outcome.summary.clusters,
        contested: outcome.summary.contested,
        errors: problems.len(),
        status: status.to_string(),
    };
    // Syncing the files, the marker (written last: a directory with a marker is complete) and
    // the rename into place are the commit thread's work: waiting for the disk would hold up
    // this core, and the next set needs only the CPU.
    ctx.commits
        .send(Commit {
            set: plan.name.clone(),
            tmp,
            final_dir,
            marker,
        })
        .map_err(|_| anyhow::anyhow!("the commit thread has stopped"))?;

    // Errors are printed even with --quiet; `suspend` keeps them off the progress bar's line.
    ctx.progress.suspend(|| {
        for p in &problems {
            eprintln!("concord: error: [{}] {p}", plan.name);
        }
        if let Some(warning) = &outcome.svg_warning {
            eprintln!("concord: warning: [{}] {warning}", plan.name);
        }
        if !ctx.quiet {
            if let Some(note) = &outcome.svg_note {
                eprintln!("concord: note: [{}] {note}", plan.name);
            }
            for note in &renamed {
                eprintln!("concord: note: [{}] {note}", plan.name);
            }
        }
        if articles.len() == 1 && !ctx.quiet {
            eprintln!(
                "concord: note: [{}] a single article ({}): nothing to compare it with",
                plan.name, articles[0].meta.origin
            );
        }
    });
    progress.finish();
    Ok(IndexRow {
        set: plan.raw.clone(),
        folder: plan.name.clone(),
        articles: outcome.summary.articles,
        claims: outcome.summary.claims,
        clusters: outcome.summary.clusters,
        contested: outcome.summary.contested,
        status: status.to_string(),
        errors: problems.len(),
        seconds: started.elapsed().as_secs_f64(),
        run: "processed",
        error: None,
    })
}

/// A set written to its temporary directory, to be made durable and moved into place.
struct Commit {
    set: String,
    tmp: PathBuf,
    final_dir: PathBuf,
    marker: Manifest,
}

/// Sync a set's files, write and sync its done marker, then move the directory into place
/// (an earlier version of the set aside first, removed after). In that order, a crash at any
/// point leaves either the old set or a complete new one under the set's name.
fn commit(c: &Commit) -> Result<()> {
    let Commit {
        tmp,
        final_dir,
        marker,
        ..
    } = c;
    let mut body = serde_json::to_vec_pretty(marker)?;
    body.push(b'\n');
    let manifest = tmp.join(MANIFEST);
    std::fs::write(&manifest, &body)
        .with_context(|| format!("cannot write {}", manifest.display()))?;
    atomic::seal(tmp, &body)?;
    let name = final_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let old = final_dir.with_file_name(format!("{name}{OLD_TAG}{}", std::process::id()));
    atomic::swap_into_place(tmp, final_dir, &old)
}

/// One set's share of the batch progress bar (counted in articles): the bar moves as each
/// article is analysed, not only when a whole set is done, and never by more than the set's
/// share (a file holding several articles counts once in the total).
struct SetProgress<'a> {
    bar: &'a indicatif::ProgressBar,
    share: u64,
    ticked: std::sync::atomic::AtomicU64,
}

impl<'a> SetProgress<'a> {
    fn new(bar: &'a indicatif::ProgressBar, members: usize) -> Self {
        SetProgress {
            bar,
            share: members as u64,
            ticked: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// One more article analysed.
    fn tick(&self) {
        if self.ticked.fetch_add(1, Ordering::Relaxed) < self.share {
            self.bar.inc(1);
        }
    }

    /// The set is done: the rest of its share.
    fn finish(self) {
        let ticked = self.ticked.load(Ordering::Relaxed).min(self.share);
        self.bar.inc(self.share - ticked);
    }
}

/// What every set's processing needs.
struct SetContext<'a> {
    out: &'a Path,
    jsonl_files: &'a [JsonlFile],
    aligner: &'a Aligner,
    options: &'a PipelineArgs,
    options_key: String,
    model_key: String,
    force: bool,
    quiet: bool,
    progress: indicatif::ProgressBar,
    /// To the commit thread ([`commit`]).
    commits: std::sync::mpsc::Sender<Commit>,
}

fn progress_bar(total: u64, quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} articles ({rate}, ETA {eta}) {msg}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
    .with_key(
        "rate",
        |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0}/s", state.per_sec());
        },
    )
    .progress_chars("=> ");
    bar.set_style(style);
    bar
}

/// The figures of a batch run, for the closing summary.
#[derive(Debug, Default)]
pub struct BatchReport {
    pub sets: usize,
    pub processed: usize,
    pub unchanged: usize,
    pub articles: usize,
    pub claims: usize,
    pub failed_inputs: usize,
}

/// A failure that a retry may cure (IO, another batch holding the lock): exit status 75.
#[derive(Debug)]
pub struct Temporary(pub String);

impl std::fmt::Display for Temporary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Temporary {}

/// Whether an error is worth a retry: an IO error somewhere in its chain, or [`Temporary`].
pub fn is_temporary(e: &anyhow::Error) -> bool {
    e.chain()
        .any(|c| c.is::<std::io::Error>() || c.is::<Temporary>())
}

/// How a batch ended, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchExit {
    /// Every set done or skipped, every input read (0).
    AllDone,
    /// Some inputs are bad, or a set cannot be written for a reason a retry will not cure
    /// (1: a data problem, do not retry).
    DataProblems,
    /// A set failed on IO (75: retry).
    Temporary,
}

/// One `--status jsonl` line.
#[derive(Serialize)]
struct StatusLine<'a> {
    set: &'a str,
    folder: &'a str,
    status: &'a str,
    run: &'a str,
    articles: usize,
    claims: usize,
    seconds: f64,
    errors: usize,
    error: Option<&'a str>,
}

/// Run a batch.
pub fn run(args: &BatchArgs) -> Result<BatchExit> {
    let started = Instant::now();
    let mut planner = Planner::default();
    for input in &args.inputs {
        planner.add_input(input);
    }
    if !args.run.quiet {
        for n in &planner.notes {
            eprintln!("concord: note: {n}");
        }
    }
    for p in &planner.problems {
        eprintln!("concord: error: {p}");
    }

    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create output directory {}", args.out.display()))?;
    let files = BatchFiles::new(args.shard);
    check_out_dir(&args.out, &files)?;
    // One batch at a time per output directory (per shard): a second one would remove the
    // first one's temporary set directories. The lock is released by the OS when the process
    // ends, killed or not.
    let lock_path = args.out.join(&files.lock);
    let lock = File::create(&lock_path)
        .with_context(|| format!("cannot create {}", lock_path.display()))?;
    let locked = fs4::fs_std::FileExt::try_lock_exclusive(&lock)
        .with_context(|| format!("cannot lock {}", lock_path.display()))?;
    if !locked {
        return Err(Temporary(format!(
            "another `concord batch` is writing to {}; wait for it to finish",
            args.out.display()
        ))
        .into());
    }
    let stale = clean_leftovers(&args.out, args.shard)?;
    if stale > 0 && !args.run.quiet {
        eprintln!(
            "concord: note: removed {stale} unfinished set directories of an interrupted run"
        );
    }

    let mut plans: Vec<(SetPlan, String)> = planner
        .sets
        .into_values()
        .filter(|plan| args.shard.is_none_or(|s| s.holds(&plan.raw)))
        .map(|plan| {
            let hash = format!("{:032x}", plan.hasher.digest128());
            (plan, hash)
        })
        .collect();
    // Largest sets first: the long ones start early and the small ones fill the gaps.
    plans.sort_by(|(a, _), (b, _)| {
        (b.bytes, b.members.len())
            .cmp(&(a.bytes, a.members.len()))
            .then(a.name.cmp(&b.name))
    });

    let total: u64 = plans.iter().map(|(p, _)| p.members.len() as u64).sum();
    let progress = progress_bar(total, args.run.quiet);
    let aligner = crate::aligner(args.pipeline.fast)?;
    let (commits, to_commit) = std::sync::mpsc::channel::<Commit>();
    // Disk waits, not CPU work: one thread beside rayon's pool.
    let committer = std::thread::spawn(move || {
        to_commit
            .into_iter()
            .map(|c| {
                let r = commit(&c);
                if r.is_err() {
                    // Leave no half-committed directory for the next run to trip on.
                    atomic::discard_temp_dir(&c.tmp);
                }
                (c.set, r)
            })
            .collect::<Vec<_>>()
    });
    let ctx = SetContext {
        out: &args.out,
        jsonl_files: &planner.jsonl_files,
        aligner: &aligner,
        options: &args.pipeline,
        options_key: options_key(&args.pipeline),
        model_key: model_key(&aligner),
        force: args.force,
        quiet: args.run.quiet,
        progress: progress.clone(),
        commits,
    };
    let done = AtomicUsize::new(0);
    let n_sets = plans.len();
    // The sets being worked on, shown next to the bar: after its articles are analysed, a large
    // set takes a while to compare and write, and the bar does not move meanwhile.
    let in_flight = std::sync::Mutex::new(std::collections::BTreeSet::<String>::new());
    let show = |d: usize, in_flight: &std::collections::BTreeSet<String>| {
        let mut names: Vec<&str> = in_flight.iter().map(String::as_str).take(3).collect();
        if in_flight.len() > 3 {
            names.push("…");
        }
        format!("sets {d}/{n_sets} · {}", names.join(", "))
    };
    progress.set_message(format!("sets 0/{n_sets}"));
    // Each idle thread takes the next set in that order (`par_bridge`): `par_iter` would split
    // the list in halves, one thread starting on the large sets and the other on the small
    // ones, leaving large sets for the end. Results are put back in the plans' order.
    let mut results: Vec<(usize, String, Result<IndexRow>)> = plans
        .iter()
        .enumerate()
        .par_bridge()
        .map(|(k, (plan, hash))| {
            if let Ok(mut f) = in_flight.lock() {
                f.insert(plan.name.clone());
                ctx.progress
                    .set_message(show(done.load(Ordering::Relaxed), &f));
            }
            let r = process_set(plan, hash, &ctx);
            let d = done.fetch_add(1, Ordering::Relaxed) + 1;
            if let Ok(mut f) = in_flight.lock() {
                f.remove(&plan.name);
                ctx.progress.set_message(show(d, &f));
            }
            (k, plan.name.clone(), r)
        })
        .collect();
    results.sort_unstable_by_key(|(k, _, _)| *k);
    let raw_names: BTreeMap<String, String> = plans
        .iter()
        .map(|(p, _)| (p.name.clone(), p.raw.clone()))
        .collect();
    drop(ctx);
    let failed_commits: BTreeMap<String, anyhow::Error> = committer
        .join()
        .map_err(|_| anyhow::anyhow!("the commit thread panicked"))?
        .into_iter()
        .filter_map(|(set, r)| Some((set, r.err()?)))
        .collect();
    progress.finish_and_clear();
    let mut failed_commits = failed_commits;
    let results: Vec<(String, Result<IndexRow>)> = results
        .into_iter()
        .map(|(_, name, r)| match failed_commits.remove(&name) {
            Some(e) => (name, Err(e)),
            None => (name, r),
        })
        .collect();

    let mut rows = Vec::new();
    let (mut fatal, mut temporary) = (0, 0);
    for (name, r) in results {
        match r {
            Ok(row) => rows.push(row),
            Err(e) => {
                fatal += 1;
                temporary += usize::from(is_temporary(&e));
                eprintln!("concord: error: set {name}: {e:#}");
                rows.push(IndexRow {
                    set: raw_names
                        .get(&name)
                        .cloned()
                        .unwrap_or_else(|| name.clone()),
                    folder: name,
                    articles: 0,
                    claims: 0,
                    clusters: 0,
                    contested: 0,
                    status: "failed".to_string(),
                    errors: 1,
                    seconds: 0.0,
                    run: "processed",
                    error: Some(format!("{e:#}")),
                });
            }
        }
    }
    let (stale, pruned) = stale_sets(&args.out, &raw_names, args.prune, args.shard)?;
    if !args.run.quiet {
        for folder in &pruned {
            eprintln!(
                "concord: note: removed {} (--prune: its set is no longer in the inputs)",
                args.out.join(folder).display()
            );
        }
        if !stale.is_empty() {
            eprintln!(
                "concord: note: {} set directories have no input any more (status `stale` in \
                 index.csv; --prune removes them)",
                stale.len()
            );
        }
    }
    rows.extend(stale);
    rows.sort_by(|a, b| (&a.set, &a.folder).cmp(&(&b.set, &b.folder)));
    write_index(&args.out, &files.index, &rows)?;
    let mut batch_problems = planner.problems.clone();
    input::sort_problems(&mut batch_problems);
    write_atomically(&args.out, &files.errors, |w| {
        output::write_errors(w, &batch_problems)
    })?;

    let report = BatchReport {
        sets: rows.len(),
        processed: rows.iter().filter(|r| r.run == "processed").count(),
        unchanged: rows.iter().filter(|r| r.run == "unchanged").count(),
        articles: rows.iter().map(|r| r.articles).sum(),
        claims: rows.iter().map(|r| r.claims).sum(),
        failed_inputs: rows.iter().map(|r| r.errors).sum::<usize>() + batch_problems.len(),
    };
    if !args.run.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "concord: {} sets ({} processed, {} unchanged), {} articles, {} claims, {} failed inputs, {:.1} s → {}",
            report.sets,
            report.processed,
            report.unchanged,
            report.articles,
            report.claims,
            report.failed_inputs,
            secs,
            args.out.display()
        );
    }
    if args.status.is_some() {
        // After index.csv: a scheduler reading the lines finds the files in place.
        let mut stdout = std::io::stdout().lock();
        for r in &rows {
            let line = StatusLine {
                set: &r.set,
                folder: &r.folder,
                status: &r.status,
                run: r.run,
                articles: r.articles,
                claims: r.claims,
                seconds: (r.seconds * 1000.0).round() / 1000.0,
                errors: r.errors,
                error: r.error.as_deref(),
            };
            serde_json::to_writer(&mut stdout, &line)?;
            stdout.write_all(b"\n")?;
        }
        stdout.flush()?;
    }
    drop(lock);
    Ok(if temporary > 0 {
        BatchExit::Temporary
    } else if report.failed_inputs == 0 && fatal == 0 {
        BatchExit::AllDone
    } else {
        BatchExit::DataProblems
    })
}

fn write_index(out: &Path, name: &str, rows: &[IndexRow]) -> Result<()> {
    write_atomically(out, name, |w| {
        let mut c = output::csv_writer(w);
        c.write_record(INDEX_COLUMNS)?;
        for r in rows {
            c.write_record([
                &*output::cell(&r.set),
                &output::cell(&r.folder),
                &r.articles.to_string(),
                &r.claims.to_string(),
                &r.clusters.to_string(),
                &r.contested.to_string(),
                &r.status,
                &r.errors.to_string(),
                &format!("{:.3}", r.seconds),
                r.run,
            ])?;
        }
        c.flush()?;
        Ok(())
    })
}

/// The set directories under `out` that concord finished in an earlier run and whose set is
/// not among this run's (`planned`: folder → name): one `stale` row each, or removed with
/// `prune` (returned apart). Only directories with a done marker are considered.
fn stale_sets(
    out: &Path,
    planned: &BTreeMap<String, String>,
    prune: bool,
    shard: Option<Shard>,
) -> Result<(Vec<IndexRow>, Vec<String>)> {
    let mut stale = Vec::new();
    let mut pruned = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(out)
        .with_context(|| format!("cannot read {}", out.display()))?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let folder = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if planned.contains_key(&folder) || path.is_symlink() || !path.is_dir() {
            continue;
        }
        let Some(marker) = read_marker(&path) else {
            continue;
        };
        let set = if marker.set.is_empty() {
            folder.clone()
        } else {
            marker.set.clone()
        };
        if shard.is_some_and(|s| !s.holds(&set)) {
            continue; // another shard's
        }
        if prune {
            std::fs::remove_dir_all(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
            pruned.push(folder);
            continue;
        }
        stale.push(IndexRow {
            set,
            folder,
            articles: marker.articles,
            claims: marker.claims,
            clusters: marker.clusters,
            contested: marker.contested,
            status: "stale".to_string(),
            errors: marker.errors,
            seconds: 0.0,
            run: "stale",
            error: None,
        });
    }
    Ok((stale, pruned))
}

/// Write `out/name` through a temporary file and a rename.
fn write_atomically(
    out: &Path,
    name: &str,
    write: impl FnOnce(&mut std::io::BufWriter<File>) -> Result<()>,
) -> Result<()> {
    let tmp = out.join(format!(".{name}{TMP_TAG}{}", std::process::id()));
    let f = File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
    let mut w = std::io::BufWriter::new(f);
    let written = write(&mut w)
        .and_then(|()| w.flush().map_err(anyhow::Error::from))
        .with_context(|| format!("cannot write {}", tmp.display()));
    drop(w);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, out.join(name))
        .with_context(|| format!("cannot write {}", out.join(name).display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Unit;

    #[test]
    fn a_sets_progress_moves_per_article_within_its_share() {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_length(10);
        let set = SetProgress::new(&bar, 4);
        set.tick();
        set.tick();
        assert_eq!(bar.position(), 2);
        // A JSON array file: more articles than members; the bar stays within the share.
        for _ in 0..5 {
            set.tick();
        }
        assert_eq!(bar.position(), 4);
        set.finish();
        assert_eq!(bar.position(), 4);
        let skipped = SetProgress::new(&bar, 3);
        skipped.finish();
        assert_eq!(bar.position(), 7);
        let units: Vec<Unit> = (0..5)
            .map(|i| Unit::Line {
                origin: "f.jsonl".to_string(),
                line: i + 1,
                bytes: format!(r#"{{"id": "a{i}", "text": "A storm hit."}}"#).into_bytes(),
            })
            .collect();
        let set = SetProgress::new(&bar, 3);
        let (articles, _) = input::analyze_units_with(&units[..3], || set.tick());
        assert_eq!((articles.len(), bar.position()), (3, 10));
    }
}
