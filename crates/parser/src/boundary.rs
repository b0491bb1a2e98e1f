//! The decisions at a candidate sentence end: whether a period closes an abbreviation, an
//! initial, a decimal point cut by a space, a number's abbreviation ("p. 55", "No. 5") or a time
//! of day ("6 P.M."); whether a sentence starts after an ellipsis or a quoted cry; whether a
//! short citation after the period belongs to the sentence before it.
use crate::lexicon;
use crate::segment::is_opener;

/// The word that ends just before byte `i` (a period), without leading quotes or brackets.
pub(crate) fn word_before(text: &str, block_start: usize, i: usize) -> &str {
    let before = &text[block_start..i];
    let from = before
        .rfind(|c: char| c.is_whitespace() || is_opener(c) || c == '—' || c == '–')
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    &before[from..]
}

/// The word that starts at byte `m`.
pub(crate) fn word_at(text: &str, m: usize) -> &str {
    let rest = &text[m..];
    let rest = rest.trim_start_matches(is_opener);
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Whether a short parenthesis at `m` (a citation, a wire code: "(Smith 55)", "(XYYD 0343)")
/// closes the sentence before it: it ends the paragraph or a terminator follows it.
pub(crate) fn citation_follows(text: &str, m: usize, e: usize) -> bool {
    let b = text.as_bytes();
    if b[m] != b'(' {
        return false;
    }
    let Some(close) = memchr::memchr(b')', &b[m..e.min(m + 40)]).map(|p| m + p) else {
        return false;
    };
    let inner = &text[m + 1..close];
    if inner.contains(['.', '!', '?', '(']) || inner.split_whitespace().count() > 4 {
        return false;
    }
    let after = text[close + 1..e].trim_start();
    after.is_empty() || after.starts_with(['.', '!', '?'])
}

/// Whether a single period at `dot` ends the sentence, given the next word starts at `next`.
pub(crate) fn period_ends(text: &str, block_start: usize, dot: usize, next: usize) -> bool {
    let w = word_before(text, block_start, dot);
    if w.is_empty() {
        return true;
    }
    let next_word = word_at(text, next);
    if decimal_cut(w, next_word, &text[next..]) {
        return false;
    }
    // "p. 55", "No. 5", "N°. 3", "Vol. 2": an abbreviation that numbers what follows.
    if next_word.starts_with(|c: char| c.is_ascii_digit()) && number_abbrev(w) {
        return false;
    }
    // A time written with spaces, "1:30 a. m. Feb. 1": only a sentence start ends it.
    if w == "m" && {
        let before = text[block_start..dot - 1].trim_end();
        before.ends_with("a.") || before.ends_with("p.")
    } {
        return lexicon::sentence_starter(next_word);
    }
    // "L. A.": a single initial follows, so this one is an initial too.
    let after = next + text[next..].find(next_word).unwrap_or(0) + next_word.len();
    if next_word.chars().count() == 1 && text[after..].starts_with('.') {
        return false;
    }
    let starter = || lexicon::sentence_starter(next_word);
    // "6 P.M. Eastern", "8 A.M. Until noon", "at 2 p.m. Jackson will be free": after a time of
    // day a capitalised word opens a sentence only when a verb follows it or it starts one.
    if w.eq_ignore_ascii_case("a.m") || w.eq_ignore_ascii_case("p.m") {
        let mut buf = [0u8; 24];
        let low = lexicon::lower(next_word, &mut buf).unwrap_or("");
        // "8 A.M. Until noon", "10 A.M. Local time", "9:40 p.m. Friday", "2:30 p.m. ET".
        if matches!(
            low,
            "to" | "until"
                | "till"
                | "and"
                | "or"
                | "local"
                | "eastern"
                | "central"
                | "pacific"
                | "mountain"
                | "et"
                | "est"
                | "edt"
                | "ct"
                | "cst"
                | "cdt"
                | "pt"
                | "pst"
                | "pdt"
                | "gmt"
                | "bst"
                | "utc"
        ) || lexicon::calendar_word(next_word)
        {
            return false;
        }
        // "At 5 a.m. Mr. Smith went": a time that opens its sentence is followed by the subject.
        let opening = text[block_start..dot].split_whitespace().count() <= 3
            && text[block_start..]
                .split_whitespace()
                .next()
                .is_some_and(lexicon::sentence_starter);
        if opening {
            return false;
        }
        return starter() || clause_follows(&text[next..]);
    }
    let dotted = w.contains('.') && w.chars().any(char::is_alphabetic);
    if dotted || lexicon::ambiguous_abbrev(w) {
        return starter();
    }
    if lexicon::never_final_abbrev(w) {
        return false;
    }
    let mut chars = w.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return starter();
        }
    }
    true
}

