//! Labels a scored pair: `agree`, `contradict` (with a typed reason) or `related`.
//!
//! A contradiction needs two things: evidence that both claims are about the same thing (the
//! score, content-word overlap, a shared speaker or entity) and one incompatibility. Each check
//! is symmetric in its two claims, and the checks run in a fixed order, so the relation never
//! depends on which claim comes first. Different quantities of different things are not
//! compared: a numeric conflict needs the same counted noun, both counts or both rates, and
//! intervals that cannot overlap ("at least 12" is compatible with "15").
use crate::score::Scorer;
use crate::types::{Config, Reason, ReasonKind, Relation};
use crate::view::{Amount, TimeKey, View};

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

/// The relation of two claims and, for a contradiction, why.
pub(crate) fn label(
    a: &View,
    b: &View,
    score: f32,
    config: &Config,
    scorer: &Scorer,
) -> (Relation, Option<Reason>) {
    match conflict(a, b, score, config, scorer) {
        Some(reason) => (Relation::Contradict, Some(reason)),
        None if score >= config.agree_score => (Relation::Agree, None),
        None => (Relation::Related, None),
    }
}

fn conflict(a: &View, b: &View, score: f32, config: &Config, scorer: &Scorer) -> Option<Reason> {
    let overlap = content_overlap(a, b);
    let same_speaker = a.speaker.is_some() && a.speaker == b.speaker;
    let shared_entities = shared_count(&a.entities, &b.entities);
    let about_same = score >= config.contradict_score && overlap >= 0.4;
    let same_event = score >= config.agree_score && overlap >= 0.5;

    if let Some(r) = attribution(a, b, score, overlap, config) {
        return Some(r);
    }
    if about_same {
        if let Some(r) = numeric(a, b) {
            return Some(r);
        }
    }
    if a.negated != b.negated {
        // One denies what the other asserts: the rest must be nearly the same statement.
        if about_same && overlap >= 0.6 {
            let (neg, pos) = if a.negated { (a, b) } else { (b, a) };
            let cue = neg.negation_cue.as_deref().unwrap_or("not");
            return Some(Reason {
                kind: ReasonKind::Negation,
                detail: format!("\"{cue}\" in \"{}\"", short(&neg.claim.text, 60))
                    + &format!(" denies \"{}\"", short(&pos.claim.text, 60)),
            });
        }
        // The remaining checks assume both have the same polarity.
        return None;
    }
    if about_same {
        if let Some(r) = antonym(a, b, scorer) {
            return Some(r);
        }
    }
    if let Some(r) = aspect(a, b, score, same_speaker, shared_entities, config) {
        return Some(r);
    }
    if same_event {
        if let Some(r) = time(a, b) {
            return Some(r);
        }
        if !a.places.is_empty()
            && !b.places.is_empty()
            && shared_count(&a.places, &b.places) == 0
            && shared_entities > 0
        {
            return Some(Reason {
                kind: ReasonKind::Place,
                detail: format!("{} vs {}", place_names(a), place_names(b)),
            });
        }
        if a.hedged != b.hedged {
            let (hedged, asserted) = if a.hedged { (a, b) } else { (b, a) };
            return Some(Reason {
                kind: ReasonKind::Modality,
                detail: format!(
                    "asserted \"{}\" vs only hedged \"{}\"",
                    short(&asserted.claim.text, 60),
                    short(&hedged.claim.text, 60)
                ),
            });
        }
    }
    None
}

/// The same words, attributed to different people.
fn attribution(a: &View, b: &View, score: f32, overlap: f32, config: &Config) -> Option<Reason> {
    let (sa, sb) = (a.speaker?, b.speaker?);
    if !(a.claim.quote && b.claim.quote) || sa == sb {
        return None;
    }
    if score < config.agree_score.max(0.6) || overlap < 0.8 {
        return None;
    }
    Some(Reason {
        kind: ReasonKind::Attribution,
        detail: format!(
            "\"{}\" said by {} vs {}",
            short(&a.claim.text, 60),
            a.claim.speaker.as_deref().unwrap_or("?"),
            b.claim.speaker.as_deref().unwrap_or("?")
        ),
    })
}

fn compatible(x: &Amount, y: &Amount) -> bool {
    x.lo <= y.hi && y.lo <= x.hi
}

