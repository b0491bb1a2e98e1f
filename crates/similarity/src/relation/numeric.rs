//! Numeric conflicts: the same counted or measured thing given figures that cannot both be
//! right ("12 dead" / "15 dead", "a .38 caliber revolver" / "a .357 caliber revolver"). Most of
//! the file tells when two figures are of different things (parts, scopes, forecasts, origins,
//! what the figure is said of), since different quantities of different things do not conflict.
use super::{opens_on_pronoun, plain_words};
use crate::types::{Reason, ReasonKind};
use crate::view::{is_stop, Amount, View, MONTH_NAMES};

/// The same counted thing with values that cannot both be right.
///
/// Across the claims of a set, two more conditions: the counts must be of the same person
/// when both name one ("Luck threw for 205 yards" / "Charles' 226 yards"), and neither figure
/// may be named by the other claim at all ("11 Yemeni pirates" / "of the 23 pirates, 12 are
/// Somali and 11 Yemeni"): the two then share the figures and differ in what they count.
pub(super) fn numeric(a: &View, b: &View, one_situation: bool) -> Option<Reason> {
    // "Hog prices are expected 0.50 dlr higher" / "Hog prices opened 1.00 dlr higher",
    // "Analysts had been forecasting a 0.1% rise" / "Industrial output rose 2.1%": a forecast
    // the outcome missed is no account of the outcome.
    if !one_situation && forecasts(a) != forecasts(b) {
        return None;
    }
    // "Australian wheat exports in 1986/87 are forecast at 14.50 mln tonnes" / "Canadian wheat
    // exports in 1986/87 are forecast at 19.00 mln tonnes": two countries' figures. Demonyms
    // are no names (the parser drops them from entities), so the actor check cannot tell.
    if !one_situation && origins_differ(a, b) {
        return None;
    }
    // "an eight pct coupon ... to yield 88 basis points" / "a 7-1/2 pct coupon ... 74 basis
    // points": when the two disagree on every kind of figure both give, and give two kinds or
    // more, they describe two things (two bond issues, two companies' quarters), not one.
    if !one_situation && every_figure_differs(a, b) {
        return None;
    }
    // "He has 53 catches": whose, the claim does not say, so it cannot be shown to be the
    // count of the other claim.
    let unknown_holder = |v: &View, x: &Amount| x.holder.is_none() && opens_on_pronoun(v);
    // "Charles' 226 yards" is compared only with a claim that names Charles: "the Chiefs
    // rushed for 352 yards" counts the team's.
    let holder_named = |x: &Amount, v: &View| {
        x.holder
            .is_none_or(|h| v.entities.binary_search(&h).is_ok())
    };
    let same_thing = |x: &Amount, y: &Amount, vy: &View| {
        y.unit == x.unit
            && y.rate == x.rate
            // "an 86-yard touchdown run" is one play of "226 yards rushing".
            && !(x.hyphenated && y.plural || y.hyphenated && x.plural)
            // "a 6-magnitude quake" / "a 4-magnitude aftershock": two things measured.
            && !matches!(
                (measured_noun(a, x), measured_noun(vy, y)),
                (Some(p), Some(q)) if p != q
            )
            // "two mobile homes" are not "nine homes" of the same sentence pair; across the
            // claims of a set one source may say "two speed boats" of the other's "three boats".
            && (x.modifier == y.modifier
                || !one_situation && (x.modifier.is_none() || y.modifier.is_none()))
            && (one_situation
                || ((x.holder.is_none() || y.holder.is_none() || x.holder == y.holder)
                    && holder_named(x, vy)
                    && holder_named(y, a)
                    && x.scope == y.scope
                    // "injured three people" / "ten people were killed": two counts.
                    && (x.act.is_none() || y.act.is_none() || x.act == y.act)
                    && (x.place.is_none() || y.place.is_none() || x.place == y.place)
                    && !unknown_holder(a, x)
                    && !unknown_holder(vy, y)))
    };
    // "After 8 days of riots" / "after four days of rioting": how long a process has gone on
    // is counted at the moment of writing, and grows from one report to the next.
    let ongoing = |v: &View, x: &Amount| !one_situation && running_span(v, x);
    for x in &a.amounts {
        if x.unit.is_empty() || ongoing(a, x) {
            continue;
        }
        let ys: Vec<&Amount> = b
            .amounts
            .iter()
            .filter(|y| same_thing(x, y, b) && !ongoing(b, y))
            .collect();
        if ys.is_empty() {
            continue;
        }
        let xs: Vec<&Amount> = a.amounts.iter().filter(|z| same_thing(x, z, a)).collect();
        let any_compatible = xs
            .iter()
            .any(|x| ys.iter().any(|y| compatible(x, y) || slash_lost(x, y)));
        let figures_shared = !one_situation
            && (xs.iter().any(|x| names_figure(b, a, x))
                || ys.iter().any(|y| names_figure(a, b, y)));
        if !any_compatible
            && !figures_shared
            && (one_situation
                || (count_scope(a) == count_scope(b)
                    && !figures_of_different_things(a, xs[0], b, ys[0])))
        {
            return Some(Reason {
                kind: ReasonKind::Numeric,
                detail: format!("{} vs {}", xs[0].text, ys[0].text),
            });
        }
    }
    None
}

