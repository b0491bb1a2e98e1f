//! Escaping for the two output languages: Graphviz DOT quoted strings and Markdown.

/// Collapses every run of whitespace and control characters to one space and trims the ends.
/// Claim text may carry newlines, tabs or stray control bytes from HTML; neither DOT labels nor
/// Markdown lines can hold them literally.
fn flatten(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        if ch.is_whitespace() || ch.is_control() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(ch);
        }
    }
    out
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
        vec![std::borrow::Cow::Borrowed(flat.as_str())]
    } else {
        textwrap::wrap(&flat, textwrap::Options::new(width).break_words(true))
    };
    let mut out = String::with_capacity(flat.len() + 8);
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("\\n");
        }
        for ch in line.chars() {
            match ch {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                _ => out.push(ch),
            }
        }
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
