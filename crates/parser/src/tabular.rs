//! Table rows and listing lines: figures laid out in rows, not asserted sentences.
//!
//! Wire copy carries tables as text: earnings reports ("Shr 1.20 dlrs vs 1.05 dlrs", "Net 12.1
//! mln vs 9,252,000"), rate and price sheets ("30-176 days 5.00 pct 5.00 pct 30-176 days",
//! "NICKEL 54 tonnes 3months 2355 close 2355 60"), market listings one line per commodity
//! ("Platinum up 4.20 dlrs per oz", "April - 21 ov May bid, 22 offered."). Compared row by row
//! across two tables they give nothing but false contradictions, so they are their own sentence
//! kind. Three shapes, all without a finite verb (a sentence with figures has one: "Net profit
//! rose to 12.1 mln dlrs vs 9.3 mln" stays a claim):
//!
//! - a **"vs" row**: figures on both sides of "vs" ("Oper shr nine cts vs three cts");
//! - a **figure row**: at least two figures, and figures are half of the words or more;
//! - a **listing run**: three or more consecutive one-line paragraphs, each short, with a figure
//!   and either no final period or a "label - values" dash; all-caps column headers inside the
//!   run ("MONTHS LAST DIFFERENCE") belong to it.
use crate::lexicon;

/// What the words of one line look like.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LineShape {
    /// Words (tokens with a letter or digit).
    pub words: usize,
    /// Figures among them: digits, number words, "nil", "unch".
    pub figures: usize,
    /// A finite verb of the closed list ("is", "rose", "said", "includes").
    pub listed_verb: bool,
    /// A lower-case word in "-ed" ("offered", "declined"): a past verb or participle.
    pub ed_word: bool,
    /// A first word in "-ed": a verb opening a bullet ("Reduced corporate tax rates to 30%"),
    /// or an earnings line's "Diluted shr".
    pub ed_first: bool,
    /// Figures on both sides of a "vs".
    pub vs_row: bool,
    /// "Label - values": a spaced dash after the first word or three.
    pub label_dash: bool,
    /// No lower-case letter at all ("MONTHS LAST DIFFERENCE").
    pub all_caps: bool,
}

impl LineShape {
    /// A table row on its own (a "vs" row or a figure row).
    pub(crate) fn is_row(&self) -> bool {
        if self.listed_verb || self.ed_word || self.figures == 0 {
            return false;
        }
        (self.vs_row && self.words <= 20) || (self.figures >= 2 && self.figures * 2 >= self.words)
    }

    /// A line that may stand in a listing run: short, with a figure, no listed verb.
    pub(crate) fn is_listing(&self, terminated: bool) -> bool {
        // In "label - values" lines an "-ed" word is a column ("22 offered").
        self.figures > 0
            && !self.listed_verb
            && self.words <= 14
            && (self.label_dash || (!terminated && !self.ed_word && !self.ed_first))
    }

    /// A column header inside a listing run.
    pub(crate) fn is_header(&self) -> bool {
        self.all_caps && self.figures == 0 && self.words <= 8 && !self.listed_verb
    }

    /// A short verbless line without figures ("Jul/Aug even even", "Dec/Mar8 no quote"): a
    /// row of a listing when listing lines stand on both sides of it.
    pub(crate) fn is_gap(&self, terminated: bool) -> bool {
        self.figures == 0
            && self.words <= 8
            && !terminated
            && !self.listed_verb
            && !self.ed_word
            && !self.ed_first
    }
}

/// What a one-line paragraph is to a listing run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RunRole {
    /// A listing line or a table row: three make a run.
    Listing,
    /// An all-caps column header: part of the run wherever it stands.
    Header,
    /// A short line without figures: part of the run between listing lines only.
    Gap,
}

/// A figure written with digits: mostly digits or a figure glued to its unit ("1,088,000",
/// "5.00", "44-1/2n", "MAY7", "3months"; not "24-year-olds").
fn is_digit_figure(word: &str, digits: usize) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let glued_unit = word.starts_with(|c: char| c.is_ascii_digit()) && !word.contains('-');
    letters <= 4 || letters <= digits || glued_unit
}

