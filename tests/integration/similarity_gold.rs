//! The similarity engine against gold: the seed-gold rows of kinds agree, contradict,
//! not-contradict and entity (tests/data/seed-gold.tsv, seeds in data/seeds/), and a table of
//! sentence pairs with their expected relation (tests/data/similarity/relations.tsv), both
//! through the library API: parse, align (or judge), look the claims up by snippet.
use std::path::Path;

use concord_parser::{parse_document, Article, Format};
use concord_similarity::{Aligner, Alignment, Relation};

use crate::common;

fn seed(prefix: &str) -> Article {
    let dir = common::seeds_dir();
    let path = std::fs::read_dir(&dir)
        .expect("data/seeds")
        .map(|e| e.expect("dir entry").path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{prefix}_")))
        })
        .unwrap_or_else(|| panic!("no seed {prefix}_*.txt in {}", dir.display()));
    read(&path)
}

fn read(path: &Path) -> Article {
    let bytes = std::fs::read(path).expect("seed file");
    parse_document(&path.display().to_string(), &bytes, Format::Text)
        .into_iter()
        .next()
        .expect("one article")
        .expect("seed parses")
}

/// Matching ignores curly quotes and dashes (the gold is typed by hand).
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .collect()
}

/// Indices of the claims of an article whose text contains the snippet.
fn claims_with(article: &Article, snippet: &str) -> Vec<usize> {
    let snippet = fold(snippet);
    article
        .claims
        .iter()
        .filter(|c| fold(&c.text).contains(&snippet))
        .map(|c| c.index)
        .collect()
}

/// The relation the alignment gives a pair of claims (article 0 claim x, article 1 claim y).
fn relation_of(alignment: &Alignment, x: usize, y: usize) -> Option<Relation> {
    alignment
        .matches
        .iter()
        .find(|m| m.a.article == 0 && m.a.claim == x && m.b.article == 1 && m.b.claim == y)
        .map(|m| m.relation)
}

/// Names the parser found in an article (entities and speakers).
fn names(article: &Article) -> Vec<String> {
    article
        .claims
        .iter()
        .flat_map(|c| {
            c.entities
                .iter()
                .map(|e| e.name.clone())
                .chain(c.speaker.clone())
        })
        .collect()
}

/// Seed-gold rows (file line numbers) no general rule reaches yet, and why. The test fails when
/// one of them starts to pass, so that this list only ever shrinks, and when one is no longer
/// kept even as `related`.
const KNOWN_MISSES: &[(usize, &str)] = &[
    (3, "one speaker, but the quote carries a second clause and 004's claim its attribution; WordNet links ready ~ prepared but not deal ~ negotiate: kept as related at 0.28 (agreement from 0.54); the bare clauses score 0.13"),
    (6, "two closing assessments sharing no content word: kept as related at 0.20 (story clustering), far below agreement"),
    (7, "pressure makes negotiation necessary, said in different words: kept as related at 0.17"),
];