/// The same counted thing with values that cannot both be right.
fn numeric(a: &View, b: &View) -> Option<Reason> {
    for x in &a.amounts {
        let same_thing = |y: &&Amount| y.unit == x.unit && y.rate == x.rate && !x.unit.is_empty();
        let ys: Vec<&Amount> = b.amounts.iter().filter(same_thing).collect();
        if ys.is_empty() {
            continue;
        }
        let xs: Vec<&Amount> = a
            .amounts
            .iter()
            .filter(|z| z.unit == x.unit && z.rate == x.rate)
            .collect();
        let any_compatible = xs.iter().any(|x| ys.iter().any(|y| compatible(x, y)));
        if !any_compatible {
            return Some(Reason {
                kind: ReasonKind::Numeric,
                detail: format!("{} vs {}", xs[0].text, ys[0].text),
            });
        }
    }
    None
}

/// Opposite words from the lexicon, one in each claim and not shared.
fn antonym(a: &View, b: &View, scorer: &Scorer) -> Option<Reason> {
    let only = |x: &View, y: &View| -> Vec<u32> {
        x.prepared
            .terms
            .iter()
            .copied()
            .filter(|t| y.prepared.terms.binary_search(t).is_err())
            .collect()
    };
    let (oa, ob) = (only(a, b), only(b, a));
    for &ta in &oa {
        for &tb in &ob {
            if scorer.are_antonyms(ta, tb) {
                return Some(Reason {
                    kind: ReasonKind::Antonym,
                    detail: format!(
                        "\"{}\" vs \"{}\"",
                        short(&a.claim.text, 60),
                        short(&b.claim.text, 60)
                    ),
                });
            }
        }
    }
    None
}

/// A process said to be going on by one claim and stopped (or needing a restart) by the other:
/// "ongoing negotiations" vs "restoring dialogue ... broke off". The cue must govern the same
/// process noun on both sides, or, for one speaker, the noun said to be going on must be in the
/// other claim.
fn aspect(
    a: &View,
    b: &View,
    score: f32,
    same_speaker: bool,
    shared_entities: usize,
    config: &Config,
) -> Option<Reason> {
    let about_same = score >= config.contradict_score && content_overlap(a, b) >= 0.4;
    let one_way = |cont: &View, int: &View| -> Option<(String, String)> {
        for c in &cont.continuing {
            for i in &int.interrupted {
                let same_noun = c.nouns.iter().any(|n| i.nouns.contains(n));
                let mentioned =
                    same_speaker && c.nouns.iter().any(|n| int.stems.binary_search(n).is_ok());
                let linked = same_speaker
                    || about_same
                    || (shared_entities > 0 && score >= config.contradict_score);
                if (same_noun && linked) || mentioned {
                    return Some((c.cue.clone(), i.cue.clone()));
                }
            }
        }
        None
    };
    let (ca, cb) = one_way(a, b).or_else(|| one_way(b, a).map(|(c, i)| (i, c)))?;
    Some(Reason {
        kind: ReasonKind::Antonym,
        detail: format!("{ca} vs {cb}"),
    })
}

/// The same event on different days, months or years.
fn time(a: &View, b: &View) -> Option<Reason> {
    let class = |t: &TimeKey| std::mem::discriminant(t);
    for x in &a.times {
        let ys: Vec<&TimeKey> = b.times.iter().filter(|y| class(y) == class(x)).collect();
        if ys.is_empty() {
            continue;
        }
        let xs: Vec<&TimeKey> = a.times.iter().filter(|z| class(z) == class(x)).collect();
        if !xs.iter().any(|x| ys.contains(x)) {
            return Some(Reason {
                kind: ReasonKind::Time,
                detail: format!("{} vs {}", time_text(xs[0]), time_text(ys[0])),
            });
        }
    }
    None
}

fn time_text(t: &TimeKey) -> String {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    const MONTHS: [&str; 11] = [
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match *t {
        TimeKey::Weekday(d) => DAYS[d as usize].to_string(),
        TimeKey::Month(m) => MONTHS[m as usize].to_string(),
        TimeKey::Year(y) => y.to_string(),
    }
}

fn place_names(v: &View) -> String {
    let names: Vec<&str> = v
        .claim
        .entities
        .iter()
        .filter(|e| e.kind == concord_parser::EntityKind::Place)
        .map(|e| e.name.as_str())
        .collect();
    names.join(", ")
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
