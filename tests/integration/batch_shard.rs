//! The contract a scheduler drives `concord batch` by (issue 17): `--shard I/N`, each set's
//! `manifest.json` and skip-on-rerun, `--status jsonl`, exit codes 0 / 1 / 2 / 75.
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use crate::common::{run_in, stderr};

/// Five sets; CRC-32 modulo 3 (zlib.crc32): quake 0, storm/fire/flood 1, Documents 2.
const FEED: &str = r#"{"set":"Documents","source":"a","text":"Gazprom bought the Yukos unit on Monday for 9.4 billion dollars."}
{"set":"Documents","source":"b","text":"Rosneft bought the Yukos unit on Monday for 9.4 billion dollars."}
{"set":"storm","source":"a","text":"A storm hit Port Ellis on Tuesday and killed 12 people, officials said."}
{"set":"storm","source":"b","text":"Officials said the storm killed 15 people in Port Ellis on Tuesday."}
{"set":"quake","source":"a","text":"An earthquake of magnitude 6.1 struck Lima on Sunday."}
{"set":"quake","source":"b","text":"A magnitude 6.4 earthquake struck Lima on Sunday, the survey said."}
{"set":"fire","source":"a","text":"A fire destroyed 40 homes near Perth on Friday."}
{"set":"fire","source":"b","text":"The fire near Perth destroyed 40 homes on Friday, officials said."}
{"set":"flood","source":"a","text":"Floods forced 3,000 people from their homes in Dhaka."}
{"set":"flood","source":"b","text":"About 3,000 people fled their homes in Dhaka as floods rose."}
"#;

/// Every file of every set directory under `out`: (set, file) → bytes.
fn set_files(out: &Path) -> BTreeMap<(String, String), Vec<u8>> {
    let mut files = BTreeMap::new();
    for e in std::fs::read_dir(out).unwrap() {
        let e = e.unwrap();
        if !e.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(e.path()).unwrap() {
            let f = f.unwrap();
            files.insert(
                (
                    e.file_name().to_string_lossy().into_owned(),
                    f.file_name().to_string_lossy().into_owned(),
                ),
                std::fs::read(f.path()).unwrap(),
            );
        }
    }
    files
}

fn status_lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect()
}

fn field<'a>(line: &'a serde_json::Value, name: &str) -> &'a str {
    line[name].as_str().unwrap_or_default()
}

/// N shards sharing one --out write exactly what one batch writes, each set once, in the shard
/// of its name's CRC-32 modulo N.
#[test]
fn shards_together_write_what_one_batch_writes() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("feed.jsonl"), FEED).unwrap();
    let one = run_in(tmp.path(), &["batch", "feed.jsonl", "--out", "one", "-q"]);
    assert!(one.status.success(), "{}", stderr(&one));
    let mut seen = BTreeMap::new();
    for i in 0..3 {
        let shard = format!("{i}/3");
        let o = run_in(
            tmp.path(),
            &[
                "batch",
                "feed.jsonl",
                "--out",
                "sharded",
                "-q",
                "--shard",
                &shard,
                "--status",
                "jsonl",
            ],
        );
        assert!(o.status.success(), "{shard}: {}", stderr(&o));
        for line in status_lines(&o) {
            assert_eq!(field(&line, "status"), "ok");
            assert!(seen.insert(field(&line, "set").to_string(), i).is_none());
        }
        assert!(tmp
            .path()
            .join(format!("sharded/index.{i}-of-3.csv"))
            .is_file());
    }
    let want: BTreeMap<String, i32> = [
        ("Documents", 2),
        ("fire", 1),
        ("flood", 1),
        ("quake", 0),
        ("storm", 1),
    ]
    .into_iter()
    .map(|(s, i)| (s.to_string(), i))
    .collect();
    assert_eq!(seen, want);
    assert_eq!(
        set_files(&tmp.path().join("sharded")),
        set_files(&tmp.path().join("one")),
        "byte-identical set directories, manifests included"
    );
}

/// manifest.json records the inputs, version, options, model and counts; a rerun with the
/// same ones skips every set, a changed option redoes them.
#[test]
fn a_matching_manifest_skips_the_set_on_rerun() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("feed.jsonl"), FEED).unwrap();
    let args = [
        "batch",
        "feed.jsonl",
        "--out",
        "out",
        "-q",
        "--status",
        "jsonl",
    ];
    let first = run_in(tmp.path(), &args);
    assert!(first.status.success());
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("out/storm/manifest.json")).unwrap())
            .unwrap();
    for key in [
        "set",
        "folder",
        "input_hash",
        "concord_version",
        "options",
        "model",
        "status",
    ] {
        assert!(
            manifest[key].as_str().is_some_and(|v| !v.is_empty()),
            "{key}: {manifest}"
        );
    }
    assert_eq!(manifest["articles"], 2);
    assert_eq!(manifest["input_hash"].as_str().unwrap().len(), 32);
    assert!(status_lines(&first)
        .iter()
        .all(|l| field(l, "run") == "processed"));

    let again = run_in(tmp.path(), &args);
    assert!(again.status.success());
    let lines = status_lines(&again);
    assert_eq!(lines.len(), 5);
    assert!(lines.iter().all(|l| field(l, "run") == "unchanged"));
    assert!(lines.iter().all(|l| l["articles"] == 2));

    let changed = run_in(tmp.path(), &[&args[..], &["--min-sources", "2"]].concat());
    assert!(status_lines(&changed)
        .iter()
        .all(|l| field(l, "run") == "processed"));
}

/// Exit codes: 0 all sets done or skipped; 1 a data problem (a bad line, a set that cannot be
/// written where it should go), with the failed set on its status line; 2 usage; 75 a
/// temporary failure (the directory is locked by another batch).
#[test]
fn exit_codes_tell_a_scheduler_whether_to_retry() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("feed.jsonl"), FEED).unwrap();
    std::fs::create_dir_all(tmp.path().join("out/quake")).unwrap();
    std::fs::write(tmp.path().join("out/quake/mine.txt"), "mine").unwrap();
    let o = run_in(
        tmp.path(),
        &["batch", "feed.jsonl", "--out", "out", "--status", "jsonl"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let lines = status_lines(&o);
    let quake = lines.iter().find(|l| field(l, "set") == "quake").unwrap();
    assert_eq!(field(quake, "status"), "failed");
    assert!(field(quake, "error").contains("mine.txt"), "{quake}");
    assert!(
        stderr(&o).contains("concord: "),
        "logs go to standard error"
    );

    std::fs::remove_dir_all(tmp.path().join("out/quake")).unwrap();
    let o = run_in(tmp.path(), &["batch", "feed.jsonl", "--out", "out", "-q"]);
    assert_eq!(o.status.code(), Some(0));

    for bad in ["3/3", "1", "a/2", "0/0"] {
        let o = run_in(
            tmp.path(),
            &["batch", "feed.jsonl", "--out", "out", "--shard", bad],
        );
        assert_eq!(o.status.code(), Some(2), "--shard {bad}");
    }

    let lock = std::fs::File::create(tmp.path().join("out/.concord-lock")).unwrap();
    assert!(fs4::fs_std::FileExt::try_lock_exclusive(&lock).unwrap());
    let o = run_in(tmp.path(), &["batch", "feed.jsonl", "--out", "out", "-q"]);
    assert_eq!(o.status.code(), Some(75), "{}", stderr(&o));
}
