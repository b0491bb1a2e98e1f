//! `concord batch`: sets from directories and JSONL, faults per set, incremental reruns, atomic
//! outputs that survive an interrupted run, determinism across thread counts.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{concord, root};

/// The outputs of every set under a batch output directory: set → file → bytes.
type Tree = BTreeMap<String, BTreeMap<String, Vec<u8>>>;

fn copy_into(files: &[PathBuf], dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for f in files {
        std::fs::copy(f, dir.join(f.file_name().unwrap())).unwrap();
    }
}

fn cli_data(name: &str) -> PathBuf {
    root().join("tests/data/cli").join(name)
}

/// A sets directory with every kind of set: good ones, a single article, a set with bad files,
/// a set with no articles, and a JSONL file of sets with a malformed line.
fn make_sets(base: &Path) -> PathBuf {
    let sets = base.join("sets");
    let storm: Vec<PathBuf> = std::fs::read_dir(cli_data("set"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    copy_into(&storm, &sets.join("storm"));
    let seeds: Vec<PathBuf> = std::fs::read_dir(root().join("data/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    copy_into(&seeds, &sets.join("lavrov talks"));
    copy_into(&[cli_data("set/reuters.txt")], &sets.join("single"));
    copy_into(
        &[
            cli_data("set/ap.md"),
            cli_data("set/reuters.txt"),
            cli_data("empty.txt"),
            cli_data("binary.txt"),
        ],
        &sets.join("broken"),
    );
    copy_into(&[cli_data("notes.csv")], &sets.join("nothing"));
    let jsonl = [
        r#"{"id": "f1", "source": "daily", "set": "feed", "text": "A storm hit Port Ellis on Tuesday and killed 12 people, officials said."}"#,
        r#"{"id": "f2", "source": "herald", "set": "feed", "text": "Officials said the storm killed 15 people in Port Ellis on Tuesday."}"#,
        r#"{"id": "f3", "source": "tribune", "set": "feed", "text": "Mayor Ana Ruiz said over 90 people were injured."}"#,
        r#"{"id": "f4", "source": "post", "set": "feed", "text": ""}"#,
        r#"{"id": "loose", "source": "post", "text": "A storm hit Port Ellis."}"#,
        r#"{"id": "f5", "set": "feed", "text": "truncated"#,
    ];
    std::fs::write(sets.join("extra.jsonl"), jsonl.join("\n") + "\n").unwrap();
    sets
}

fn batch(args: &[&str]) -> Output {
    concord()
        .arg("batch")
        .args(args)
        .current_dir(root())
        .output()
        .expect("run concord batch")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn read_tree(out: &Path) -> Tree {
    let mut tree = Tree::new();
    for e in std::fs::read_dir(out).unwrap() {
        let e = e.unwrap();
        if !e.path().is_dir() {
            continue;
        }
        let mut files = BTreeMap::new();
        for f in std::fs::read_dir(e.path()).unwrap() {
            let f = f.unwrap();
            files.insert(
                f.file_name().to_string_lossy().into_owned(),
                std::fs::read(f.path()).unwrap(),
            );
        }
        tree.insert(e.file_name().to_string_lossy().into_owned(), files);
    }
    tree
}

/// index.csv as set folder → row (column name → value).
fn read_index(out: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(out.join("index.csv")).unwrap();
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        headers,
        [
            "set",
            "folder",
            "articles",
            "claims",
            "clusters",
            "contested",
            "status",
            "errors",
            "seconds",
            "run"
        ]
    );
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let row: BTreeMap<String, String> = headers
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect();
            (row["folder"].clone(), row)
        })
        .collect()
}

/// index.csv without the columns that depend on the run (seconds, run).
fn stable_index(out: &Path) -> Vec<Vec<String>> {
    read_index(out)
        .into_values()
        .map(|row| {
            row.into_iter()
                .filter(|(k, _)| k != "seconds" && k != "run")
                .map(|(_, v)| v)
                .collect()
        })
        .collect()
}

#[test]
fn batch_reports_every_set_and_every_fault() {
    let tmp = tempfile::tempdir().unwrap();
    let sets = make_sets(tmp.path());
    let out = tmp.path().join("out");
    let o = batch(&[sets.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // stderr is a pipe here, not a terminal: no progress bar.
    assert!(
        !err.contains('\r') && !err.contains('\u{1b}') && !err.contains(", ETA "),
        "{err}"
    );

    let index = read_index(&out);
    // (set, status, articles, errors)
    let expected = [
        ("broken", "errors", "2", "2"),
        ("extra", "single-article", "1", "0"),
        ("feed", "errors", "3", "1"),
        ("lavrov_talks", "ok", "2", "0"),
        ("nothing", "no-articles", "0", "1"),
        ("single", "single-article", "1", "0"),
        ("storm", "ok", "4", "0"),
    ];
    assert_eq!(
        index.keys().map(String::as_str).collect::<Vec<_>>(),
        expected.iter().map(|e| e.0).collect::<Vec<_>>()
    );
    for (set, status, articles, errors) in expected {
        let row = &index[set];
        assert_eq!(row["status"], status, "{set}: {row:?}");
        assert_eq!(row["articles"], articles, "{set}: {row:?}");
        assert_eq!(row["errors"], errors, "{set}: {row:?}");
        assert_eq!(row["run"], "processed");
        for f in [
            "claims.csv",
            "matches.csv",
            "graph.dot",
            "report.md",
            "report.html",
            "errors.csv",
            ".concord-done",
        ] {
            assert!(out.join(set).join(f).is_file(), "{set}/{f}");
        }
    }
    let broken = std::fs::read_to_string(out.join("broken/errors.csv")).unwrap();
    assert!(broken.contains("broken/binary.txt,,binary,"), "{broken}");
    assert!(broken.contains("broken/empty.txt,,empty,"), "{broken}");
    let feed = std::fs::read_to_string(out.join("feed/errors.csv")).unwrap();
    assert!(feed.contains("extra.jsonl,4,"), "{feed}");
    // The malformed line's set is unknown: it is reported for the whole batch.
    let batch_errors = std::fs::read_to_string(out.join("errors.csv")).unwrap();
    assert!(
        batch_errors.contains("extra.jsonl,6,malformed-json,"),
        "{batch_errors}"
    );
    assert!(err.contains("extra.jsonl:6: malformed JSON"), "{err}");
    assert!(err.contains("broken/binary.txt: binary content"), "{err}");
    assert!(
        err.contains("[single] a single article (") && err.contains("single/reuters.txt)"),
        "{err}"
    );
    // The claims of a set are its own.
    let storm = std::fs::read_to_string(out.join("storm/claims.csv")).unwrap();
    assert!(
        storm.contains("\nreuters#0,") && !storm.contains("000_"),
        "{storm}"
    );
}

#[test]
fn reruns_skip_unchanged_sets_and_redo_changed_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let sets = make_sets(tmp.path());
    let out = tmp.path().join("out");
    let args = [
        sets.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ];
    batch(&args);
    let first = read_tree(&out);
    let first_index = stable_index(&out);

    // Second run: every set unchanged, nothing rewritten.
    let o = batch(&args);
    assert_eq!(o.status.code(), Some(1), "the faults are still there");
    let index = read_index(&out);
    assert!(index.values().all(|r| r["run"] == "unchanged"), "{index:?}");
    assert_eq!(read_tree(&out), first);
    assert_eq!(stable_index(&out), first_index);

    // Rewriting a file with the same bytes changes nothing; changing one set redoes only it.
    let same = std::fs::read(sets.join("storm/ap.md")).unwrap();
    std::fs::write(sets.join("storm/ap.md"), &same).unwrap();
    batch(&args);
    assert!(read_index(&out).values().all(|r| r["run"] == "unchanged"));
    std::fs::write(
        sets.join("single/reuters.txt"),
        "Officials said 14 people died in the Port Ellis storm.\n",
    )
    .unwrap();
    batch(&args);
    let index = read_index(&out);
    for (set, row) in &index {
        let want = if set == "single" {
            "processed"
        } else {
            "unchanged"
        };
        assert_eq!(row["run"], want, "{set}");
    }
    let single = std::fs::read_to_string(out.join("single/claims.csv")).unwrap();
    assert!(single.contains("14 people died"), "{single}");

    // New options redo every set; --force redoes every set.
    batch(&[
        sets.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-q",
        "--min-sources",
        "2",
    ]);
    assert!(read_index(&out).values().all(|r| r["run"] == "processed"));
    batch(&[
        sets.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-q",
        "--min-sources",
        "2",
        "--force",
    ]);
    assert!(read_index(&out).values().all(|r| r["run"] == "processed"));
}

#[test]
fn an_interrupted_run_is_completed_by_the_next_one() {
    let tmp = tempfile::tempdir().unwrap();
    let sets = make_sets(tmp.path());
    let reference = tmp.path().join("reference");
    batch(&[
        sets.to_str().unwrap(),
        "--out",
        reference.to_str().unwrap(),
        "-q",
    ]);
    let want = read_tree(&reference);

    let out = tmp.path().join("out");
    batch(&[sets.to_str().unwrap(), "--out", out.to_str().unwrap(), "-q"]);
    // What a kill leaves behind: a half-written temporary set, a set moved aside, a set without
    // its done marker, a set directory with only some files.
    std::fs::create_dir_all(out.join("storm.tmp-4242")).unwrap();
    std::fs::write(out.join("storm.tmp-4242/.concord-tmp"), "").unwrap();
    std::fs::write(out.join("storm.tmp-4242/claims.csv"), "claim_id\n").unwrap();
    std::fs::create_dir_all(out.join("feed.old-4242")).unwrap();
    std::fs::write(out.join("feed.old-4242/.concord-done"), "{}").unwrap();
    std::fs::write(out.join(".index.csv.tmp-4242"), "set,articles\nhalf").unwrap();
    std::fs::remove_file(out.join("lavrov_talks/.concord-done")).unwrap();
    std::fs::write(out.join("lavrov_talks/matches.csv"), "half").unwrap();
    std::fs::remove_file(out.join("storm/report.md")).unwrap();
    std::fs::remove_dir_all(out.join("single")).unwrap();
    std::fs::create_dir_all(out.join("single")).unwrap();
    std::fs::write(out.join("single/claims.csv"), "claim_id\n").unwrap();

    batch(&[sets.to_str().unwrap(), "--out", out.to_str().unwrap(), "-q"]);
    let index = read_index(&out);
    for (set, row) in &index {
        let redone = ["lavrov_talks", "single", "storm"].contains(&set.as_str());
        assert_eq!(
            row["run"],
            if redone { "processed" } else { "unchanged" },
            "{set}"
        );
    }
    assert_eq!(read_tree(&out), want);
    assert_eq!(stable_index(&out), stable_index(&reference));
    assert!(!out.join(".index.csv.tmp-4242").exists());
    assert!(!out.join("storm.tmp-4242").exists() && !out.join("feed.old-4242").exists());
}

/// Kill a real run at several points, rerun, and get what an uninterrupted run writes.
#[test]
fn killing_a_run_midway_then_rerunning_gives_the_same_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let sentences = [
        "A storm hit Port Ellis on Tuesday, officials said.",
        "At least {n} people were killed in the storm.",
        "Mayor Ana Ruiz said over {m} people were injured.",
        "Power was restored to most homes by Wednesday.",
        "The hospital treated {m} residents, according to the mayor.",
    ];
    let mut jsonl = String::new();
    for set in 0..40 {
        for art in 0..6 {
            let text: Vec<String> = sentences
                .iter()
                .enumerate()
                .filter(|(i, _)| (i + art) % 3 != 0)
                .map(|(_, s)| {
                    s.replace("{n}", &(10 + set + art % 2).to_string())
                        .replace("{m}", &(90 + art).to_string())
                })
                .collect();
            let line = serde_json::json!({
                "id": format!("s{set}-a{art}"),
                "source": format!("outlet{art}"),
                "set": format!("story-{set:02}"),
                "text": text.join(" "),
            });
            jsonl.push_str(&line.to_string());
            jsonl.push('\n');
        }
    }
    let input = tmp.path().join("sets.jsonl");
    std::fs::write(&input, jsonl).unwrap();
    let reference = tmp.path().join("reference");
    let o = batch(&[
        input.to_str().unwrap(),
        "--out",
        reference.to_str().unwrap(),
        "-q",
        "-j",
        "1",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let want = read_tree(&reference);
    assert_eq!(want.len(), 40);

    for (i, delay_ms) in [5u64, 30, 120].into_iter().enumerate() {
        let out = tmp.path().join(format!("killed{i}"));
        let mut child = concord()
            .args([
                "batch",
                input.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "-q",
                "-j",
                "2",
            ])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().ok();
        child.wait().unwrap();
        let o = batch(&[
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "-q",
            "-j",
            "2",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(read_tree(&out), want, "killed after {delay_ms} ms");
        assert_eq!(stable_index(&out), stable_index(&reference));
    }
}

#[test]
fn batch_outputs_do_not_depend_on_the_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let sets = make_sets(tmp.path());
    let mut trees = Vec::new();
    for jobs in ["1", "2", "3"] {
        let out = tmp.path().join(format!("out{jobs}"));
        batch(&[
            sets.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "-q",
            "-j",
            jobs,
        ]);
        trees.push((read_tree(&out), stable_index(&out)));
    }
    assert!(trees.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn batch_bad_arguments() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = batch(&["tests/data/cli/no-such-dir", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("tests/data/cli/no-such-dir: no such file or directory"));
    let o = batch(&[
        "tests/data/cli/set/reuters.txt",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("batch input must be a directory"),
        "{}",
        stderr(&o)
    );
    let o = batch(&["tests/data/cli"]);
    assert_eq!(o.status.code(), Some(2), "--out is required");
}

#[test]
fn one_batch_at_a_time_per_output_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let sets = make_sets(tmp.path());
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    // Hold the lock as a running batch would.
    let lock = std::fs::File::create(out.join(".concord-lock")).unwrap();
    assert!(fs4::fs_std::FileExt::try_lock_exclusive(&lock).unwrap());
    std::fs::create_dir_all(out.join("storm.tmp-1")).unwrap();
    std::fs::write(out.join("storm.tmp-1/.concord-tmp"), "").unwrap();
    let o = batch(&[sets.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(75), "a temporary failure: retry");
    assert!(
        stderr(&o).contains("another `concord batch` is writing to"),
        "{}",
        stderr(&o)
    );
    assert!(
        out.join("storm.tmp-1").exists(),
        "the running batch's files are left alone"
    );
    drop(lock);
    let o = batch(&[sets.to_str().unwrap(), "--out", out.to_str().unwrap(), "-q"]);
    assert_eq!(o.status.code(), Some(1), "faults in the sets");
    assert!(!out.join("storm.tmp-1").exists());
    assert!(out.join("storm/.concord-done").exists());
}

/// A JSONL line over the parser's 8 MiB article limit is reported with its file and line; the
/// file as a whole has no limit and its other lines are processed.
#[test]
fn an_over_long_jsonl_line_in_a_batch_is_named_and_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let sets = tmp.path().join("sets.jsonl");
    let sentence = "The storm hit Port Ellis on Tuesday and officials counted the damage. ";
    let big_line =
        serde_json::json!({"id": "big", "set": "storm", "text": sentence.repeat(130_000)})
            .to_string();
    assert!(big_line.len() > 8 * 1_048_576 && big_line.len() < 10_000_000);
    let lines = [
        r#"{"id": "a", "set": "storm", "source": "daily", "text": "A storm hit Port Ellis on Tuesday and killed 12 people, officials said."}"#,
        &big_line,
        r#"{"id": "b", "set": "storm", "source": "herald", "text": "Officials said the storm killed 15 people in Port Ellis on Tuesday."}"#,
    ];
    std::fs::write(&sets, lines.join("\n") + "\n").unwrap();
    let out = tmp.path().join("out");
    let o = batch(&[sets.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let want = format!(
        "sets.jsonl:2: article is {:.1} MiB, over the 8 MiB limit for one article",
        big_line.len() as f64 / 1_048_576.0
    );
    assert!(err.contains(&want), "stderr lacks {want:?}:\n{err}");
    let batch_errors = std::fs::read_to_string(out.join("errors.csv")).unwrap();
    assert!(
        batch_errors.contains("sets.jsonl,2,too-large,"),
        "{batch_errors}"
    );
    let index = read_index(&out);
    assert_eq!(index["storm"]["articles"], "2", "{index:?}");
}

fn batch_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = concord()
        .arg("batch")
        .args(args)
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn concord batch");
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(stdin).expect("write stdin");
    drop(pipe);
    child.wait_with_output().expect("wait concord batch")
}

/// `concord batch -` reads JSONL on standard input: sets by the `set` field (`stdin` when a line
/// has none), faults named `<stdin>` with their line, and a rerun on the same input skips every
/// set (the spool file's random name is not part of the hash).
#[test]
fn batch_reads_jsonl_from_standard_input() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "f1", "source": "daily", "set": "feed", "text": "A storm hit Port Ellis on Tuesday and killed 12 people, officials said."}"#,
        r#"{"id": "f2", "source": "herald", "set": "feed", "text": "Officials said the storm killed 15 people in Port Ellis on Tuesday."}"#,
        r#"{"id": "loose", "source": "post", "text": "A storm hit Port Ellis."}"#,
        r#"{"id": "f3", "set": "feed", "text": "truncated"#,
        r#"{"id": "f4", "source": "tribune", "set": "feed", "text": ""}"#,
    ];
    let stdin = lines.join("\n") + "\n";
    let out = tmp.path().join("out");
    let o = batch_with_stdin(&["-", "--out", out.to_str().unwrap()], stdin.as_bytes());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("<stdin>:4: malformed JSON"), "{err}");
    let index = read_index(&out);
    // (set, status, articles, errors)
    let expected = [
        ("feed", "errors", "2", "1"),
        ("stdin", "single-article", "1", "0"),
    ];
    assert_eq!(index.len(), expected.len(), "{index:?}");
    for (set, status, articles, errors) in expected {
        let row = &index[set];
        assert_eq!(
            (
                row["status"].as_str(),
                row["articles"].as_str(),
                row["errors"].as_str()
            ),
            (status, articles, errors),
            "{set}: {row:?}"
        );
    }
    let feed_errors = std::fs::read_to_string(out.join("feed/errors.csv")).unwrap();
    assert!(feed_errors.contains("<stdin>,5,"), "{feed_errors}");
    let batch_errors = std::fs::read_to_string(out.join("errors.csv")).unwrap();
    assert!(
        batch_errors.contains("<stdin>,4,malformed-json,"),
        "{batch_errors}"
    );
    let claims = std::fs::read_to_string(out.join("feed/claims.csv")).unwrap();
    assert!(
        claims.contains("\nf1#0,") && claims.contains("\nf2#0,"),
        "{claims}"
    );
    let first = read_tree(&out);

    let o = batch_with_stdin(&["-", "--out", out.to_str().unwrap()], stdin.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(read_index(&out).values().all(|r| r["run"] == "unchanged"));
    assert_eq!(read_tree(&out), first);

    let o = batch_with_stdin(&["-", "--out", out.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("<stdin>: empty file (no JSONL lines)"),
        "{}",
        stderr(&o)
    );
}
