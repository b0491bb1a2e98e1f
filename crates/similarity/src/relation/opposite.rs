//! Opposite words said of the same thing: WordNet antonyms next to the same words ("shares
//! rose" / "shares fell"), and a process said to go on vs to have stopped (aspect). The two
//! ends of one span ("halted" / "resumed trading") are two moments of it, not opposites.
use super::{content_overlap, plain_words};
use crate::score::TermId;
use crate::types::{Config, Reason, ReasonKind};
use crate::view::{
    is_sexed_person, is_stop, posture_name, View, TOKEN_CONTENT, TOKEN_JOINED, TOKEN_NAME,
};

/// Words that place a thing in a sequence or in time ("the first time" / "a second time",
/// "early" / "late"): they tell different occasions apart, they do not oppose claims. With the
/// particles and prepositions, which say where, not what.
const PARTICLES: &[&str] = &[
    "first", "second", "third", "last", "next", "previous", "early", "earlier", "late", "later",
    "former", "latter", "up", "down", "on", "off", "in", "out", "over", "under", "above", "below",
    "before", "after", "front", "back",
];

/// Opposite words, one in each claim and not shared: WordNet antonyms (from the scorer's
/// lexicon: rose / fell, confirmed / denied), a man vs a woman, a red vs a blue shirt.
///
/// The sex of person nouns, postures and colours are only read in a sentence pair presented as
/// one situation: across the claims of a news set, "a man" and "his wife", or "riding" and
/// "ran", are usually different people or moments.
pub(super) fn opposite(a: &View, b: &View, one_situation: bool) -> Option<Reason> {
    let has = |v: &View, t: TermId| v.words.binary_search_by_key(&t, |w| w.0).is_ok();
    // Particles and prepositions (up / down, on / off) say where, not what: never opposites.
    let open = |w: &str| !is_stop(w) && !PARTICLES.contains(&w);
    // A word of one claim whose antonym is a word of the other, neither word shared.
    let opposed = |x: &View, y: &View| -> Option<(String, String)> {
        let (mut i, mut j) = (0, 0);
        while i < x.antonyms.len() && j < y.words.len() {
            let (ant, wi) = x.antonyms[i];
            let t = y.words[j].0;
            let wy = y.word(j);
            match ant.cmp(&t) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let tx = &x.words[usize::from(wi)].0;
                    let wx = x.word(usize::from(wi));
                    // Both ways: stems can make a one-way pair of unrelated words
                    // ("employees" / employer vs "employed").
                    let mutual = y
                        .antonyms
                        .iter()
                        .any(|&(a, k)| a == *tx && usize::from(k) == j);
                    if mutual
                        && !has(y, *tx)
                        && !has(x, t)
                        && open(wx)
                        && open(wy)
                        && (one_situation || same_frame(x, *tx, wx, y, t, wy))
                    {
                        return Some((wx.to_string(), wy.to_string()));
                    }
                    i += 1;
                }
            }
        }
        None
    };
    let people = |x: &str, y: &str| is_sexed_person(x) && is_sexed_person(y);
    // Across the claims of a set, the two ends of one span are two moments of it, both true:
    // "the dollar opened at 145.10 yen" / "closed at 145.60", "halted trading" / "resumed".
    let ends = |x: &str, y: &str| {
        span_ends(x, y) || {
            let (x, y) = (x.to_lowercase(), y.to_lowercase());
            FLOWS.iter().any(|(first, last)| {
                x.starts_with(first) && y.starts_with(last)
                    || x.starts_with(last) && y.starts_with(first)
            })
        }
    };
    // "insufficiently equipped and experienced" says "inexperienced" in other words.
    let plain = |x: &View, wx: &str, y: &View, wy: &str| {
        one_situation || !(weakened(&x.claim.text, wx) || weakened(&y.claim.text, wy))
    };
    if let Some((wa, wb)) =
        opposed(a, b).filter(|(x, y)| one_situation || !(people(x, y) || ends(x, y)))
    {
        if plain(a, &wa, b, &wb) {
            return Some(antonym_reason(&wa, &wb));
        }
    }
    if let Some((wb, wa)) =
        opposed(b, a).filter(|(x, y)| one_situation || !(people(x, y) || ends(x, y)))
    {
        if plain(a, &wa, b, &wb) {
            return Some(antonym_reason(&wa, &wb));
        }
    }
    if !one_situation {
        return None;
    }
    let only = |v: &View| (v.male.clone(), v.female.clone());
    match (only(a), only(b)) {
        ((Some(m), None), (None, Some(f))) => return Some(antonym_reason(&m, &f)),
        ((None, Some(f)), (Some(m), None)) => return Some(antonym_reason(&f, &m)),
        _ => {}
    }
    // One posture each, different, and neither names the other's: "sitting" vs "running".
    if let ([pa], [pb]) = (a.postures.as_slice(), b.postures.as_slice()) {
        if pa != pb {
            return Some(antonym_reason(posture_name(*pa), posture_name(*pb)));
        }
    }
    for (noun, ca) in &a.colours {
        let theirs: Vec<&str> = b
            .colours
            .iter()
            .filter(|(n, _)| n == noun)
            .map(|(_, c)| c.as_str())
            .collect();
        if theirs.is_empty() {
            continue;
        }
        let mine: Vec<&str> = a
            .colours
            .iter()
            .filter(|(n, _)| n == noun)
            .map(|(_, c)| c.as_str())
            .collect();
        if !mine.iter().any(|c| theirs.contains(c)) {
            return Some(antonym_reason(ca, theirs[0]));
        }
    }
    None
}

