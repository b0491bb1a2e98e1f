//! Low-level text tools: byte → character offsets, folding for matching, and the tokenizer.
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use crate::article::Span;
use crate::lexicon;

/// Converts byte offsets of one text into character (code point) offsets in O(1) amortised:
/// a prefix count of characters every 64 bytes, then a short count inside the block.
pub(crate) struct CharIndex<'t> {
    text: &'t str,
    /// `None` for ASCII text, where characters are bytes.
    blocks: Option<Vec<u32>>,
}

const BLOCK: usize = 64;

impl<'t> CharIndex<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        if text.is_ascii() {
            return CharIndex { text, blocks: None };
        }
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0u32;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(count);
            count += chunk.iter().filter(|&&b| (b as i8) >= -0x40).count() as u32;
        }
        CharIndex {
            text,
            blocks: Some(blocks),
        }
    }

    /// Character offset of byte offset `byte` (which must be a char boundary).
    pub(crate) fn char_at(&self, byte: usize) -> usize {
        match &self.blocks {
            None => byte,
            Some(blocks) => {
                let block = byte / BLOCK;
                let base = blocks.get(block).copied().unwrap_or_else(|| {
                    // byte == len on a block boundary.
                    blocks.last().copied().unwrap_or(0)
                        + self.text.as_bytes()[(blocks.len() - 1) * BLOCK..]
                            .iter()
                            .filter(|&&b| (b as i8) >= -0x40)
                            .count() as u32
                }) as usize;
                let from = (block * BLOCK).min(self.text.len());
                base + count_chars(&self.text.as_bytes()[from..byte])
            }
        }
    }

    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start: self.char_at(start),
            end: self.char_at(end),
        }
    }
}

/// The number of characters starting in `bytes` (bytes that are not UTF-8 continuation
/// bytes), eight bytes at a time.
fn count_chars(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let x = u64::from_le_bytes(w);
        // A continuation byte is 10xxxxxx: bit 7 set, bit 6 clear.
        n += 8 - (x & !(x << 1) & HIGH).count_ones() as usize;
    }
    n + chunks
        .remainder()
        .iter()
        .filter(|&&b| (b as i8) >= -0x40)
        .count()
}

/// The text folded for matching: curly quotes and apostrophes to ASCII, dashes to '-', the
/// ellipsis to "...", no-break and other spaces to ' ', then NFKC (compatibility forms such as
/// ligatures and full-width letters to their plain form).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    // Runs of unchanged text are copied whole; only the characters that fold are rewritten.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let folded = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => "'",
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => "\"",
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => "-",
            '\u{2026}' => "...",
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' => " ",
            '\u{200B}' | '\u{FEFF}' | '\u{00AD}' => "",
            _ => {
                i += c.len_utf8();
                continue;
            }
        };
        out.push_str(&text[copied..i]);
        out.push_str(folded);
        i += c.len_utf8();
        copied = i;
    }
    out.push_str(&text[copied..]);
    // Text that folding left ASCII (curly quotes and dashes only) is in NFKC already.
    if out.is_ascii() || is_nfkc_quick(out.chars()) == IsNormalized::Yes {
        out
    } else {
        out.nfkc().collect()
    }
}

