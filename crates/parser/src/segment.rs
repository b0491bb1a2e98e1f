//! Sentence segmentation and sentence kinds, in one pass over the bytes of each paragraph.
//!
//! Paragraphs are lines, unless the text is hard-wrapped (most lines of similar width that run
//! on into the next line), where they are blank-line separated blocks; list items start their
//! own sentences (`lists`). A sentence ends at `.`/`!`/`?`/`…` (plus closing quotes and
//! brackets) followed by a space and a word that does not start in lower case, never inside
//! brackets that close later, unless `boundary` rules the period out: titles ("Gen.", "Mr.")
//! never end a sentence; dotted acronyms ("U.S.", "a.m.") and ambiguous ones ("Inc.", "No.")
//! only do when a sentence-starting word ("The", "He", "But" …) follows; single initials
//! ("J. K. Rowling") likewise; ellipses of every spelling only before a sentence. Text glued at
//! a period ("ever.Sorting by") is split too. Page furniture gets its kind from `furniture`.
use crate::article::SentenceKind;
use crate::boundary::{
    attribution_follows, citation_follows, clause_follows, period_ends, word_at, word_before,
};
use crate::furniture;
use crate::lexicon;
use crate::lists::{list_items, list_marker};
use crate::scratch;
use crate::tabular::{self, RunRole};
use crate::text::count_words;

/// A sentence found by the segmenter, as byte offsets.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawSentence {
    pub s: usize,
    pub e: usize,
    pub kind: SentenceKind,
    /// Index of the paragraph it belongs to.
    pub para: usize,
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | '»' | ')' | ']')
}

pub(crate) fn is_opener(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '\'' | '«' | '(' | '[')
}

/// Paragraph ranges (byte offsets), trimmed, non-empty, with the length of the numbered or
/// lettered item marker that opens them ("2. ", "b) "; 0 for none), which stays in the text.
fn paragraphs(text: &str) -> Vec<(usize, usize, usize)> {
    // About one line per 80 bytes of news: no counting pass for the capacity.
    let mut lines = scratch::take(&scratch::LINES);
    lines.reserve(text.len() / 80 + 4);
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push((start, i));
        start = i + 1;
    }
    lines.push((start, text.len()));
    let wrapped = is_hard_wrapped(text, &lines);
    let mut out = scratch::take(&scratch::PARAS);
    out.reserve(lines.len());
    let mut block: Option<(usize, usize, usize)> = None;
    for &(s, e) in &lines {
        let line = &text[s..e];
        let t = line.trim();
        if t.is_empty() {
            if let Some(b) = block.take() {
                out.push(b);
            }
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let (marker, item) = list_marker(t);
        let (ts, te) = (s + lead + marker, s + lead + t.len());
        if ts >= te {
            continue;
        }
        if wrapped && marker + item > 0 {
            // A list item or bullet stands alone, even in hard-wrapped text.
            if let Some(b) = block.take() {
                out.push(b);
            }
            out.push((ts, te, item));
        } else if wrapped {
            block = Some(match block {
                Some((bs, _, i)) => (bs, te, i),
                None => (ts, te, item),
            });
        } else {
            out.push((ts, te, item));
        }
    }
    if let Some(b) = block {
        out.push(b);
    }
    scratch::give(&scratch::LINES, lines);
    out
}

/// Hard-wrapped text (e-mail, wire copy): most non-final lines are 40–100 characters wide and
/// do not end a sentence.
fn is_hard_wrapped(text: &str, lines: &[(usize, usize)]) -> bool {
    if lines.len() < 5 {
        return false;
    }
    let mut runs_on = 0usize;
    let mut considered = 0usize;
    for w in lines.windows(2) {
        let line = text[w[0].0..w[0].1].trim_end();
        let next = text[w[1].0..w[1].1].trim();
        if line.trim().is_empty() || next.is_empty() {
            continue;
        }
        considered += 1;
        // Characters are counted only when the byte length allows 40–100 of them (a
        // character has one to four bytes).
        let ends = line.ends_with(['.', '!', '?', '"', '”', ':']);
        if !ends && (40..=400).contains(&line.len()) && (40..=100).contains(&line.chars().count()) {
            runs_on += 1;
        }
    }
    considered >= 4 && runs_on * 2 >= considered
}