/// Whether two amounts can be the same figure: their intervals overlap, allowing for rounding
/// ("1.23 percent" / "1.2 percent").
fn compatible(x: &Amount, y: &Amount) -> bool {
    const ROUNDING: f64 = 0.03;
    let slack = |v: f64| v.abs() * ROUNDING;
    x.lo - slack(x.lo) <= y.hi + slack(y.hi) && y.lo - slack(y.lo) <= x.hi + slack(x.hi)
}

/// Whether one figure is the other's fraction with its slash lost in copy: "412 months" for
/// "41/2 months" (4 1/2).
fn slash_lost(x: &Amount, y: &Amount) -> bool {
    let digits = |t: &str| -> String { t.chars().filter(char::is_ascii_digit).collect() };
    let fraction = |t: &str| t.contains('/');
    (fraction(&x.text) != fraction(&y.text)) && digits(&x.text) == digits(&y.text)
}

/// Whether claim `v` names a figure (of any unit, or of none) that an amount of claim `u` can
/// be: "12 are Somali and 11 Yemeni" has the 11 of "11 Yemeni pirates", but "18 people had
/// been injured ... and 12 arrested" not the 12 of "12 people were injured": the arrests are
/// another count.
fn names_figure(v: &View, u: &View, amount: &Amount) -> bool {
    v.claim.quantities.iter().any(|q| {
        let same_value = [Some(q.value), q.upper].into_iter().flatten().any(|f| {
            let point = Amount {
                lo: f,
                hi: f,
                ..amount.clone()
            };
            compatible(&point, amount)
        });
        same_value && {
            // What the figure counts: its unit, else the word after it.
            let counted = if q.unit.is_empty() {
                let text = &v.claim.text;
                text.find(q.text.as_str())
                    .map_or("", |at| &text[at + q.text.len()..])
            } else {
                q.unit.as_str()
            };
            let word = counted
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .unwrap_or("");
            // Only an act the other claim does not name sets a figure apart ("12 arrested",
            // "5 killed"); "nine rebounds", "four straight", "2,302 for his career" may well
            // be the same count said another way.
            !(word.len() > 3 && word.ends_with("ed"))
                || u.claim
                    .text
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case(word))
        }
    })
}

/// Figures of one noun said of different parts of it ("a further 186 mln stg" / "224 mln stg
/// in the morning", "2,301 career points" / "20 points"): never compared as one figure, and
/// no account of the same fact either.
///
/// Only when no figure of that noun in one claim matches one in the other: "scored a
/// career-high 14 points" tells the "14 points" of another claim whatever else it counts.
pub(super) fn parts_differ(a: &View, b: &View) -> bool {
    fn of_unit<'v>(v: &'v View, unit: &'v str) -> impl Iterator<Item = &'v Amount> + Clone {
        v.amounts.iter().filter(move |y| y.unit == unit)
    }
    a.amounts.iter().filter(|x| !x.unit.is_empty()).any(|x| {
        let (xs, ys) = (of_unit(a, &x.unit), of_unit(b, &x.unit));
        ys.clone().any(|y| y.scope != x.scope)
            && !xs.into_iter().any(|x| ys.clone().any(|y| compatible(x, y)))
    })
}

