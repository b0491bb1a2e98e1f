//! Labels a scored pair: `agree`, `contradict` (with a typed reason) or `related`.
//!
//! A contradiction needs two things: evidence that both claims are about the same thing (the
//! score, content-word overlap, a shared speaker or entity) and one incompatibility. Each check
//! is symmetric in its two claims, and the checks run in a fixed order, so the relation never
//! depends on which claim comes first. Different quantities of different things are not
//! compared: a numeric conflict needs the same counted noun, both counts or both rates, and
//! intervals that cannot overlap ("at least 12" is compatible with "15").
//!
//! This file holds the entry points and the order the checks run in
//! (`conflict_at_one_moment`); each kind of incompatibility is found in its own module:
//! `attribution`, `numeric` (figures and measures), `denial` (negation, possession, hedges),
//! `opposite` (antonyms, aspect), `time` and `place`; `moments` tells when claims of articles
//! published on different days are two moments rather than two accounts of one.
use crate::score::TermId;
use crate::types::{Config, Reason, Relation};
use crate::view::{View, TOKEN_NAME};

mod attribution;
mod denial;
mod moments;
mod numeric;
mod opposite;
mod place;
mod time;

use attribution::attribution;
use denial::{modality, negation, possession_denied};
pub(crate) use moments::publication_day;
use moments::two_moments;
pub(crate) use numeric::measured_noun;
use numeric::{every_figure_differs, has_measure, measure_mismatch, numeric, parts_differ};
use opposite::{aspect, aspect_cues_oppose, ends_of_one_span, opposite};
use place::places_differ;
use time::time;

/// How much of the shorter claim's content words the other claim shares.
pub(crate) fn content_overlap(a: &View, b: &View) -> f32 {
    let (short, long) = if a.stems.len() <= b.stems.len() {
        (&a.stems, &b.stems)
    } else {
        (&b.stems, &a.stems)
    };
    if short.is_empty() {
        return 0.0;
    }
    let shared = short
        .iter()
        .filter(|s| long.binary_search(s).is_ok())
        .count();
    shared as f32 / short.len() as f32
}

fn shared_count(a: &[u32], b: &[u32]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_ok()).count()
}

/// How many distinct content words (stems) the two claims share besides names: words
/// capitalized inside a sentence in either claim and the speaker's name do not count, so two
/// claims that only name the same actors share none.
fn shared_non_name_words(a: &View, b: &View) -> usize {
    let is_name = |t: TermId| {
        [a, b].iter().any(|v| {
            v.speaker_stems.contains(&t)
                || v.tokens.iter().any(|&(u, f)| u == t && f & TOKEN_NAME != 0)
        })
    };
    // `stems` are sorted and deduplicated: each shared word counts once.
    a.stems
        .iter()
        .filter(|t| b.stems.binary_search(t).is_ok())
        .filter(|&&t| !is_name(t))
        .count()
}

/// The relation of two claims once [`conflict`] has been checked (a contradiction when it
/// found one): the aligner checks it first, to decide whether a low-scoring pair is kept.
/// `headline_containment`: when one of the claims is a headline, how much of the
/// better-covered claim the other covers ([`crate::Scorer::containment`]); asked for only when
/// the labelling reaches the rule that reads it (it is a second pass of the scorer).
pub(crate) fn label_given_conflict(
    a: &View,
    b: &View,
    score: f32,
    conflict: Option<Reason>,
    headline_containment: impl Fn() -> Option<f32>,
    config: &Config,
    one_situation: bool,
) -> (Relation, Option<Reason>) {
    let labelled = match conflict {
        Some(reason) => (Relation::Contradict, Some(reason)),
        None if score >= config.agree_score => (Relation::Agree, None),
        // No rule for one speaker quoted by two sources: on ECB+ dev about four in five of the
        // pairs it made agree said different things (tests/data/similarity/agree_audit_ecb_dev.tsv).
        // Two claims naming the same two actors (people, places, organisations, resolved
        // across spellings) with a moderate score: on ECB+ dev such pairs are the same event
        // about as often (85%) as pairs over the paraphrase threshold (86%).
        None if !one_situation
            && shared_count(&a.entities, &b.entities) >= 2
            && score >= config.shared_actors_agree_score
            && shared_non_name_words(a, b) >= config.shared_actors_agree_words =>
        {
            (Relation::Agree, None)
        }
        // A headline compresses its story's main claim into a few words, so it scores low
        // against the longer sentence that tells the same claim in full; what counts is that
        // the other claim covers most of it.
        None if !one_situation
            && headline_containment().is_some_and(|c| c >= config.headline_agree_containment) =>
        {
            (Relation::Agree, None)
        }
        None => (Relation::Related, None),
    };
    // Two accounts of one thing at two moments (a toll of 12 one day, 15 the next) are not
    // the same claim either: related. Asked only of agreeing pairs of articles published on
    // different days.
    let apart = || {
        a.published.is_some()
            && b.published.is_some()
            && a.published != b.published
            && conflict_at_one_moment(a, b, score, config, one_situation, true).is_some()
    };
    if labelled.0 == Relation::Agree && !one_situation && apart() {
        return (Relation::Related, None);
    }
    // Different figures for the same measure are not the same claim, even when nothing shows
    // the two are about one thing and so could contradict ("Hog prices are expected 0.50 dlr
    // higher" / "Hog prices are expected 1.00 dlr higher", two markets' briefs, both from
    // "private sources"): related.
    if labelled.0 == Relation::Agree && !one_situation && figures_differ(a, b) {
        return (Relation::Related, None);
    }
    labelled
}