/// Abbreviations that number the figure after them: "p. 55", "pp. 12-14", "No. 5", "N°. 3".
pub(crate) fn number_abbrev(w: &str) -> bool {
    let mut buf = [0u8; 24];
    matches!(
        lexicon::lower(w, &mut buf),
        Some(
            "p" | "pp"
                | "no"
                | "nos"
                | "nr"
                | "vol"
                | "vols"
                | "art"
                | "arts"
                | "ch"
                | "chap"
                | "fig"
                | "figs"
                | "sec"
                | "para"
                | "op"
                | "tel"
                | "ext"
                | "ref"
                | "approx"
                | "est"
                | "pt"
                | "pts"
                | "ed"
                | "ca"
                | "c"
                | "cf"
                | "rev"
        )
    ) || matches!(w, "N°" | "Nº" | "n°" | "nº" | "№")
}

/// Whether the period between `before` and `next_word` (the text from it is `rest`) is a
/// decimal point that tokenised text cut off by a space: "averaging 16. 8 points", "a
/// magnitude-6. 0 quake", "a. 38-caliber revolver". A sentence rarely opens with a numeral (news
/// style spells it out), and never ends on an article or a small figure that a digit follows.
pub(crate) fn decimal_cut(before: &str, next_word: &str, rest: &str) -> bool {
    if !next_word.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // A calibre is written with a leading point: ".38-caliber", ".357 caliber".
    let digits = next_word.bytes().take_while(u8::is_ascii_digit).count();
    let at = rest.find(next_word).unwrap_or(0) + digits;
    let after = rest.get(at..).unwrap_or("").trim_start_matches(['-', ' ']);
    if after.starts_with("caliber") || after.starts_with("calibre") {
        return true;
    }
    if matches!(before, "a" | "an" | "the" | "his" | "its" | "their") {
        return true;
    }
    // "16", "magnitude-6": one to three digits, alone or after a hyphenated word, never a
    // score ("20-13") or a year.
    let before = before.trim_start_matches(['$', '£', '€']);
    let figure = before.rsplit('-').next().unwrap_or(before);
    let word_part = &before[..before.len() - figure.len()];
    (1..=3).contains(&figure.len())
        && figure.bytes().all(|b| b.is_ascii_digit())
        && (word_part.is_empty()
            || word_part
                .trim_end_matches('-')
                .chars()
                .all(char::is_alphabetic))
}

/// Whether a sentence opens at the start of `rest` (after an ellipsis): names ("Saudi Arabia",
/// "Rooney") and then a lower-case word that is no preposition or article, as a verb is:
/// "… blowing... Saudi Arabia is moving", not "Ever Fallen in Love With Someone... Happy
/// Mondays - Kinky Afro" nor "attacks by . . . Iran against United States vessels".
pub(crate) fn clause_follows(rest: &str) -> bool {
    for (names, w) in rest.split_whitespace().enumerate() {
        if !w.starts_with(char::is_uppercase) || names == 4 {
            let w = w.trim_end_matches([',', ';', ':', '.']);
            let mut buf = [0u8; 24];
            return names > 0
                && !w.is_empty()
                && w.chars().all(char::is_lowercase)
                && !matches!(
                    lexicon::lower(w, &mut buf),
                    Some(
                        "of" | "on"
                            | "in"
                            | "at"
                            | "to"
                            | "for"
                            | "from"
                            | "with"
                            | "by"
                            | "and"
                            | "or"
                            | "against"
                            | "the"
                            | "a"
                            | "an"
                            | "de"
                            | "la"
                            | "du"
                            | "von"
                            | "van"
                            | "vs"
                            | "v"
                            | "versus"
                            | "into"
                            | "over"
                            | "under"
                            | "time"
                            | "standard"
                            | "daylight"
                    )
                );
        }
        // "Mr. Smith then went": a title's period is part of the name.
        if w.ends_with([',', '.', ';', ':', '!', '?']) && !lexicon::never_final_abbrev(w) {
            return false;
        }
    }
    false
}

/// Whether `rest` opens with an attribution: titles, one to four capitalised words and a
/// speech verb ("Mr. Fox wrote", "Trump asked", "said Sen. Ted Cruz" is not one).
pub(crate) fn attribution_follows(rest: &str) -> bool {
    let mut names = 0;
    for w in rest.split_whitespace().take(7) {
        let bare = w.trim_end_matches([',', '.']);
        if lexicon::title_word(bare) && bare.starts_with(char::is_uppercase) {
            continue;
        }
        if bare.starts_with(char::is_uppercase) && names < 4 {
            names += 1;
            if bare.len() != w.len() && !w.ends_with('.') {
                return false;
            }
            continue;
        }
        return names > 0 && lexicon::class_of(bare) & lexicon::speech_finite::FLAG != 0;
    }
    false
}