/// A figure written as a word (lower case): a number word or a table's "nil", "unch", "same".
fn is_word_figure(lower: &str) -> bool {
    matches!(lower, "nil" | "unch" | "n/a" | "nc" | "same") || lexicon::number_word(lower).is_some()
}

/// Finite verbs (and auxiliaries) that make a line with figures a sentence. "Ended" is not one:
/// "Year ended Dec 31" heads earnings tables.
fn listed_verb(lower: &str) -> bool {
    matches!(
        lower,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "am"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "shall"
            | "should"
            | "must"
            | "did"
            | "does"
            | "do"
            | "said"
            | "says"
            | "say"
            | "told"
            | "rose"
            | "fell"
            | "rise"
            | "rises"
            | "fall"
            | "falls"
            | "gains"
            | "loses"
            | "lost"
            | "soars"
            | "slumps"
            | "plummets"
            | "jumps"
            | "climbs"
            | "drops"
            | "lowers"
            | "raises"
            | "ups"
            | "cuts"
            | "sets"
            | "sees"
            | "saw"
            | "seen"
            | "put"
            | "puts"
            | "forecast"
            | "forecasts"
            | "expects"
            | "includes"
            | "include"
            | "excludes"
            | "exclude"
            | "reflects"
            | "reflect"
            | "compares"
            | "represents"
            | "equals"
            | "totals"
            | "means"
            | "makes"
            | "made"
            | "took"
            | "takes"
            | "gave"
            | "gives"
            | "got"
            | "gets"
            | "shows"
            | "showed"
            | "remains"
            | "stands"
            | "holds"
            | "owns"
            | "plans"
            | "wants"
            | "bid"
    )
}

/// Word and figure counts of a line from its bytes alone, before any word is looked up.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ByteCounts<'a> {
    pub words: usize,
    /// Digits: at least as many as the words with a digit.
    pub digits: usize,
    /// The line, searched for a "vs" word only when the counts leave it open.
    line: &'a [u8],
}

impl ByteCounts<'_> {
    /// Whether the line cannot be a row nor a listing line: no digit and no "vs" (when
    /// `digitless_rows` is false), or more than 14 words (too long to list), no "vs", and fewer
    /// digits than half of the words (so fewer figures). Most sentences of prose.
    pub(crate) fn plainly_prose(&self, digitless_rows: bool) -> bool {
        ((self.digits == 0 && !digitless_rows) || (self.words > 14 && self.digits * 2 < self.words))
            && !self.vs()
    }

    /// A "vs" word ("vs", "VS.", "v s" not).
    pub(crate) fn vs(&self) -> bool {
        let b = self.line;
        let blank = |c: u8| c == b' ' || c == b'\n' || c == b'\t';
        memchr::memchr2_iter(b'v', b'V', b).any(|i| {
            (i == 0 || blank(b[i - 1]))
                && b.get(i + 1).is_some_and(|&s| (s | 0x20) == b's')
                && matches!(b.get(i + 2), None | Some(b' ' | b'.' | b'\n' | b'\t'))
        })
    }
}

/// Counts of `line` in passes the compiler vectorises: every sentence of an article goes
/// through here, so no per-byte branches.
pub(crate) fn byte_counts(line: &str) -> ByteCounts<'_> {
    let b = line.as_bytes();
    // Spaces stand for words: a column-aligned row has more spaces than words, but also more
    // digits than figures, and digits are counted, not figures.
    let (spaces, digits) = spaces_and_digits(b);
    ByteCounts {
        words: spaces + 1,
        digits,
        line: b,
    }
}