/// Whether `word` stands in a text under an adverb that turns it round, through a list:
/// "insufficiently equipped and experienced", "poorly trained".
fn weakened(text: &str, word: &str) -> bool {
    const TURNING: &[&str] = &[
        "insufficiently",
        "inadequately",
        "poorly",
        "barely",
        "hardly",
    ];
    let words = plain_words(text);
    let word = word.to_lowercase();
    words.iter().enumerate().any(|(i, w)| {
        *w == word
            && words[i.saturating_sub(4)..i]
                .iter()
                .any(|p| TURNING.contains(&p.as_str()))
    })
}

/// The inflection a word's ending shows: -ing, -ed, -s or none. Opposite words oppose in the
/// same form: "defeated Drake" is no antonym of "victory", "his former employers" none of "a
/// former employee".
fn inflection(word: &str) -> u8 {
    if word.ends_with("ing") {
        1
    } else if word.ends_with("ed") {
        2
    } else if word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        3
    } else {
        0
    }
}

/// The content words next to each occurrence of a term, as (word before, word after) within
/// four words; occurrences inside a name ("South Richmond Hill") or a hyphenated compound
/// ("23-year-old") are left out.
fn frames(v: &View, term: TermId) -> Vec<(Option<TermId>, Option<TermId>)> {
    let content = |k: &usize| v.tokens[*k].1 & TOKEN_CONTENT != 0;
    (0..v.tokens.len())
        .filter(|&p| v.tokens[p].0 == term && v.tokens[p].1 & (TOKEN_NAME | TOKEN_JOINED) == 0)
        .map(|p| {
            let before = (p.saturating_sub(4)..p).rev().find(content);
            let after = (p + 1..v.tokens.len().min(p + 5)).find(content);
            (before.map(|k| v.tokens[k].0), after.map(|k| v.tokens[k].0))
        })
        .collect()
}

/// Whether two opposite words of claims of a set say opposite things of the same thing: in the
/// same form, and next to the same words ("shares of Acme rose sharply" / "shares of Acme fell
/// sharply", "confirmed the talks" / "denied the talks"). "Colts win over Chiefs" and "Chiefs
/// lose to Colts" tell one result from both sides; "Williams gave a blood sample" and "the test
/// that Williams took" are two acts of his.
fn same_frame(x: &View, tx: TermId, wx: &str, y: &View, ty: TermId, wy: &str) -> bool {
    if inflection(wx) != inflection(wy) {
        return false;
    }
    // A side where both claims have a word must have the same word; at least one side must.
    let side = |p: &Option<TermId>, q: &Option<TermId>| match (p, q) {
        (Some(p), Some(q)) => Some(p == q),
        _ => None,
    };
    let (fx, fy) = (frames(x, tx), frames(y, ty));
    fx.iter().any(|(bx, ax)| {
        fy.iter().any(|(by, ay)| {
            let (before, after) = (side(bx, by), side(ax, ay));
            before != Some(false) && after != Some(false) && (before.is_some() || after.is_some())
        })
    })
}

