//! Quantities and time expressions of one claim, read off its tokens.
use crate::article::{Qualifier, Quantity, TimeExpr};
use crate::lexicon::{self, lower};
use crate::text::{CharIndex, Tok, TokKind};

/// A number read at a token: its value, the byte where it starts and the token after it.
struct Number {
    value: f64,
    vague: bool,
    /// Index of the first token after the number (and its scale word).
    next: usize,
    /// Unit glued to the number: "33-year-old" → "year-old".
    glued_unit: Option<(usize, usize)>,
    /// Upper end of a range written as one token: "140-150".
    upper: Option<f64>,
    /// The scale word applied ("million"), 1 when none.
    scale: f64,
}

fn lw<'b>(src: &'b str, t: &Tok, buf: &'b mut [u8; 24]) -> &'b str {
    lower(t.text(src), buf).unwrap_or("")
}

fn is_word(src: &str, t: Option<&Tok>, w: &str) -> bool {
    t.is_some_and(|t| t.is_word() && t.text(src).eq_ignore_ascii_case(w))
}

/// Parse "1,200", "3.5", "600m", "33-year-old": (value, byte length of the numeric prefix).
fn parse_digits(s: &str) -> Option<(f64, usize)> {
    let mut end = 0;
    let b = s.as_bytes();
    while end < b.len()
        && (b[end].is_ascii_digit()
            || ((b[end] == b',' || b[end] == b'.')
                && b.get(end + 1).is_some_and(u8::is_ascii_digit)))
    {
        end += 1;
    }
    if !b[..end].contains(&b',') {
        return s[..end].parse::<f64>().ok().map(|v| (v, end));
    }
    // "1,200": drop the separators on the stack.
    let mut buf = [0u8; 40];
    let mut n = 0;
    for &c in b[..end].iter().filter(|&&c| c != b',') {
        *buf.get_mut(n)? = c;
        n += 1;
    }
    std::str::from_utf8(&buf[..n])
        .ok()?
        .parse::<f64>()
        .ok()
        .map(|v| (v, end))
}

/// The value of a figure that tokenised or copied text split over several tokens, and the index
/// of the token whose suffix ("-inch", "million") follows it: "16. 8" (a decimal point cut off
/// by a space), "120, 000", "4 1/2" and "41/2" (a half whose space was lost in copy: no one
/// writes 20.5 as an improper fraction). Else the figure of token `i` alone.
fn joined_figure(src: &str, toks: &[Tok], i: usize, end: usize) -> Option<(f64, usize)> {
    let digits = |k: usize| -> &str {
        let t = toks[k].text(src);
        &t[..t.bytes().take_while(u8::is_ascii_digit).count()]
    };
    let number = |k: usize| k < end && toks[k].kind == TokKind::Number;
    let glued = |k: usize| toks[k - 1].e == toks[k].s;
    let spaced = |k: usize| toks[k - 1].e + 1 == toks[k].s && src.as_bytes()[toks[k - 1].e] == b' ';
    let punct = |k: usize, p: &str| k < end && toks[k].text(src) == p;
    let whole = toks[i].text(src);
    let plain = !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit());
    // "2/3/11" is a date: no part of it is a fraction.
    let date =
        |k: usize| (i > 0 && toks[i - 1].text(src) == "/") || (punct(k + 1, "/") && number(k + 2));
    let value = |d: &str| d.parse::<f64>().ok();
    // A half, a third or a quarter: n/d with d in 2..=4 and n < d.
    let fraction = |n: &str, d: &str| -> Option<f64> {
        let (n, d) = (value(n)?, value(d)?);
        (n >= 1.0 && (2.0..=4.0).contains(&d) && n < d && !d.is_nan()).then_some(n / d)
    };
    if plain && whole.len() <= 3 && number(i + 2) && glued(i + 1) && spaced(i + 2) {
        let rest = digits(i + 2);
        if punct(i + 1, ".") && !rest.is_empty() {
            let frac = value(rest)? / 10f64.powi(rest.len() as i32);
            return Some((value(whole)? + frac, i + 2));
        }
        if punct(i + 1, ",") && rest.len() == 3 && rest.starts_with('0') {
            return Some((value(whole)? * 1000.0 + value(rest)?, i + 2));
        }
    }
    if plain && number(i + 1) && spaced(i + 1) && punct(i + 2, "/") && number(i + 3) {
        let n = toks[i + 1].text(src);
        if n.bytes().all(|b| b.is_ascii_digit()) && glued(i + 2) && glued(i + 3) {
            if let Some(f) = fraction(n, digits(i + 3)).filter(|_| !date(i + 3)) {
                return Some((value(whole)? + f, i + 3));
            }
        }
    }
    // "9-1/2 pct", "7-7/8 pct": wire copy writes a whole and its fraction joined by a hyphen,
    // in halves down to sixty-fourths (bond and futures prices). Read apart, "9-1" is no figure
    // and the "2" after the slash would pass for the quantity.
    if let Some((int, n)) = whole.split_once('-') {
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if all_digits(int)
            && all_digits(n)
            && punct(i + 1, "/")
            && number(i + 2)
            && glued(i + 1)
            && glued(i + 2)
        {
            let (nv, dv) = (value(n)?, value(digits(i + 2))?);
            if matches!(dv as u32, 2 | 4 | 8 | 16 | 32 | 64) && nv >= 1.0 && nv < dv {
                return Some((value(int)? + nv / dv, i + 2));
            }
        }
    }
    // "1.8205/15 marks", "145.25/30 yen": a bid/offer quote, where the offer repeats only the
    // last decimals of the bid. One quote, read at its bid; the "15" is not a count of marks.
    if let Some((_, decimals)) = whole.split_once('.') {
        if punct(i + 1, "/") && number(i + 2) && glued(i + 1) && glued(i + 2) {
            let offer = toks[i + 2].text(src);
            let bid = parse_digits(whole).filter(|&(_, len)| len == whole.len());
            if let Some((bid, _)) = bid.filter(|_| {
                offer.len() <= decimals.len() && offer.bytes().all(|b| b.is_ascii_digit())
            }) {
                return Some((bid, i + 2));
            }
        }
    }
    if plain && punct(i + 1, "/") && number(i + 2) && glued(i + 1) && glued(i + 2) {
        let (int, n) = whole.split_at(whole.len() - 1);
        if let Some(f) = fraction(n, digits(i + 2)).filter(|_| !date(i + 2)) {
            let int = if int.is_empty() { 0.0 } else { value(int)? };
            return Some((int + f, i + 2));
        }
    }
    Some((parse_digits(whole)?.0, i))
}