/// Split one paragraph `[s, e)` into sentence ranges (trimmed).
/// `skip`: the length of an item marker opening the paragraph, whose period ends nothing.
fn split_paragraph(text: &str, s: usize, e: usize, skip: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut start = s;
    let mut i = s + skip;
    let (mut counted, mut straight, mut curly_open, mut curly_close) = (s, 0usize, 0usize, 0usize);
    let first_out = out.len();
    // Brackets: depth of '(' and '[' up to `bracket_counted`, and the last closer of the
    // paragraph (a sentence never ends inside a bracket that closes later).
    let (mut bracket_counted, mut parens, mut squares) = (s, 0usize, 0usize);
    let last_closer = memchr::memrchr2(b')', b']', &bytes[s..e]).map_or(s, |p| s + p);
    // Candidate terminators are found with memchr (SIMD): '.', '!', '?' and the ellipsis '…'
    // (E2 80 A6), looked up separately and cached by its last byte, which is rare in text
    // (E2 starts every curly quote and dash).
    let mut next_e2 = s;
    while i < e {
        if next_e2 < i {
            next_e2 = i;
        }
        while next_e2 < e {
            match memchr::memchr(0xA6, bytes.get(next_e2 + 2..e).unwrap_or(&[])) {
                Some(p) if bytes[next_e2 + p] == 0xE2 && bytes[next_e2 + p + 1] == 0x80 => {
                    next_e2 += p;
                    break;
                }
                Some(p) => next_e2 += p + 1,
                None => next_e2 = e,
            }
        }
        let next_punct = memchr::memchr3(b'.', b'!', b'?', &bytes[i..e]).map_or(e, |p| i + p);
        i = next_punct.min(next_e2);
        if i >= e {
            break;
        }
        let b = bytes[i];
        let ellipsis = i == next_e2;
        let term_start = i;
        // The terminator run: "...", "?!", "…", and the spaced ellipsis ". . .".
        let mut j = i;
        let mut single_period = b == b'.';
        let (mut run, mut dots) = (0, 0);
        let mut ellipsis = ellipsis;
        while j < e {
            if matches!(bytes[j], b'.' | b'!' | b'?') {
                dots += usize::from(bytes[j] == b'.');
                j += 1;
            } else if bytes[j] == 0xE2
                && bytes.get(j + 1) == Some(&0x80)
                && bytes.get(j + 2) == Some(&0xA6)
            {
                j += 3;
                ellipsis = true;
            } else if bytes[j] == b' '
                && bytes.get(j + 1) == Some(&b'.')
                && bytes[j - 1] == b'.'
                && (run >= 2 || bytes.get(j + 2) == Some(&b' ') && bytes.get(j + 3) == Some(&b'.'))
            {
                // ". . ." (and ". . . ."): the spaces belong to the run.
                j += 1;
                continue;
            } else {
                break;
            }
            run += 1;
        }
        ellipsis |= dots >= 3;
        if run > 1 || ellipsis {
            single_period = false;
        }
        // A decimal point or a dot inside a token ("3.5", "U.S.-led", "example.com").
        if b == b'.'
            && run == 1
            && j < e
            && bytes[j].is_ascii_alphanumeric()
            && !bytes[j].is_ascii_uppercase()
        {
            i = j;
            continue;
        }
        let mut k = j;
        while k < e {
            let c = text[k..].chars().next().unwrap_or(' ');
            if is_closer(c) {
                k += c.len_utf8();
            } else {
                break;
            }
        }
        // A closing quote detached by a space (tokenised text: `happen . "`) still closes.
        {
            let mut m = k;
            while m < e && bytes[m] == b' ' {
                m += 1;
            }
            if m > k && m < e && (bytes[m] == b'"' || text[m..].starts_with('”')) {
                let q = m + if bytes[m] == b'"' {
                    1
                } else {
                    '”'.len_utf8()
                };
                if q >= e || bytes[q].is_ascii_whitespace() {
                    // Only when the quote is not opening the next sentence: count the quotes
                    // before it (incrementally: the scan only moves forward).
                    let before = &text[counted..m];
                    straight += before.matches('"').count();
                    curly_open += before.matches('“').count();
                    curly_close += before.matches('”').count();
                    counted = m;
                    let open = straight % 2 == 1 || curly_open > curly_close;
                    if open {
                        k = q;
                    }
                }
            }
        }
        // Inside brackets that close later in the paragraph, no sentence ends. Round and square
        // brackets are counted apart, each by a SIMD search for its two bytes; a paragraph
        // with no closer left is not searched.
        if last_closer > term_start {
            let seen = &bytes[bracket_counted..term_start];
            for p in memchr::memchr2_iter(b'(', b')', seen) {
                parens = if seen[p] == b'(' {
                    parens + 1
                } else {
                    parens.saturating_sub(1)
                };
            }
            for p in memchr::memchr2_iter(b'[', b']', seen) {
                squares = if seen[p] == b'[' {
                    squares + 1
                } else {
                    squares.saturating_sub(1)
                };
            }
            bracket_counted = term_start;
        }
        // A bracket closed right after the terminator, "congresswoman.”)", ends with it.
        let bracketed = (parens > 0 || squares > 0) && last_closer > term_start && {
            let closers = &bytes[j..k];
            let round = closers.iter().filter(|&&c| c == b')').count();
            let square = closers.iter().filter(|&&c| c == b']').count();
            parens > round || squares > square
        };
        let boundary = if bracketed {
            false
        } else if k >= e {
            true
        } else {
            let c = text[k..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                let mut m = k;
                while m < e {
                    let c = text[m..].chars().next().unwrap_or('x');
                    if c.is_whitespace() {
                        m += c.len_utf8();
                    } else {
                        break;
                    }
                }
                let n = text[m..].chars().next().unwrap_or('A');
                if n.is_lowercase() || citation_follows(text, m, e) {
                    false
                } else if single_period {
                    period_ends(text, start, term_start, m)
                } else if ellipsis {
                    // An ellipsis ends a sentence only before a sentence: a sentence-starting
                    // word, or after a closing quote or a final period ("....").
                    k > j
                        || dots >= 4
                        || (term_start >= s + 2
                            && bytes[term_start - 1] == b' '
                            && bytes[term_start - 2] == b'.')
                        || lexicon::sentence_starter(word_at(text, m))
                        || clause_follows(&text[m..e])
                } else {
                    // “Stop lying!” Mr. Fox wrote.: the attribution after a quoted cry or
                    // question belongs to it.
                    !(k > j && attribution_follows(&text[m..e]))
                }
            } else if c.is_uppercase() && k == j {
                // Glued: "ever.Sorting by". Only after a plain lower-case word.
                let w = word_before(text, start, term_start);
                w.chars().count() >= 2 && w.chars().all(char::is_lowercase)
            } else {
                false
            }
        };
        if boundary {
            push_piece(text, start, k, first_out, out);
            start = k;
        }
        i = k.max(i + 1);
    }
    push_piece(text, start, e, first_out, out);
}

