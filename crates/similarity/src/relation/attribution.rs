//! Attribution conflicts: the same quoted words said by two different named people, each
//! named in its own claim; who said a thing is a fact two sources can disagree on.
use super::short;
use crate::score::TermId;
use crate::types::{Config, Reason, ReasonKind};
use crate::view::View;

/// The same words, attributed to different people.
pub(super) fn attribution(
    a: &View,
    b: &View,
    score: f32,
    overlap: f32,
    config: &Config,
) -> Option<Reason> {
    let (sa, sb) = (a.speaker?, b.speaker?);
    if !(a.claim.quote && b.claim.quote) || sa == sb {
        return None;
    }
    // "SCO" and "SCO spokesman", "Friends of the Earth" and its campaigner: one voice.
    if a.speaker_stems.iter().any(|s| b.speaker_stems.contains(s)) {
        return None;
    }
    // Both must be named people, and neither claim may name the other's speaker ("Mark and
    // Condon said").
    let named = |v: &View| {
        v.claim
            .speaker
            .as_deref()
            .is_some_and(|s| is_name(s, &v.claim.text))
    };
    // The parser resolves "he said" and quote continuations by guesswork, so each claim must
    // name its own speaker in its text ("..., Zelensky said").
    let names_own = |v: &View| {
        v.claim.speaker.as_deref().is_some_and(|s| {
            s.split_whitespace()
                .last()
                .is_some_and(|surname| v.claim.text.contains(surname))
        })
    };
    if !named(a)
        || !named(b)
        || !names_own(a)
        || !names_own(b)
        || b.entities.binary_search(&sa).is_ok()
        || a.entities.binary_search(&sb).is_ok()
    {
        return None;
    }
    // The quoted words must be (nearly) the same; the speakers' names do not count.
    let not_speaker = |s: &&TermId| !a.speaker_stems.contains(s) && !b.speaker_stems.contains(s);
    let wa: Vec<&TermId> = a.stems.iter().filter(not_speaker).collect();
    let wb: Vec<&TermId> = b.stems.iter().filter(not_speaker).collect();
    let (short_side, long_side) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    let shared = short_side.iter().filter(|s| long_side.contains(s)).count();
    let quote_overlap = shared as f32 / short_side.len().max(1) as f32;
    if score < config.contradict_score || overlap < 0.5 || quote_overlap < 0.9 {
        return None;
    }
    // One quote, not one view: "We all believe a further decline of the dollar could be
    // counterproductive" (Reagan) and "All of the G-7 nations believe that any further decline
    // in the dollar would be counterproductive" (Baker) share their content words, but each
    // man said his own sentence. Where both claims show their quotation marks, the quoted
    // words must be nearly the same, word for word.
    if let (Some(qa), Some(qb)) = (quoted_words(a), quoted_words(b)) {
        if strsim::normalized_levenshtein(&qa, &qb) < 0.85 {
            return None;
        }
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

/// Whether `speaker`, as the parser found it in `text`, names someone rather than describes
/// them: "his rep" is no one in particular, and "the Connecticut Democrat" or "the New
/// York-based actor" may well be the "Lieberman" or "De Niro" of the other claim.
fn is_name(speaker: &str, text: &str) -> bool {
    const PARTICLES: [&str; 11] = [
        "de", "da", "di", "del", "du", "van", "von", "bin", "al", "la", "le",
    ];
    let capitalized = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    // "York-based", "Kremlin-backed": a hyphenated adjective, not part of a name.
    let adjective = |w: &str| {
        w.split('-')
            .skip(1)
            .any(|part| part.chars().next().is_some_and(char::is_lowercase))
    };
    let words_ok = speaker
        .split_whitespace()
        .all(|w| (capitalized(w) || PARTICLES.contains(&w)) && !adjective(w))
        && speaker.split_whitespace().any(capitalized);
    let described = text.match_indices(speaker).any(|(at, _)| {
        text[..at]
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("the"))
    });
    words_ok && !described
}

/// The words between a claim's first and last quotation mark, lower case, one space apart;
/// `None` when it shows no quoted span.
fn quoted_words(v: &View) -> Option<String> {
    let text = &v.claim.folded;
    let (open, close) = (text.find('"')?, text.rfind('"')?);
    (close > open + 1).then(|| {
        text[open + 1..close]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    })
}
