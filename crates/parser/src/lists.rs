//! List items of a paragraph: the bullets, numbers, letters and roman numerals that open a
//! line ("- ", "• ", "2. ", "3) ", "2.) ", "(4) ", "a. ", "iv) ") and the items that follow one
//! another on one line ("1) … 2) … 3) …", "• 9. … • 10. …").

/// The markers opening a line: the length of a Markdown heading, quote or bullet ("## ", "> ",
/// "- ", "• "), skipped so that the sentence starts at its first word, and then the length of a
/// numbered, lettered or roman item marker ("2. ", "3) ", "2.) ", "(4) ", "a. ", "iv) "), which
/// stays in the sentence but never ends it. Offsets still refer to the original text.
pub(crate) fn list_marker(line: &str) -> (usize, usize) {
    let b = line.as_bytes();
    let hashes = b.iter().take_while(|&&c| c == b'#').count();
    if (1..=6).contains(&hashes) && b.get(hashes) == Some(&b' ') {
        let strip = hashes + 1 + (line[hashes + 1..].len() - line[hashes + 1..].trim_start().len());
        return (strip, 0);
    }
    let strip = bullet_len(line);
    (strip, item_marker(&line[strip..]))
}

/// Length of a bullet and the spaces after it: "- ", "* ", "+ ", "> ", "• ", "⁃", "◦ ", "▪ ".
/// The bullets that are no hyphen may be glued to an item number ("⁃9. The first item").
pub(crate) fn bullet_len(line: &str) -> usize {
    let b = line.as_bytes();
    if b.len() <= 2 {
        return 0;
    }
    let glyph = match b[0] {
        b'>' | b'-' | b'*' | b'+' => 1,
        0xE2 => ['•', '⁃', '◦', '▪', '‣']
            .iter()
            .find(|g| line.starts_with(**g))
            .map_or(0, |g| g.len_utf8()),
        _ => 0,
    };
    if glyph == 0 {
        return 0;
    }
    let rest = &line[glyph..];
    if rest.starts_with(' ') {
        glyph + (rest.len() - rest.trim_start().len())
    } else if b[0] == 0xE2 && rest.starts_with(|c: char| c.is_ascii_digit()) {
        glyph
    } else {
        0
    }
}

/// Length of a numbered, lettered or roman item marker and the spaces after it, when a word
/// follows: "2. ", "3) ", "2.) ", "(4) ", "a. ", "b) ", "iv. " (0 for none; "5. 9 quake" is none).
pub(crate) fn item_marker(line: &str) -> usize {
    let b = line.as_bytes();
    let open = usize::from(b.first() == Some(&b'('));
    let digits = b[open..].iter().take_while(|c| c.is_ascii_digit()).count();
    let roman = b[open..]
        .iter()
        .take_while(|c| matches!(c, b'i' | b'v' | b'x'))
        .count();
    let label = match digits {
        1 | 2 => digits,
        0 if (2..=4).contains(&roman) => roman,
        0 if b.get(open).is_some_and(u8::is_ascii_lowercase)
            && !b.get(open + 1).is_some_and(u8::is_ascii_alphanumeric) =>
        {
            1
        }
        _ => 0,
    };
    let close = open + label;
    // "2.)" closes like "2)".
    let close = if open == 0 && b.get(close) == Some(&b'.') && b.get(close + 1) == Some(&b')') {
        close + 1
    } else {
        close
    };
    let closer_ok = match b.get(close) {
        Some(b')') => true,
        Some(b'.') => open == 0,
        _ => false,
    };
    if label > 0 && closer_ok && b.get(close + 1) == Some(&b' ') {
        let rest = line[close + 1..].trim_start();
        if rest.starts_with(|c: char| c.is_alphabetic() || matches!(c, '"' | '“' | '‘')) {
            return line.len() - rest.len();
        }
    }
    0
}

/// The next marker of a list whose item marker is `marker` ("1.) " → "2.)", "a. " → "b.",
/// "i. " → "ii.", "9. " → "10."), without its spaces.
pub(crate) fn next_marker(marker: &str) -> Option<String> {
    let m = marker.trim_end();
    let (open, m) = match m.strip_prefix('(') {
        Some(r) => ("(", r),
        None => ("", m),
    };
    let body_len = m.find(['.', ')'])?;
    let (body, closer) = m.split_at(body_len);
    const ROMAN: [&str; 12] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
    ];
    let next = if let Ok(n) = body.parse::<u32>() {
        (n + 1).to_string()
    } else if let Some(k) = ROMAN
        .iter()
        .position(|r| *r == body)
        .filter(|_| body != "v" && body != "x")
    {
        ROMAN.get(k + 1)?.to_string()
    } else if body.len() == 1 && body.as_bytes()[0].is_ascii_lowercase() && body != "z" {
        ((body.as_bytes()[0] + 1) as char).to_string()
    } else {
        return None;
    };
    Some(format!("{open}{next}{closer}"))
}

/// The items of a paragraph that opens a list, "1.) The first item 2.) The second item", as
/// ranges with the length of their item marker; a paragraph with one item is one range.
pub(crate) fn list_items(
    text: &str,
    s: usize,
    e: usize,
    item: usize,
    out: &mut Vec<(usize, usize, usize)>,
) {
    let mut from = s;
    let mut marker_len = item;
    loop {
        let marker = &text[from..from + marker_len];
        let found = next_marker(marker).and_then(|next| {
            let hay = &text[from + marker_len..e];
            hay.match_indices(next.as_str())
                .find(|&(at, _)| {
                    let abs = from + marker_len + at;
                    text[..abs].ends_with([' ', '•', '⁃', '◦', '▪', '‣'])
                        && item_marker(&text[abs..e]) > 0
                })
                .map(|(at, _)| from + marker_len + at)
        });
        match found {
            Some(at) => {
                // A bullet before the next marker ("• 10. The second item") goes with it.
                let before = text[from..at].trim_end();
                let cut = ['•', '⁃', '◦', '▪', '‣']
                    .iter()
                    .find(|g| before.ends_with(**g))
                    .map_or(at, |g| from + before.len() - g.len_utf8());
                out.push((from, cut, marker_len));
                let strip = bullet_len(&text[cut..e]);
                from = cut + strip;
                marker_len = item_marker(&text[from..e]);
            }
            None => {
                out.push((from, e, marker_len));
                return;
            }
        }
    }
}