/// Push a sentence piece; one without a letter or digit (a lone "…" or ". . .") joins the
/// sentence before it in the same paragraph.
fn push_piece(text: &str, s: usize, e: usize, first: usize, out: &mut Vec<(usize, usize)>) {
    // Such a piece is short: longer ones are not searched.
    if out.len() > first && e - s <= 24 && !text[s..e].chars().any(char::is_alphanumeric) {
        let t = text[s..e].trim_end();
        if !t.trim_start().is_empty() {
            if let Some(last) = out.last_mut() {
                last.1 = s + t.len();
            }
        }
        return;
    }
    push_trimmed(text, s, e, out);
}

fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let raw = &text[s..e];
    let t = raw.trim();
    if t.is_empty() {
        return;
    }
    let lead = raw.len() - raw.trim_start().len();
    out.push((s + lead, s + lead + t.len()));
}

/// Text ends like a finished sentence (after closing quotes/brackets).
fn ends_terminated(t: &str) -> bool {
    // A wire code or credit after the final period: "… said. (XYYD 0343)".
    let t = t.trim_end();
    let t = if t.ends_with(')') {
        let mut from = t.len().saturating_sub(40);
        while !t.is_char_boundary(from) {
            from += 1;
        }
        match t[from..].rfind(". (") {
            Some(at) => &t[..=from + at],
            None => t,
        }
    } else {
        t
    };
    let t = t.trim_end_matches(|c: char| is_closer(c) || c.is_whitespace());
    t.ends_with(['.', '!', '?', '…', ':', ';', ','])
}

