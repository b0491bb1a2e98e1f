//! Outputs that never destroy or mislead (issue 14): `--out` replaces only what concord wrote,
//! `compare` is atomic, CSV cells are spreadsheet-safe, over-long sentences stay out of the
//! claims, and the smaller contract fixes (non-string text, broken pipes, input spellings,
//! set names in index.csv, empty sets, invalid UTF-8 lines, stale sets).
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use crate::common::{concord, root, run_in, seeds_dir, stderr};

/// Run concord under bash with a file-size limit (KiB) and SIGXFSZ ignored: a write past the
/// limit fails with EFBIG, as a full disk fails with ENOSPC.
fn run_with_file_limit(dir: &Path, kib: u64, args: &[&str]) -> Output {
    let bin = env!("CARGO_BIN_EXE_concord");
    std::process::Command::new("bash")
        .arg("-c")
        .arg(format!("ulimit -f {kib}; trap '' XFSZ; exec \"$0\" \"$@\""))
        .arg(bin)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run bash")
}

/// Every file under `dir` (relative path → bytes), hidden ones included.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Rows of a CSV file as column name → value.
fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}

const GAZPROM: &str = r#"{"set":"Documents","source":"a","text":"Gazprom bought the Yukos unit on Monday for 9.4 billion dollars."}
{"set":"Documents","source":"b","text":"Rosneft bought the Yukos unit on Monday for 9.4 billion dollars."}
{"set":"storm","source":"a","text":"A storm hit Port Ellis on Tuesday and killed 12 people, officials said."}
{"set":"storm","source":"b","text":"Officials said the storm killed 15 people in Port Ellis on Tuesday."}
"#;