#[test]
fn seed_gold_alignment_rows() {
    let gold = std::fs::read_to_string(common::fixture("seed-gold.tsv")).expect("seed-gold.tsv");
    let (a, b) = (seed("000"), seed("004"));
    let set = [a, b];
    let alignment = Aligner::default().align(&set);
    let mut failures = Vec::new();
    let mut missed = Vec::new();
    let mut checked = 0;
    for (n, line) in gold.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [kind, art_a, snip_a, art_b, snip_b, ..] = cols[..] else {
            continue;
        };
        if !matches!(kind, "agree" | "contradict" | "not-contradict" | "entity") {
            continue;
        }
        assert_eq!((art_a, art_b), ("000", "004"), "line {}", n + 1);
        checked += 1;
        let row = format!("line {} {kind}: {snip_a:?} / {snip_b:?}", n + 1);
        if kind == "entity" {
            let (na, nb) = (names(&set[0]), names(&set[1]));
            let found_a = na.iter().any(|x| alignment.same_entity(x, snip_a));
            let found_b = nb.iter().any(|x| alignment.same_entity(x, snip_b));
            if !found_a || !found_b {
                failures.push(format!(
                    "{row}: name not found by the parser ({found_a}, {found_b})"
                ));
            } else if !alignment.same_entity(snip_a, snip_b) {
                failures.push(format!("{row}: not resolved to one entity"));
            }
            continue;
        }
        let (xs, ys) = (claims_with(&set[0], snip_a), claims_with(&set[1], snip_b));
        if xs.is_empty() || ys.is_empty() {
            failures.push(format!("{row}: snippet in no claim"));
            continue;
        }
        let relations: Vec<Option<Relation>> = xs
            .iter()
            .flat_map(|&x| ys.iter().map(move |&y| (x, y)))
            .map(|(x, y)| relation_of(&alignment, x, y))
            .collect();
        let ok = match kind {
            "agree" => relations.contains(&Some(Relation::Agree)),
            "contradict" => relations.contains(&Some(Relation::Contradict)),
            _ => !relations.contains(&Some(Relation::Contradict)),
        };
        let known = KNOWN_MISSES.iter().any(|(l, _)| *l == n + 1);
        // A known miss must still be found: kept as a `related` row, not lost as a candidate.
        let found = relations.iter().any(Option::is_some);
        match (ok, known) {
            (false, false) => failures.push(format!("{row}: got {relations:?}")),
            (false, true) if !found => {
                failures.push(format!("{row}: known miss, but no longer kept at all"))
            }
            (false, true) => missed.push(n + 1),
            (true, true) => failures.push(format!("{row}: passes now, drop it from KNOWN_MISSES")),
            (true, false) => {}
        }
    }
    assert_eq!(checked, 14, "seed-gold rows of the four kinds");
    eprintln!(
        "seed-gold: {} of {checked} rows hold; known misses: lines {missed:?}",
        checked - missed.len() - failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn no_false_contradictions_in_seed_set() {
    // The seed set has exactly one contradiction between its sources (seed-gold); anything else
    // the engine flags is noise a journalist would have to wade through.
    let set = [seed("000"), seed("004")];
    let alignment = Aligner::default().align(&set);
    let contradictions: Vec<String> = alignment
        .matches
        .iter()
        .filter(|m| m.relation == Relation::Contradict)
        .map(|m| {
            format!(
                "{} | {} | {}",
                m.reason.as_ref().map(|r| r.to_string()).unwrap_or_default(),
                set[m.a.article].claims[m.a.claim].text,
                set[m.b.article].claims[m.b.claim].text
            )
        })
        .collect();
    // Exactly the gold contradiction: Lavrov's "ongoing negotiations with Washington" against
    // his "Washington needs to take the first step toward restoring dialogue".
    assert_eq!(contradictions.len(), 1, "{}", contradictions.join("\n"));
    assert!(
        contradictions[0].contains("ongoing negotiations with Washington")
            && contradictions[0].contains("Washington needs to take the first step"),
        "{}",
        contradictions[0]
    );
}

#[test]
fn relation_table() {
    // relations.tsv: relation, reason kind (or -), text a, text b.
    let table = std::fs::read_to_string(common::fixture("similarity/relations.tsv"))
        .expect("relations.tsv");
    let aligner = Aligner::default();
    let mut failures = Vec::new();
    for (n, line) in table.lines().enumerate().skip(1) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [relation, reason, a, b] = cols[..] else {
            panic!("relations.tsv line {}: want 4 columns", n + 1);
        };
        let j = aligner.judge_texts(a, b);
        let got_reason = j.reason.as_ref().map_or("-", |r| r.kind.as_str());
        let relation_ok = match relation {
            "not-contradict" => j.relation != Relation::Contradict,
            r => j.relation.as_str() == r,
        };
        if !relation_ok || got_reason != reason {
            failures.push(format!(
                "line {}: want {relation}/{reason}, got {}/{got_reason} ({:.2}; {}) for {a:?} / {b:?}",
                n + 1,
                j.relation,
                j.score,
                j.reason.map(|r| r.to_string()).unwrap_or_default()
            ));
        }
        let back = aligner.judge_texts(b, a);
        assert_eq!(
            (back.relation, back.score),
            (j.relation, j.score),
            "line {}: symmetric",
            n + 1
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_alignment_is_identical_for_any_thread_count() {
    let set = [seed("000"), seed("004")];
    let aligner = Aligner::default();
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool")
            .install(|| aligner.align(&set))
    };
    let one = run(1);
    assert!(!one.matches.is_empty());
    assert_eq!(one, run(4));
    assert!(one
        .matches
        .windows(2)
        .all(|w| (w[0].a, w[0].b) < (w[1].a, w[1].b)));
    // The report line the graph prints for the seed's best-known alias group.
    let lavrov = one.alias_group("Lavrov").expect("Lavrov's alias group");
    assert_eq!(lavrov.variants.len(), 3, "{lavrov:?}");
    assert_eq!(one.copy_of, vec![None, None]);
}

/// A set mixing two similar events (two celebrities entering two different clinics, written
/// for this test): the articles fall into two stories, and no claim of one story is matched
/// with a claim of the other below `Config::cross_story_score`.
#[test]
fn two_similar_events_are_two_stories() {
    let path = common::fixture("similarity/stories.jsonl");
    let bytes = std::fs::read(&path).expect("stories.jsonl");
    let set: Vec<Article> = parse_document(&path.display().to_string(), &bytes, Format::Jsonl)
        .into_iter()
        .map(|a| a.expect("fixture article parses"))
        .collect();
    let aligner = Aligner::default();
    let alignment = aligner.align(&set);
    let event = |i: usize| set[i].meta.id.chars().next();
    for i in 0..set.len() {
        for j in 0..set.len() {
            assert_eq!(
                alignment.story_of[i] == alignment.story_of[j],
                event(i) == event(j),
                "{} / {}: stories {:?}",
                set[i].meta.id,
                set[j].meta.id,
                alignment.story_of
            );
        }
    }
    assert!(alignment
        .matches
        .iter()
        .filter(|m| event(m.a.article) != event(m.b.article))
        .all(|m| m.score >= aligner.config().cross_story_score));
    // Within a story, the same event told in other words is still found.
    assert!(alignment
        .matches
        .iter()
        .any(|m| event(m.a.article) == Some('b') && event(m.b.article) == Some('b')));
}
