//! Publication days through the command line: one death toll reported on two days is two
//! moments, not a contradiction; the same two figures on one day (or undated) contradict.
use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{concord, fixture};

/// (relation, reason) of each matched pair in `matches.csv`, keyed by the two claim ids.
fn relations(out_dir: &Path) -> BTreeMap<(String, String), (String, String)> {
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
            let mut key = [r[a].to_string(), r[b].to_string()];
            key.sort();
            let [x, y] = key;
            ((x, y), (r[relation].to_string(), r[reason].to_string()))
        })
        .collect()
}

fn compare(input: &Path, out_dir: &Path) -> BTreeMap<(String, String), (String, String)> {
    let out = concord()
        .args(["compare", input.to_str().unwrap(), "-q", "--out"])
        .arg(out_dir)
        .output()
        .expect("run concord");
    assert!(
        out.status.success(),
        "concord compare failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    relations(out_dir)
}

fn pair(a: &str, b: &str) -> (String, String) {
    let mut key = [a.to_string(), b.to_string()];
    key.sort();
    let [x, y] = key;
    (x, y)
}

#[test]
fn a_toll_on_two_days_is_two_moments_and_on_one_day_a_contradiction() {
    let tmp = tempfile::tempdir().unwrap();
    let input = fixture("similarity/dated/hotel_fire.jsonl");
    let rows = compare(&input, &tmp.path().join("dated"));
    // "killed 12 people" (2 March, morning) / "killed 15 people" (3 March): an update.
    let (relation, reason) = &rows[&pair("fire-day1#1", "fire-day2#1")];
    assert_eq!(relation, "related", "two days: {reason}");
    // The same two figures on 2 March (morning and evening): both cannot be right.
    let (relation, reason) = &rows[&pair("fire-day1#1", "fire-day1-late#1")];
    assert_eq!(relation, "contradict");
    assert_eq!(reason, "numeric: 12 people vs 15 people");

    // Without publication days, nothing says the two are two moments.
    let undated: String = std::fs::read_to_string(&input)
        .unwrap()
        .lines()
        .map(|line| {
            let mut article: serde_json::Value = serde_json::from_str(line).unwrap();
            article.as_object_mut().unwrap().remove("published");
            article.to_string() + "\n"
        })
        .collect();
    let undated_input = tmp.path().join("undated.jsonl");
    std::fs::write(&undated_input, undated).unwrap();
    let rows = compare(&undated_input, &tmp.path().join("undated"));
    let (relation, _) = &rows[&pair("fire-day1#1", "fire-day2#1")];
    assert_eq!(relation, "contradict");
}
