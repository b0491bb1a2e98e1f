//! The `concord` command line: bad inputs, exit codes, output columns, determinism, `pairs`.
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{concord, root};

fn cli_fixture(name: &str) -> PathBuf {
    root().join("tests/data/cli").join(name)
}

fn run(args: &[&str]) -> Output {
    concord()
        .args(args)
        .current_dir(root())
        .output()
        .expect("run concord")
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = concord()
        .args(args)
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn concord");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait concord")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    r.records()
        .map(|rec| rec.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

const GOOD: &str = "tests/data/cli/set/reuters.txt";

/// Each bad input alone next to a good one: one message naming the file (and line), exit 1,
/// and the good article's claims still printed.
#[test]
fn each_bad_input_is_named_and_the_others_still_processed() {
    let tmp = tempfile::tempdir().unwrap();
    let empty_dir = tmp.path().join("no-articles");
    std::fs::create_dir(&empty_dir).unwrap();
    std::fs::write(empty_dir.join("readme.csv"), "a,b\n").unwrap();
    let huge = tmp.path().join("huge.txt");
    {
        // A 50 MB "article": refused with a message, without reading it into memory.
        let line =
            "The storm hit Port Ellis on Tuesday and officials counted the damage. ".repeat(14);
        let mut text = String::with_capacity(51_000_000);
        while text.len() < 50_000_000 {
            text.push_str(&line);
            text.push('\n');
        }
        std::fs::write(&huge, text).unwrap();
    }
    let huge = huge.to_string_lossy().into_owned();
    let empty_dir = empty_dir.to_string_lossy().into_owned();

    // (bad input, what stderr must say)
    let cases: Vec<(&str, Vec<String>)> = vec![
        (
            "tests/data/cli/nope.txt",
            vec!["tests/data/cli/nope.txt: no such file or directory".into()],
        ),
        (
            "tests/data/cli/empty.txt",
            vec!["tests/data/cli/empty.txt: empty file".into()],
        ),
        (
            "tests/data/cli/blank.md",
            vec!["tests/data/cli/blank.md: empty file".into()],
        ),
        (
            "tests/data/cli/binary.txt",
            vec!["tests/data/cli/binary.txt: binary content".into()],
        ),
        (
            "tests/data/cli/latin1.txt",
            vec!["tests/data/cli/latin1.txt:2: invalid UTF-8 at byte 74 of the file".into()],
        ),
        (
            "tests/data/cli/feed.jsonl",
            vec![
                "tests/data/cli/feed.jsonl:3: malformed JSON".into(),
                "tests/data/cli/feed.jsonl:4: ".into(),
            ],
        ),
        (
            "tests/data/cli/notes.csv",
            vec!["tests/data/cli/notes.csv: not an article format".into()],
        ),
        (
            &empty_dir,
            vec![format!("{empty_dir}: directory contains no articles")],
        ),
        (
            &huge,
            vec![format!(
                "{huge}: article is 47.7 MiB, over the 8 MiB limit for one article"
            )],
        ),
    ];
    for (bad, messages) in &cases {
        let out = run(&["claims", GOOD, bad]);
        let err = stderr(&out);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{bad}: exit status; stderr: {err}"
        );
        for m in messages {
            assert!(
                err.contains(m.as_str()),
                "{bad}: stderr lacks {m:?}:\n{err}"
            );
        }
        assert!(!err.contains("panicked"), "{bad}: {err}");
        assert!(
            stdout(&out).contains("\nreuters#0,reuters,"),
            "{bad}: the good article was not processed:\n{}",
            stdout(&out)
        );
    }
}

