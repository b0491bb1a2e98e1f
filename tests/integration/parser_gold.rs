//! The seed-gold checks of the parser: every row of `tests/data/seed-gold.tsv` of kind speaker,
//! number, sentence, boilerplate, not-claim, hedge or negation must hold on the seed articles in
//! `data/seeds/` (`000_*.txt` is article "000", `004_*.txt` is "004"), through the library API.
//!
//! How a row is checked (snippets are compared after `concord_parser::fold`, so curly quotes
//! match straight ones):
//! - speaker: the claim containing the snippet has a speaker equal to the expected name or whose
//!   last word is the expected surname ("Lavrov" matches "Sergey Lavrov").
//! - number: every "; "-separated expected quantity is the `Display` form of one quantity of the
//!   claim containing the snippet ("at least 12 killed", "over 1200 casualties per day").
//! - sentence: one sentence contains the whole snippet (no break inside it).
//! - boilerplate: the snippet is a sentence of kind boilerplate, every time it occurs, and no
//!   claim contains it.
//! - not-claim: the sentence containing the snippet is a question and no claim contains it.
//! - hedge / negation: the claim containing the snippet is hedged / negated.
use concord_parser::{fold, Article, SentenceKind};

use crate::common::{fixture, seed};

fn check(article: &Article, kind: &str, snippet: &str, expected: &str) -> Result<(), String> {
    let snip = fold(snippet);
    let claim = || {
        article
            .claims
            .iter()
            .find(|c| c.folded.contains(&snip))
            .ok_or_else(|| format!("no claim contains {snippet:?}"))
    };
    let no_claim = || match article.claims.iter().find(|c| c.folded.contains(&snip)) {
        Some(c) => Err(format!("claim {:?} contains it", c.text)),
        None => Ok(()),
    };
    match kind {
        "speaker" => {
            let c = claim()?;
            let got = c.speaker.as_deref().unwrap_or("");
            let surname = got.rsplit(' ').next().unwrap_or("");
            if got == expected || surname == expected {
                Ok(())
            } else {
                Err(format!(
                    "speaker {got:?}, expected {expected:?} in {:?}",
                    c.text
                ))
            }
        }
        "number" => {
            let c = claim()?;
            let got: Vec<String> = c.quantities.iter().map(|q| q.to_string()).collect();
            match expected
                .split("; ")
                .find(|want| !got.iter().any(|g| g == want))
            {
                None => Ok(()),
                Some(missing) => Err(format!("quantity {missing:?} not among {got:?}")),
            }
        }
        "sentence" => article
            .sentences
            .iter()
            .any(|s| fold(&s.text).contains(&snip))
            .then_some(())
            .ok_or_else(|| format!("no single sentence contains {snippet:?}")),
        "boilerplate" => {
            let hits: Vec<_> = article
                .sentences
                .iter()
                .filter(|s| s.text.trim() == snippet)
                .collect();
            if hits.is_empty() {
                return Err(format!("no sentence {snippet:?}"));
            }
            if let Some(s) = hits.iter().find(|s| s.kind != SentenceKind::Boilerplate) {
                return Err(format!("sentence {} is {}", s.index, s.kind.as_str()));
            }
            match article.claims.iter().find(|c| c.text.trim() == snippet) {
                Some(c) => Err(format!("claim {} is {snippet:?}", c.index)),
                None => Ok(()),
            }
        }
        "not-claim" => {
            let s = article
                .sentences
                .iter()
                .find(|s| fold(&s.text).contains(&snip))
                .ok_or_else(|| format!("no sentence contains {snippet:?}"))?;
            if s.kind != SentenceKind::Question {
                return Err(format!("sentence kind {}", s.kind.as_str()));
            }
            no_claim()
        }
        "hedge" => claim()?
            .hedged
            .then_some(())
            .ok_or_else(|| "not hedged".to_string()),
        "negation" => claim()?
            .negated
            .then_some(())
            .ok_or_else(|| "not negated".to_string()),
        other => Err(format!("unknown kind {other}")),
    }
}

#[test]
fn seed_gold_parser_rows_hold() {
    const KINDS: &[&str] = &[
        "speaker",
        "number",
        "sentence",
        "boilerplate",
        "not-claim",
        "hedge",
        "negation",
    ];
    let gold = std::fs::read_to_string(fixture("seed-gold.tsv")).expect("tests/data/seed-gold.tsv");
    let articles = [("000", seed("000")), ("004", seed("004"))];
    let mut passed = 0;
    let mut failures = Vec::new();
    for (n, line) in gold.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 || !KINDS.contains(&f[0]) {
            continue;
        }
        let (kind, art, snippet, expected) = (f[0], f[1], f[2], f[4]);
        let article = &articles
            .iter()
            .find(|(id, _)| *id == art)
            .expect("article 000 or 004")
            .1;
        match check(article, kind, snippet, expected) {
            Ok(()) => passed += 1,
            Err(e) => failures.push(format!("line {}: {kind} {snippet:?}: {e}", n + 1)),
        }
    }
    let total = passed + failures.len();
    println!("seed-gold parser rows: {passed}/{total} pass");
    assert!(
        total >= 20,
        "expected the 20+ parser rows of seed-gold.tsv, found {total}"
    );
    assert!(
        failures.is_empty(),
        "{} of {total} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
