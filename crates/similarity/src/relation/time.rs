//! Time conflicts: the same event dated on different days, months or years. Across the claims
//! of a set each date must date the same event (a content word near it shared by both).
use crate::score::TermId;
use crate::types::{Reason, ReasonKind};
use crate::view::{TimeKey, View, MONTH_NAMES, TOKEN_CONTENT, WEEKDAY_NAMES};

/// The same event on different days, months or years.
///
/// Across the claims of a set, each date must date the same event: a content word within four
/// words of it is common to both claims ("voters in 2010 approved a bond" / "voters in 2009
/// approved a bond"), unlike "charged with murder Saturday" / "opened fire Friday". The day a
/// statement was made ("police said Saturday") dates no event.
pub(super) fn time(a: &View, b: &View, one_situation: bool) -> Option<Reason> {
    if !one_situation {
        return dated_events(a, b);
    }
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

fn dated_events(a: &View, b: &View) -> Option<Reason> {
    let class = |t: &TimeKey| std::mem::discriminant(t);
    // "Signed Wynn on Tuesday and Bell today": a day named relative to the article's own date
    // may be any weekday, the other claim's included.
    let relative_day = |v: &View| {
        (0..v.words.len())
            .any(|i| matches!(v.word(i), "today" | "yesterday" | "tonight" | "tomorrow"))
    };
    let any_weekday = relative_day(a) || relative_day(b);
    for (x, _) in &a.dated {
        if any_weekday && matches!(x, TimeKey::Weekday(_)) {
            continue;
        }
        let ys: Vec<&(TimeKey, u16)> = b.dated.iter().filter(|y| class(&y.0) == class(x)).collect();
        if ys.is_empty() {
            continue;
        }
        let xs: Vec<&(TimeKey, u16)> = a.dated.iter().filter(|z| class(&z.0) == class(x)).collect();
        if xs.iter().any(|x| ys.iter().any(|y| x.0 == y.0)) {
            continue;
        }
        // One date each and a figure in common ("capturing 26 Somani brigands" / "three
        // boats with 26 Somali pirates"): the same event, wherever its words stand.
        let one_each = xs.len() == 1 && ys.len() == 1 && shares_figure(a, b);
        for &&(kx, px) in &xs {
            let wx = event_words(a, usize::from(px));
            for &&(ky, py) in &ys {
                let wy = event_words(b, usize::from(py));
                if one_each || wx.iter().any(|t| wy.contains(t)) {
                    return Some(Reason {
                        kind: ReasonKind::Time,
                        detail: format!("{} vs {}", time_text(&kx), time_text(&ky)),
                    });
                }
            }
        }
    }
    None
}

/// Parts of the day, words of sequence and other dates say nothing of the event a date is of.
fn event_words(v: &View, at: usize) -> Vec<TermId> {
    const TIME_WORDS: &[&str] = &[
        "night",
        "morning",
        "afternoon",
        "evening",
        "early",
        "late",
        "last",
        "next",
        "week",
        "weekend",
        "day",
        "today",
        "yesterday",
        "tonight",
    ];
    let dated_at = |k: usize| v.dated.iter().any(|&(_, p)| usize::from(p) == k);
    let time_word = |t: TermId| {
        v.words
            .binary_search_by_key(&t, |w| w.0)
            .is_ok_and(|i| TIME_WORDS.contains(&v.word(i)))
    };
    (at.saturating_sub(4)..v.tokens.len().min(at + 5))
        .filter(|&k| k != at && v.tokens[k].1 & TOKEN_CONTENT != 0 && !dated_at(k))
        .map(|k| v.tokens[k].0)
        .filter(|&t| !time_word(t))
        .collect()
}

/// Whether both claims count something with the same exact figure of 2 or more ("26 pirates" /
/// "26 brigands"); an age ("61-year-old" / "Kirkpatrick, 61") is no count of the event.
fn shares_figure(a: &View, b: &View) -> bool {
    let exact = |v: &View| -> Vec<f64> {
        v.claim
            .quantities
            .iter()
            .filter(|q| {
                q.qualifier == concord_parser::Qualifier::Exact
                    && q.upper.is_none()
                    && q.value >= 2.0
                    && !q.unit.contains("old")
                    && !(q.unit.is_empty() && {
                        // "Kirkpatrick, 61, opened fire": an age set off by commas.
                        let text = &v.claim.text;
                        text.find(&format!(", {},", q.text)).is_some()
                    })
            })
            .map(|q| q.value)
            .collect()
    };
    let ys = exact(b);
    exact(a).iter().any(|x| ys.contains(x))
}

fn time_text(t: &TimeKey) -> String {
    let capitalized = |name: &str| name[..1].to_uppercase() + &name[1..];
    match *t {
        TimeKey::Weekday(d) => capitalized(WEEKDAY_NAMES[d as usize]),
        TimeKey::Month(m) => capitalized(MONTH_NAMES[m as usize]),
        TimeKey::Year(y) => y.to_string(),
    }
}
