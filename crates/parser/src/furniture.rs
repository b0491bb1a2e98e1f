//! The furniture of a news page, laid out but not asserted: fact-box labels and field lines
//! ("DEAD: 3", "*INJURED: two officers", "Subs not used: …"), datelines ("WASHINGTON —"),
//! bylines ("By Kristen Dressel") and captions ("Buy Photo …", "(Photo: File/The Tennessean)").
//! Each test looks at a few leading bytes first: prose is ruled out at once.
use crate::article::SentenceKind;

/// Field names of fact boxes, match reports and page furniture, lower case, as written before
/// the colon. A sentence that opens with one of them and a colon is a field line.
const FIELD_LABELS: &[&str] = &[
    "dead",
    "killed",
    "injured",
    "wounded",
    "hurt",
    "missing",
    "victim",
    "victims",
    "suspect",
    "suspects",
    "arrested",
    "charged",
    "charges",
    "deaths",
    "death toll",
    "toll",
    "fatalities",
    "casualties",
    "where",
    "when",
    "location",
    "date",
    "time",
    "age",
    "status",
    "cause",
    "weapon",
    "photo",
    "photos",
    "photograph",
    "picture",
    "pictured",
    "image",
    "images",
    "credit",
    "credits",
    "caption",
    "video",
    "source",
    "posted",
    "updated",
    "published",
    "release",
    "released",
    "filed under",
    "tags",
    "topics",
    "category",
    "related",
    "related articles",
    "email",
    "e-mail",
    "twitter",
    "see also",
    "read more",
    "more",
    "subs",
    "subs not used",
    "not used",
    "substitutes",
    "replacements",
    "referee",
    "attendance",
    "venue",
    "scorers",
    "goals",
    "bookings",
    "sent off",
    "booked",
];

/// Labels that are bylines rather than fields: who wrote or helped.
const BYLINE_LABELS: &[&str] = &["contributing", "contributors", "written by", "reporting"];

/// Line openings of a byline.
const BYLINE_OPENINGS: &[&str] = &[
    "by ",
    "reporting by ",
    "additional reporting by ",
    "written by ",
    "editing by ",
    "compiled by ",
];

/// Openings of a caption or a picture credit.
const CAPTION_OPENINGS: &[&str] = &[
    "buy photo",
    "view full caption",
    "(photo:",
    "(photo by",
    "(photos:",
    "(credit:",
    "(image:",
    "(picture:",
    "(ap photo",
    "(reuters photo",
    "(getty",
    "photo by ",
    "photo credit",
    "image credit",
    "image caption",
    "media caption",
    "caption:",
];

/// `t` starts with `p`, ASCII case-insensitively (`p` is lower case).
fn starts_ci(t: &str, p: &str) -> bool {
    t.len() >= p.len() && t.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
}

/// The label before a colon near the start of `t` (after a '*', '•' or '-' marker), lower-case
/// ASCII, when it is at most four words.
/// The label is lower-cased into `buf` (it is ASCII and under 32 bytes): no allocation.
fn label<'b>(t: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let t = t.trim_start_matches(['*', '-', ' ']);
    let t = t.strip_prefix('•').unwrap_or(t).trim_start();
    let head = &t.as_bytes()[..t.len().min(32)];
    let colon = memchr::memchr(b':', head)?;
    let l = &t[..colon];
    if l.is_empty() || l.split_whitespace().count() > 4 || !l.is_ascii() {
        return None;
    }
    let l = l.trim().as_bytes();
    for (d, c) in buf.iter_mut().zip(l) {
        *d = c.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..l.len()]).ok()
}