/// The spaces and ASCII digits of `b` in one pass, eight bytes at a time (SWAR): per byte a
/// 0/1 flag in each of eight lanes, summed up to 255 words before the lanes are added up.
fn spaces_and_digits(b: &[u8]) -> (usize, usize) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    const LOW7: u64 = 0x7F * ONES;
    // Horizontal sum of eight byte lanes (each at most 255): pairs into 16-bit lanes, then
    // one multiply adds those into the top 16 bits.
    let lanes = |v: u64| {
        const PAIRS: u64 = 0x00FF_00FF_00FF_00FF;
        let w = (v & PAIRS) + ((v >> 8) & PAIRS);
        (w.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
    };
    let (mut spaces, mut digits) = (0usize, 0usize);
    let mut chunks = b.chunks_exact(8);
    loop {
        let (mut s, mut d) = (0u64, 0u64);
        let mut n = 0;
        for chunk in chunks.by_ref().take(255) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let x = u64::from_le_bytes(w);
            // A zero byte of x ^ "        " is a space: its low seven bits plus 0x7F carry
            // into the high bit unless all are zero.
            let t = x ^ (b' ' as u64 * ONES);
            let nonzero = ((t & LOW7) + LOW7) | t;
            s += (!nonzero & HIGH) >> 7;
            // '0'..='9': the low seven bits are >= 0x30 and < 0x3A, the high bit clear.
            let low7 = x & LOW7;
            let ge0 = (low7 + (0x80 - 0x30) * ONES) & HIGH;
            let ge10 = (low7 + (0x80 - 0x3A) * ONES) & HIGH;
            d += (ge0 & !ge10 & !x & HIGH) >> 7;
            n += 1;
        }
        spaces += lanes(s);
        digits += lanes(d);
        if n < 255 {
            break;
        }
    }
    for &c in chunks.remainder() {
        spaces += usize::from(c == b' ');
        digits += usize::from(c.is_ascii_digit());
    }
    (spaces, digits)
}