/// Different figures for the same measure (at any two moments), figures of different parts, or
/// the two ends of one span: evidence that two claims are not the same claim, whether or not
/// they conflict (the learned judge reads it as a feature).
pub(crate) fn figures_differ(a: &View, b: &View) -> bool {
    numeric(a, b, false).is_some()
        || parts_differ(a, b)
        || every_figure_differs(a, b)
        || ends_of_one_span(a, b)
}

/// `one_situation`: the caller presents the two as describing one situation (a sentence pair),
/// so opposite words need no further evidence that they are about the same thing.
/// `same_story`: the two articles share their main actors (always true outside a set).
///
/// Claims of articles published on different days may tell two moments: see [`two_moments`].
pub(crate) fn conflict(
    a: &View,
    b: &View,
    score: f32,
    config: &Config,
    one_situation: bool,
    same_story: bool,
) -> Option<Reason> {
    conflict_at_one_moment(a, b, score, config, one_situation, same_story)
        .filter(|r| !two_moments(a, b, r.kind))
}

/// [`conflict`], as if both claims told the same moment.
fn conflict_at_one_moment(
    a: &View,
    b: &View,
    score: f32,
    config: &Config,
    one_situation: bool,
    same_story: bool,
) -> Option<Reason> {
    let same_speaker = a.speaker.is_some() && a.speaker == b.speaker;
    // Below both the contradiction and the agreement score, every check but three needs the
    // pair presented as one situation. The exceptions: one speaker's process said to go on and
    // to have stopped (`aspect`), and, from `one_thing_contradict_score`, two accounts of one
    // thing of the story: its size, by the same measure of the same noun ("a .38 caliber
    // revolver" / "a .357 caliber revolver"), and whether someone had it ("did not have a gun
    // in his hand" / "flashed a gun at a pair of cops"). Most candidate pairs of a set score
    // that low, and this runs on each of them.
    let low = !one_situation && score < config.contradict_score.min(config.agree_score);
    let one_thing = low && score >= config.one_thing_contradict_score;
    let measure_only = one_thing && has_measure(a) && has_measure(b);
    let possession_only = one_thing && a.negated != b.negated;
    let speaker_aspect = same_speaker && aspect_cues_oppose(a, b);
    if low && !(measure_only || possession_only || speaker_aspect) {
        return None;
    }
    let overlap = content_overlap(a, b);
    let shared_entities = shared_count(&a.entities, &b.entities);
    let about_same = (one_situation || score >= config.contradict_score) && overlap >= 0.4;
    let same_event = score >= config.agree_score && overlap >= 0.5;

    if let Some(r) = attribution(a, b, score, overlap, config) {
        return Some(r);
    }
    // Claims about different actors (Brazil vs Argentina, one company's revenue vs another's)
    // cannot contradict; claims naming nobody rely on their articles being about the same
    // actors. A claim that opens on a pronoun has an actor, only not named here ("He pleads
    // not guilty" is no account of what "Mr Myers has already pleaded guilty" says).
    //
    // Each claim is about someone the other does not mention: "Commercial Credit Co is raising
    // 150 mln dlrs" / "North American Philips Corp is raising 100 mln dlrs".
    //
    // `tellers_are_actors`: whether a claim's speaker counts among its actors. For the
    // measure of one thing it does not: the speaker tells, and "police said a .38 revolver was
    // recovered" / "according to the officers, he pointed a .357 revolver at them" are two
    // accounts of one revolver. For what people say or deny it does ("I don't think a
    // responsible government can stand aside" / "I think it's a proportionate response, Mr
    // Rimmer said").
    let unrelated = |tellers_are_actors: bool| {
        let actors = |v: &View| {
            opens_on_pronoun(v)
                || if tellers_are_actors {
                    !v.actors.is_empty()
                } else {
                    !v.named.is_empty()
                }
        };
        let shared_actors = shared_count(&a.actors, &b.actors);
        let disjoint_actors = actors(a) && actors(b) && shared_actors == 0;
        let foreign_subject = |x: &View, y: &View| {
            (tellers_are_actors || !x.named.is_empty())
                && x.subject
                    .is_some_and(|s| y.entities.binary_search(&s).is_err())
        };
        (shared_actors == 0 && (disjoint_actors || !same_story))
            || (foreign_subject(a, b) && foreign_subject(b, a))
    };
    if !one_situation && unrelated(true) {
        return if unrelated(false) {
            None
        } else {
            measure_mismatch(a, b)
        };
    }
    if about_same {
        if let Some(r) = numeric(a, b, one_situation) {
            return Some(r);
        }
    }
    if !one_situation {
        if let Some(r) = measure_mismatch(a, b) {
            return Some(r);
        }
    }
    if low && !speaker_aspect {
        return if possession_only {
            possession_denied(a, b)
        } else {
            None
        };
    }
    // "Previously, agencies were required to consult" / "the regulations don't require them to
    // consult": a change told from both sides of it.
    let change = !one_situation && (marks_change(a) || marks_change(b));
    if a.negated != b.negated {
        if change {
            return None;
        }
        // The remaining checks assume both have the same polarity.
        return negation(a, b, score, overlap, config, one_situation);
    }
    if !change
        && (one_situation
            || (overlap >= config.opposite_overlap && score >= config.contradict_score))
    {
        if let Some(r) = opposite(a, b, one_situation) {
            return Some(r);
        }
    }
    if let Some(r) = aspect(
        a,
        b,
        score,
        same_speaker,
        shared_entities,
        one_situation,
        config,
    ) {
        return Some(r);
    }
    if same_event {
        if let Some(r) = time(a, b, one_situation) {
            return Some(r);
        }
        if let Some(r) = places_differ(a, b) {
            return Some(r);
        }
        if let Some(r) = modality(a, b, score, overlap, config, one_situation) {
            return Some(r);
        }
    }
    None
}