/// Whether two claims both give figures of two nouns or more, and no figure of one matches a
/// figure of the same noun in the other.
///
/// Asked of every pair numeric conflicts are looked for in, so it allocates nothing: a claim
/// gives a handful of figures, and the kinds are counted by looking back over them.
pub(super) fn every_figure_differs(a: &View, b: &View) -> bool {
    if a.amounts.len() < 2 || b.amounts.len() < 2 {
        return false;
    }
    let kinds = a
        .amounts
        .iter()
        .enumerate()
        .filter(|&(i, x)| {
            !x.unit.is_empty()
                && b.amounts.iter().any(|y| y.unit == x.unit)
                && !a.amounts[..i].iter().any(|p| p.unit == x.unit)
        })
        .count();
    kinds >= 2
        && !a.amounts.iter().any(|x| {
            b.amounts
                .iter()
                .any(|y| y.unit == x.unit && compatible(x, y))
        })
}

/// The span of a game or an event that the counts of a claim cover, when it names one:
/// "five points during a 15-2 run", "68 yards in the first half", "two touchdowns in his last
/// two games" count part of what "23 points" counts, and "a total of 31 magazines" over several
/// operations more than the "12 magazines" of one.
fn count_scope(v: &View) -> Vec<&'static str> {
    const SCOPES: &[&str] = &[
        "during",
        "since",
        "so far",
        "first half",
        "second half",
        "quarter",
        "in his last",
        "in their last",
        "a total of",
        "in total",
        "in all",
        // "In a combined 157 games, he had 33 homers": every count of the claim sums parts.
        "combined",
        // A market's close, not its move during the day.
        "closed down",
        "closed up",
        "closed at",
    ];
    let text = v.claim.text.to_lowercase();
    SCOPES
        .iter()
        .copied()
        .filter(|s| text.contains(s))
        .collect()
}

/// Words that make a figure an expectation, not a report: "prices are expected 0.50 dlr
/// higher", "top seen at 51.00 dlrs", "it expects earnings of 23 cts".
const FORECAST_WORDS: &[&str] = &[
    "expect",
    "expected",
    "expects",
    "expecting",
    "forecast",
    "forecasts",
    "forecasting",
    "forecasted",
    "predicted",
    "predicts",
    "predicting",
    "projected",
    "projects",
    "anticipated",
    "seen",
];

/// Whether a claim gives its figures as expected rather than reported ([`FORECAST_WORDS`]).
fn forecasts(v: &View) -> bool {
    v.claim
        .text
        .split(|c: char| !c.is_alphabetic())
        .any(|w| FORECAST_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f)))
}

/// The demonyms a claim writes capitalised ("Soviet", "Australian"), lower-cased.
fn origins(v: &View) -> Vec<String> {
    v.claim
        .text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()) && concord_parser::is_demonym(w))
        .map(str::to_lowercase)
        .collect()
}

/// Each claim names an origin the other never mentions ("Soviet coarse grain imports" /
/// "South African corn exports"): the figures are of two countries. Two origins that open
/// alike are taken for one, misspelt ("Ethopian-flagged" / "flying the Ethiopian flag", ECB+).
fn origins_differ(a: &View, b: &View) -> bool {
    let (oa, ob) = (origins(a), origins(b));
    let alike =
        |x: &str, y: &str| x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count() >= 3;
    let mentions = |v: &View, others: &[String], w: &str| {
        others.iter().any(|o| alike(o, w)) || v.claim.text.to_lowercase().contains(w)
    };
    oa.iter().any(|w| !mentions(b, &ob, w)) && ob.iter().any(|w| !mentions(a, &oa, w))
}

/// Verbs that give a level or a change of what their subject names: "wholesale prices fell
/// 0.4 pct", "revenues were 37 mln dlrs", "exports up 5 pct".
const FIGURE_VERBS: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "risen",
    "rising",
    "fell",
    "fall",
    "falls",
    "fallen",
    "falling",
    "declined",
    "declines",
    "decreased",
    "increased",
    "increases",
    "dropped",
    "drops",
    "climbed",
    "jumped",
    "gained",
    "eased",
    "slipped",
    "totalled",
    "totaled",
    "totals",
    "totalling",
    "averaged",
    "averages",
    "averaging",
    "stood",
    "stands",
    "was",
    "were",
    "is",
    "are",
    "reached",
    "grew",
    "widened",
    "narrowed",
    "surged",
    "plunged",
    "slumped",
    "soared",
    "amounted",
    "up",
    "down",
    "opened",
    "closed",
    "ended",
    "finished",
    "traded",
    "added",
    "advanced",
    "lost",
    "estimated",
    "expected",
    "forecast",
    "projected",
    "seen",
    "quoted",
    "valued",
    "priced",
];