/// A regular English plural ("cables", "wins") or one of the common irregular ones.
fn looks_plural(word: &str) -> bool {
    let w = word.as_bytes();
    if matches!(word, "people" | "men" | "women" | "children" | "feet") {
        return true;
    }
    w.len() > 3
        && w[w.len() - 1] == b's'
        && !matches!(w[w.len() - 2], b's' | b'u' | b'i')
        && word.bytes().all(|b| b.is_ascii_lowercase())
}

/// A year on its own ("2014", "in 2019"): a time expression, not a quantity.
fn is_year(src: &str, toks: &[Tok], i: usize) -> bool {
    let t = toks[i].text(src);
    if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let v: u32 = t.parse().unwrap_or(0);
    if !(1800..=2100).contains(&v) {
        return false;
    }
    if i > 0
        && toks[i - 1].kind == TokKind::Punct
        && matches!(toks[i - 1].text(src), "$" | "£" | "€")
    {
        return false;
    }
    // "2000 troops" is a count; "2014 annexation", "in 2014." are years.
    match toks.get(i + 1) {
        Some(n) if n.is_word() => {
            let w = n.text(src);
            !(w.ends_with('s')
                && w.chars().all(char::is_lowercase)
                && !matches!(w, "was" | "is" | "has" | "as" | "its" | "this"))
        }
        _ => true,
    }
}