fn is_question(t: &str) -> bool {
    let end = t.trim_end_matches(|c: char| is_closer(c) || c.is_whitespace());
    if end.ends_with('?') {
        return true;
    }
    // A quoted question and its attribution: “Is it over?” he asked.
    if memchr::memchr(b'?', t.as_bytes()).is_none() {
        return false;
    }
    ["?”", "?\""].iter().any(|q| {
        t.rfind(q)
            .is_some_and(|at| t[at + q.len()..].split_whitespace().count() <= 6)
    })
}

/// Most longer words start with a capital: "Putin Ready To Negotiate With Only Trump".
fn title_case(t: &str) -> bool {
    title_case_words(t, 2, true)
}

/// Whether at least `min_words` words longer than three letters (or capitalized) are there and
/// at least 70% of them start with a capital or a digit; `trim` strips surrounding punctuation
/// ("“Putin") before looking at a word.
pub(crate) fn title_case_words(t: &str, min_words: usize, trim: bool) -> bool {
    let mut long = 0;
    let mut caps = 0;
    for w in t.split_whitespace() {
        let w = if trim {
            w.trim_matches(|c: char| !c.is_alphanumeric())
        } else {
            w
        };
        let Some(c) = w.chars().next() else { continue };
        if w.len() <= 3 && c.is_lowercase() {
            continue;
        }
        long += 1;
        if c.is_uppercase() || c.is_numeric() {
            caps += 1;
        }
    }
    long >= min_words && caps * 10 >= long * 7
}