/// Words between a figure's verb and the figure, or before the verb, that say nothing of what
/// the figure is of: auxiliaries, prepositions, approximations, and when ("rose in February
/// by 8.8 pct", "has risen to about 12").
const BETWEEN: &[&str] = &[
    "has",
    "have",
    "had",
    "been",
    "be",
    "will",
    "would",
    "to",
    "by",
    "at",
    "from",
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "approximately",
    "only",
    "just",
    "over",
    "under",
    "more",
    "less",
    "than",
    "in",
    "on",
    "during",
    "a",
    "an",
    "the",
    "seasonally",
    "adjusted",
    "real",
    "sharply",
    "slightly",
    "further",
    "steady",
    "firm",
    "higher",
    "lower",
];

/// Words that join a noun phrase naming what a figure is of: "new orders for manufactured
/// goods", "sales of durable goods", "the company's".
const NOUN_PHRASE_JOINS: &[&str] = &["of", "for", "s"];

/// What figure `x` of claim `v` is said of, when a verb of level or change introduces it: the
/// content words of the noun phrase before that verb, lower case, in crude singular ("West
/// German wholesale prices fell 0.4 pct" → west, german, wholesale, price). Empty when no
/// such verb stands before the figure ("Richard Carter scored 14 points" says whose, not of
/// what).
fn figure_subject(v: &View, x: &Amount) -> Vec<String> {
    let text = &v.claim.text;
    let Some(at) = text.find(x.text.as_str()) else {
        return Vec::new();
    };
    // Words and clause marks (a comma ends a noun phrase), in text order.
    let tokens: Vec<String> = text[..at]
        .split_inclusive(|c: char| !(c.is_alphanumeric() || c == '-'))
        .flat_map(|piece| {
            let word = piece.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '-'));
            let mark = piece[word.len()..].trim();
            [word.to_lowercase(), mark.to_string()]
        })
        .filter(|t| !t.is_empty() && t != "'")
        .collect();
    let time_word =
        |w: &str| MONTH_NAMES.contains(&w) || w.len() == 4 && w.bytes().all(|c| c.is_ascii_digit());
    let mut i = tokens.len();
    let skip = |i: &mut usize| {
        while *i > 0 && (BETWEEN.contains(&tokens[*i - 1].as_str()) || time_word(&tokens[*i - 1])) {
            *i -= 1;
        }
    };
    skip(&mut i);
    // "rose 1.7 billion dlrs, or 0.4 pct": the share restates the figure before it, whose
    // verb is the share's too.
    if i >= 2 && tokens[i - 1] == "or" && tokens[i - 2] == "," {
        if let Some(verb) = (i.saturating_sub(9)..i - 2)
            .rev()
            .take_while(|&k| tokens[k] != ",")
            .find(|&k| FIGURE_VERBS.contains(&tokens[k].as_str()))
        {
            i = verb + 1;
        }
    }
    let content = |w: &str| {
        w.chars().all(|c| c.is_alphabetic() || c == '-')
            && w.chars().any(char::is_alphabetic)
            && !is_stop(w)
    };
    if i > 0 && FIGURE_VERBS.contains(&tokens[i - 1].as_str()) {
        i -= 1;
        // "were up 40.5 pct": the copula before the verb.
        while i > 0
            && matches!(
                tokens[i - 1].as_str(),
                "was" | "were" | "is" | "are" | "being"
            )
        {
            i -= 1;
        }
        skip(&mut i);
    } else if !(i > 0
        && content(&tokens[i - 1])
        && tokens.get(i).is_some_and(|t| t == "at" || t == "of"))
    {
        // "estimated Canada's wheat crop at 31.85 mln tonnes", "a loss of 64 cents": the
        // noun phrase right before "at" or "of" is what the figure is of.
        return Vec::new();
    }
    let mut subject = Vec::new();
    while i > 0 {
        let w = tokens[i - 1].as_str();
        if content(w) {
            subject.push(singular_word(w));
        } else if !NOUN_PHRASE_JOINS.contains(&w) {
            break;
        }
        i -= 1;
    }
    subject
}

