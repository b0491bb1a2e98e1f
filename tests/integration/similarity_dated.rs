//! Publication days through the command line: one death toll reported on two days is two
//! moments, not a contradiction; the same two figures on one day (or undated) contradict. The
//! rules of the `--fast` path say so exactly; the learned judge must at least never call the
//! update a contradiction.
use crate::common::{compare_relations, compare_relations_with, fixture, pair};

fn compare(
    input: &std::path::Path,
    out: &std::path::Path,
) -> std::collections::BTreeMap<(String, String), (String, String)> {
    compare_relations_with(input, out, &["--fast"])
}

#[test]
fn the_judge_never_calls_a_toll_update_a_contradiction() {
    let tmp = tempfile::tempdir().unwrap();
    let rows = compare_relations(
        &fixture("similarity/dated/hotel_fire.jsonl"),
        &tmp.path().join("judge"),
    );
    // "killed 12 people" (2 March) / "killed 15 people" (3 March): not the same claim either.
    let (relation, reason) = &rows[&pair("fire-day1#1", "fire-day2#1")];
    assert_eq!(relation, "related", "{reason}");
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