/// Item 1: a set named like a folder the user has, and folders named like concord's temporary
/// ones, are left alone; the set is an error, named, and the other sets are written.
#[test]
fn batch_out_never_removes_what_concord_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    for (path, text) in [
        ("Documents/taxes/2024.pdf", "s"),
        ("photos.tmp-9/f", "x"),
        ("photos.old-9/f", "y"),
        ("storm.tmp-77/keep.txt", "z"),
    ] {
        let p = home.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let before = snapshot(&home);
    std::fs::write(tmp.path().join("docs.jsonl"), GAZPROM).unwrap();
    let o = run_in(tmp.path(), &["batch", "docs.jsonl", "--out", "home", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("home/Documents exists and holds taxes, which concord did not write"),
        "{}",
        stderr(&o)
    );
    let after = snapshot(&home);
    for (path, bytes) in &before {
        assert_eq!(after.get(path), Some(bytes), "{} kept", path.display());
    }
    assert!(
        home.join("storm/.concord-done").is_file(),
        "the other set is written"
    );
    let index = csv_rows(&home.join("index.csv"));
    let status: BTreeMap<&str, &str> = index
        .iter()
        .map(|r| (r["set"].as_str(), r["status"].as_str()))
        .collect();
    assert_eq!(
        status,
        BTreeMap::from([("Documents", "failed"), ("storm", "ok")])
    );

    // A rerun replaces concord's own set directory, still not the foreign one.
    let o = run_in(
        tmp.path(),
        &["batch", "docs.jsonl", "--out", "home", "-q", "--force"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read(home.join("Documents/taxes/2024.pdf")).unwrap(),
        b"s"
    );

    // An index.csv that a batch did not write is not overwritten.
    let other = tmp.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("index.csv"), "my,own\n").unwrap();
    let o = run_in(tmp.path(), &["batch", "docs.jsonl", "--out", "other", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("other/index.csv exists and was not written by concord"));
    assert_eq!(std::fs::read(other.join("index.csv")).unwrap(), b"my,own\n");
    assert!(!other.join("storm").exists());
}

/// Item 2: `compare --out DIR` goes through a temporary directory beside DIR: a failed write
/// names its file, leaves the previous results whole and no temporary directory.
#[test]
fn compare_out_is_atomic_and_a_failed_write_names_its_file() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = seeds_dir();
    let seeds = seeds.to_str().unwrap();
    let first = run_in(tmp.path(), &["compare", seeds, "--out", "out", "-q"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&tmp.path().join("out"));
    assert!(before.contains_key(Path::new(".concord-done")));

    // 24 KiB: claims.csv or matches.csv of the seeds is larger.
    let o = run_with_file_limit(tmp.path(), 24, &["compare", seeds, "--out", "out", "-q"]);
    assert_eq!(o.status.code(), Some(75), "IO: retry; {}", stderr(&o));
    let message = stderr(&o);
    assert!(
        message.contains("cannot write ./.out.concord-tmp-"),
        "the message names the file: {message}"
    );
    assert!(message.contains("File too large"), "{message}");
    assert_eq!(
        snapshot(&tmp.path().join("out")),
        before,
        "previous results intact"
    );
    assert_eq!(names_in(tmp.path()), ["out"], "no temporary directory left");

    // A directory of someone else's files is not replaced.
    let mine = tmp.path().join("mine");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "mine").unwrap();
    let o = run_in(tmp.path(), &["compare", seeds, "--out", "mine", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("holds notes.txt, which concord did not write"));
    assert_eq!(names_in(&mine), ["notes.txt"]);
    // `--out .` would replace the working directory: refused.
    let o = run_in(tmp.path(), &["compare", seeds, "--out", ".", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("give the output directory a name"));
}

/// Item 2: SIGTERM (and SIGINT) during `compare` removes the temporary directory and leaves the
/// previous results intact. The run waits on standard input, so the signal comes mid-run.
#[test]
fn compare_interrupted_by_a_signal_leaves_the_previous_results() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = seeds_dir();
    let first = run_in(
        tmp.path(),
        &["compare", seeds.to_str().unwrap(), "--out", "out", "-q"],
    );
    assert!(first.status.success());
    let before = snapshot(&tmp.path().join("out"));
    // What a crash left is repaired when the next run begins: its temporary directory
    // removed, the previous results put back when the crash came between the two renames of
    // the swap.
    let dead = tmp.path().join(".out.concord-tmp-3999999");
    std::fs::create_dir_all(&dead).unwrap();
    std::fs::write(dead.join(".concord-tmp"), "compare").unwrap();
    std::fs::rename(
        tmp.path().join("out"),
        tmp.path().join(".out.concord-old-3999999"),
    )
    .unwrap();
    for signal in ["-TERM", "-INT"] {
        let mut child = concord()
            .args(["compare", "-", "--out", "out", "-q"])
            .current_dir(tmp.path())
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, r#"{{"id": "x", "text": "A storm hit Port Ellis."}}"#).unwrap();
        let started = std::time::Instant::now();
        let tmp_dir = loop {
            let found = names_in(tmp.path())
                .into_iter()
                .find(|n| *n == format!(".out.concord-tmp-{}", child.id()));
            if let Some(n) = found {
                break tmp.path().join(n);
            }
            assert!(started.elapsed().as_secs() < 60, "no temporary directory");
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        assert!(tmp_dir.join(".concord-tmp").is_file());
        let killed = std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let out = child.wait_with_output().unwrap();
        drop(stdin);
        assert_eq!(out.status.code(), Some(130), "{signal}");
        assert_eq!(
            names_in(tmp.path()),
            ["out"],
            "{signal}: temporary directory removed"
        );
        assert_eq!(snapshot(&tmp.path().join("out")), before, "{signal}");
    }
}

/// Item 2: a batch whose set cannot be written (a full disk) removes that set's temporary
/// directory and names the file.
#[test]
fn batch_removes_its_temporary_directory_when_a_write_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let sets = tmp.path().join("sets/seeds");
    std::fs::create_dir_all(&sets).unwrap();
    for e in std::fs::read_dir(seeds_dir()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, sets.join(p.file_name().unwrap())).unwrap();
    }
    let o = run_with_file_limit(tmp.path(), 24, &["batch", "sets", "--out", "out", "-q"]);
    assert_eq!(o.status.code(), Some(75), "IO: retry; {}", stderr(&o));
    assert!(stderr(&o).contains("out/seeds.tmp-"), "{}", stderr(&o));
    let left: Vec<String> = names_in(&tmp.path().join("out"))
        .into_iter()
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(left.is_empty(), "temporary directories left: {left:?}");
    let index = csv_rows(&tmp.path().join("out/index.csv"));
    assert_eq!(index[0]["status"], "failed");
}

/// The articles of the CSV-injection test: sentences that a spreadsheet would run as formulas.
const FORMULAS: &str = r#"{"id": "@evil", "source": "=cmd", "set": "=SUM(1)", "text": "=HYPERLINK(\"http://x\") The storm killed 12 people in Port Ellis on Tuesday.\n\n+1 The mayor said over 90 people were injured in the storm.\n\n-1 The storm destroyed 300 homes in Port Ellis, officials said.\n\n@SUM(1) Rescue teams searched the harbour on Wednesday."}
{"id": "b", "source": "-wire", "set": "=SUM(1)", "text": "=HYPERLINK(\"http://x\") The storm killed 12 people in Port Ellis on Tuesday.\n\n+1 The mayor said over 90 people were injured in the storm.\n\n-1 The storm destroyed 300 homes in Port Ellis, officials said.\n\n@SUM(1) Rescue teams searched the harbour on Wednesday."}
"#;

/// No text cell of a CSV file begins with a character that makes a spreadsheet formula.
fn assert_spreadsheet_safe(path: &Path) {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    for rec in r.records() {
        for cell in rec.unwrap().iter() {
            let unsafe_start = cell.starts_with(['=', '+', '@', '\t', '\r'])
                || (cell.starts_with('-') && cell.parse::<f64>().is_err());
            assert!(!unsafe_start, "{}: cell {cell:?}", path.display());
        }
    }
}

/// Item 3: text cells beginning with `=`, `+`, `-`, `@`, TAB or CR get a leading `'` in
/// claims.csv, matches.csv, errors.csv and index.csv; numeric columns stay numbers;
/// `--csv-raw` writes them untouched.
#[test]
fn csv_cells_a_spreadsheet_would_run_get_a_leading_quote() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("f.jsonl"), FORMULAS).unwrap();
    std::fs::write(tmp.path().join("=cmd.txt"), "").unwrap();
    let o = run_in(
        tmp.path(),
        &["compare", "f.jsonl", "=cmd.txt", "--out", "out", "-q"],
    );
    assert_eq!(o.status.code(), Some(1), "the empty file is an error");
    let out = tmp.path().join("out");
    for f in ["claims.csv", "matches.csv", "errors.csv"] {
        assert_spreadsheet_safe(&out.join(f));
    }
    let claims = csv_rows(&out.join("claims.csv"));
    let texts: Vec<&str> = claims.iter().map(|r| r["text"].as_str()).collect();
    for start in ["'=HYPERLINK(\"http://x\")", "'+1 ", "'-1 ", "'@SUM(1) "] {
        assert!(
            texts.iter().any(|t| t.starts_with(start)),
            "{start}: {texts:?}"
        );
    }
    assert!(claims.iter().all(|r| r["start"].parse::<usize>().is_ok()));
    assert_eq!(claims[0]["article"], "'@evil");
    assert_eq!(claims[0]["claim_id"], "'@evil#0");
    assert_eq!(claims[0]["source"], "'=cmd");
    let matches = csv_rows(&out.join("matches.csv"));
    assert!(!matches.is_empty(), "the two copies match");
    assert!(matches
        .iter()
        .all(|r| r["score"].parse::<f64>().is_ok() && r["source_b"] == "'-wire"));
    let errors = csv_rows(&out.join("errors.csv"));
    assert_eq!(errors[0]["input"], "'=cmd.txt");

    // index.csv of a batch: the set's name.
    let o = run_in(tmp.path(), &["batch", "f.jsonl", "--out", "b", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_spreadsheet_safe(&tmp.path().join("b/index.csv"));
    let index = csv_rows(&tmp.path().join("b/index.csv"));
    assert_eq!(index[0]["set"], "'=SUM(1)");
    assert_spreadsheet_safe(
        &tmp.path()
            .join(format!("b/{}/claims.csv", index[0]["folder"])),
    );

    // --csv-raw: untouched, for pipelines.
    let o = run_in(
        tmp.path(),
        &["compare", "f.jsonl", "--out", "raw", "-q", "--csv-raw"],
    );
    assert!(o.status.success());
    let claims = csv_rows(&tmp.path().join("raw/claims.csv"));
    assert_eq!(claims[0]["article"], "@evil");
    assert!(claims
        .iter()
        .any(|r| r["text"].starts_with("=HYPERLINK(\"http://x\")")));
    // `claims` prints the same cells.
    let o = run_in(tmp.path(), &["claims", "f.jsonl"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("'@evil#0,'@evil,'=cmd,"));
}

/// A JSONL line of a few normal articles and one line of `chars` characters of words without
/// punctuation.
fn pathological_jsonl(chars: usize) -> String {
    let words = [
        "storm",
        "killed",
        "people",
        "port",
        "ellis",
        "tuesday",
        "officials",
        "said",
        "mayor",
        "injured",
        "homes",
        "harbour",
        "rescue",
        "teams",
        "the",
        "in",
        "on",
        "of",
    ];
    let mut blob = String::with_capacity(chars + 16);
    let mut k = 0usize;
    while blob.len() < chars {
        blob.push_str(words[(k * 7 + k / 5) % words.len()]);
        blob.push(' ');
        k += 1;
    }
    blob.truncate(chars);
    let mut text = String::new();
    for (i, (source, sentence)) in [
        (
            "a",
            "A storm hit Port Ellis on Tuesday and killed 12 people, officials said.",
        ),
        (
            "b",
            "Officials said the storm killed 15 people in Port Ellis on Tuesday.",
        ),
        (
            "c",
            "The mayor said over 90 people were injured in the storm in Port Ellis.",
        ),
    ]
    .iter()
    .enumerate()
    {
        text.push_str(&format!(
            "{{\"id\": \"n{i}\", \"source\": \"{source}\", \"text\": \"{sentence}\"}}\n"
        ));
    }
    text.push_str(&format!(
        "{{\"id\": \"blob\", \"source\": \"d\", \"text\": \"The storm killed 12 people in Port Ellis. Rescue {blob}\"}}\n"
    ));
    text
}

/// Item 4: a 2,000,000-character line without punctuation is not one 2 MB claim repeated on
/// every row of matches.csv: the sentence is kept out of the claims and reported, and the
/// outputs stay small (before: 2 MB claims.csv cell, tens of MB of matches.csv).
#[test]
fn an_over_long_sentence_is_kept_out_of_the_claims_and_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("big.jsonl");
    std::fs::write(&input, pathological_jsonl(2_000_000)).unwrap();
    let o = run_in(tmp.path(), &["compare", "big.jsonl", "--out", "out", "-q"]);
    assert_eq!(o.status.code(), Some(1), "the long sentence is reported");
    let out = tmp.path().join("out");
    let size = |f: &str| std::fs::metadata(out.join(f)).unwrap().len();
    let total: u64 = [
        "claims.csv",
        "matches.csv",
        "graph.dot",
        "report.md",
        "errors.csv",
    ]
    .iter()
    .map(|f| size(f))
    .sum();
    assert!(total < 100_000, "outputs of {total} bytes for a 2 MB input");
    let errors = csv_rows(&out.join("errors.csv"));
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0]["line"].as_str(), errors[0]["kind"].as_str()),
        ("4", "sentence-too-long")
    );
    assert!(
        errors[0]["message"].contains("article blob: sentence 1"),
        "{:?}",
        errors[0]
    );
    let claims = csv_rows(&out.join("claims.csv"));
    let blob: Vec<_> = claims.iter().filter(|r| r["article"] == "blob").collect();
    assert_eq!(
        blob.len(),
        1,
        "the article's sentence before the blob is kept"
    );
    assert_eq!(blob[0]["claim_id"], "blob#0");
    assert!(claims.iter().all(|r| r["text"].chars().count() <= 2_000));
}