/// Read a number starting at token `i`.
fn read_number(src: &str, toks: &[Tok], start: usize, i: usize, end: usize) -> Option<Number> {
    let t = &toks[i];
    let mut buf = [0u8; 24];
    let mut n = match t.kind {
        TokKind::Number => {
            // "magnitude-6. 0": the decimals of a figure glued to a word, cut off by a space.
            if i >= start + 2
                && toks[i - 1].text(src) == "."
                && toks[i - 2].e == toks[i - 1].s
                && toks[i - 1].e < t.s
                && toks[i - 2]
                    .text(src)
                    .ends_with(|c: char| c.is_ascii_digit())
            {
                return None;
            }
            let (mut value, k) = joined_figure(src, toks, i, end)?;
            let t = &toks[k];
            let text = t.text(src);
            let len = if k == i {
                parse_digits(text)?.1
            } else {
                text.bytes().take_while(u8::is_ascii_digit).count()
            };
            // ".20 parts per million": the tokenizer leaves the leading point apart; tokenised
            // text also cuts it off by a space from a calibre ("a. 38-caliber").
            if k == i && i > 0 && toks[i - 1].text(src) == "." {
                let before = src[..toks[i - 1].s].chars().next_back();
                let digits = &text[..len];
                let glued = toks[i - 1].e == t.s
                    && before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '$' | '-'));
                let calibre =
                    toks[i - 1].e + 1 == t.s && before.is_some_and(char::is_alphabetic) && {
                        let rest = src[t.s + len..].trim_start_matches(['-', ' ']);
                        rest.starts_with("caliber") || rest.starts_with("calibre")
                    };
                if (glued || calibre) && digits.bytes().all(|b| b.is_ascii_digit()) {
                    value /= 10f64.powi(len as i32);
                }
            }
            let suffix = &text[len..];
            let mut glued_unit = None;
            let mut upper = None;
            let mut scale = 1.0;
            if let Some(rest) = suffix.strip_prefix('-') {
                if rest.is_empty() {
                    return None;
                }
                if rest.starts_with(|c: char| c.is_ascii_digit()) {
                    // "$140-150 million": a range of money or of a scaled figure, when the
                    // second figure is the larger; a bare "9-14" is a record or a score, and
                    // "745-4811" a telephone number.
                    let money = i > start && matches!(toks[i - 1].text(src), "$" | "£" | "€");
                    let scaled = toks
                        .get(k + 1)
                        .filter(|n| k + 1 < end && n.is_word())
                        .is_some_and(|n| lexicon::scale_word(n.text(src)).is_some());
                    if !(money || scaled) {
                        return None;
                    }
                    let high = rest
                        .bytes()
                        .all(|b| b.is_ascii_digit())
                        .then(|| rest.parse::<f64>().ok())
                        .flatten()?;
                    let year = |v: f64| (1800.0..=2100.0).contains(&v);
                    if k != i || high <= value || (year(value) && year(high)) {
                        return None;
                    }
                    upper = Some(high);
                } else {
                    glued_unit = Some((t.s + len + 1, t.e));
                }
            } else if !suffix.is_empty() {
                match lexicon::scale_word(suffix) {
                    Some(s) => {
                        value *= s;
                        scale = s;
                    }
                    // "1st", "1990s", "4G": not counts.
                    None => return None,
                }
            }
            Number {
                value,
                vague: false,
                next: k + 1,
                glued_unit,
                upper,
                scale,
            }
        }
        TokKind::Word => {
            let w = t.text(src);
            if let Some(v) = lexicon::vague_magnitude(w) {
                // "tens of thousands", "hundreds of thousands", "dozens", "thousands".
                Number {
                    value: v,
                    vague: true,
                    next: i + 1,
                    glued_unit: None,
                    upper: None,
                    scale: 1.0,
                }
            } else if lw(src, t, &mut buf) == "tens"
                && is_word(src, toks.get(i + 1), "of")
                && toks
                    .get(i + 2)
                    .is_some_and(|n| lexicon::vague_magnitude(n.text(src)).is_some())
            {
                let v = lexicon::vague_magnitude(toks[i + 2].text(src)).unwrap_or(1.0);
                Number {
                    value: 10.0 * v,
                    vague: true,
                    next: i + 3,
                    glued_unit: None,
                    upper: None,
                    scale: 1.0,
                }
            } else if lw(src, t, &mut buf) == "a" && is_word(src, toks.get(i + 1), "dozen") {
                Number {
                    value: 12.0,
                    vague: false,
                    next: i + 2,
                    glued_unit: None,
                    upper: None,
                    scale: 1.0,
                }
            } else {
                // Number words, possibly hyphenated or in sequence: "twenty-five", "two hundred".
                let mut value: f64 = 0.0;
                let mut current: f64 = 0.0;
                let mut j = i;
                let mut any = false;
                while j < end && toks[j].is_word() {
                    let mut ok = true;
                    for part in toks[j].text(src).split('-') {
                        match lexicon::number_word(part) {
                            Some(v) if v >= 1000.0 => {
                                value += current.max(1.0) * v;
                                current = 0.0;
                            }
                            Some(100.0) => current = current.max(1.0) * 100.0,
                            Some(v) => current += v,
                            None => ok = false,
                        }
                    }
                    if !ok {
                        break;
                    }
                    any = true;
                    j += 1;
                    if is_word(src, toks.get(j), "and")
                        && toks.get(j + 1).is_some_and(|n| {
                            lexicon::number_word(n.text(src)).is_some_and(|v| v < 100.0)
                        })
                        && current >= 100.0
                    {
                        j += 1;
                    }
                }
                if !any {
                    return None;
                }
                Number {
                    value: value + current,
                    vague: false,
                    next: j,
                    glued_unit: None,
                    upper: None,
                    scale: 1.0,
                }
            }
        }
        TokKind::Punct => return None,
    };
    // Vague "hundreds of thousands".
    if n.vague && is_word(src, toks.get(n.next), "of") {
        if let Some(v) = toks
            .get(n.next + 1)
            .and_then(|t| lexicon::vague_magnitude(t.text(src)))
        {
            n.value *= v;
            n.next += 2;
        }
    }
    if !n.vague {
        if let Some(scale) = toks
            .get(n.next)
            .filter(|t| t.is_word())
            .and_then(|t| lexicon::scale_word(t.text(src)))
        {
            // A lone "m"/"b" word after a number is rarely a scale; only spelled-out ones.
            if toks[n.next].e - toks[n.next].s > 1 {
                n.value *= scale;
                n.upper = n.upper.map(|u| u * scale);
                n.scale = scale;
                n.next += 1;
            }
        }
    }
    Some(n)
}

