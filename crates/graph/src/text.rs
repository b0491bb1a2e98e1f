//! Escaping for the two output languages: Graphviz DOT quoted strings and Markdown.

use std::borrow::Cow;

/// Where DOT or Markdown text goes as it is rendered: a `String`, or the caller's writer piece
/// by piece, so that a large set's graph.dot (tens of MB) is never whole in memory. The first
/// error of the writer is kept and ends the writing; the renderers need not check each piece.
pub(crate) struct Sink<'w> {
    out: &'w mut dyn std::fmt::Write,
    failed: bool,
}

impl<'w> Sink<'w> {
    pub(crate) fn new(out: &'w mut dyn std::fmt::Write) -> Self {
        Sink { out, failed: false }
    }

    pub(crate) fn push_str(&mut self, s: &str) {
        if !self.failed && self.out.write_str(s).is_err() {
            self.failed = true;
        }
    }

    pub(crate) fn push(&mut self, c: char) {
        if !self.failed && self.out.write_char(c).is_err() {
            self.failed = true;
        }
    }

    /// Whether every piece was written.
    pub(crate) fn finish(self) -> std::fmt::Result {
        if self.failed {
            Err(std::fmt::Error)
        } else {
            Ok(())
        }
    }
}

impl std::fmt::Write for Sink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// Collapses every run of whitespace and control characters to one space and trims the ends.
/// Claim text may carry newlines, tabs or stray control bytes from HTML; neither DOT labels nor
/// Markdown lines can hold them literally. Most claims are flat already and come back borrowed:
/// copying them char by char was most of the cost of a label.
fn flatten(text: &str) -> Cow<'_, str> {
    if is_flat(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        if breaks_flat(ch) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

/// Whitespace and control characters: what `flatten` turns into (at most) one space.
fn breaks_flat(ch: char) -> bool {
    ch.is_whitespace() || ch.is_control()
}

/// Whether `flatten` would return `text` unchanged: no whitespace or control character but
/// single spaces between other characters.
fn is_flat(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for &b in bytes {
        if b >= 0x80 {
            // Outside ASCII, whitespace and control characters (U+0085, U+00A0, U+2028, ...)
            // need the characters themselves.
            return text.chars().all(|ch| ch == ' ' || !breaks_flat(ch)) && !text.contains("  ");
        }
        let space = b == b' ';
        if (space && after_space) || (!space && (b < 0x20 || b == 0x7f)) {
            return false;
        }
        after_space = space;
    }
    true
}

/// Shortens `text` to at most `max_chars` characters, ending in "…" when cut.
pub(crate) fn truncate_chars(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// The body of a DOT double-quoted label (without the surrounding quotes): whitespace and
/// control characters flattened, wrapped at `width` columns (0: no wrapping) with centred `\n`
/// line breaks,
/// backslashes and double quotes escaped. Non-ASCII is kept as UTF-8 (the DOT output declares
/// `charset="UTF-8"`). `<`, `>`, `{`, `}` and `|` need no escaping because every label concord
/// writes is a plain quoted string on a non-record shape.
///
/// Escaping the backslash matters twice over: a lone `\` would otherwise start a Graphviz
/// escape sequence (`\N`, `\G`, `\l` …) or escape the closing quote.
pub fn dot_label(text: &str, width: usize) -> String {
    let flat = flatten(text);
    let lines = if width == 0 {
        vec![Cow::Borrowed(&*flat)]
    } else {
        textwrap::wrap(&flat, textwrap::Options::new(width).break_words(true))
    };
    let mut out = String::with_capacity(flat.len() + 8);
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("\\n");
        }
        // Runs between the characters to escape are copied whole (both are ASCII, so every
        // split falls on a character boundary).
        let mut rest: &str = line;
        while let Some(k) = rest.find(['\\', '"']) {
            out.push_str(&rest[..k]);
            out.push_str(if rest.as_bytes()[k] == b'"' {
                "\\\""
            } else {
                "\\\\"
            });
            rest = &rest[k + 1..];
        }
        out.push_str(rest);
    }
    out
}