/// Item 5: `"text": 12345` (any non-string) is an error naming file and line.
#[test]
fn a_non_string_text_field_is_an_error_naming_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("n.jsonl"),
        "{\"id\": \"a\", \"text\": \"A storm hit Port Ellis.\"}\n{\"id\": \"b\", \"text\": 12345}\n{\"id\": \"c\", \"body\": [\"x\"]}\n",
    )
    .unwrap();
    let o = run_in(tmp.path(), &["claims", "n.jsonl"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains("12345"), "{out}");
    let err = stderr(&o);
    assert!(
        err.contains("n.jsonl:2: malformed JSON: the \"text\" field is a number, not a string"),
        "{err}"
    );
    assert!(
        err.contains("n.jsonl:3:") && err.contains("\"body\" field is an array"),
        "{err}"
    );
}

/// Item 5: a closed pipe ends every printing subcommand quietly, with exit 0.
#[test]
fn a_broken_pipe_ends_quietly_with_exit_0() {
    let tmp = tempfile::tempdir().unwrap();
    let line = r#"{"id": "a", "text": "A storm hit Port Ellis on Tuesday and killed 12 people, officials said. The mayor said over 90 people were injured."}"#;
    let big: String = (0..3000).map(|_| format!("{line}\n")).collect();
    std::fs::write(tmp.path().join("big.jsonl"), big).unwrap();
    let pairs: String = std::iter::once("s1\ts2\n".to_string())
        .chain((0..3000).map(|_| "A storm hit the town.\tA storm struck the town.\n".to_string()))
        .collect();
    std::fs::write(tmp.path().join("p.tsv"), pairs).unwrap();
    let cases: [&[&str]; 5] = [
        &["claims", "big.jsonl"],
        &["claims", "big.jsonl", "--format", "jsonl"],
        &["sentences", "big.jsonl"],
        &["sentences", "big.jsonl", "--format", "jsonl"],
        &["pairs", "p.tsv"],
    ];
    for args in cases {
        let mut child = concord()
            .args(args)
            .args(["-q"])
            .current_dir(tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        // The reader is dropped: the pipe is closed.
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}

fn batch_index(dir: &Path, args: &[&str]) -> BTreeMap<String, BTreeMap<String, String>> {
    let o = run_in(dir, args);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        stderr(&o)
    );
    let out = args[args.iter().position(|a| *a == "--out").unwrap() + 1];
    csv_rows(&dir.join(out).join("index.csv"))
        .into_iter()
        .map(|r| (r.get("folder").unwrap_or(&r["set"]).clone(), r))
        .collect()
}

/// Item 5: `./sets.jsonl` and `sets.jsonl` are one input: nothing is redone.
#[test]
fn two_spellings_of_one_input_redo_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("sets.jsonl"), GAZPROM).unwrap();
    batch_index(tmp.path(), &["batch", "sets.jsonl", "--out", "out", "-q"]);
    for spelling in ["./sets.jsonl", "././sets.jsonl"] {
        let index = batch_index(tmp.path(), &["batch", spelling, "--out", "out", "-q"]);
        assert!(
            index.values().all(|r| r["run"] == "unchanged"),
            "{spelling}: {index:?}"
        );
    }
}