fn qualifier_before(src: &str, toks: &[Tok], start: usize, i: usize) -> (Qualifier, usize) {
    let mut b1 = [0u8; 24];
    let mut b2 = [0u8; 24];
    let mut b3 = [0u8; 24];
    let w1 = if i > start {
        lw(src, &toks[i - 1], &mut b1)
    } else {
        ""
    };
    let w2 = if i > start + 1 {
        lw(src, &toks[i - 2], &mut b2)
    } else {
        ""
    };
    let w3 = if i > start + 2 {
        lw(src, &toks[i - 3], &mut b3)
    } else {
        ""
    };
    match (w3, w2, w1) {
        ("in", "excess", "of") => return (Qualifier::Over, i - 3),
        ("as", "high" | "many" | "much", "as") => return (Qualifier::AtMost, i - 3),
        _ => {}
    }
    match (w2, w1) {
        ("at", "least") => (Qualifier::AtLeast, i - 2),
        ("more" | "greater", "than") | ("upwards", "of") | ("in", "excess") => {
            (Qualifier::Over, i - 2)
        }
        ("less" | "fewer", "than") | ("just", "under") => (Qualifier::Under, i - 2),
        ("up", "to") | ("at", "most") | ("no", "more") => (Qualifier::AtMost, i - 2),
        ("an", "estimated") => (Qualifier::About, i - 2),
        (_, "over" | "above" | "exceeding" | "surpassing") => (Qualifier::Over, i - 1),
        (_, "nearly" | "almost") => (Qualifier::Nearly, i - 1),
        (_, "under" | "below" | "barely") => (Qualifier::Under, i - 1),
        (
            _,
            "about" | "around" | "approximately" | "roughly" | "some" | "estimated" | "circa"
            | "approx",
        ) => (Qualifier::About, i - 1),
        _ => (Qualifier::Exact, i),
    }
}

