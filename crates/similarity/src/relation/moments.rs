//! When a claim's facts held: its article's publication day and the points and periods it
//! names. Claims of articles published on different days may tell two moments (a toll of 12
//! one day, 15 the next), so a conflict between them is kept only when both name the same
//! absolute period.
use crate::types::ReasonKind;
use crate::view::{View, MONTH_NAMES, REPORTING, WEEKDAY_NAMES};

/// The day an article was published, read from the ISO-8601 date that opens its `published`
/// field ("1987-02-26T15:01:01.79", "2015-03-02T23:30:00-05:00", "2015-03-02"). Only that
/// written date is read, on purpose: it is the publisher's calendar day, the one its "today"
/// means, which converting the time to UTC (as a date-time crate does with an offset) could
/// move to the day before or after; and the labeller only asks whether two days are the same
/// and which month a bare month name is. Anything else (no date, "March 2, 2015") is `None`:
/// the claims then compare as undated ones do.
pub(crate) fn publication_day(published: &str) -> Option<(u16, u8, u8)> {
    let s = published.trim().as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u16> {
        let part = s.get(r)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0')))
    };
    if s.get(4) != Some(&b'-')
        || s.get(7) != Some(&b'-')
        || s.get(10).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let valid = (1..=12).contains(&month) && day >= 1 && day <= month_days[usize::from(month) - 1];
    valid.then_some((year, month as u8, day as u8))
}

/// A point or period a claim names, made absolute with its article's publication day, or a
/// part of one ("first quarter", "nine months", "mid" March).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Anchor {
    Year(u16),
    Month(u16, u8),
    Day(u16, u8, u8),
    Part(String),
}

/// When a claim says its facts held: the points and periods it names in absolute terms
/// (sorted, deduplicated), and whether it places them relative to its publication ("today",
/// "on Friday", "this week") or counts up to it ("year-to-date", "cumulative").
#[derive(Debug, Default)]
struct Moments {
    anchors: Vec<Anchor>,
    deictic: bool,
}

/// Units of the parts of a period: "the first quarter", "the first nine months", "(40 weeks)".
const PART_UNITS: &[&str] = &[
    "quarter", "qtr", "half", "month", "months", "week", "weeks", "day", "days",
];

/// Ordinals that pick a part of a period ("the first nine months", "fourth quarter").
const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th", "final",
];

/// Small counts of a period's units ("the first nine months", "in the four weeks").
const COUNTS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];

/// Words that place a fact at the moment of publication or relative to it.
const DEICTIC: &[&str] = &[
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "latest",
    "now",
    "currently",
    "still",
];

/// Periods that "this", "last", "next", "past", "previous" place relative to publication.
const PERIODS: &[&str] = &[
    "week",
    "weekend",
    "month",
    "year",
    "quarter",
    "morning",
    "afternoon",
    "evening",
    "session",
];

/// The points, periods and relative times of a claim published on day `published`. A month
/// named without a year ("fell 0.4 pct in February", "the week ended March 4") is read in
/// the year that puts it within eight months before and three after publication: news tells
/// the recent past and announces the near future (payment dates, meetings), so "February" in
/// a March article and in an April one is the same February.
fn moments(text: &str, (year, month, _): (u16, u8, u8)) -> Moments {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let word = |i: usize| words.get(i).map_or("", String::as_str);
    let day_number = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (digits.len() <= 2 && w.len() - digits.len() <= 2)
            .then(|| digits.parse::<u8>().ok())
            .flatten()
            .filter(|d| (1..=31).contains(d))
    };
    let year_number = |w: &str| {
        (w.len() == 4)
            .then(|| w.parse::<u16>().ok())
            .flatten()
            .filter(|y| (1900..=2099).contains(y))
    };
    let in_year = |m: u8| {
        let ahead = i16::from(m) - i16::from(month);
        if ahead > 3 {
            year - 1
        } else if ahead < -8 {
            year + 1
        } else {
            year
        }
    };
    let mut out = Moments::default();
    let mut year_taken = vec![false; words.len()];
    for (i, w) in words.iter().map(String::as_str).enumerate() {
        let reported = i > 0
            && (REPORTING.contains(&word(i - 1))
                || (word(i - 1) == "on" && i > 1 && REPORTING.contains(&word(i - 2))));
        if DEICTIC.contains(&w) || WEEKDAY_NAMES.contains(&w) {
            out.deictic |= !reported;
        } else if w == "cumulative" || (w == "date" && word(i.wrapping_sub(1)) == "to") {
            out.deictic = true;
        } else if PART_UNITS.contains(&w) {
            // "The first nine months" is a part of a year; "the four weeks" and "(40 weeks)"
            // without an ordinal are the weeks up to the report, a span that moves with it.
            let unit = w.trim_end_matches('s');
            let picks: Vec<&str> = [i.wrapping_sub(2), i.wrapping_sub(1)]
                .into_iter()
                .map(word)
                .filter(|p| {
                    ORDINALS.contains(p)
                        || COUNTS.contains(p)
                        || (!p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
                })
                .collect();
            if picks.iter().any(|p| ORDINALS.contains(p)) {
                out.anchors
                    .push(Anchor::Part(format!("{} {unit}", picks.join(" "))));
            } else if !picks.is_empty() {
                out.deictic = true;
            }
        } else if matches!(w, "this" | "last" | "next" | "past" | "previous")
            && PERIODS.contains(&word(i + 1))
        {
            out.deictic = true;
        } else if let Some(m) = MONTH_NAMES.iter().position(|n| *n == w) {
            let m = m as u8 + 1;
            let day_after = day_number(word(i + 1));
            let day = day_after.or_else(|| i.checked_sub(1).and_then(|p| day_number(word(p))));
            let year_at = i + 1 + usize::from(day_after.is_some());
            let written_year = year_number(word(year_at));
            // "may" is a month only with a date: "may rise" is not.
            if w == "may" && day.is_none() && written_year.is_none() {
                continue;
            }
            if written_year.is_some() {
                year_taken[year_at] = true;
            }
            let y = written_year.unwrap_or_else(|| in_year(m));
            let part = word(i.wrapping_sub(1));
            if matches!(part, "mid" | "early" | "late" | "end") {
                out.anchors.push(Anchor::Part(part.to_string()));
            }
            out.anchors.push(match day {
                Some(d) => Anchor::Day(y, m, d),
                None => Anchor::Month(y, m),
            });
        } else if let Some(y) = year_number(w).filter(|_| !year_taken[i]) {
            out.anchors.push(Anchor::Year(y));
        }
    }
    out.anchors.sort_unstable();
    out.anchors.dedup();
    out
}