/// Item 5: index.csv gives the set's name as the input spells it, and its folder apart; a line
/// with an empty `set` is reported, not merged into a set named after the file.
#[test]
fn index_names_sets_as_given_and_an_empty_set_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "a", "set": "Élection 2024", "text": "A storm hit Port Ellis on Tuesday."}"#,
        r#"{"id": "b", "set": "Élection 2024", "text": "The storm hit Port Ellis on Tuesday."}"#,
        r#"{"id": "c", "set": "", "text": "A storm hit Port Ellis."}"#,
        r#"{"id": "d", "set": "  ", "text": "A storm hit Port Ellis."}"#,
    ];
    std::fs::write(tmp.path().join("feed.jsonl"), lines.join("\n") + "\n").unwrap();
    let o = run_in(tmp.path(), &["batch", "feed.jsonl", "--out", "out", "-q"]);
    assert_eq!(o.status.code(), Some(1));
    let index = csv_rows(&tmp.path().join("out/index.csv"));
    assert_eq!(index.len(), 1, "no set `feed`: {index:?}");
    assert_eq!(
        (index[0]["set"].as_str(), index[0]["folder"].as_str()),
        ("Élection 2024", "_lection_2024")
    );
    let errors = csv_rows(&tmp.path().join("out/errors.csv"));
    let got: Vec<(&str, &str)> = errors
        .iter()
        .map(|r| (r["line"].as_str(), r["kind"].as_str()))
        .collect();
    assert_eq!(got, [("3", "empty-set"), ("4", "empty-set")]);
    assert!(!tmp.path().join("out/feed").exists());
}