/// A DOT identifier fragment: ASCII letters, digits and `_` kept, everything else `_`.
/// Callers prefix it with a letter so the id never starts with a digit.
pub fn dot_id(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Claim text made safe for one line of Markdown, in running text, a list item or a table cell:
/// whitespace flattened, inline markup characters (`\` `` ` `` `*` `_` `[` `]` `<` `>` `~` `|`)
/// backslash-escaped, and a leading block marker (`#`, `>`, `-`, `+`, `=`, `1.`) neutralised so
/// the text never turns into a heading, quote or list when it starts a line.
pub fn markdown_text(text: &str) -> String {
    let flat = flatten(text);
    let mut out = String::with_capacity(flat.len() + 8);
    let starts_numbered = {
        let digits = flat.chars().take_while(|c| c.is_ascii_digit()).count();
        digits > 0 && matches!(flat[digits..].chars().next(), Some('.') | Some(')'))
    };
    let chars: Vec<char> = flat.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        // An underscore between two letters or digits never delimits emphasis (CommonMark),
        // so ids like `000_1c62` stay readable in the raw Markdown.
        let intraword_underscore = ch == '_'
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
        let leading_marker = i == 0 && matches!(ch, '#' | '-' | '+' | '=');
        let numbered_marker = starts_numbered
            && matches!(ch, '.' | ')')
            && chars[..i].iter().all(|c| c.is_ascii_digit());
        if leading_marker
            || numbered_marker
            || (ch == '_' && !intraword_underscore)
            || matches!(ch, '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '~' | '|')
        {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that takes `room` bytes, then fails.
    struct Full {
        text: String,
        room: usize,
    }

    impl std::fmt::Write for Full {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            if self.text.len() + s.len() > self.room {
                return Err(std::fmt::Error);
            }
            self.text.push_str(s);
            Ok(())
        }
    }

    #[test]
    fn a_sink_passes_pieces_through_and_reports_the_first_failure() {
        use std::fmt::Write as _;
        for (room, written, ok) in [(100, "ab-c7\n", true), (3, "ab-", false), (0, "", false)] {
            let mut out = Full {
                text: String::new(),
                room,
            };
            let mut sink = Sink::new(&mut out);
            sink.push_str("ab");
            sink.push('-');
            let _ = write!(sink, "c{}", 7);
            sink.push_str("\n");
            assert_eq!(sink.finish().is_ok(), ok, "room {room}");
            assert_eq!(out.text, written, "room {room}");
        }
    }

    #[test]
    fn dot_label_table() {
        let cases: &[(&str, usize, &str)] = &[
            ("plain text", 40, "plain text"),
            ("", 40, ""),
            (r#"He said "no""#, 40, r#"He said \"no\""#),
            (r"C:\path\N", 40, r"C:\\path\\N"),
            ("ends with backslash \\", 40, "ends with backslash \\\\"),
            ("line one\nline two", 40, "line one line two"),
            ("tab\there\r\n  and   spaces ", 40, "tab here and spaces"),
            ("Sergei Lavrov — «ready» ✓", 40, "Sergei Lavrov — «ready» ✓"),
            ("<b>{x}|y</b>", 40, "<b>{x}|y</b>"),
            ("control\u{7}char", 40, "control char"),
            (
                "Russia is prepared to negotiate with the United States",
                20,
                r"Russia is prepared\nto negotiate with\nthe United States",
            ),
            (r#"a "quoted" word"#, 8, r#"a\n\"quoted\"\nword"#),
        ];
        for (input, width, expected) in cases {
            assert_eq!(
                dot_label(input, *width),
                *expected,
                "input {input:?} width {width}"
            );
        }
    }

    /// `flatten` char by char, without the shortcut for text that is flat already.
    fn flatten_slowly(text: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for ch in text.chars() {
            if ch.is_whitespace() || ch.is_control() {
                pending_space = !out.is_empty();
            } else {
                if pending_space {
                    out.push(' ');
                }
                pending_space = false;
                out.push(ch);
            }
        }
        out
    }

    #[test]
    fn is_flat_table() {
        let cases = [
            ("", true),
            ("a b", true),
            ("Lavrov’s «word»", true),
            (" a", false),
            ("a ", false),
            ("a  b", false),
            ("a\tb", false),
            ("a\u{7f}b", false),
            ("a\u{1f}b", false),
            ("«a»\u{a0}b", false),
            ("«a»  b", false),
            ("a\u{2028}b", false),
            ("a\u{85}", false),
        ];
        for (input, expected) in cases {
            assert_eq!(is_flat(input), expected, "input {input:?}");
            assert_eq!(flatten(input), flatten_slowly(input), "input {input:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn flatten_shortcut_changes_nothing(text in "([ a\t\n\u{0}\u{7f}\u{85}\u{a0}é«\u{2028}\u{3000}\\\"]|[a-z]{1,3}){0,12}") {
            proptest::prop_assert_eq!(flatten(&text), flatten_slowly(&text));
            proptest::prop_assert_eq!(is_flat(&text), flatten_slowly(&text) == text);
        }
    }

    #[test]
    fn dot_id_table() {
        let cases = [
            ("000_1c6284881040638b", "000_1c6284881040638b"),
            ("a-b.c d", "a_b_c_d"),
            ("Łódź", "__d_"),
            ("x\"y", "x_y"),
        ];
        for (input, expected) in cases {
            assert_eq!(dot_id(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn markdown_text_table() {
        let cases = [
            ("plain claim", "plain claim"),
            ("# not a heading", r"\# not a heading"),
            ("a | b", r"a \| b"),
            ("- not a list", r"\- not a list"),
            ("1. not a list", r"1\. not a list"),
            ("12) nor this", r"12\) nor this"),
            ("12 dead, 3.5 km", "12 dead, 3.5 km"),
            ("> not a quote", r"\> not a quote"),
            ("*stars* and _under_", r"\*stars\* and \_under\_"),
            ("snake_case and 000_1c62", "snake_case and 000_1c62"),
            ("trailing_ _x", r"trailing\_ \_x"),
            ("[link](x)", r"\[link\](x)"),
            ("two\nlines", "two lines"),
            (r"back\slash", r"back\\slash"),
            ("Lavrov’s «word»", "Lavrov’s «word»"),
            ("mid # hash", "mid # hash"),
        ];
        for (input, expected) in cases {
            assert_eq!(markdown_text(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn truncate_table() {
        assert_eq!(truncate_chars("short", 10), "short");
        assert_eq!(truncate_chars("abcdef ghij", 8), "abcdef…");
        assert_eq!(truncate_chars("ääääää", 4), "äää…");
    }
}