/// Whether a claim opens on a personal pronoun ("He has 53 catches"): about someone its
/// article named before.
fn opens_on_pronoun(v: &View) -> bool {
    v.claim
        .text
        .split_whitespace()
        .next()
        .is_some_and(|w| matches!(w, "He" | "She" | "They" | "It" | "His" | "Her" | "Their"))
}

/// Whether a claim says that what it states held at another time or holds once more: then a
/// claim of the other polarity may well be about the time before or after.
fn marks_change(v: &View) -> bool {
    const CHANGE: &[&str] = &["previously", "formerly", "again", "anymore"];
    v.words
        .iter()
        .enumerate()
        .any(|(i, _)| CHANGE.contains(&v.word(i)))
}

/// Lower-case words of a text, apostrophes kept ("didn't").
fn plain_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .collect()
}

/// At most `n` characters of a text, cut at a word boundary, for reasons.
fn short(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_string();
    }
    let cut: String = text.chars().take(n).collect();
    let cut = cut.rsplit_once(' ').map(|(s, _)| s).unwrap_or(&cut);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::publication_day;
    use crate::view::{View, ViewBuilder};
    use crate::{Aligner, Judgement, Relation};

    /// Claims of a set and the contradiction expected between them (a reason kind, or `-`).
    const CASES: &str = include_str!("../../../../tests/data/similarity/contradiction_rules.tsv");

    #[test]
    fn contradiction_rules() {
        let aligner = Aligner::default();
        check_rule_table("contradiction_rules.tsv", CASES, 5, |pair| {
            both_ways(&aligner, pair[0], pair[1])
        });
    }

    /// Checks a table of judgements (TSV, `#` comments, a header row): each row is a rule
    /// name, the fields `judge` reads (it judges them both ways), the contradiction kind
    /// wanted (or "-") and why. Fails with every row that does not hold.
    fn check_rule_table(
        name: &str,
        table: &str,
        width: usize,
        judge: impl Fn(&[&str]) -> [Judgement; 2],
    ) {
        let mut failures = Vec::new();
        let rows = table.lines().filter(|l| !l.starts_with('#')).skip(1);
        for (n, line) in rows.enumerate() {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                fields.len(),
                width,
                "{name} row {}: {width} fields expected",
                n + 1
            );
            let (rule, inputs) = (fields[0], &fields[1..width - 2]);
            let (want, why) = (fields[width - 2], fields[width - 1]);
            for j in judge(inputs) {
                let got = contradiction_kind(&j);
                if got != want {
                    failures.push(format!(
                        "{rule} ({why}): want {want}, got {got} {:?}\n  {}",
                        j.reason,
                        inputs.join("\n  ")
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Claims of a set that share most words but tell different figures of one noun, or two
    /// moments of one span, are two facts, not one (`related`), whether or not they could
    /// contradict.
    #[test]
    fn two_facts_do_not_agree() {
        let aligner = Aligner::default();
        let cases = [
            (
                "Hansbrough now has 2,301 career points for the Tar Heels.",
                "Hansbrough scored 20 points for the Tar Heels last night.",
                Relation::Related,
            ),
            (
                "The Bank of England said it gave the money market a further 186 mln stg in assistance.",
                "The Bank of England said it gave the money market 224 mln stg in assistance.",
                Relation::Related,
            ),
            (
                "The Bank of England said it gave the money market 224 mln stg in assistance.",
                "The Bank of England gave the money market 224 mln stg in assistance, it said.",
                Relation::Agree,
            ),
            (
                "Cargo handling remains halted at the port of Chittagong, port officials said.",
                "Cargo handling resumed at the port of Chittagong today, port officials said.",
                Relation::Related,
            ),
        ];
        for (a, b, want) in cases {
            for j in both_ways(&aligner, a, b) {
                assert_eq!(j.relation, want, "{a} / {b}: {j:?}");
            }
        }
    }

    /// Two sentences judged as claims of a set, `a` against `b` and `b` against `a`.
    fn both_ways(aligner: &Aligner, a: &str, b: &str) -> [Judgement; 2] {
        let (ca, cb) = (
            concord_parser::analyze_sentence(a),
            concord_parser::analyze_sentence(b),
        );
        [aligner.judge(&ca, &cb), aligner.judge(&cb, &ca)]
    }

    /// A judgement as the rule tables write it: the contradiction's kind, or "-".
    fn contradiction_kind(j: &Judgement) -> &'static str {
        match (j.relation, &j.reason) {
            (Relation::Contradict, Some(r)) => r.kind.as_str(),
            _ => "-",
        }
    }

    /// Claims of articles published on given days and the contradiction expected between
    /// them: one figure reported at two moments, and the same pair on one day.
    const DATED: &str = include_str!("../../../../tests/data/similarity/dated_contradictions.tsv");

    /// `Aligner::judge`, with each claim's article published on the given day.
    fn judge_dated(
        aligner: &Aligner,
        (a, day_a): (&str, &str),
        (b, day_b): (&str, &str),
    ) -> Judgement {
        let (ca, cb) = (
            concord_parser::analyze_sentence(a),
            concord_parser::analyze_sentence(b),
        );
        let names = crate::alias::Resolver::build(crate::names_of([&ca, &cb]));
        let builder = ViewBuilder::new(&aligner.scorer);
        let va = View {
            published: publication_day(day_a),
            ..builder.view(0, &ca, &names)
        };
        let vb = View {
            published: publication_day(day_b),
            ..builder.view(1, &cb, &names)
        };
        aligner.judge_views(&va, &vb, false, true)
    }

    #[test]
    fn dated_contradictions() {
        let aligner = Aligner::default();
        check_rule_table("dated_contradictions.tsv", DATED, 7, |f| {
            let (day_a, a, day_b, b) = (f[0], f[1], f[2], f[3]);
            [
                judge_dated(&aligner, (a, day_a), (b, day_b)),
                judge_dated(&aligner, (b, day_b), (a, day_a)),
            ]
        });
    }
}