/// The shape of `line` (one sentence or paragraph of an article). It stops at the first listed
/// verb: such a line is no row, listing line, header or gap, whatever follows.
pub(crate) fn shape(line: &str) -> LineShape {
    let mut s = LineShape {
        all_caps: true,
        ..LineShape::default()
    };
    let mut figures_before_vs = 0usize;
    let mut after_vs: Option<usize> = None;
    for (i, raw) in line.split_whitespace().enumerate() {
        if raw == "-" || raw == "--" || raw == "–" {
            if (1..=4).contains(&i) {
                s.label_dash = true;
            }
            continue;
        }
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
        if w.is_empty() {
            continue;
        }
        s.words += 1;
        if s.all_caps && w.chars().any(char::is_lowercase) {
            s.all_caps = false;
        }
        let digits = w.bytes().filter(u8::is_ascii_digit).count();
        if digits > 0 {
            s.figures += usize::from(is_digit_figure(w, digits));
            continue;
        }
        let mut buf = [0u8; 24];
        let lower = lexicon::lower(w, &mut buf).unwrap_or("");
        if lower == "vs" {
            if after_vs.is_none() {
                figures_before_vs = s.figures;
            }
            after_vs = Some(s.figures);
            continue;
        }
        if is_word_figure(lower) {
            s.figures += 1;
            continue;
        }
        // Lower case, or opening the line ("Have one year's counselling"); "May" is the month.
        // "Bid" is a verb in prose ("X bid 4.30 billion dlrs for Dome") but a column in a
        // bid/offered listing, where runs ignore it (they ignore "-ed" words too).
        let lower_case = w.starts_with(|c: char| c.is_ascii_lowercase());
        let verb_position = lower_case || (s.words == 1 && lower != "may");
        if verb_position && listed_verb(lower) && !(lower == "bid" && s.label_dash) {
            s.listed_verb = true;
            return s;
        }
        if lower != "ended" && w.len() >= 5 && lower.ends_with("ed") {
            if lower_case {
                s.ed_word = true;
            } else if s.words == 1 {
                s.ed_first = true;
            }
        }
    }
    if let Some(at) = after_vs {
        s.vs_row = figures_before_vs > 0 && s.figures > at;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_table() {
        // (line, is a table row on its own)
        let rows: &[(&str, bool)] = &[
            ("Shr 1.20 dlrs vs 1.05 dlrs", true),
            ("Net 12.1 mln vs 9,252,000", true),
            ("Revs 50.2 mln vs 48.1 mln", true),
            ("Oper shr nine cts vs three cts", true),
            ("Net loss 1,088,000 vs profit 187,000", true),
            ("Interim dividend four cents vs same", true),
            (
                "Parent Company net profit 12.8 mln Swiss francs vs 7.5 mln.",
                true,
            ),
            ("30-176 days 5.00 pct 5.00 pct 30-176 days", true),
            ("NICKEL 54 tonnes 3months 2355 close 2355 60", true),
            (
                "ZINC High grade 650 tonnes 3months 455.00 56.00 close 456.00 57.00",
                true,
            ),
            ("Exports NIL NIL NIL NIL", true),
            ("Feb 0 22 unch", true),
            ("Riise 1, Nunez 113.", true),
            ("Diluted shr 1.20 dlrs vs 1.10 dlrs", true),
            // Sentences with figures keep their verb.
            ("Net profit rose to 12.1 mln dlrs vs 9.3 mln", false),
            (
                "Imports in 1985/86 are put at 15.70 mln tonnes, vs 15.70 mln tonnes last month.",
                false,
            ),
            (
                "NOTE: 1987 net includes tax credits equal to six cts vs one cent in 1986.",
                false,
            ),
            (
                "But net is before net extraordinary loss 140.5 mln vs nil.",
                false,
            ),
            ("It rose 5 pct to 1,200 in 2024.", false),
            (
                "Arrivals for the week ended February 22 were 155,221 bags.",
                false,
            ),
            ("The score was 3-1.", false),
            ("Platinum up 4.20 dlrs per oz", false),
            (
                "Most 15 to 24-year-olds (94%), and 25 to 34-year-olds (92%), own at least one.",
                false,
            ),
            ("Tokyo stock index rises 353.09 points to 22,263.17", false),
        ];
        for &(line, want) in rows {
            assert_eq!(shape(line).is_row(), want, "{line}");
        }
    }

    #[test]
    fn plainly_prose_table() {
        assert!(!byte_counts("Exports NIL NIL NIL NIL").plainly_prose(true));
        assert!(byte_counts("Exports NIL NIL NIL NIL").plainly_prose(false));
        assert!(!byte_counts("Shr nine cts VS three cts.").plainly_prose(false));
        let rows: &[(&str, bool)] = &[
            (
                "The company said on Tuesday that its net profit had risen sharply in the quarter to 12 mln.",
                true,
            ),
            ("Net profit rose to 12.1 mln dlrs", false),
            (
                "Final Royal Dutch dividend of 8.30 guilders for total 12.80 guilders vs 12.80 guilders for 1985",
                false,
            ),
            (
                "146.30 144.30 143.87 142.83 141.78 140.73 139.67 138.62 137.1 136.2 135.3 134.9 133 132 131",
                false,
            ),
        ];
        for &(line, want) in rows {
            assert_eq!(byte_counts(line).plainly_prose(false), want, "{line}");
        }
    }

    #[test]
    fn spaces_and_digits_match_bytewise_counts() {
        let text = "Net profit 12.1 mln dlrs vs 9.8 mln, 1987 … “quoted” 0 9 / : tab\there ";
        let text = text.repeat(40);
        for start in 0..40 {
            for end in (start..text.len()).step_by(97).chain([text.len()]) {
                let b = &text.as_bytes()[start..end];
                let want = (
                    b.iter().filter(|&&c| c == b' ').count(),
                    b.iter().filter(|c| c.is_ascii_digit()).count(),
                );
                assert_eq!(spaces_and_digits(b), want, "{start}..{end}");
            }
        }
    }

    #[test]
    fn listing_and_header_table() {
        assert!(shape("Platinum up 4.20 dlrs per oz").is_listing(false));
        assert!(shape("April - 21 ov May bid, 22 offered.").is_listing(true));
        assert!(!shape("Gold rose 4.20 dlrs an ounce.").is_listing(true));
        assert!(!shape("The bank said 4.20.").is_listing(false));
        assert!(!shape("Reduced corporate tax rates to 30%").is_listing(false));
        assert!(!shape("Have one year's drug rehabilitation").is_listing(false));
        assert!(shape("MONTHS LAST DIFFERENCE").is_header());
        assert!(!shape("Months last difference").is_header());
        assert!(shape("Jul/Aug even even").is_gap(false));
        assert!(!shape("Prices were mixed").is_gap(false));
    }
}
