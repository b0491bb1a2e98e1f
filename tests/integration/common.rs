//! Helpers shared by the integration test modules.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture under `tests/data/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/data").join(name)
}

/// The bundled seed articles under `data/seeds/`.
pub fn seeds_dir() -> PathBuf {
    root().join("data/seeds")
}

/// The `concord` binary built for this test run.
pub fn concord() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
}

/// The bundled seed articles, parsed, in file-name order (000 first, then 004).
pub fn seed_articles() -> Vec<concord_parser::Article> {
    let mut paths: Vec<_> = std::fs::read_dir(seeds_dir())
        .expect("data/seeds")
        .map(|e| e.expect("dir entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .flat_map(|p| {
            let bytes = std::fs::read(p).expect("seed readable");
            concord_parser::parse_document(
                &p.display().to_string(),
                &bytes,
                concord_parser::Format::Text,
            )
        })
        .map(|a| a.expect("seed parses"))
        .collect()
}

/// The seed article whose file name starts with `{id}_` ("000", "004").
pub fn seed(id: &str) -> concord_parser::Article {
    seed_articles()
        .into_iter()
        .find(|a| a.meta.id.starts_with(&format!("{id}_")))
        .unwrap_or_else(|| panic!("no seed {id}_* in {}", seeds_dir().display()))
}

/// (relation, reason) of each matched pair in `DIR/matches.csv`, keyed by the two claim ids
/// (`pair`).
pub fn relations(
    out_dir: &std::path::Path,
) -> std::collections::BTreeMap<(String, String), (String, String)> {
    let mut reader = csv::Reader::from_path(out_dir.join("matches.csv")).expect("matches.csv");
    let headers = reader.headers().expect("header").clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name} column"))
    };
    let (relation, reason, a, b) = (
        column("relation"),
        column("reason"),
        column("claim_a"),
        column("claim_b"),
    );
    reader
        .records()
        .map(|r| r.expect("row"))
        .map(|r| {
            (
                pair(&r[a], &r[b]),
                (r[relation].to_string(), r[reason].to_string()),
            )
        })
        .collect()
}

/// `concord compare INPUT --all-pairs --out OUT_DIR`, then `relations(OUT_DIR)`: every kept
/// pair, `related` ones included.
pub fn compare_relations(
    input: &std::path::Path,
    out_dir: &std::path::Path,
) -> std::collections::BTreeMap<(String, String), (String, String)> {
    compare_relations_with(input, out_dir, &[])
}

/// `compare_relations` with more options (`--fast`: the static-vector path and its rules).
pub fn compare_relations_with(
    input: &std::path::Path,
    out_dir: &std::path::Path,
    options: &[&str],
) -> std::collections::BTreeMap<(String, String), (String, String)> {
    let out = concord()
        .args([
            "compare",
            input.to_str().unwrap(),
            "-q",
            "--all-pairs",
            "--out",
        ])
        .arg(out_dir)
        .args(options)
        .output()
        .expect("run concord");
    assert!(
        out.status.success(),
        "concord compare failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    relations(out_dir)
}

/// Two claim ids in sorted order: the key of `relations`.
pub fn pair(a: &str, b: &str) -> (String, String) {
    let mut key = [a.to_string(), b.to_string()];
    key.sort();
    let [x, y] = key;
    (x, y)
}

/// `concord ARGS` run in `dir` (inputs named as given, relative to it).
pub fn run_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    concord()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run concord")
}

/// A run's standard error as text.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