/// A crude singular: "prices" and "price" are one word here.
fn singular_word(w: &str) -> String {
    w.strip_suffix('s')
        .filter(|s| s.len() >= 3 && !s.ends_with('s'))
        .unwrap_or(w)
        .to_string()
}

/// Whether two figures of the same unit are of different things, as the words before them say:
/// each claim says what its figure is of with a word the other claim never uses ("wholesale
/// prices fell 0.4 pct" / "producer prices fell 0.3 pct", "new orders for manufactured goods
/// rose 8.0 billion dlrs" / "construction spending rose 3.6 billion dlrs"). One side naming
/// more ("the death toll rose to 15" / "15 people died") is no evidence: both must.
fn figures_of_different_things(a: &View, x: &Amount, b: &View, y: &Amount) -> bool {
    let all = |v: &View| -> Vec<String> {
        plain_words(&v.claim.text)
            .iter()
            .map(|w| singular_word(w))
            .collect()
    };
    let (lead_a, lead_b) = (figure_subject(a, x), figure_subject(b, y));
    if lead_a.is_empty() || lead_b.is_empty() {
        return false;
    }
    let (all_a, all_b) = (all(a), all(b));
    lead_a.iter().any(|w| !all_b.contains(w)) && lead_b.iter().any(|w| !all_a.contains(w))
}

/// Units that do not measure one thing in a way two sources must agree on: time spans ("a
/// five-year contract" and "a seven-year offer" are two offers), ages ("a 30-year-old
/// sergeant" and "a 26-year-old officer" are two people), shares and sums of money, of which a
/// story tells many ("a 0.4 pct drop in January" / "a 1.3 pct drop in September 1958", "a 300
/// mln dlr loan" / "a 50 mln dlr loan").
const NOT_MEASURES: &[&str] = &[
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "month",
    "year",
    "decade",
    "century",
    "time",
    "percent",
    "pct",
    "cent",
    "point",
    "basis",
    "dollar",
    "dlr",
    "euro",
    "pound",
    "stg",
    "sterling",
    "yen",
    "franc",
    "mark",
    "yuan",
    "rupee",
    "peso",
    "lira",
    "rouble",
    "ruble",
    "rand",
    "crown",
    "krona",
    "krone",
    "guilder",
    "share",
    // Sizes of things a story may tell several of ("a 12-inch optical disk" and "a 14-inch
    // optical disk" are two products, "a 3/4 inch choke" and "an 8 inch choke" two well tests).
    "inch",
    "foot",
    "feet",
    "yard",
    "mile",
    "metre",
    "meter",
    "kilometre",
    "kilometer",
    "centimetre",
    "centimeter",
    "millimetre",
    "millimeter",
    "gram",
    "kilogram",
    "kilo",
    "ton",
    "tonne",
    "ounce",
    "litre",
    "liter",
    "gallon",
    "barrel",
    "acre",
    "hectare",
    "degree",
];

/// Scale words: a figure with one counts many of something or a sum of money ("300 mln dlr").
const SCALES: &[&str] = &[
    "hundred", "thousand", "million", "mln", "billion", "bln", "trillion",
];