/// The kind of a sentence that is page furniture, or `None` for prose. `whole_line`: the
/// sentence is its whole paragraph line (bylines and short field lines stand alone); `opening`:
/// no content came before it, where "NCAA: Improper gifts …" is a headline, not a field.
pub(crate) fn kind_of(t: &str, whole_line: bool, opening: bool) -> Option<SentenceKind> {
    let b = t.as_bytes();
    let first = *b.first()?;
    // Captions and credits: a caption opening, looked up only when the first four bytes can
    // start one ("buy ", "(pho" …).
    let mut head = [0u8; 4];
    for (h, c) in head.iter_mut().zip(b) {
        *h = c.to_ascii_lowercase();
    }
    if matches!(
        &head,
        b"buy "
            | b"view"
            | b"(pho"
            | b"(cre"
            | b"(ima"
            | b"(pic"
            | b"(ap "
            | b"(reu"
            | b"(get"
            | b"phot"
            | b"imag"
            | b"medi"
            | b"capt"
    ) && CAPTION_OPENINGS.iter().any(|p| starts_ci(t, p))
    {
        return Some(SentenceKind::Caption);
    }
    // A credit closing a line: "Barry Washington and Timothy Murphy (Photo: Provided/…)",
    // "… on Thursday, August 27, 2015. (WISH Photo)".
    if t.ends_with(')') {
        if t.ends_with(" Photo)") || t.ends_with(" Photos)") {
            return Some(SentenceKind::Caption);
        }
        if let Some(i) = memchr::memrchr(b'(', b) {
            let rest = &t[i + 1..];
            if ["photo:", "photo by", "photo/", "ap photo"]
                .iter()
                .any(|p| starts_ci(rest, p))
            {
                return Some(SentenceKind::Caption);
            }
        }
    }
    if whole_line && t.len() <= 120 && matches!(head[0], b'b' | b'r' | b'a' | b'w' | b'e' | b'c') {
        let terminated = t.trim_end().ends_with(['.', '!', '?', '"', '”']);
        if !terminated && BYLINE_OPENINGS.iter().any(|p| starts_ci(t, p)) {
            // Names only after the opening: capitalised words joined by "and", "by", commas.
            let mut words = 0;
            let names = t.split_whitespace().skip(1).all(|w| {
                words += 1;
                let w = w.trim_matches([',', ';']);
                w.is_empty()
                    || matches!(w, "and" | "by" | "in" | "of" | "&")
                    || (w.starts_with(char::is_uppercase) && !w.bytes().any(|c| c.is_ascii_digit()))
            });
            if names && (1..=12).contains(&words) {
                return Some(SentenceKind::Byline);
            }
        }
    }
    if first.is_ascii_alphabetic() || matches!(first, b'*' | b'-' | 0xE2) {
        let mut buf = [0u8; 32];
        if let Some(l) = label(t, &mut buf) {
            if BYLINE_LABELS.contains(&l) {
                return Some(SentenceKind::Byline);
            }
            if FIELD_LABELS.contains(&l) {
                return Some(SentenceKind::Label);
            }
            // "*INJURED:", "DEAD:": a capitalised one-word label on a short line of its own.
            let caps = l.len() >= 3
                && !opening
                && !matches!(l, "note" | "notes" | "noter")
                && l.bytes().all(|c| c.is_ascii_lowercase());
            let raw = t.trim_start_matches(['*', '-', ' ']);
            let upper = raw
                .get(..l.len())
                .is_some_and(|h| h.bytes().all(|c| c.is_ascii_uppercase()));
            if caps && upper && whole_line && t.split_whitespace().count() <= 10 {
                return Some(SentenceKind::Label);
            }
        }
    }
    None
}