fn antonym_reason(a: &str, b: &str) -> Reason {
    Reason {
        kind: ReasonKind::Antonym,
        detail: format!("{a} vs {b}"),
    }
}

/// The first and the last moment of a span, as word beginnings: "opened" / "closing",
/// "halted" / "resumed".
const SPAN_ENDS: &[(&str, &str)] = &[
    ("open", "clos"),
    ("open", "shut"),
    ("start", "finish"),
    ("start", "end"),
    ("begin", "end"),
    ("halt", "resum"),
    ("suspend", "resum"),
    ("stop", "resum"),
];

/// One claim tells a process stopped and the other restarted ("halted trading" / "resumed
/// trading"): two moments of it, not one claim. A claim that tells both ("resumed trading on
/// 17 halted options") is not one of the two moments.
pub(super) fn ends_of_one_span(a: &View, b: &View) -> bool {
    let both = |v: &View| {
        v.interrupted
            .iter()
            .any(|i| v.continuing.iter().any(|c| span_ends(&i.cue, &c.cue)))
    };
    let one_way = |x: &View, y: &View| {
        x.interrupted
            .iter()
            .any(|i| y.continuing.iter().any(|c| span_ends(&i.cue, &c.cue)))
    };
    !both(a) && !both(b) && (one_way(a, b) || one_way(b, a))
}

/// Whether two words are the first and the last moment of one span ([`SPAN_ENDS`]).
fn span_ends(x: &str, y: &str) -> bool {
    let (x, y) = (x.to_lowercase(), y.to_lowercase());
    SPAN_ENDS.iter().any(|(first, last)| {
        x.starts_with(first) && y.starts_with(last) || x.starts_with(last) && y.starts_with(first)
    })
}

/// Two flows, not two accounts of one: across the claims of a set, "Soviet coarse grain
/// imports" / "South African corn exports" (Reuters audit) are both true, whoever trades.
const FLOWS: &[(&str, &str)] = &[("import", "export")];

/// Whether one claim has a cue of a process going on and the other of one stopped: what
/// [`aspect`] needs before it can find anything.
pub(super) fn aspect_cues_oppose(a: &View, b: &View) -> bool {
    (!a.continuing.is_empty() && !b.interrupted.is_empty())
        || (!b.continuing.is_empty() && !a.interrupted.is_empty())
}

/// A process said to be going on by one claim and stopped (or needing a restart) by the other:
/// "ongoing negotiations" vs "restoring dialogue ... broke off". The cue must govern the same
/// process noun on both sides, or, for one speaker, the noun said to be going on must be in the
/// other claim, or the same party must be named next to both cues.
pub(super) fn aspect(
    a: &View,
    b: &View,
    score: f32,
    same_speaker: bool,
    shared_entities: usize,
    one_situation: bool,
    config: &Config,
) -> Option<Reason> {
    let about_same = score >= config.contradict_score && content_overlap(a, b) >= 0.4;
    let one_way = |cont: &View, int: &View| -> Option<(String, String)> {
        for c in &cont.continuing {
            // Across a set, "halted trading" then "resumed trading" are two moments of one
            // span, both true; in one situation they still oppose.
            for i in int
                .interrupted
                .iter()
                .filter(|i| one_situation || !span_ends(&c.cue, &i.cue))
            {
                let same_noun = c.nouns.iter().any(|n| i.nouns.contains(n));
                let mentioned =
                    same_speaker && c.nouns.iter().any(|n| int.stems.binary_search(n).is_ok());
                // One speaker on the same party: "ongoing negotiations with Washington" vs
                // "something he claims the U.S. broke off".
                let same_party = same_speaker && c.parties.iter().any(|p| i.parties.contains(p));
                let linked = same_speaker
                    || about_same
                    || (shared_entities > 0 && score >= config.contradict_score);
                if (same_noun && linked) || mentioned || same_party {
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
