//! A set mixing two events: claims of different stories are compared (and kept as related when
//! worded alike) but never corroborate each other; the same words within one story do.
use crate::common::{compare_relations_with, fixture};

/// The town of a claim id (`dayton-1#3` -> `dayton`): the fixture's event.
fn event(claim: &str) -> &str {
    claim.split('-').next().unwrap_or(claim)
}

#[test]
fn the_same_words_about_two_shootings_are_never_agree() {
    for flags in [&[][..], &["--fast"][..]] {
        let tmp = tempfile::tempdir().unwrap();
        let rows = compare_relations_with(
            &fixture("similarity/stories/two_shootings.jsonl"),
            &tmp.path().join("out"),
            flags,
        );
        let across: Vec<_> = rows
            .iter()
            .filter(|((a, b), _)| event(a) != event(b))
            .collect();
        // "No arrests have been made." is in all four articles: the pairs across the two
        // shootings are kept, so the test sees them ...
        assert!(!across.is_empty(), "{flags:?}: no pair across the stories");
        // ... and none is an agreement.
        for ((a, b), (relation, _)) in &across {
            assert_ne!(relation, "agree", "{flags:?}: {a} / {b}");
        }
        // Within one shooting the same sentence corroborates.
        assert!(
            rows.iter()
                .any(|((a, b), (relation, _))| event(a) == event(b) && relation == "agree"),
            "{flags:?}: no agreement within a story"
        );
    }
}