/// Split `text` into sentences with their kinds.
pub(crate) fn segment(text: &str) -> Vec<RawSentence> {
    // News runs about one sentence per 120 bytes: rarely more than one regrowth.
    let mut out = scratch::take(&scratch::SENTS);
    out.reserve(text.len() / 96 + 4);
    let mut ranges = scratch::take(&scratch::RANGES);
    let mut seen_content = false;
    // One-line paragraphs that may belong to a listing run: (sentence index, listing line).
    let mut run = scratch::take(&scratch::RUN);
    let mut run_para = usize::MAX;
    // The paragraph of the last bare field label or of its last value line.
    let mut label_open: Option<usize> = None;
    let mut items = scratch::take(&scratch::ITEMS);
    let paras = paragraphs(text);
    for (para, &(ps, pe, item)) in paras.iter().enumerate() {
        ranges.clear();
        let para_first = out.len();
        let mut body = ps;
        if let Some(n) = furniture::dateline_len(&text[ps..pe]) {
            let d = text[ps..ps + n].trim_end().len();
            out.push(RawSentence {
                s: ps,
                e: ps + d,
                kind: SentenceKind::Dateline,
                para,
            });
            body = ps + n;
        }
        items.clear();
        if item > 0 {
            list_items(text, body, pe, item, &mut items);
        } else {
            items.push((body, pe, 0));
        }
        for &(is, ie, skip) in &items {
            split_paragraph(text, is, ie, skip, &mut ranges);
        }
        let whole_line = ranges.len() == 1;
        for &(s, e) in &ranges {
            let t = &text[s..e];
            // The lines under a bare field label ("DEAD:" then "John Smith, 34, of Boston") are
            // its values while they are short and unterminated.
            let terminated = ends_terminated(t);
            let value_line = whole_line
                && label_open == Some(para.wrapping_sub(1))
                && !terminated
                && count_words(t) <= 12;
            let mut kind = if let Some(k) = furniture::kind_of(t, whole_line, !seen_content) {
                k
            } else if value_line {
                SentenceKind::Label
            } else if lexicon::chrome_line(t) {
                SentenceKind::Boilerplate
            } else if is_question(t) {
                SentenceKind::Question
            } else if !terminated && whole_line {
                let words = count_words(t);
                if words <= 2 && seen_content {
                    SentenceKind::Boilerplate
                } else if words <= 20 && (!seen_content || title_case(t)) {
                    SentenceKind::Headline
                } else {
                    SentenceKind::Claim
                }
            } else {
                SentenceKind::Claim
            };
            // Unterminated one-line paragraphs may be listing lines or headers without digits.
            if matches!(kind, SentenceKind::Claim | SentenceKind::Headline)
                && !tabular::byte_counts(t).plainly_prose(whole_line && !terminated)
            {
                let shape = tabular::shape(t);
                if shape.is_row() {
                    kind = SentenceKind::Table;
                }
                let role = if shape.is_listing(terminated) || shape.is_row() {
                    Some(RunRole::Listing)
                } else if shape.is_header() {
                    Some(RunRole::Header)
                } else if shape.is_gap(terminated) {
                    Some(RunRole::Gap)
                } else {
                    None
                };
                if let (true, Some(role)) = (whole_line, role) {
                    if run_para.wrapping_add(1) != para {
                        close_run(&mut out, &mut run);
                    }
                    run.push((out.len(), role));
                    run_para = para;
                }
            }
            if matches!(
                kind,
                SentenceKind::Claim
                    | SentenceKind::Headline
                    | SentenceKind::Question
                    | SentenceKind::Table
            ) {
                seen_content = true;
            }
            if kind == SentenceKind::Label && (t.trim_end().ends_with(':') || value_line) {
                label_open = Some(para);
            }
            out.push(RawSentence { s, e, kind, para });
        }
        // A credit that closes a paragraph, "(Photo: File/The Tennessean)", makes the lines
        // before it its caption.
        if let Some(last) = out.last() {
            if out.len() > para_first + 1
                && last.kind == SentenceKind::Caption
                && text[last.s..last.e].starts_with('(')
            {
                for r in &mut out[para_first..] {
                    if r.kind != SentenceKind::Dateline {
                        r.kind = SentenceKind::Caption;
                    }
                }
            }
        }
        if run_para != para {
            close_run(&mut out, &mut run);
        }
    }
    close_run(&mut out, &mut run);
    scratch::give(&scratch::PARAS, paras);
    scratch::give(&scratch::RANGES, ranges);
    scratch::give(&scratch::RUN, run);
    scratch::give(&scratch::ITEMS, items);
    // A text that is one sentence is that sentence, not a headline or a table row (benchmark
    // sentences, short notes): it yields exactly one claim unless it asks a question.
    let mut content = out
        .iter_mut()
        .filter(|r| r.kind != SentenceKind::Boilerplate);
    if let (Some(only), None) = (content.next(), content.next()) {
        if matches!(only.kind, SentenceKind::Headline | SentenceKind::Table) {
            only.kind = SentenceKind::Claim;
        }
    }
    out
}