/// The noun a figure sizes when it is the measure of one thing: "a loaded .38-caliber
/// revolver" → (caliber, revolver), "a 6.1-magnitude quake" → (magnitude, quake). The figure
/// stands after "a" or "an" (an adjective may come between), its unit is in the singular, and
/// the noun follows the unit (names between are skipped: "a .38 caliber Rohm revolver"). A
/// count ("100 people", "two undersea cables") sizes no one thing, and after "the" a figure
/// picks one of a series by its number ("on the Colts 16-yard line", "the 27-yard line"):
/// two such are two places, not one measured twice.
fn measured_nouns<'v>(v: &'v View) -> impl Iterator<Item = (&'v Amount, String)> + 'v {
    // Worked out once per claim (`View::measures`, by `measured_noun`).
    v.measures.iter().map(|(i, n)| (&v.amounts[*i], n.clone()))
}

/// The noun amount `x` of claim `v` sizes, if it is the measure of one thing (see
/// [`measured_nouns`]).
pub(crate) fn measured_noun(v: &View, x: &Amount) -> Option<String> {
    const ARTICLES: &[&str] = &["a", "an"];
    let text = &v.claim.text;
    {
        if x.plural
            || x.rate
            || x.unit.len() < 3
            || NOT_MEASURES.contains(&x.unit.as_str())
            || x.unit.contains("old")
            || x.scope.is_some()
            || x.text.contains(['$', '£', '€', '¥'])
            || plain_words(&x.text)
                .iter()
                .any(|w| SCALES.contains(&w.as_str()))
        {
            return None;
        }
        let at = text.find(x.text.as_str())?;
        let before = plain_words(&text[..at]);
        let determined = before
            .iter()
            .rev()
            .take(2)
            .any(|w| ARTICLES.contains(&w.as_str()));
        if !determined {
            return None;
        }
        let after = &text[at + x.text.len()..];
        // The noun must follow right after the measure (a hyphen or a space), not after a
        // comma or a preposition.
        if !after.starts_with([' ', '-']) {
            return None;
        }
        let noun = after
            .split_whitespace()
            .take(4)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .find(|w| !w.chars().next().is_some_and(char::is_uppercase))?;
        (noun.len() >= 3
            && noun.chars().all(|c| c.is_ascii_lowercase())
            && !is_stop(noun)
            && !noun.ends_with("ly"))
        .then(|| noun.to_string())
    }
}

/// Whether a claim names the measure of one thing (`View::measures`, worked out once per
/// claim).
pub(super) fn has_measure(v: &View) -> bool {
    !v.measures.is_empty()
}

/// The same thing measured differently: "pointed a .38 caliber revolver at the officers" / "a
/// .357 caliber revolver was recovered at the scene". A thing of the story sized by the same
/// unit is one thing, whatever else the two claims tell of it, so this needs only the score
/// that keeps the pair; the figures must differ beyond rounding, be of the same holder when
/// both name one, and neither claim may name the other's figure ("a .38 and a .357 revolver").
pub(super) fn measure_mismatch(a: &View, b: &View) -> Option<Reason> {
    let mb: Vec<(&Amount, String)> = measured_nouns(b).collect();
    if mb.is_empty() {
        return None;
    }
    let ma: Vec<(&Amount, String)> = measured_nouns(a).collect();
    for (x, noun) in &ma {
        let same = |(y, n): &&(&Amount, String)| y.unit == x.unit && n == noun;
        let ys: Vec<&Amount> = mb.iter().filter(same).map(|(y, _)| *y).collect();
        let xs: Vec<&Amount> = ma.iter().filter(same).map(|(z, _)| *z).collect();
        let Some(y) = ys.first() else {
            continue;
        };
        let holders_differ = |p: &Amount, q: &Amount| {
            p.holder.is_some() && q.holder.is_some() && p.holder != q.holder
        };
        let compatible_any = xs.iter().any(|p| {
            ys.iter()
                .any(|q| compatible(p, q) || slash_lost(p, q) || holders_differ(p, q))
        });
        let named_by_other =
            xs.iter().any(|p| names_figure(b, a, p)) || ys.iter().any(|q| names_figure(a, b, q));
        if !compatible_any && !named_by_other {
            return Some(Reason {
                kind: ReasonKind::Numeric,
                detail: format!("{} vs {} {noun}", x.text, y.text),
            });
        }
    }
    None
}

/// Whether a figure is how long a process has lasted, "eight days of rioting", "two weeks of
/// talks": a time span followed by "of".
fn running_span(v: &View, x: &Amount) -> bool {
    const SPANS: &[&str] = &["minute", "hour", "day", "night", "week", "month", "year"];
    if !SPANS.contains(&x.unit.as_str()) {
        return false;
    }
    let text = &v.claim.text;
    text.match_indices(x.text.as_str()).any(|(at, _)| {
        text[at + x.text.len()..]
            .trim_start()
            .strip_prefix("of ")
            .is_some()
    })
}