/// `s.split_whitespace().count()` in one pass over the bytes: ASCII by table, other
/// characters decoded only where they start.
pub(crate) fn count_words(s: &str) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7F * ONES;
    let bytes = s.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        // Eight ASCII bytes at once: the high bit of each whitespace byte (' ' and '\t'..='\r'),
        // and a word starts at every other byte that follows one.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let x = u64::from_le_bytes(w);
            if x & HIGH_BITS == 0 {
                let t = x ^ (u64::from(b' ') * ONES);
                let space = !(((t & LOW7) + LOW7) | t) & HIGH_BITS;
                // No carries: every byte is below 0x80.
                let ge9 = (x + (0x80 - 0x09) * ONES) & HIGH_BITS;
                let ge14 = (x + (0x80 - 0x0E) * ONES) & HIGH_BITS;
                let ws = space | (ge9 & !ge14);
                let before = ws << 8 | u64::from(!in_word) << 7;
                n += (!ws & HIGH_BITS & before).count_ones() as usize;
                in_word = ws >> 63 == 0;
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let (ws, len) = if b < 0x80 {
            (ASCII_CLASS[b as usize] == ASCII_WS, 1)
        } else {
            match s[i..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => break,
            }
        };
        n += usize::from(!ws && !in_word);
        in_word = !ws;
        i += len;
    }
    n
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Starts with a letter.
    Word,
    /// Starts with a digit: "1,200", "3.5", "33-year-old", "600m".
    Number,
    /// One character that is neither.
    Punct,
}

/// A token: byte offsets into the article text, never an owned string.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: TokKind,
    /// Followed by "'s" / "’s" (not part of the token).
    pub possessive: bool,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// The word classes of the token ([`lexicon::class_of`]), computed once here.
    pub cls: u64,
    /// Holds a '-' ("twenty-five", "33-year-old").
    pub hyphenated: bool,
}

impl Tok {
    pub(crate) fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.s..self.e]
    }
    pub(crate) fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    /// A word starting with an upper-case letter.
    pub(crate) fn is_cap(&self, _src: &str) -> bool {
        self.cap
    }
    /// In the word class with bit `flag` (`lexicon::weekday::FLAG` …).
    pub(crate) fn is(&self, flag: u64) -> bool {
        self.cls & flag != 0
    }
    pub(crate) fn is_punct(&self, src: &str, c: char) -> bool {
        self.kind == TokKind::Punct && src[self.s..].starts_with(c)
    }
}

/// A bit of [`Tok::cls`] beside the word classes (which stay below bit 32): the word ends in
/// "n't" or "n’t" ("don't", "isn’t").
pub(crate) const NEG_CONTRACTION: u64 = 1 << 40;

fn ends_nt(word: &str) -> bool {
    word.ends_with("n't") || word.ends_with("n’t")
}

/// ASCII byte classes for the tokenizer: `char::is_whitespace` and `char::is_alphanumeric`
/// by table lookup, without decoding.
const ASCII_WS: u8 = 1;
const ASCII_ALNUM: u8 = 2;
static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = ASCII_ALNUM;
        } else if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            t[b] = ASCII_WS;
        }
        b += 1;
    }
    t
};

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that is an ASCII letter or digit (SWAR range tests: adding
/// `0x80 - c` to the low seven bits sets the high bit exactly when the byte is >= c).
fn ascii_alnum_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let ge = |v: u64, c: u64| (v + (0x80 - c) * ONES) & HIGH_BITS;
    let low7 = x & (0x7F * ONES);
    let digit = ge(low7, 0x30) & !ge(low7, 0x3A);
    // Upper case folded onto lower case: only 'A'..='Z' land in 'a'..='z'.
    let folded = low7 | (0x20 * ONES);
    let letter = ge(folded, 0x61) & !ge(folded, 0x7B);
    (digit | letter) & !x & HIGH_BITS
}