/// Ends a run of one-line paragraphs: three listing lines or more make it a table, from the
/// first listing line to the last, with the column headers around them.
fn close_run(out: &mut [RawSentence], run: &mut Vec<(usize, RunRole)>) {
    let listing = |&&(_, role): &&(usize, RunRole)| role == RunRole::Listing;
    if run.iter().filter(listing).count() >= 3 {
        let first = run.iter().position(|r| listing(&r)).unwrap_or(0);
        let last = run.iter().rposition(|r| listing(&r)).unwrap_or(0);
        for (k, &(i, role)) in run.iter().enumerate() {
            if role == RunRole::Header || (first..=last).contains(&k) {
                out[i].kind = SentenceKind::Table;
            }
        }
    }
    run.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        segment(s).iter().map(|r| &s[r.s..r.e]).collect()
    }

    #[test]
    fn splitter_table() {
        let table: &[(&str, &[&str])] = &[
            (
                "He met U.S. President Donald Trump. Talks went well.",
                &["He met U.S. President Donald Trump.", "Talks went well."],
            ),
            (
                "He said the U.S. led the collapse.",
                &["He said the U.S. led the collapse."],
            ),
            (
                "Gen. Smith met Mr. Jones at 5 p.m. on Monday.",
                &["Gen. Smith met Mr. Jones at 5 p.m. on Monday."],
            ),
            (
                "It rose 3.5 percent to 1,200. The rest fell.",
                &["It rose 3.5 percent to 1,200.", "The rest fell."],
            ),
            (
                "J. K. Rowling wrote it. She agreed.",
                &["J. K. Rowling wrote it.", "She agreed."],
            ),
            (
                "He lives in the U.S. The talks failed.",
                &["He lives in the U.S.", "The talks failed."],
            ),
            (
                "“We are ready. We wait,” he said. Then he left.",
                &["“We are ready.", "We wait,” he said.", "Then he left."],
            ),
            ("“Is it over?” he asked.", &["“Is it over?” he asked."]),
            (
                "more urgent than ever.Sorting by",
                &["more urgent than ever.", "Sorting by"],
            ),
            (
                "Apple Inc. said so. Apple Inc. The end.",
                &["Apple Inc. said so.", "Apple Inc.", "The end."],
            ),
            (
                "Visit St. Louis at No. 5 Main St. today.",
                &["Visit St. Louis at No. 5 Main St. today."],
            ),
            ("Line one\nLine two.", &["Line one", "Line two."]),
            (
                "Goals:\n1. Cut costs.\n2.) Sell assets.\n(3) Hire staff.\nb) Pay debts.\n• Grow.",
                &[
                    "Goals:",
                    "1. Cut costs.",
                    "2.) Sell assets.",
                    "(3) Hire staff.",
                    "b) Pay debts.",
                    "Grow.",
                ],
            ),
            // Items on one line split before each next marker, whatever ends them.
            (
                "1) Fix the roof 2) Paint the walls. 3) Sell the house",
                &[
                    "1) Fix the roof",
                    "2) Paint the walls.",
                    "3) Sell the house",
                ],
            ),
            (
                "a. Call Mr. Smith b. Pay the bill c. Leave",
                &["a. Call Mr. Smith", "b. Pay the bill", "c. Leave"],
            ),
            (
                "• 9. Rates rose • 10. Rates fell ⁃11. Rates held",
                &["9. Rates rose", "10. Rates fell", "11. Rates held"],
            ),
            (
                "i. Sign here. ii. Date it.",
                &["i. Sign here.", "ii. Date it."],
            ),
            (
                "# Talks resume\n\n- Russia is ready.\n> He said so.",
                &["Talks resume", "Russia is ready.", "He said so."],
            ),
            (
                "“Stop lying!” Mr. Fox wrote. “Mexico is not yours.”",
                &["“Stop lying!” Mr. Fox wrote.", "“Mexico is not yours.”"],
            ),
            (
                "“Stop lying!” The crowd cheered.",
                &["“Stop lying!”", "The crowd cheered."],
            ),
            // Times of day: a name that a verb follows opens a sentence, a zone or day does not.
            (
                "They met at 6 P.M. Mr. Lopez then left. At 5 a.m. Mr. Lopez came back.",
                &[
                    "They met at 6 P.M.",
                    "Mr. Lopez then left.",
                    "At 5 a.m. Mr. Lopez came back.",
                ],
            ),
            (
                "It opens at 10 A.M. Local time and at 8 p.m. Eastern on Friday.",
                &["It opens at 10 A.M. Local time and at 8 p.m. Eastern on Friday."],
            ),
            (
                "See p. 55 and No. 5 of vol. 2 for the rule. Then sign.",
                &["See p. 55 and No. 5 of vol. 2 for the rule.", "Then sign."],
            ),
            (
                "Wait... What happened?! Nothing.",
                &["Wait...", "What happened?!", "Nothing."],
            ),
            // Decimal points cut off by tokenised text (ECB+).
            (
                "He averaged 16. 8 points. The 6. 1-magnitude quake hit. A magnitude-6. 0 quake.",
                &[
                    "He averaged 16. 8 points.",
                    "The 6. 1-magnitude quake hit.",
                    "A magnitude-6. 0 quake.",
                ],
            ),
            (
                "It cost $27. 5 million. It grew 1. 29 percent.",
                &["It cost $27. 5 million.", "It grew 1. 29 percent."],
            ),
            (
                "He had a loaded. 38-caliber gun and pointed a. 357 revolver.",
                &["He had a loaded. 38-caliber gun and pointed a. 357 revolver."],
            ),
            (
                "They won 20-13. 25 fans stayed. It began in 1990. 2001 was worse.",
                &[
                    "They won 20-13.",
                    "25 fans stayed.",
                    "It began in 1990.",
                    "2001 was worse.",
                ],
            ),
        ];
        for (input, want) in table {
            assert_eq!(&split(input), want, "{input}");
        }
    }

    #[test]
    fn kinds_table() {
        let text = "Putin Ready To Negotiate With Only Trump\n\nAdvertisements\n\nWill Trump end the war?\n\nRussia is ready.\nSorting by\n×";
        let kinds: Vec<_> = segment(text).iter().map(|r| r.kind).collect();
        use SentenceKind::*;
        assert_eq!(
            kinds,
            [
                Headline,
                Boilerplate,
                Question,
                Claim,
                Boilerplate,
                Boilerplate
            ]
        );
        assert_eq!(
            segment("He left. “Is it over?” she asked.")[1].kind,
            Question
        );
        // A lone sentence without a final period is a claim, not a headline.
        assert_eq!(segment("Russia ready to talk")[0].kind, Claim);
    }

    #[test]
    fn table_kinds_table() {
        use SentenceKind::*;
        // (text, kinds of its sentences)
        let rows: &[(&str, &[SentenceKind])] = &[
            // An earnings table: "vs" rows, then a note that is a sentence.
            (
                "Shr 34 cts vs 1.19 dlrs\n\nNet 807,000 vs 2,858,000\n\nRevs 51.2 mln vs 47.9 mln\n\n\
                 Note: the year includes a gain of 132,000 dlrs.",
                &[Table, Table, Table, Claim],
            ),
            // A market listing: three short lines alike, with a header line.
            (
                "Gold prices were mixed today, dealers said.\n\nCLOSING SPOT TRENDS\n\n\
                 Silver up 18.5 cts per oz\n\nCopper off 0.35 cts per lb\n\nCocoa off 9 dlr per tonne",
                &[Claim, Table, Table, Table, Table],
            ),
            // Bid/offered rows: "label - values", a final period and an "-ed" column.
            (
                "Corn (Barges)\n\nApril - 21 ov May bid, 22 offered.\n\n\
                 May - 21 ov May bid, 22 offered.\n\nJune - 18 ov Jly bid, 19 offered.",
                &[Headline, Table, Table, Table],
            ),
            // Rate rows: figures are half the words.
            (
                "Rates were steady.\n\n30-176 days 5.00 pct 5.00 pct 30-176 days\n\nIt was quiet.",
                &[Claim, Table, Claim],
            ),
            // Sentences with figures keep their verbs, alone or in a run.
            (
                "Net profit rose to 12.1 mln dlrs vs 9.3 mln.\n\nSales fell 3 pct to 50.2 mln.\n\n\
                 The dividend is 10 cts.",
                &[Claim, Claim, Claim],
            ),
            // A bulleted list of measures opens each line with a verb.
            (
                "The budget:\n\nRaised the income-tax threshold to 100,000 rupees\n\n\
                 Reduced corporate tax rates to 30%\n\nCut excise duty on 12 goods",
                &[Claim, Claim, Claim, Claim],
            ),
            // A line without figures between listing lines is a row of it; after them it is not.
            (
                "1000 hrs cdt\n\nMONTHS LAST DIFFERENCE\n\nMay/Jul 1 under 1 under\n\n\
                 Jul/Aug even even\n\nSep/Nov 1-1/2 under 2-1/2 under\n\nMay/Nov 2-1/2 over\n\n\
                 Mar/May8 no quote",
                &[Table, Table, Table, Table, Table, Table, Claim],
            ),
            // A text that is one table row is still that one claim.
            ("Shr 1.20 dlrs vs 1.05 dlrs", &[Claim]),
        ];
        for &(text, want) in rows {
            let kinds: Vec<_> = segment(text).iter().map(|r| r.kind).collect();
            assert_eq!(kinds, want, "{text}");
        }
    }
}