/// The good lines of a JSONL file with bad lines are still read.
#[test]
fn malformed_jsonl_lines_do_not_stop_the_file() {
    let out = run(&["claims", "tests/data/cli/feed.jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    let rows = csv_rows(&stdout(&out));
    let articles: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert!(articles.contains(&"feed-1"), "{articles:?}");
    assert!(articles.contains(&"feed-4"), "{articles:?}");
    // Exactly the two bad lines (3: truncated JSON, 4: no text) are reported, blank line 2 is not.
    let err = stderr(&out);
    let errors: Vec<&str> = err.lines().filter(|l| l.contains("error:")).collect();
    assert_eq!(errors.len(), 2, "{err}");
}

/// A directory is read recursively, in name order, hidden files and non-articles skipped, bad
/// files each reported once.
#[test]
fn directories_are_read_recursively_and_deterministically() {
    let out = run(&["claims", "tests/data/cli"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("notes.csv: skipped, not an article format"),
        "{err}"
    );
    assert!(!err.contains(".hidden"), "{err}");
    assert!(!stdout(&out).contains("Hidden draft"));
    for bad in [
        "binary.txt",
        "blank.md",
        "empty.txt",
        "latin1.txt",
        "feed.jsonl:3",
    ] {
        assert_eq!(err.matches(bad).count(), 1, "{bad}:\n{err}");
    }
    let again = run(&["claims", "tests/data/cli"]);
    assert_eq!(out.stdout, again.stdout);
    assert_eq!(out.stderr, again.stderr);
}

#[test]
fn exit_status_is_0_when_all_inputs_are_processed_and_2_for_usage_errors() {
    let cases: [(&[&str], i32); 6] = [
        (&["claims", GOOD], 0),
        (&["sentences", "tests/data/cli/set"], 0),
        (&["claims"], 2),
        (&["claims", GOOD, "--format", "xml"], 2),
        (&["compare", GOOD, "--graph", "pie"], 2),
        (&["frobnicate"], 2),
    ];
    for (args, code) in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
    }
}

/// Claim offsets are character offsets into the article text: slicing the text gives the claim.
#[test]
fn claim_offsets_point_into_the_article_text() {
    let out = run(&["claims", GOOD, "--format", "jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text: Vec<char> = std::fs::read_to_string(root().join(GOOD))
        .unwrap()
        .chars()
        .collect();
    let mut n = 0;
    for line in stdout(&out).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSONL");
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert!(s < e && e <= text.len(), "{line}");
        let slice: String = text[s..e].iter().collect();
        assert_eq!(slice, v["text"].as_str().unwrap(), "{line}");
        n += 1;
    }
    assert!(n >= 4, "{n} claims");
}

#[test]
fn claims_and_sentences_have_the_documented_columns() {
    let claims = run(&["claims", "tests/data/cli/set"]);
    assert!(claims.status.success(), "{}", stderr(&claims));
    let rows = csv_rows(&stdout(&claims));
    assert_eq!(
        rows[0],
        [
            "claim_id",
            "article",
            "source",
            "sentence",
            "start",
            "end",
            "speaker",
            "quote",
            "headline",
            "hedged",
            "negated",
            "quantities",
            "entities",
            "text"
        ]
    );
    assert!(rows.len() > 8);
    assert!(rows[1..].iter().all(|r| r.len() == 14));

    let sentences = run(&["sentences", "tests/data/cli/set"]);
    assert!(sentences.status.success(), "{}", stderr(&sentences));
    let rows = csv_rows(&stdout(&sentences));
    assert_eq!(
        rows[0],
        ["article", "index", "start", "end", "kind", "text"]
    );
    let kinds = ["claim", "question", "headline", "boilerplate"];
    assert!(
        rows[1..].iter().all(|r| kinds.contains(&r[4].as_str())),
        "{rows:?}"
    );

    let jsonl = run(&["sentences", "tests/data/cli/set", "--format", "jsonl"]);
    let mut n = 0;
    for l in stdout(&jsonl).lines() {
        serde_json::from_str::<serde_json::Value>(l).expect("JSONL");
        n += 1;
    }
    assert_eq!(n, rows.len() - 1);
}

#[test]
fn claims_output_file_and_stdin() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("claims.jsonl");
    let out = run(&[
        "claims",
        GOOD,
        "--format",
        "jsonl",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(std::fs::read_to_string(&file).unwrap().lines().count() >= 4);

    let feed = std::fs::read(cli_fixture("feed.jsonl")).unwrap();
    let out = run_with_stdin(&["claims", "-"], &feed);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("<stdin>:3: malformed JSON"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("feed-4#0"));
}

const SET_FILES: [&str; 6] = [
    "claims.csv",
    "matches.csv",
    "graph.dot",
    "report.md",
    "report.html",
    "errors.csv",
];

fn read_outputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    SET_FILES
        .iter()
        .map(|f| {
            (
                f.to_string(),
                std::fs::read(dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}")),
            )
        })
        .collect()
}

#[test]
fn compare_writes_the_documented_files_and_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("out");
    let out = run(&[
        "compare",
        "tests/data/cli/set",
        "tests/data/cli/feed.jsonl",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "feed.jsonl has two bad lines");
    let err = stderr(&out);
    for count in [
        " article",
        " claim",
        " cluster",
        " contested point",
        " exclusive claim",
    ] {
        assert!(err.contains(count), "summary lacks{count}: {err}");
    }

    let matches = std::fs::read_to_string(out_dir.join("matches.csv")).unwrap();
    let rows = csv_rows(&matches);
    assert_eq!(
        rows[0],
        [
            "relation",
            "score",
            "reason",
            "source_a",
            "article_a",
            "claim_a",
            "start_a",
            "end_a",
            "speaker_a",
            "text_a",
            "source_b",
            "article_b",
            "claim_b",
            "start_b",
            "end_b",
            "speaker_b",
            "text_b"
        ]
    );
    assert!(rows.len() > 1, "the storm set has matches:\n{matches}");
    for r in &rows[1..] {
        assert!(
            ["agree", "contradict", "related"].contains(&r[0].as_str()),
            "{r:?}"
        );
        let score: f64 = r[1].parse().unwrap();
        assert!((0.0..=1.0).contains(&score) && r[1].len() == 6, "{r:?}");
        assert_ne!(r[4], r[11], "a match joins two different articles: {r:?}");
        for i in [6, 7, 13, 14] {
            r[i].parse::<usize>().unwrap();
        }
    }
    let claims = std::fs::read_to_string(out_dir.join("claims.csv")).unwrap();
    assert_eq!(csv_rows(&claims)[0].len(), 14);
    // The JSONL ids are the article ids (the ECB+ scorer joins on them).
    assert!(claims.contains("\nfeed-1#0,feed-1,daily,"), "{claims}");

    let errors = csv_rows(&std::fs::read_to_string(out_dir.join("errors.csv")).unwrap());
    assert_eq!(errors[0], ["input", "line", "kind", "message"]);
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert_eq!(errors[1][1], "3");
    assert_eq!(errors[2][1], "4");

    let dot = std::fs::read_to_string(out_dir.join("graph.dot")).unwrap();
    assert!(dot.contains("graph"), "{dot}");
    assert!(std::fs::read_to_string(out_dir.join("report.md"))
        .unwrap()
        .starts_with('#'));
}

/// Same input → byte-identical outputs, run after run and whatever the thread count.
#[test]
fn compare_is_deterministic_across_runs_and_thread_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for (i, jobs) in ["1", "2", "2", "4"].iter().enumerate() {
        let dir = tmp.path().join(format!("run{i}"));
        let out = run(&[
            "compare",
            "tests/data/cli/set",
            "data/seeds",
            "--out",
            dir.to_str().unwrap(),
            "--jobs",
            jobs,
            "--quiet",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(out.stderr.is_empty(), "--quiet: {}", stderr(&out));
        outputs.push(read_outputs(&dir));
    }
    for o in &outputs[1..] {
        for ((name, a), (_, b)) in outputs[0].iter().zip(o) {
            assert!(a == b, "{name} differs between runs");
        }
    }
}

#[test]
fn compare_graph_views_and_svg() {
    let tmp = tempfile::tempdir().unwrap();
    for view in ["claims", "clusters", "sources"] {
        let dir = tmp.path().join(view);
        let out = run(&[
            "compare",
            "data/seeds",
            "--out",
            dir.to_str().unwrap(),
            "--graph",
            view,
            "--min-sources",
            "2",
        ]);
        assert!(out.status.success(), "{view}: {}", stderr(&out));
        assert!(std::fs::metadata(dir.join("graph.dot")).unwrap().len() > 0);
    }
    // Without Graphviz on PATH, --svg draws with the built-in renderer and says so.
    let empty_path = tmp.path().join("no-bin");
    std::fs::create_dir(&empty_path).unwrap();
    let dir = tmp.path().join("svg-missing");
    let out = concord()
        .args(["compare", "data/seeds", "--svg", "--out"])
        .arg(&dir)
        .current_dir(root())
        .env("PATH", &empty_path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "concord: note: graph.svg drawn by the built-in renderer (Graphviz `dot` is not on PATH)"
        ),
        "{}",
        stderr(&out)
    );
    let svg = std::fs::read_to_string(dir.join("graph.svg")).expect("graph.svg written");
    assert!(
        svg.starts_with("<svg") || svg.starts_with("<?xml"),
        "{}",
        &svg[..svg.len().min(200)]
    );
    assert!(svg.len() > 1000 && svg.contains("Lavrov"), "{svg}");
    let again = concord()
        .args(["compare", "data/seeds", "--svg", "-q", "--out"])
        .arg(&dir)
        .current_dir(root())
        .env("PATH", &empty_path)
        .output()
        .unwrap();
    assert!(again.stderr.is_empty(), "--quiet: {}", stderr(&again));
    assert_eq!(
        std::fs::read_to_string(dir.join("graph.svg")).unwrap(),
        svg,
        "the fallback picture is deterministic"
    );
    // A failing `dot` is reported with its own message, and leaves no picture behind.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let fake_bin = tmp.path().join("fake-bin");
        std::fs::create_dir(&fake_bin).unwrap();
        let fake = fake_bin.join("dot");
        std::fs::write(
            &fake,
            "#!/bin/sh\necho 'syntax error in line 3' >&2\nexit 1\n",
        )
        .unwrap();
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        let dir = tmp.path().join("svg-failing");
        let out = concord()
            .args(["compare", "data/seeds", "--svg", "--out"])
            .arg(&dir)
            .current_dir(root())
            .env("PATH", &fake_bin)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("`dot` failed on")
                && stderr(&out).contains("syntax error in line 3"),
            "{}",
            stderr(&out)
        );
        assert!(!dir.join("graph.svg").exists());
    }
    // With Graphviz (CI installs it), --svg renders the picture.
    if std::process::Command::new("dot").arg("-V").output().is_ok() {
        let dir = tmp.path().join("svg");
        let out = run(&[
            "compare",
            "data/seeds",
            "--svg",
            "--out",
            dir.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let svg = std::fs::read_to_string(dir.join("graph.svg")).unwrap();
        assert!(svg.contains("<svg"), "{svg}");
    }
}

fn write_tsv(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn pairs_scores_rows_in_input_order() {
    let tmp = tempfile::tempdir().unwrap();
    let mut tsv = String::from("label\tpremise\thypothesis\n");
    let mut rows = Vec::new();
    for i in 0..300 {
        // Literal quotes: the benchmark files are not quoted CSV.
        let a = format!("\"Row {i}\" said the mayor, and {i} people were hurt.");
        let b = format!("The mayor said {} people were hurt \"badly.", i + 1);
        tsv.push_str(&format!("x{i}\t{a}\t{b}\n"));
        rows.push((a, b));
    }
    let file = write_tsv(tmp.path(), "nli.tsv", &tsv);
    let out = run(&[
        "pairs",
        &file,
        "--cols",
        "premise,hypothesis",
        "--jobs",
        "2",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "label\tpremise\thypothesis\tscore\trelation\treason"
    );
    assert_eq!(lines.len(), 301);
    for (i, line) in lines[1..].iter().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "{line}");
        assert_eq!(f[0], format!("x{i}"));
        assert_eq!((f[1], f[2]), (rows[i].0.as_str(), rows[i].1.as_str()));
        let score: f64 = f[3].parse().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert!(["agree", "contradict", "related"].contains(&f[4]), "{line}");
    }
    // -o FILE, and one thread gives the same bytes.
    let o = tmp.path().join("scored.tsv");
    let out1 = run(&[
        "pairs",
        &file,
        "--cols",
        "premise,hypothesis",
        "-j",
        "1",
        "-o",
        o.to_str().unwrap(),
    ]);
    assert!(out1.status.success());
    assert_eq!(std::fs::read(&o).unwrap(), out.stdout);
}

#[test]
fn pairs_bad_input_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let ragged = write_tsv(
        tmp.path(),
        "ragged.tsv",
        "s1\ts2\nA storm hit.\tA storm struck.\nonly one field\nX said no.\tX said yes.\n",
    );
    let out = run(&["pairs", &ragged]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("ragged.tsv:3: row has 1 fields, the header has 2"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out).lines().count(), 3, "the other rows are scored");

    let out = run(&["pairs", &ragged, "--cols", "premise,hypothesis"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("ragged.tsv: column `premise` not in the header (columns: s1, s2)"),
        "{}",
        stderr(&out)
    );
    let out = run(&["pairs", "tests/data/cli/missing.tsv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("missing.tsv: no such file or directory"));
    let empty = write_tsv(tmp.path(), "empty.tsv", "");
    let out = run(&["pairs", &empty]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("empty.tsv: empty file"));
}

/// Formats the parser must read: HTML main text only, JSON articles with their metadata, and an
/// HTML page with no body text is an error naming the file.
#[test]
fn html_and_json_articles() {
    let out = run(&[
        "claims",
        "tests/data/cli/set/blog.html",
        "tests/data/cli/set/wire.json",
        "tests/data/cli/nobody.html",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("tests/data/cli/nobody.html: "),
        "{}",
        stderr(&out)
    );
    let text = stdout(&out);
    assert!(
        !text.contains("<p>") && !text.contains("tracking"),
        "{text}"
    );
    assert!(text.contains("Officials said 15 people died"), "{text}");
    assert!(text.contains("wire-1#0,wire-1,wire,"), "{text}");
}

/// One limit for one article, the parser's (8 MiB): a 9 MB file or JSONL line is refused with
/// the limit, the file and the line, and the other lines and files are still read.
#[test]
fn one_article_size_limit_for_files_and_jsonl_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let sentence = "The storm hit Port Ellis on Tuesday and officials counted the damage. ";
    let body = sentence.repeat(9_000_000 / sentence.len() + 1);
    let big_txt = tmp.path().join("big.txt");
    std::fs::write(&big_txt, &body).unwrap();
    let feed = tmp.path().join("feed.jsonl");
    let good = r#"{"id": "small", "text": "A storm hit Port Ellis on Tuesday, officials said."}"#;
    let big_line = serde_json::json!({"id": "big", "text": body}).to_string();
    std::fs::write(&feed, format!("{good}\n{big_line}\n{good}\n")).unwrap();
    let mib = |n: usize| format!("{:.1} MiB", n as f64 / 1_048_576.0);

    let big_txt = big_txt.to_string_lossy().into_owned();
    let feed = feed.to_string_lossy().into_owned();
    let out = run(&["claims", GOOD, &big_txt, &feed]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for want in [
        format!(
            "{big_txt}: article is {}, over the 8 MiB limit for one article",
            mib(body.len())
        ),
        format!(
            "{feed}:2: article is {}, over the 8 MiB limit for one article",
            mib(big_line.len())
        ),
    ] {
        assert!(err.contains(&want), "stderr lacks {want:?}:\n{err}");
    }
    let rows = csv_rows(&stdout(&out));
    let articles: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert!(articles.contains(&"reuters"), "{articles:?}");
    assert!(articles.contains(&"small"), "{articles:?}");
    assert!(!articles.contains(&"big"), "{articles:?}");
}
