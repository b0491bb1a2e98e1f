//! Wire briefs that cite the same anonymous teller ("private sources said"): the teller is no
//! actor, so two markets' figures neither contradict nor agree; briefs that name the same
//! market still contradict. These are rules of the `--fast` path.
use crate::common::{compare_relations_with, fixture, pair};

#[test]
fn a_common_noun_teller_does_not_make_two_briefs_one_story() {
    let tmp = tempfile::tempdir().unwrap();
    let rows = compare_relations_with(
        &fixture("similarity/tellers/hog_markets.jsonl"),
        &tmp.path().join("out"),
        &["--fast"],
    );
    // Peoria's and St Joseph's expected hog prices (titles only say which market): two
    // markets, not one figure told two ways. Before, "private sources" in both made them
    // share an actor: "numeric: 0.50 dlr vs 1.00 dlr".
    let (relation, reason) = &rows[&pair("peoria-hogs#0", "stjoseph-hogs#0")];
    assert_eq!((relation.as_str(), reason.as_str()), ("related", ""));
    // Both name Omaha: one market's opening, told with two figures.
    let (relation, reason) = &rows[&pair("omaha-hogs-open#0", "omaha-hogs-open-2#0")];
    assert_eq!(relation, "contradict");
    assert_eq!(reason, "numeric: 1.00 dlr vs 1.50 dlr");
}