/// The byte length of a dateline opening paragraph `p` ("WASHINGTON — ", "SAN DIEGO (CBS 8) - ",
/// "HENRY COUNTY, Ind. (Aug. 28, 2015) – ", "NEW YORK, March 3 (Reuters) - "), its dash and the
/// spaces after it included, when prose follows: a capitalised word and a finished paragraph.
pub(crate) fn dateline_len(p: &str) -> Option<usize> {
    let b = p.as_bytes();
    if !b.first()?.is_ascii_uppercase() || !b.get(1)?.is_ascii_uppercase() {
        return None;
    }
    let mut cut = p.len().min(90);
    while !p.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &p[..cut];
    // The dash: " - ", " -- ", " — ", " – " (spaces around); the last one that closes a
    // place ("WILKES - BARRE -- A mother …").
    let hb = head.as_bytes();
    let mut found = None;
    for i in memchr::memchr2_iter(b'-', 0xE2, hb) {
        // "—" and "–" are E2 80 94 and E2 80 93; "--" counts once, from its first hyphen.
        let len = match &hb[i..] {
            [b'-', b'-', ..] => 2,
            [b'-', ..] => 1,
            [0xE2, 0x80, 0x93 | 0x94, ..] => 3,
            _ => continue,
        };
        if i > 0 && hb[i - 1] == b'-' {
            continue;
        }
        let spaced_before = i > 0 && hb[i - 1] == b' ';
        let spaced_after = hb.get(i + len) == Some(&b' ');
        // A hyphen needs spaces around it; a dash may stand glued ("WOODLAWN—A man").
        if len < 3 && !(spaced_before && spaced_after) {
            continue;
        }
        let at = if spaced_before { i - 1 } else { i };
        let end = i + len + usize::from(spaced_after);
        if is_place_head(&p[..at]) {
            found = Some((at, end - at));
        }
    }
    let (dash_at, dash_len) = found?;
    let after = dash_at + dash_len;
    let rest = p[after..].trim_start();
    let len = p.len() - rest.len();
    // Prose follows: a capitalised word or a quote, a lower-case word soon, a finished paragraph.
    let opens = rest.starts_with(|c: char| c.is_uppercase() || matches!(c, '"' | '“' | '‘'));
    let prose = rest
        .split_whitespace()
        .take(8)
        .any(|w| w.len() >= 3 && w.chars().all(|c| c.is_lowercase() || c == ',' || c == '\''));
    // A wire code may close the paragraph: "… the China Daily said. (XYYD 0343)".
    let body = rest.trim_end();
    let body = match body.strip_suffix(')').and_then(|b| b.rfind('(')) {
        Some(open) if body.len() - open <= 40 => body[..open].trim_end(),
        _ => body,
    };
    let finished = body
        .trim_end_matches(['"', '”', '’', ')'])
        .ends_with(['.', '!', '?']);
    (opens && prose && finished).then_some(len)
}

/// Capitalised words that open a wire line but name no place: "NOTE - …", "ENQUIRIES - …".
const NOT_PLACES: &[&str] = &[
    "NOTE",
    "NOTES",
    "ENQUIRIES",
    "UPDATE",
    "UPDATED",
    "CORRECTION",
    "CORRECTED",
    "CORRECTS",
    "EDITORS",
    "ADVISORY",
    "WARNING",
    "BREAKING",
    "EXCLUSIVE",
    "ANALYSIS",
    "COMMENT",
    "OPINION",
    "REVIEW",
    "VIDEO",
    "WATCH",
    "LIVE",
    "FACTBOX",
    "TEXT",
    "REFILE",
    "REPEAT",
    "URGENT",
    "FLASH",
    "PHOTOS",
    "SOURCES",
    "QUOTES",
];