/// Whether a conflict of kind `kind` between two claims may be two moments rather than two
/// accounts of one: their articles were published on different days, and the claims do not
/// name the same points and periods (the same year, month or day, and the same part of it:
/// "fourth quarter 1986" is not "first quarter 1986", "week ended March 4" not "March 25"),
/// or one places its facts relative to its day ("today", "on Friday", "this week") or counts
/// up to it ("year-to-date demand"). Figures, rises and falls, dates and expectations are
/// facts of a moment ("today's shortfall", "rose 0.4 pct", "may downgrade" then
/// "downgraded"): a report one day and another the next tell two moments, as a death toll
/// updated from 12 to 15 does, unless both name the same absolute period ("in the first
/// quarter of 1987", "in February" of the same year). A denial, a quote or a place is of one
/// event unless a claim places itself relative to its day ("the Fed is not expected to
/// intervene this morning"). Undated articles (ECB+, BBC) and sentence pairs compare as before.
pub(super) fn two_moments(a: &View, b: &View, kind: ReasonKind) -> bool {
    let (Some(day_a), Some(day_b)) = (a.published, b.published) else {
        return false;
    };
    if day_a == day_b {
        return false;
    }
    let (ma, mb) = (moments(&a.claim.text, day_a), moments(&b.claim.text, day_b));
    let relative = ma.deictic || mb.deictic;
    let same_period = !ma.anchors.is_empty() && ma.anchors == mb.anchors && !relative;
    let of_a_moment = matches!(
        kind,
        ReasonKind::Numeric | ReasonKind::Antonym | ReasonKind::Time | ReasonKind::Modality
    );
    !same_period && (of_a_moment || relative)
}

#[cfg(test)]
mod tests {
    use super::publication_day;

    #[test]
    fn publication_days() {
        let cases = [
            ("1987-02-26T15:01:01.79", Some((1987, 2, 26))),
            ("2015-03-02T23:30:00-05:00", Some((2015, 3, 2))),
            (" 2016-02-29", Some((2016, 2, 29))),
            ("2015-02-29", None),
            ("2015-13-01", None),
            ("20150302", None),
            ("2015-03-021", None),
            ("March 2, 2015", None),
            ("", None),
            ("2015-0\u{e9}-02", None),
        ];
        for (text, want) in cases {
            assert_eq!(publication_day(text), want, "{text:?}");
        }
    }

    #[test]
    fn moments_of_claims() {
        use super::{moments, Anchor};
        let march_1987 = (1987, 3, 20);
        let cases: [(&str, &[Anchor], bool); 9] = [
            (
                "Prices fell 0.4 pct in February.",
                &[Anchor::Month(1987, 2)],
                false,
            ),
            (
                "Payment is due on June 1.",
                &[Anchor::Day(1987, 6, 1)],
                false,
            ),
            (
                "Exports rose in December.",
                &[Anchor::Month(1986, 12)],
                false,
            ),
            (
                "Net profit in the first quarter of 1987 was 40 mln dlrs.",
                &[Anchor::Year(1987), Anchor::Part(String::new())],
                false,
            ),
            ("The shortfall today is 350 mln stg.", &[], true),
            (
                "The Statistics Office said on Friday prices fell.",
                &[],
                false,
            ),
            (
                "Crude runs in the four weeks were 12.21 mln bpd.",
                &[],
                true,
            ),
            (
                "Output may rise in May 1988.",
                &[Anchor::Month(1988, 5)],
                false,
            ),
            (
                "Sales in mid-March declined 29.8 pct.",
                &[Anchor::Month(1987, 3), Anchor::Part(String::new())],
                false,
            ),
        ];
        for (text, want, deictic) in cases {
            let got = moments(text, march_1987);
            // Parts are compared by kind only: their wording is an implementation detail.
            let kinds = |xs: &[Anchor]| -> Vec<Anchor> {
                xs.iter()
                    .map(|x| match x {
                        Anchor::Part(_) => Anchor::Part(String::new()),
                        other => other.clone(),
                    })
                    .collect()
            };
            let mut want = want.to_vec();
            want.sort_unstable();
            assert_eq!(kinds(&got.anchors), want, "{text}");
            assert_eq!(got.deictic, deictic, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn publication_day_is_a_valid_date_of_the_text(text in ".{0,16}", y in 1900u16..2100, m in 1u8..13, d in 1u8..29) {
            if let Some((year, month, day)) = publication_day(&text) {
                proptest::prop_assert!((1..=12).contains(&month) && (1..=31).contains(&day));
                let written = format!("{year:04}-{month:02}-{day:02}");
                proptest::prop_assert!(text.trim().starts_with(&written));
            }
            // A date and time (with anything after them) is read as its date.
            let iso = format!("{y:04}-{m:02}-{d:02}T12:00:00{text}");
            proptest::prop_assert_eq!(publication_day(&iso), Some((y, m, d)));
        }
    }
}