/// Append the tokens of `src[start..end]` to `out`.
pub(crate) fn tokenize(src: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let seg = &src[start..end];
    let bytes = seg.as_bytes();
    // The character at byte `at` (ASCII without decoding) and its length.
    let char_at = |at: usize| -> Option<(char, usize)> {
        let b = *bytes.get(at)?;
        if b < 0x80 {
            Some((b as char, 1))
        } else {
            seg[at..].chars().next().map(|c| (c, c.len_utf8()))
        }
    };
    let alnum_at = |at: usize| match bytes.get(at) {
        Some(&b) if b < 0x80 => ASCII_CLASS[b as usize] == ASCII_ALNUM,
        Some(_) => char_at(at).is_some_and(|(c, _)| c.is_alphanumeric()),
        None => false,
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, len) = if b < 0x80 {
            match ASCII_CLASS[b as usize] {
                ASCII_WS => {
                    i += 1;
                    continue;
                }
                _ => (b as char, 1),
            }
        } else {
            match seg[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if b >= 0x80 && c.is_whitespace() {
            i += len;
            continue;
        }
        let alnum = if b < 0x80 {
            ASCII_CLASS[b as usize] == ASCII_ALNUM
        } else {
            c.is_alphanumeric()
        };
        if !alnum {
            out.push(Tok {
                s: start + i,
                e: start + i + len,
                kind: TokKind::Punct,
                possessive: false,
                cap: false,
                cls: 0,
                hyphenated: false,
            });
            i += len;
            continue;
        }
        let numeric = c.is_ascii_digit();
        let mut j = i + len;
        let mut has_dot = false;
        let mut hyphenated = false;
        // An apostrophe joined into the word: only then can it end in "'s".
        let mut apostrophe = false;
        loop {
            // The run of ASCII letters and digits: eight bytes at a time, then byte by byte.
            while let Some(chunk) = bytes.get(j..j + 8) {
                let mut w = [0u8; 8];
                w.copy_from_slice(chunk);
                let stop = !ascii_alnum_bytes(u64::from_le_bytes(w)) & HIGH_BITS;
                if stop != 0 {
                    j += (stop.trailing_zeros() / 8) as usize;
                    break;
                }
                j += 8;
            }
            while j < bytes.len()
                && bytes[j] < 0x80
                && ASCII_CLASS[bytes[j] as usize] == ASCII_ALNUM
            {
                j += 1;
            }
            // The run stops at an ASCII byte that is no letter or digit (nearly always a space
            // or punctuation), decided here without decoding; other characters below.
            // A joiner ('-', '\'', '&', '.') before a byte that is ASCII but no letter or digit,
            // and a comma after a word, end it too: one branch, nearly always taken.
            let Some(&stop) = bytes.get(j) else { break };
            let next = bytes.get(j + 1).copied().unwrap_or(b' ');
            let next_plain = (next < 0x80) & (ASCII_CLASS[usize::from(next & 0x7F)] != ASCII_ALNUM);
            let joiner = matches!(stop, b'-' | b'\'' | b'&' | b'.');
            let ends = (stop < 0x80)
                & ((!joiner & (stop != b','))
                    | (joiner & next_plain)
                    | ((stop == b',') & !numeric));
            if ends {
                break;
            }
            let Some((d, dlen)) = char_at(j) else { break };
            if d.is_alphanumeric() {
                j += dlen;
                continue;
            }
            let joins = match d {
                '-' | '\'' | '’' | '&' | '.' => alnum_at(j + dlen),
                ',' => {
                    // 1,200 but not "1, 2" nor "12,34".
                    numeric
                        && bytes.len() >= j + 4
                        && bytes[j + 1..j + 4].iter().all(u8::is_ascii_digit)
                        && bytes.get(j + 4).is_none_or(|b| !b.is_ascii_digit())
                }
                _ => false,
            };
            if !joins {
                break;
            }
            has_dot |= d == '.';
            hyphenated |= d == '-';
            apostrophe |= d == '\'' || d == '’';
            j += dlen;
        }
        let mut e = j;
        let word = &seg[i..j];
        // Possessive "'s": not part of the name it follows.
        // ("'s", "’s", "'S", "’S", with at least two bytes before them.)
        let mut possessive = false;
        let wb = word.as_bytes();
        let n = wb.len();
        if apostrophe && n > 3 && matches!(wb[n - 1], b's' | b'S') {
            if wb[n - 2] == b'\'' {
                e = j - 2;
                possessive = true;
            } else if n > 5 && wb[n - 4..n - 1] == *"’".as_bytes() {
                e = j - 4;
                possessive = true;
            }
        }
        let mut next = j;
        // A final period belongs to acronyms ("U.S."), initials ("J.") and titles ("Gen.").
        if !possessive && bytes.get(j) == Some(&b'.') {
            let single_initial = word.len() == 1 && c.is_uppercase();
            let acronym = has_dot
                && !numeric
                && word
                    .split('.')
                    .all(|p| p.chars().count() <= 2 && !p.is_empty());
            if single_initial || acronym || lexicon::never_final_abbrev(word) {
                e = j + 1;
                next = j + 1;
            }
        }
        out.push(Tok {
            s: start + i,
            e: start + e,
            kind: if numeric {
                TokKind::Number
            } else {
                TokKind::Word
            },
            possessive,
            cap: !numeric && c.is_uppercase(),
            cls: if numeric {
                0
            } else {
                lexicon::class_of_at(src.as_bytes(), start + i, start + e)
                    | (NEG_CONTRACTION * u64::from(apostrophe && ends_nt(&seg[i..e])))
            },
            hyphenated,
        });
        // The space after a word, skipped here rather than by one more turn of the loop.
        i = next + usize::from(bytes.get(next) == Some(&b' '));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(s, 0, s.len(), &mut v);
        v.iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn tokenizer_table() {
        let table: &[(&str, &[&str])] = &[
            ("U.S. President", &["U.S.", "President"]),
            ("Trump’s envoy", &["Trump", "envoy"]),
            ("over 1,200 casualties", &["over", "1,200", "casualties"]),
            ("3.5 percent.", &["3.5", "percent", "."]),
            ("a 33-year-old lawyer", &["a", "33-year-old", "lawyer"]),
            ("“We are,” he", &["“", "We", "are", ",", "”", "he"]),
            ("J. K. Rowling", &["J.", "K.", "Rowling"]),
            ("$2.5 billion", &["$", "2.5", "billion"]),
            ("1, 2", &["1", ",", "2"]),
        ];
        for (input, want) in table {
            assert_eq!(&toks(input), want, "{input}");
        }
    }

    #[test]
    fn ascii_alnum_bytes_matches_bytewise() {
        for base in (0u32..256).step_by(8) {
            let bytes: Vec<u8> = (base..base + 8).map(|b| b as u8).collect();
            let mut w = [0u8; 8];
            w.copy_from_slice(&bytes);
            let got = ascii_alnum_bytes(u64::from_le_bytes(w));
            for (k, b) in bytes.iter().enumerate() {
                assert_eq!(
                    got >> (8 * k + 7) & 1 == 1,
                    b.is_ascii_alphanumeric(),
                    "{b:#x}"
                );
            }
        }
    }

    #[test]
    fn char_index_counts_code_points() {
        let s = "a’b“c”d".repeat(40);
        let ci = CharIndex::new(&s);
        for (chars, (byte, _)) in s.char_indices().enumerate() {
            assert_eq!(ci.char_at(byte), chars);
        }
        assert_eq!(ci.char_at(s.len()), s.chars().count());
    }

    #[test]
    fn count_words_is_split_whitespace() {
        for s in [
            "",
            " ",
            "one",
            "  two  words ",
            "tab\tand\nnew\x0Bline\x0C\r",
            "no\u{a0}break\u{2009}thin \u{3000}ideographic\u{85}next",
            "“quoted” ’s … ×",
            "eight by eight\tbytes\nat\x0Ba\x0Ctime\r  across   chunk borders, then “more”",
            "        leading spaces and trailing ones        ",
            "unbroken_run_of_letters_longer_than_eight_bytes x",
            "\u{1F}\u{1C}control bytes that are not white space\u{7F}",
        ] {
            assert_eq!(count_words(s), s.split_whitespace().count(), "{s:?}");
        }
    }

    #[test]
    fn fold_table() {
        assert_eq!(
            fold("Moscow’s “deal” — ﬁne…"),
            "Moscow's \"deal\" - fine..."
        );
        assert_eq!(fold("plain"), "plain");
    }
}