/// Whether `place` is a dateline's place: capitalised words, the first ones in capitals
/// ("SALT LAKE CITY", "WILKES - BARRE"), then ", State" or ", Month D", and an optional
/// parenthesis (agency, station, date).
fn is_place_head(place: &str) -> bool {
    let (names, paren) = match place.find('(') {
        Some(i) => {
            let Some(close) = place[i..].find(')').map(|c| c + i) else {
                return false;
            };
            if !place[close + 1..].trim().is_empty() {
                return false;
            }
            (&place[..i], &place[i..=close])
        }
        None => (place, ""),
    };
    if paren.len() > 40 {
        return false;
    }
    let mut parts = names.split(',');
    let city = parts.next().unwrap_or("").trim();
    let words: Vec<&str> = city.split_whitespace().filter(|w| *w != "-").collect();
    if words.is_empty() || words.len() > 4 || words.iter().any(|w| NOT_PLACES.contains(w)) {
        return false;
    }
    let capital_word = |w: &str| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\'' | '’'))
    };
    if !words.iter().all(|w| capital_word(w)) {
        return false;
    }
    parts.all(|part| {
        let ws: Vec<&str> = part.split_whitespace().collect();
        !ws.is_empty()
            && ws.len() <= 3
            && ws.iter().all(|w| {
                w.starts_with(|c: char| c.is_uppercase()) || w.bytes().all(|c| c.is_ascii_digit())
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_table() {
        let rows: &[(&str, Option<&str>)] = &[
            (
                "WASHINGTON — The Supreme Court appears ready to act.",
                Some("WASHINGTON — "),
            ),
            (
                "DES MOINES – Hillary Rodham Clinton on Sunday urged him.",
                Some("DES MOINES – "),
            ),
            (
                "SAN DIEGO (CBS 8) - Officials Wednesday identified three people.",
                Some("SAN DIEGO (CBS 8) - "),
            ),
            (
                "HENRY COUNTY, Ind. (Aug. 28, 2015) – Officials in Henry County are investigating.",
                Some("HENRY COUNTY, Ind. (Aug. 28, 2015) – "),
            ),
            (
                "OVERLAND, MO (KTVI) - Police say a 15-year-old is dead.",
                Some("OVERLAND, MO (KTVI) - "),
            ),
            (
                "PEKING - Wheat crops in east China suffered damage, the paper said.",
                Some("PEKING - "),
            ),
            // Table rows and headings with a dash are no datelines.
            ("HONG KONG GOLD CLSG - APR 7", None),
            (
                "MAIZE - US Three Yellow Afloat 94 Apl 86 unch May 85 unch",
                None,
            ),
            ("GAS SMALL TRADERS - long 17.7 short 16.4", None),
            ("The U.S. - and its allies - agreed on Monday.", None),
            ("US stocks rose - the Dow gained 2 points.", None),
            (
                "WILKES - BARRE -- A mother, father, and toddler were found dead.",
                Some("WILKES - BARRE -- "),
            ),
            (
                "NOTE - Company forecast for current year is group net 15.50 billion.",
                None,
            ),
            (
                "RIO DE JANEIRO - IBC closes export registrations - exporters.",
                Some("RIO DE JANEIRO - "),
            ),
        ];
        for &(p, want) in rows {
            assert_eq!(dateline_len(p).map(|n| &p[..n]), want, "{p}");
        }
    }

    #[test]
    fn furniture_kinds_table() {
        use SentenceKind::*;
        let rows: &[(&str, bool, Option<SentenceKind>)] = &[
            ("DEAD: Maria Lopez, 34, of Stockton", true, Some(Label)),
            ("*INJURED: two officers", true, Some(Label)),
            ("Credit: AP", true, Some(Label)),
            ("Subs not used: Hamann, Harrison.", true, Some(Label)),
            ("By Kristen Dressel", true, Some(Byline)),
            (
                "Contributing: Alex Cabrero and Ashley Kewish",
                true,
                Some(Byline),
            ),
            ("(Photo: File/The Tennessean)", false, Some(Caption)),
            (
                "FILE: 3-year-old child shot and killed in Hamilton. (Photo/WLWT)",
                true,
                Some(Caption),
            ),
            (
                "Barry Washington and Timothy Murphy (Photo: Provided/Cincinnati Police)",
                true,
                Some(Caption),
            ),
            (
                "Buy Photo Cincinnati police officers investigate the scene.",
                false,
                Some(Caption),
            ),
            // Prose with a colon, a note and an attribution stay prose.
            ("He said: \"No.\"", true, None),
            (
                "McCarthy tweeted: \"President Trump has put forward an offer.\"",
                true,
                None,
            ),
            (
                "Note: the year includes a gain of 132,000 dlrs.",
                true,
                None,
            ),
            (
                "By April 15, 27.8 pct of the area had been sown.",
                true,
                None,
            ),
            (
                "By Saturday, at least 6,000 Web sites had been infected",
                true,
                None,
            ),
            ("NOTES: Sales are from continuing operations", true, None),
        ];
        assert_eq!(
            kind_of(
                "NCAA: Improper gifts, assistance given to athletes",
                true,
                true
            ),
            None
        );
        for &(t, whole, want) in rows {
            assert_eq!(kind_of(t, whole, false), want, "{t}");
        }
    }
}