/// The quantities among `toks[start..end]`.
pub(crate) fn quantities(
    src: &str,
    toks: &[Tok],
    start: usize,
    end: usize,
    ci: &CharIndex,
) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = start;
    let mut buf = [0u8; 24];
    while i < end {
        let t = &toks[i];
        // Most tokens are none of the cases below: one test without branches turns them away.
        let maybe = (t.kind == TokKind::Number)
            | t.is(lexicon::number_word_class::FLAG)
            | t.hyphenated
            | ((t.e - t.s == 1) & (src.as_bytes()[t.s] | 0x20 == b'a'));
        if !maybe {
            i += 1;
            continue;
        }
        let candidate = match t.kind {
            TokKind::Number => true,
            TokKind::Word => {
                t.is(lexicon::number_word_class::FLAG)
                    || (t.e - t.s == 1
                        && toks[i].text(src).eq_ignore_ascii_case("a")
                        && is_word(src, toks.get(i + 1), "dozen"))
                    || (t.e - t.s > 4
                        && matches!(src.as_bytes()[t.s] | 0x20, b't' | b'f' | b's' | b'e' | b'n')
                        && toks[i].text(src).contains('-')
                        && lexicon::number_word(t.text(src).split('-').next().unwrap_or(""))
                            .is_some())
            }
            TokKind::Punct => false,
        };
        if !candidate || (t.kind == TokKind::Number && is_year(src, toks, i)) {
            i += 1;
            continue;
        }
        // Dates: "April 25", "25 April".
        let after_month =
            i > start && toks[i - 1].is_cap(src) && toks[i - 1].is(lexicon::month::FLAG);
        let before_month = toks
            .get(i + 1)
            .is_some_and(|n| n.is_cap(src) && n.is(lexicon::month::FLAG));
        if t.kind == TokKind::Number && (after_month || before_month) {
            i += 1;
            continue;
        }
        let Some(num) = read_number(src, toks, start, i, end) else {
            i += 1;
            continue;
        };
        if num.next > end {
            break;
        }
        // Currency sign before the number.
        let mut first = i;
        let mut currency: Option<&str> = None;
        if i > start && toks[i - 1].kind == TokKind::Punct {
            currency = match toks[i - 1].text(src) {
                "$" => Some("dollars"),
                "£" => Some("pounds"),
                "€" => Some("euros"),
                "¥" => Some("yen"),
                _ => None,
            };
            if currency.is_some() {
                first = i - 1;
            }
        }
        let (qualifier, qstart) = qualifier_before(src, toks, start, first);
        let qualifier = if num.vague {
            Qualifier::Vague
        } else {
            qualifier
        };
        let mut j = num.next;
        let mut last = num.next - 1;
        // Range: "10 to 12", "10-12", "$140- $150 million", "between $140 and $150 million"
        // (a scale word after the second figure scales the first too).
        let mut value = num.value;
        let mut upper = num.upper;
        let between = first > start && is_word(src, toks.get(first - 1), "between");
        // "from $610.6 million to $616.5 million" is a change, not a range.
        let from = qstart > start && is_word(src, toks.get(qstart - 1), "from");
        if upper.is_none()
            && j + 1 < end
            && ((is_word(src, toks.get(j), "to") && !from)
                || toks[j].is_punct(src, '-')
                || toks[j].is_punct(src, '–')
                || (between && is_word(src, toks.get(j), "and")))
        {
            let sign = currency.is_some() && toks[j + 1].kind == TokKind::Punct;
            let second = j + 1 + usize::from(sign);
            if sign && toks[j + 1].text(src) != toks[i - 1].text(src) {
                // "$140 to €150": not one range.
            } else if let Some(n2) = (second < end && toks[second].kind == TokKind::Number)
                .then(|| read_number(src, toks, start, second, end))
                .flatten()
            {
                let low = if num.scale == 1.0 && n2.scale > 1.0 {
                    value * n2.scale
                } else {
                    value
                };
                if n2.value > low && n2.upper.is_none() {
                    value = low;
                    upper = Some(n2.value);
                    j = n2.next;
                    last = j - 1;
                }
            }
        }
        let mut unit: Option<(usize, usize)> = num.glued_unit;
        let mut modifier = None;
        let mut unit_word: Option<&'static str> = None;
        if let Some(plural) = currency {
            unit_word = Some(plural);
        } else if j < end && toks[j].is_punct(src, '%') {
            unit_word = Some("percent");
            last = j;
            j += 1;
        } else if unit.is_none() && j < end {
            let mut wbuf = [0u8; 24];
            let w = lw(src, &toks[j], &mut wbuf);
            if w == "percent" || (w == "per" && is_word(src, toks.get(j + 1), "cent")) {
                unit_word = Some("percent");
                last = if w == "per" { j + 1 } else { j };
                j = last + 1;
            } else {
                let mut k = j;
                if num.vague && w == "of" {
                    k += 1;
                }
                // One capitalised adjective may stand before the noun: "12 Ukrainian soldiers".
                if k + 1 < end
                    && toks[k].is_cap(src)
                    && toks[k].is(lexicon::demonym::FLAG)
                    && toks[k + 1].is_word()
                    && !toks[k + 1].is_cap(src)
                {
                    k += 1;
                }
                // A modifier before the counted noun: "three undersea cables", "four straight
                // wins". The figure counts the first plural.
                if value > 1.0
                    && k + 1 < end
                    && toks[k].is_word()
                    && !toks[k].is_cap(src)
                    && !toks[k].hyphenated
                    && !looks_plural(toks[k].text(src))
                    && toks[k + 1].is_word()
                    && !toks[k + 1].is_cap(src)
                    && looks_plural(toks[k + 1].text(src))
                    && !toks[k].is(lexicon::not_unit::FLAG)
                    && !toks[k + 1].is(lexicon::not_unit::FLAG)
                {
                    modifier = Some(toks[k].text(src).to_lowercase());
                    k += 1;
                }
                if k < end && toks[k].is_word() && !toks[k].is_cap(src) {
                    let kw = toks[k].text(src);
                    if !toks[k].is(lexicon::not_unit::FLAG)
                        && lexicon::number_word(kw).is_none()
                        && lexicon::scale_word(kw).is_none()
                    {
                        unit = Some((toks[k].s, toks[k].e));
                        last = k;
                        j = k + 1;
                    }
                }
                if unit.is_none() {
                    modifier = None;
                }
            }
        }
        if unit.is_none() && unit_word.is_none() {
            // "killing at least 12", "injuring over 90": the verb before names what is counted.
            if qstart > start && lexicon::casualty_verb(toks[qstart - 1].text(src)) {
                let p = lexicon::casualty_participle(toks[qstart - 1].text(src));
                if !p.is_empty() {
                    unit_word = Some(p);
                }
            }
        }
        let unit_text = match (unit, &unit_word) {
            (Some((s, e)), _) => src[s..e].to_lowercase(),
            (None, Some(w)) => w.to_string(),
            (None, None) => String::new(),
        };
        // A bare "one" or "a" with nothing counted is an article or pronoun, not a quantity.
        let word_number = t.kind == TokKind::Word && !num.vague;
        // "four million" stands on its own; a bare "two" does not.
        if word_number && unit_text.is_empty() && num.value < 1000.0 {
            i = num.next;
            continue;
        }
        if word_number
            && matches!(lw(src, t, &mut buf), "one")
            && (unit_text == "of" || unit.is_none())
        {
            i = num.next;
            continue;
        }
        // Rate: "per day", "a day", "each year".
        let mut per = None;
        if j + 1 < end
            && matches!(
                lw(src, &toks[j], &mut buf),
                "per" | "a" | "an" | "each" | "every"
            )
        {
            let p = toks[j + 1].text(src);
            if lexicon::period_noun(p)
                || matches!(
                    p.to_ascii_lowercase().as_str(),
                    "day" | "hour" | "minute" | "person" | "capita" | "head"
                )
            {
                per = Some(p.to_lowercase());
                last = j + 1;
            }
        }
        let unit_text = match per {
            Some(per) if unit_text.is_empty() => format!("per {per}"),
            Some(per) => format!("{unit_text} per {per}"),
            None => unit_text,
        };
        let (s, e) = (toks[qstart].s, toks[last].e);
        out.push(Quantity {
            value,
            upper,
            unit: unit_text,
            modifier,
            glued: num.glued_unit.is_some(),
            qualifier,
            text: src[s..e].to_string(),
            span: ci.span(s, e),
        });
        i = last + 1;
    }
    out
}