/// Item 5: invalid UTF-8 in an article file fills errors.csv's `line` column.
#[test]
fn invalid_utf8_fills_the_line_column() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("bad.txt"),
        b"A storm hit Port Ellis.\nThe mayor said so.\nCaf\xe9 owners fled.\n",
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/data/cli/set/reuters.txt"),
        tmp.path().join("good.txt"),
    )
    .unwrap();
    let o = run_in(
        tmp.path(),
        &["compare", "bad.txt", "good.txt", "--out", "out", "-q"],
    );
    assert_eq!(o.status.code(), Some(1));
    let errors = csv_rows(&tmp.path().join("out/errors.csv"));
    assert_eq!(
        (errors[0]["line"].as_str(), errors[0]["kind"].as_str()),
        ("3", "invalid-utf8")
    );
    assert!(
        stderr(&o).contains("bad.txt:3: invalid UTF-8"),
        "{}",
        stderr(&o)
    );
}

/// Item 5: a set whose input disappeared is `stale` in index.csv; `--prune` removes its folder
/// (concord's own: a folder without the done marker is never removed).
#[test]
fn a_set_without_input_is_stale_and_pruned_on_request() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("sets.jsonl"), GAZPROM).unwrap();
    batch_index(tmp.path(), &["batch", "sets.jsonl", "--out", "out", "-q"]);
    std::fs::create_dir_all(tmp.path().join("out/mine")).unwrap();
    std::fs::write(tmp.path().join("out/mine/notes.txt"), "mine").unwrap();
    // Blank lines keep the storm lines where they were (a line's number is part of its set's
    // hash: errors.csv names it).
    let storm_only: String = GAZPROM
        .lines()
        .map(|l| if l.contains("\"storm\"") { l } else { "" })
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(tmp.path().join("sets.jsonl"), storm_only).unwrap();
    let index = batch_index(tmp.path(), &["batch", "sets.jsonl", "--out", "out", "-q"]);
    let runs: Vec<(&str, &str, &str)> = index
        .values()
        .map(|r| (r["set"].as_str(), r["status"].as_str(), r["run"].as_str()))
        .collect();
    assert_eq!(
        runs,
        [
            ("Documents", "stale", "stale"),
            ("storm", "ok", "unchanged")
        ]
    );
    assert!(tmp.path().join("out/Documents/.concord-done").is_file());
    let index = batch_index(
        tmp.path(),
        &["batch", "sets.jsonl", "--out", "out", "-q", "--prune"],
    );
    assert_eq!(index.keys().collect::<Vec<_>>(), ["storm"]);
    assert!(!tmp.path().join("out/Documents").exists());
    assert!(tmp.path().join("out/mine/notes.txt").is_file());
}