/// Time expressions among `toks[start..end]`: days, parts of days, dates, years, "this week".
pub(crate) fn times(
    src: &str,
    toks: &[Tok],
    start: usize,
    end: usize,
    ci: &CharIndex,
) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    let mut i = start;
    let mut buf = [0u8; 24];
    while i < end {
        let t = &toks[i];
        // Only the cases below can start a time expression; most tokens are none of them.
        let maybe = t
            .is(lexicon::weekday::FLAG | lexicon::month::FLAG | lexicon::calendar_word::FLAG)
            | (t.kind == TokKind::Number)
            | (i + 1 < end && toks[i + 1].is(lexicon::period_noun::FLAG));
        if !maybe {
            i += 1;
            continue;
        }
        let w = t.text(src);
        let mut span: Option<(usize, usize)> = None;
        if t.is(lexicon::weekday::FLAG) {
            let mut e = i;
            if toks
                .get(i + 1)
                .is_some_and(|n| i + 1 < end && n.is(lexicon::day_part::FLAG))
            {
                e = i + 1;
            }
            span = Some((i, e));
        } else if t.is_cap(src)
            && t.is(lexicon::month::FLAG)
            // "May", "Jan" alone are too ambiguous without a day number after them.
            && (w.len() > 4 && w != "May" || toks.get(i + 1).is_some_and(|n| n.kind == TokKind::Number))
        {
            let mut s = i;
            let mut e = i;
            if i > start
                && toks[i - 1].kind == TokKind::Number
                && toks[i - 1].e - toks[i - 1].s <= 2
            {
                s = i - 1;
            }
            if e + 1 < end && toks[e + 1].kind == TokKind::Number {
                e += 1;
                if e + 2 < end
                    && toks[e + 1].is_punct(src, ',')
                    && toks[e + 2].kind == TokKind::Number
                    && is_year(src, toks, e + 2)
                {
                    e += 2;
                }
            }
            span = Some((s, e));
        } else if t.is_cap(src)
            && t.is(lexicon::calendar_word::FLAG)
            && !t.is(lexicon::month::FLAG)
            && !t.is(lexicon::weekday::FLAG)
            || t.kind == TokKind::Number && is_year(src, toks, i)
        {
            // Holidays ("Christmas") and years ("2014").
            span = Some((i, i));
        } else if t.is_word()
            && toks
                .get(i + 1)
                .is_some_and(|n| i + 1 < end && n.is(lexicon::period_noun::FLAG))
            && matches!(
                lw(src, t, &mut buf),
                "this" | "last" | "next" | "past" | "coming" | "previous"
            )
        {
            span = Some((i, i + 1));
        }
        if let Some((a, b)) = span {
            // "last Thursday", "early Monday", "earlier this week".
            let mut a = a;
            if a > start
                && matches!(
                    lw(src, &toks[a - 1], &mut buf),
                    "last" | "next" | "this" | "early" | "late" | "earlier" | "later"
                )
                && a == i
            {
                a -= 1;
            }
            let (s, e) = (toks[a].s, toks[b].e);
            out.push(TimeExpr {
                text: src[s..e].to_string(),
                span: ci.span(s, e),
            });
            i = b + 1;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    /// The quantities of a whole text.
    fn quantities_of(s: &str) -> Vec<Quantity> {
        let mut toks = Vec::new();
        tokenize(s, 0, s.len(), &mut toks);
        let ci = CharIndex::new(s);
        quantities(s, &toks, 0, toks.len(), &ci)
    }

    fn q(s: &str) -> Vec<String> {
        quantities_of(s).iter().map(|q| q.to_string()).collect()
    }

    fn tm(s: &str) -> Vec<String> {
        let mut toks = Vec::new();
        tokenize(s, 0, s.len(), &mut toks);
        let ci = CharIndex::new(s);
        times(s, &toks, 0, toks.len(), &ci)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn quantity_table() {
        let table: &[(&str, &[&str])] = &[
            (
                "Russia launched 70 missiles and 145 drones",
                &["70 missiles", "145 drones"],
            ),
            (
                "killing at least 12 and injuring over 90",
                &["at least 12 killed", "over 90 injured"],
            ),
            (
                "with over 1,200 casualties per day on average",
                &["over 1200 casualties per day"],
            ),
            (
                "Russia has lost tens of thousands of soldiers",
                &["tens of thousands soldiers"],
            ),
            ("a budget of $2.5 billion", &["2.5 billion dollars"]),
            ("output of 5.93 mln tonnes", &["5.93 million tonnes"]),
            (
                "profits jumped 76% to $1.13bn",
                &["76 percent", "1.13 billion dollars"],
            ),
            ("after nearly three years of fighting", &["nearly 3 years"]),
            ("almost 40 people were hurt", &["nearly 40 people"]),
            ("just under 50 homes", &["under 50 homes"]),
            ("barely 20 minutes", &["under 20 minutes"]),
            ("between 10 to 12 people died", &["10 to 12 people"]),
            ("one of the deadliest strikes", &[]),
            ("Russia's 2014 annexation", &[]),
            ("a 33-year-old lawyer", &["33 year-old"]),
            (
                "hundreds of thousands of people",
                &["hundreds of thousands people"],
            ),
            ("about twenty-five soldiers", &["about 25 soldiers"]),
            ("on April 25, 2019", &[]),
            ("ozone reaches .20 parts of the air", &["0.2 parts"]),
            ("It rose 5.20 points", &["5.2 points"]),
            (
                "sites is nearly two million, Netcraft said",
                &["nearly 2 million"],
            ),
            // Figures that tokenised or copied text split up (ECB+).
            ("averaging 16. 8 points per game", &["16.8 points"]),
            ("The 6. 1-magnitude quake", &["6.1 magnitude"]),
            ("A magnitude-6. 0 quake", &[]),
            ("home to 120, 000 people", &["120000 people"]),
            ("served 41/2 months in prison", &["4.5 months"]),
            ("served 4 1/2 months in prison", &["4.5 months"]),
            ("the 3 1/2-inch height", &["3.5 inch"]),
            // No fraction: 24/7 and 9/11 stay apart.
            (
                "open 24/7 for 9/11 families",
                &["24", "7", "9", "11 families"],
            ),
            ("on 2/3/11 at noon", &["2", "3", "11"]),
            ("pointed a. 357 caliber revolver", &["0.357 caliber"]),
            // Ranges and bounds.
            (
                "seven years, $140-150 million",
                &["7 years", "140 million to 150 million dollars"],
            ),
            (
                "seven years, $140- $150 million",
                &["7 years", "140 million to 150 million dollars"],
            ),
            (
                "an offer between $140 and $150 million",
                &["140 million to 150 million dollars"],
            ),
            (
                "in the $140 million to $160 million range",
                &["140 million to 160 million dollars"],
            ),
            ("won 20-13 with 2007-2008 stats", &[]),
            ("the Sixers are 9-14 after a 5-19 start", &[]),
            (
                "Revenue was up, from $610.6 million to $616.5 million.",
                &["610.6 million dollars", "616.5 million dollars"],
            ),
            (
                "an offer in excess of $160 million",
                &["over 160 million dollars"],
            ),
            ("bumped as high as $184M", &["at most 184 million dollars"]),
            // Wire-copy fractions: "9-1/2 pct" is nine and a half, never 2.
            ("rose 9-1/2 pct", &["9.5 pct"]),
            ("a 7-7/8 pct coupon", &["7.875 pct"]),
            ("gains of 1-1/4 cents per bushel", &["1.25 cents"]),
            ("gains of three to 6-1/2 cents", &["3 to 6.5 cents"]),
            ("down 1/2 cent", &["0.5 cent"]),
            // Bid/offer quotes: "1.8205/15 marks" is one quote, not 15 marks.
            ("ended at 1.8205/15 marks", &["1.8205 marks"]),
            ("at 145.25/30 yen", &["145.25 yen"]),
            // A modifier before the counted noun.
            ("after three undersea cables were damaged", &["3 cables"]),
            ("six rifles and 12 magazines", &["6 rifles", "12 magazines"]),
        ];
        for (input, want) in table {
            assert_eq!(&q(input), want, "{input}");
        }
    }

    #[test]
    fn qualifier_serde_names() {
        let table = [
            (Qualifier::Nearly, "\"nearly\""),
            (Qualifier::Under, "\"under\""),
            (Qualifier::AtLeast, "\"at_least\""),
        ];
        for (qualifier, want) in table {
            assert_eq!(serde_json::to_string(&qualifier).unwrap(), want);
        }
    }

    #[test]
    fn glued_units_mark_one_thing() {
        let glued: Vec<bool> = quantities_of("an 86-yard run and 226 yards in all")
            .iter()
            .map(|q| q.glued)
            .collect();
        assert_eq!(glued, [true, false]);
    }

    #[test]
    fn nouns_are_singular_heads() {
        let nouns: Vec<String> =
            quantities_of("over 1,200 casualties per day and 70 missiles and 3 boxes")
                .iter()
                .map(|q| q.noun())
                .collect();
        assert_eq!(nouns, ["casualty", "missile", "box"]);
    }

    #[test]
    fn time_table() {
        let table: &[(&str, &[&str])] = &[
            ("Lavrov told CBS News on Thursday", &["Thursday"]),
            (
                "Between Wednesday night and Thursday morning",
                &["Wednesday night", "Thursday morning"],
            ),
            ("stated this week that", &["this week"]),
            ("Russia's 2014 annexation", &["2014"]),
            ("over the Christmas holiday", &["Christmas"]),
            ("on April 25, 2019 he said", &["April 25, 2019"]),
            ("it may rain", &[]),
        ];
        for (input, want) in table {
            assert_eq!(&tm(input), want, "{input}");
        }
    }
}
