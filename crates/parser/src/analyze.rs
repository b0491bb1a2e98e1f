//! From sentences to claims: entities, direct quotes and their speakers, indirect speech,
//! quantities, times, negation, hedging and conditions.
//!
//! The article is read in order, sentence by sentence, so that "he said" resolves to the person
//! named last before it and a bare surname to the full name introduced earlier. Headlines are
//! read last, once the body has introduced the names they use ("Putin Ready To Negotiate").
use std::collections::HashMap;

use crate::article::{Claim, Entity, EntityKind, Sentence, SentenceKind, Span};
use crate::lexicon::{self, lower, SpeechForm};
use crate::quantity;
use crate::segment::{self, RawSentence};
use crate::text::{fold, tokenize, CharIndex, Tok, TokKind};

/// A direct quotation: byte range of its content (marks excluded).
#[derive(Clone, Debug)]
struct Quote {
    s: usize,
    e: usize,
    /// Byte offset just after the closing mark (== `e` when unterminated).
    close_end: usize,
    /// Byte offset of the opening mark.
    open: usize,
    para: usize,
    words: usize,
    speaker: Option<String>,
    terminated: bool,
}

/// An entity mention found in a sentence.
#[derive(Clone, Debug)]
struct Mention {
    s: usize,
    e: usize,
    kind: EntityKind,
    /// Full name for people ("Sergey Lavrov" for a later "Lavrov"), else the name as written.
    full: String,
    in_quote: bool,
    /// Token index range in the article token list.
    t0: usize,
    t1: usize,
}

struct Ctx<'t> {
    text: &'t str,
    ci: CharIndex<'t>,
    toks: Vec<Tok>,
    /// Token range of each sentence.
    sent_toks: Vec<(usize, usize)>,
    sents: Vec<RawSentence>,
    quotes: Vec<Quote>,
    mentions: Vec<Mention>,
    /// Mentions range of each sentence.
    sent_mentions: Vec<(usize, usize)>,
    /// Surname (and full name) → full name of people met so far.
    people: HashMap<String, String>,
    /// People named outside quotes, in text order: (byte offset, full name).
    person_trail: Vec<(usize, String)>,
}

fn word_lower<'b>(src: &str, t: &Tok, buf: &'b mut [u8; 24]) -> &'b str {
    lower(t.text(src), buf).unwrap_or("")
}

fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && w.chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
}

/// Direct quotations of each paragraph. “…” pairs, and straight double quotes toggling; a quote
/// still open at the end of its paragraph ends there (news style reopens it in the next one).
fn find_quotes(text: &str, sents: &[RawSentence]) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sents.len() {
        let para = sents[i].para;
        let ps = sents[i].s;
        let mut j = i;
        while j + 1 < sents.len() && sents[j + 1].para == para {
            j += 1;
        }
        let pe = sents[j].e;
        let mut open: Option<usize> = None;
        for (k, c) in text[ps..pe].char_indices() {
            let at = ps + k;
            let straight_opens = c == '"'
                && open.is_none()
                && text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|p| p.is_whitespace() || "([—–-:".contains(p));
            if c == '“' || c == '«' || straight_opens {
                if open.is_none() {
                    open = Some(at);
                }
            } else if (c == '”' || c == '»' || c == '"') && open.is_some() {
                let o = open.take().unwrap_or(at);
                let s = o + text[o..].chars().next().map_or(1, char::len_utf8);
                out.push(Quote {
                    s,
                    e: at,
                    close_end: at + c.len_utf8(),
                    open: o,
                    para,
                    words: text[s..at].split_whitespace().count(),
                    speaker: None,
                    terminated: true,
                });
            }
        }
        if let Some(o) = open {
            let s = o + text[o..].chars().next().map_or(1, char::len_utf8);
            out.push(Quote {
                s,
                e: pe,
                close_end: pe,
                open: o,
                para,
                words: text[s..pe].split_whitespace().count(),
                speaker: None,
                terminated: false,
            });
        }
        i = j + 1;
    }
    out
}

impl<'t> Ctx<'t> {
    fn in_quote(&self, pos: usize) -> bool {
        // Quotes are sorted and disjoint.
        let i = self.quotes.partition_point(|q| q.e <= pos);
        self.quotes.get(i).is_some_and(|q| q.s <= pos)
    }

    fn last_person_before(&self, pos: usize) -> Option<String> {
        let i = self.person_trail.partition_point(|(p, _)| *p < pos);
        i.checked_sub(1).map(|i| self.person_trail[i].1.clone())
    }

    /// Entity mentions of sentence `si`. In `strict` mode (headlines, Title Case) only names
    /// already known from the body, the gazetteer or acronyms count.
    fn entities(&mut self, si: usize, strict: bool) {
        let (a, b) = self.sent_toks[si];
        let src = self.text;
        let first = self.mentions.len();
        let mut i = a;
        while i < b {
            let t = self.toks[i];
            let starts = t.is_cap(src);
            // "Vladimir, STOP!": capitals for shouting, not an acronym.
            let shout = starts
                && is_acronym(t.text(src))
                && self.toks.get(i + 1).is_some_and(|n| n.is_punct(src, '!'));
            if !starts || shout {
                i += 1;
                continue;
            }
            if strict {
                let w = t.text(src);
                let kind = lexicon::gazetteer(w)
                    .or_else(|| self.people.contains_key(w).then_some(EntityKind::Person))
                    .or_else(|| (is_acronym(w) && w.len() > 1).then_some(EntityKind::Organization));
                if let Some(kind) = kind {
                    self.push_mention(i, i + 1, kind);
                }
                i += 1;
                continue;
            }
            // The capitalised run: "Russian Foreign Minister Sergey Lavrov", "Bank of England".
            let mut j = i + 1;
            if !t.possessive {
                while j < b {
                    let n = self.toks[j];
                    if n.is_cap(src) && !lexicon::calendar_word(n.text(src)) {
                        j += 1;
                        if n.possessive {
                            break;
                        }
                    } else if n.is_word()
                        && matches!(
                            n.text(src),
                            "of" | "de"
                                | "al"
                                | "bin"
                                | "von"
                                | "van"
                                | "da"
                                | "del"
                                | "du"
                                | "la"
                                | "le"
                        )
                        && j + 1 < b
                        && self.toks[j + 1].is_cap(src)
                        && j > i
                    {
                        j += 2;
                        if self.toks[j - 1].possessive {
                            break;
                        }
                    } else {
                        break;
                    }
                }
            }
            self.run(i, j, a);
            i = j;
        }
        let last = self.mentions.len();
        self.sent_mentions.push((first, last));
    }

    /// Split one capitalised run `[i, j)` into names: titles and demonyms removed.
    fn run(&mut self, mut i: usize, j: usize, sent_start: usize) {
        let src = self.text;
        // Sentence- or quote-initial function words are capitalised for grammar, not names.
        let initial = |k: usize, toks: &[Tok]| {
            k == sent_start
                || toks[k - 1].kind == TokKind::Punct
                    && matches!(
                        toks[k - 1].text(src),
                        "“" | "\"" | ":" | "(" | "—" | "‘" | "-" | "–"
                    )
        };
        while i < j && initial(i, &self.toks) && lexicon::sentence_starter(self.toks[i].text(src)) {
            i += 1;
        }
        if i >= j {
            return;
        }
        let words: Vec<&str> = self.toks[i..j].iter().map(|t| t.text(src)).collect();
        let whole = &src[self.toks[i].s..self.toks[j - 1].e];
        if lexicon::calendar_word(words[0]) && words.len() == 1 {
            return;
        }
        if let Some(kind) = lexicon::gazetteer(whole) {
            self.push_mention(i, j, kind);
            return;
        }
        if words.len() >= 2
            && lexicon::org_suffix(words[words.len() - 1])
            && !lexicon::title_word(words[0])
        {
            self.push_mention(i, j, EntityKind::Organization);
            return;
        }
        // Segments between titles: "U.S." | President | "Donald Trump".
        let mut seg = i;
        let mut titled = false;
        let mut k = i;
        while k < j {
            let w = self.toks[k].text(src);
            let is_title = lexicon::title_word(w.trim_end_matches('.'))
                || (lexicon::demonym(w) && k + 1 < j)
                || (seg == k && matches!(w, "of" | "the"));
            if is_title
                && !(seg < k
                    && lexicon::gazetteer(&src[self.toks[seg].s..self.toks[k].e]).is_some())
            {
                if seg < k {
                    self.name(seg, k, false, sent_start);
                }
                titled = titled || !lexicon::demonym(w);
                seg = k + 1;
            }
            k += 1;
        }
        if seg < j {
            self.name(seg, j, titled, sent_start);
        }
    }

    /// Classify and record a name `[i, j)` of tokens.
    fn name(&mut self, i: usize, j: usize, titled: bool, sent_start: usize) {
        let src = self.text;
        let mut first = self.toks[i].text(src);
        // "Trump-led", "U.S.-based": the name is the part before the lower-case suffix.
        let mut cut = None;
        if j - i == 1 {
            if let Some(p) = first.rfind('-') {
                if first[p + 1..].starts_with(char::is_lowercase) {
                    first = &first[..p];
                    cut = Some(self.toks[i].s + p);
                }
            }
        }
        let last = if cut.is_some() {
            first
        } else {
            self.toks[j - 1].text(src)
        };
        let whole = &src[self.toks[i].s..cut.unwrap_or(self.toks[j - 1].e)];
        if j - i == 1 && (lexicon::demonym(first) || lexicon::calendar_word(first)) {
            return;
        }
        let kind = if let Some(k) = lexicon::gazetteer(whole) {
            k
        } else if lexicon::org_suffix(last) && j - i > 1 {
            EntityKind::Organization
        } else if lexicon::place_suffix(last) && j - i > 1 {
            EntityKind::Place
        } else if titled || self.people.contains_key(whole) {
            EntityKind::Person
        } else if j - i == 1 && is_acronym(first) {
            EntityKind::Organization
        } else if j - i >= 2
            && self.toks[i..j]
                .iter()
                .all(|t| t.is_cap(src) && !is_acronym(t.text(src)))
        {
            EntityKind::Person
        } else {
            // One unknown capitalised word: a person if they speak ("Kellogg said").
            let next = self.toks.get(j).map(|t| t.text(src)).unwrap_or("");
            let speaks = lexicon::speech_verb(next).is_some()
                || (lexicon::subject_gap(next)
                    && self
                        .toks
                        .get(j + 1)
                        .is_some_and(|t| lexicon::speech_verb(t.text(src)).is_some()));
            if speaks {
                EntityKind::Person
            } else if i == sent_start
                || self.toks[i - 1].kind == TokKind::Punct
                    && matches!(self.toks[i - 1].text(src), "“" | "\"" | ":")
            {
                // "Windows shattered": a capitalised common word at the start of a sentence.
                return;
            } else if i > 0
                && self.toks[i - 1].is_word()
                && matches!(
                    self.toks[i - 1].text(src),
                    "in" | "near" | "outside" | "across" | "around"
                )
            {
                // "met in Geneva": an unknown name after a preposition of place.
                EntityKind::Place
            } else {
                EntityKind::Other
            }
        };
        self.push_mention_to(i, j, kind, cut);
    }

    fn push_mention(&mut self, i: usize, j: usize, kind: EntityKind) {
        self.push_mention_to(i, j, kind, None);
    }

    fn push_mention_to(&mut self, i: usize, j: usize, kind: EntityKind, end: Option<usize>) {
        let src = self.text;
        let (s, e) = (self.toks[i].s, end.unwrap_or(self.toks[j - 1].e));
        let name = &src[s..e];
        let in_quote = self.in_quote(s);
        let full = if kind == EntityKind::Person {
            let last = if end.is_some() {
                name
            } else {
                self.toks[j - 1].text(src)
            };
            if j - i >= 2 {
                let full = name.to_string();
                self.people
                    .entry(last.to_string())
                    .or_insert_with(|| full.clone());
                self.people
                    .entry(full.clone())
                    .or_insert_with(|| full.clone());
                full
            } else {
                self.people.get(name).cloned().unwrap_or_else(|| {
                    self.people.insert(name.to_string(), name.to_string());
                    name.to_string()
                })
            }
        } else {
            name.to_string()
        };
        if kind == EntityKind::Person && !in_quote {
            self.person_trail.push((s, full.clone()));
        }
        self.mentions.push(Mention {
            s,
            e,
            kind,
            full,
            in_quote,
            t0: i,
            t1: j,
        });
    }

    fn mention_ending_at(&self, si: usize, tok: usize) -> Option<&Mention> {
        let (m0, m1) = self.sent_mentions[si];
        self.mentions[m0..m1]
            .iter()
            .rev()
            .find(|m| m.t0 <= tok && tok < m.t1)
    }

    /// The subject of the speech verb at token `v` in sentence `si`.
    fn subject_of(&self, si: usize, v: usize) -> Option<String> {
        let (a, _) = self.sent_toks[si];
        let src = self.text;
        let mut k = v;
        let mut buf = [0u8; 24];
        let mut commas = 0;
        while k > a {
            k -= 1;
            let t = self.toks[k];
            if t.is(lexicon::subject_gap::FLAG) && !t.is_cap(src) {
                continue;
            }
            if t.is_punct(src, ',') && commas == 0 {
                // An appositive: "Rutte, speaking from Washington, insisted".
                let mut m = k;
                let mut found = None;
                while m > a {
                    m -= 1;
                    if self.toks[m].is_punct(src, ',') {
                        found = Some(m);
                        break;
                    }
                    if self.toks[m].kind == TokKind::Punct
                        && matches!(self.toks[m].text(src), "”" | "\"")
                    {
                        break;
                    }
                }
                match found {
                    Some(m) if m > a => {
                        commas += 1;
                        k = m;
                        continue;
                    }
                    _ => return None,
                }
            }
            if let Some(m) = self.mention_ending_at(si, k) {
                // "Neither the White House nor the Kremlin has confirmed": nobody said it.
                let mut b2 = [0u8; 24];
                let before = if m.t0 > a {
                    word_lower(src, &self.toks[m.t0 - 1], &mut b2)
                } else {
                    ""
                };
                let before2 = if m.t0 > a + 1 {
                    self.toks[m.t0 - 2].text(src)
                } else {
                    ""
                };
                if matches!(before, "nor" | "neither" | "no")
                    || matches!(before2, "nor" | "neither")
                {
                    return None;
                }
                if matches!(
                    m.kind,
                    EntityKind::Person
                        | EntityKind::Organization
                        | EntityKind::Place
                        | EntityKind::Other
                ) {
                    return Some(m.full.clone());
                }
            }
            if t.is(lexicon::pronoun_person::FLAG) {
                return self.last_person_before(t.s);
            }
            if t.is_word() && !t.is_cap(src) {
                // "officials said", "Kremlin officials said", "the Libyan central bank has said":
                // a known speaker noun, or a noun phrase opened by a determiner.
                let known = is_speaker_noun(word_lower(src, &t, &mut buf));
                let mut s = k;
                let mut determiner = false;
                while s > a && k - s < 4 {
                    let p = self.toks[s - 1];
                    if !p.is_word() {
                        break;
                    }
                    let mut b2 = [0u8; 24];
                    if matches!(
                        word_lower(src, &p, &mut b2),
                        "the" | "a" | "an" | "its" | "his" | "her" | "their"
                    ) {
                        determiner = true;
                        break;
                    }
                    if p.possessive || p.is_cap(src) || !p.is(lexicon::not_unit::FLAG) {
                        s -= 1;
                    } else {
                        break;
                    }
                }
                if known || determiner {
                    return Some(src[self.toks[s].s..t.e].to_string());
                }
            }
            return None;
        }
        None
    }

    /// The first named person or organisation of the sentence before token `v`: the subject of
    /// a participle clause ("Macron weighed in, stating that …").
    fn sentence_subject(&self, si: usize, v: usize) -> Option<String> {
        let (m0, m1) = self.sent_mentions[si];
        self.mentions[m0..m1]
            .iter()
            .find(|m| {
                m.t1 <= v
                    && !m.in_quote
                    && matches!(m.kind, EntityKind::Person | EntityKind::Organization)
            })
            .map(|m| m.full.clone())
            .or_else(|| {
                let (a, _) = self.sent_toks[si];
                let t = self.toks.get(a)?;
                lexicon::pronoun_person(t.text(self.text))
                    .then(|| self.last_person_before(t.s))
                    .flatten()
            })
    }

    fn sentence_of(&self, pos: usize) -> Option<usize> {
        let i = self.sents.partition_point(|s| s.e <= pos);
        (i < self.sents.len() && self.sents[i].s <= pos).then_some(i)
    }

    /// Speaker named in sentence `si` by a speech verb among tokens `[from, to)` outside quotes.
    fn speech_verb_speaker(&self, si: usize, from: usize, to: usize) -> Option<String> {
        let src = self.text;
        for k in from..to {
            let t = self.toks[k];
            if !t.is_word() || t.is_cap(src) || self.in_quote(t.s) {
                continue;
            }
            match lexicon::speech_form(t.cls) {
                Some(SpeechForm::Finite) => {
                    if let Some(s) = self.subject_of(si, k) {
                        return Some(s);
                    }
                    // Inverted: "said Lavrov", "said Russian Foreign Minister Sergey Lavrov".
                    let (m0, m1) = self.sent_mentions[si];
                    if let Some(m) = self.mentions[m0..m1]
                        .iter()
                        .find(|m| m.t0 > k && m.t0 <= k + 5 && m.kind == EntityKind::Person)
                    {
                        return Some(m.full.clone());
                    }
                }
                Some(SpeechForm::Participle) => {
                    if let Some(s) = self.sentence_subject(si, k) {
                        return Some(s);
                    }
                }
                None => {}
            }
        }
        None
    }

    /// Attribute every direct quote: the attribution after it ("…,” Lavrov told CBS"), before it
    /// ("Trump replied, “…”"), else the quote next to it in the paragraph, else the quote that
    /// ends the previous paragraph (multi-paragraph quotes).
    fn attribute_quotes(&mut self) {
        let src = self.text;
        for qi in 0..self.quotes.len() {
            let q = self.quotes[qi].clone();
            let mut speaker = None;
            // After: within the sentence holding the closing mark, up to the next quote.
            if let Some(si) = self.sentence_of(q.close_end.saturating_sub(1)) {
                let (a, b) = self.sent_toks[si];
                let from = (a..b).find(|&k| self.toks[k].s >= q.close_end).unwrap_or(b);
                let next_open = self.quotes.get(qi + 1).map_or(usize::MAX, |n| n.open);
                let to = (from..b)
                    .find(|&k| self.toks[k].s >= next_open || self.toks[k].is_punct(src, '.'))
                    .unwrap_or(b)
                    .min(from + 10);
                if from < to {
                    speaker = self.speech_verb_speaker(si, from, to);
                }
            }
            // Before: a speech verb earlier in the sentence that opens the quote.
            if speaker.is_none() {
                if let Some(si) = self.sentence_of(q.open) {
                    let (a, _) = self.sent_toks[si];
                    let to = (a..self.sent_toks[si].1)
                        .find(|&k| self.toks[k].s >= q.open)
                        .unwrap_or(a);
                    let prev_close = if qi > 0 {
                        self.quotes[qi - 1].close_end
                    } else {
                        0
                    };
                    let from = (a..to)
                        .find(|&k| self.toks[k].s >= prev_close)
                        .unwrap_or(to);
                    speaker = self.speech_verb_speaker(si, from, to);
                }
            }
            self.quotes[qi].speaker = speaker;
        }
        // Inherit within a paragraph (both directions), then across paragraphs.
        for qi in 0..self.quotes.len() {
            if self.quotes[qi].speaker.is_some() {
                continue;
            }
            let para = self.quotes[qi].para;
            let prev = (0..qi)
                .rev()
                .take_while(|&k| self.quotes[k].para == para)
                .find_map(|k| self.quotes[k].speaker.clone());
            let next = || {
                (qi + 1..self.quotes.len())
                    .take_while(|&k| self.quotes[k].para == para)
                    .find_map(|k| self.quotes[k].speaker.clone())
            };
            let carried = || {
                // The previous paragraph ended inside, or with, an attributed quote.
                let starts_para = self
                    .sents
                    .iter()
                    .find(|s| s.para == para)
                    .is_some_and(|s| src[s.s..self.quotes[qi].open].trim().is_empty());
                if !starts_para || qi == 0 {
                    return None;
                }
                let p = &self.quotes[qi - 1];
                (p.para + 1 == para && (!p.terminated || p.speaker.is_some()))
                    .then(|| p.speaker.clone())
                    .flatten()
            };
            let s = prev.or_else(next).or_else(carried);
            self.quotes[qi].speaker = s;
        }
    }

    /// "according to X": X, without a leading article.
    fn according_to(&self, a: usize, b: usize) -> Option<String> {
        let src = self.text;
        let mut buf = [0u8; 24];
        for k in a..b.saturating_sub(2) {
            if self.toks[k].e - self.toks[k].s == 9
                && self.toks[k].text(src).eq_ignore_ascii_case("according")
                && self.toks[k + 1].text(src).eq_ignore_ascii_case("to")
            {
                let mut s = k + 2;
                while s < b
                    && matches!(word_lower(src, &self.toks[s], &mut buf), "the" | "a" | "an")
                {
                    s += 1;
                }
                let mut e = s;
                while e < b && self.toks[e].kind != TokKind::Punct && e < s + 6 {
                    e += 1;
                }
                if e > s {
                    return Some(src[self.toks[s].s..self.toks[e - 1].e].to_string());
                }
            }
        }
        None
    }
}

fn is_speaker_noun(w: &str) -> bool {
    matches!(
        w,
        "officials"
            | "official"
            | "sources"
            | "source"
            | "police"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "authorities"
            | "ministry"
            | "government"
            | "witnesses"
            | "analysts"
            | "experts"
            | "residents"
            | "minister"
            | "statement"
            | "report"
            | "officers"
            | "military"
            | "army"
            | "prosecutors"
            | "investigators"
            | "diplomats"
            | "researchers"
            | "scientists"
            | "doctors"
            | "company"
            | "lawyer"
            | "lawyers"
            | "president"
            | "leader"
            | "observers"
            | "critics"
            | "aide"
            | "aides"
            | "survey"
            | "study"
            | "spokesmen"
            | "agency"
            | "officer"
    )
}

/// Negation, hedging and condition of the tokens `[a, b)`.
fn modality(src: &str, toks: &[Tok], a: usize, b: usize) -> (bool, bool, Option<(usize, usize)>) {
    let mut negated = false;
    let mut hedged = false;
    let mut condition = None;
    let mut buf = [0u8; 24];
    let mut prev = "";
    for k in a..b {
        let t = &toks[k];
        if !t.is_word() {
            prev = "";
            continue;
        }
        let raw = t.text(src);
        // Only the few words the checks below spell out need lower-casing.
        let w = if t.is(lexicon::modality_word::FLAG) {
            lower(raw, &mut buf).unwrap_or("")
        } else {
            ""
        };
        if t.is(lexicon::negator::FLAG) || raw.ends_with("n't") || raw.ends_with("n’t") {
            negated = true;
        }
        // "May" capitalised mid-sentence is the month.
        if t.is(lexicon::hedge_word::FLAG) && !(w == "may" && raw != "may" && k > a) {
            hedged = true;
        }
        if condition.is_none() {
            let marker_end = match w {
                "unless" => Some(k + 1),
                "provided" | "providing"
                    if toks.get(k + 1).is_some_and(|n| n.text(src) == "that") =>
                {
                    Some(k + 2)
                }
                "condition" if toks.get(k + 1).is_some_and(|n| n.text(src) == "that") => {
                    Some(k + 2)
                }
                "long" if prev == "as" && toks.get(k + 1).is_some_and(|n| n.text(src) == "as") => {
                    Some(k + 2)
                }
                "if" if !matches!(
                    prev,
                    "as" | "even" | "asked" | "see" | "know" | "wonder" | "unclear" | "whether"
                ) =>
                {
                    Some(k + 1)
                }
                _ => None,
            };
            if let Some(m) = marker_end {
                let mut e = m;
                while e < b
                    && !(toks[e].kind == TokKind::Punct
                        && matches!(
                            toks[e].text(src),
                            "," | ";" | "." | "—" | "–" | "?" | "!" | ":" | "”"
                        ))
                {
                    e += 1;
                }
                if e > m {
                    condition = Some((toks[m].s, toks[e - 1].e));
                }
            }
        }
        prev = match w {
            "as" => "as",
            "even" => "even",
            "asked" => "asked",
            "see" => "see",
            "know" => "know",
            "wonder" => "wonder",
            "unclear" => "unclear",
            "whether" => "whether",
            _ => "",
        };
    }
    (negated, hedged, condition)
}

/// Clause ranges of a claim sentence: split at ';' outside quotes when both sides are long
/// enough to assert something on their own.
fn clauses(
    src: &str,
    toks: &[Tok],
    a: usize,
    b: usize,
    quotes: &[Quote],
    split: bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = a;
    if split {
        for k in a..b {
            if toks[k].is_punct(src, ';')
                && !quotes.iter().any(|q| q.s <= toks[k].s && toks[k].s < q.e)
            {
                let left = toks[start..k].iter().filter(|t| t.is_word()).count();
                let right = toks[k + 1..b].iter().filter(|t| t.is_word()).count();
                if left >= 6 && right >= 6 {
                    out.push((start, k + 1));
                    start = k + 1;
                }
            }
        }
    }
    out.push((start, b));
    out
}

/// Analyse `text`: sentences and claims.
pub(crate) fn analyze_text(text: &str) -> (Vec<Sentence>, Vec<Claim>) {
    build(text, segment::segment(text)).finish()
}

/// The sentences of `text` as (start byte, end byte, kind), without the claim analysis: the
/// segmenter alone, for tools that only need sentence boundaries.
pub fn analyze_text_sentences(text: &str) -> Vec<(usize, usize, SentenceKind)> {
    segment::segment(text)
        .into_iter()
        .map(|r| (r.s, r.e, r.kind))
        .collect()
}

/// One claim covering the whole of `text` (trimmed), whatever its punctuation: the unit of
/// sentence-pair benchmarks, where each side is one sentence analysed on its own.
pub fn analyze_sentence(text: &str) -> Claim {
    let t = text.trim();
    let s = text.len() - text.trim_start().len();
    let sent = RawSentence {
        s,
        e: s + t.len(),
        kind: SentenceKind::Claim,
        para: 0,
    };
    let ctx = build(text, vec![sent]);
    let (a, b) = ctx.sent_toks[0];
    ctx.claim(0, 0, a, b, sent.s, sent.e, false)
}

fn build(text: &str, sents: Vec<RawSentence>) -> Ctx<'_> {
    let mut ctx = Ctx {
        text,
        ci: CharIndex::new(text),
        toks: Vec::with_capacity(text.len() / 5),
        sent_toks: Vec::with_capacity(sents.len()),
        quotes: Vec::new(),
        mentions: Vec::new(),
        sent_mentions: Vec::new(),
        people: HashMap::new(),
        person_trail: Vec::new(),
        sents,
    };
    for s in &ctx.sents {
        let a = ctx.toks.len();
        if s.kind != SentenceKind::Boilerplate {
            tokenize(text, s.s, s.e, &mut ctx.toks);
        }
        ctx.sent_toks.push((a, ctx.toks.len()));
    }
    ctx.quotes = find_quotes(text, &ctx.sents);
    // Entities: body first, then headlines with the names the body introduced.
    let mut order: Vec<usize> = (0..ctx.sents.len())
        .filter(|&i| ctx.sents[i].kind != SentenceKind::Headline)
        .collect();
    order.extend((0..ctx.sents.len()).filter(|&i| ctx.sents[i].kind == SentenceKind::Headline));
    let mut sent_mentions = vec![(0, 0); ctx.sents.len()];
    for &si in &order {
        let strict = ctx.sents[si].kind == SentenceKind::Headline
            && segment_title_case(&text[ctx.sents[si].s..ctx.sents[si].e]);
        ctx.entities(si, strict);
        sent_mentions[si] = ctx.sent_mentions.pop().unwrap_or((0, 0));
    }
    ctx.sent_mentions = sent_mentions;
    ctx.attribute_quotes();
    ctx
}

impl Ctx<'_> {
    fn finish(self) -> (Vec<Sentence>, Vec<Claim>) {
        let ctx = self;
        let text = ctx.text;
        let content = ctx
            .sents
            .iter()
            .filter(|s| s.kind != SentenceKind::Boilerplate)
            .count();
        let mut sentences = Vec::with_capacity(ctx.sents.len());
        let mut claims = Vec::new();
        for (si, s) in ctx.sents.iter().enumerate() {
            sentences.push(Sentence {
                index: si,
                kind: s.kind,
                span: ctx.ci.span(s.s, s.e),
                byte_span: Span {
                    start: s.s,
                    end: s.e,
                },
                text: text[s.s..s.e].to_string(),
            });
            if !matches!(s.kind, SentenceKind::Claim | SentenceKind::Headline) {
                continue;
            }
            let (a, b) = ctx.sent_toks[si];
            if a == b {
                continue;
            }
            for (ca, cb) in clauses(text, &ctx.toks, a, b, &ctx.quotes, content > 1) {
                // The claim spans its sentence when it is the whole sentence (keeps final quotes).
                let (bs, be) = if ca == a && cb == b {
                    (s.s, s.e)
                } else {
                    (ctx.toks[ca].s, ctx.toks[cb - 1].e)
                };
                claims.push(ctx.claim(
                    si,
                    claims.len(),
                    ca,
                    cb,
                    bs,
                    be,
                    s.kind == SentenceKind::Headline,
                ));
            }
        }
        (sentences, claims)
    }
}

fn segment_title_case(t: &str) -> bool {
    let mut long = 0;
    let mut caps = 0;
    for w in t.split_whitespace() {
        let Some(c) = w.chars().next() else { continue };
        if w.len() <= 3 && c.is_lowercase() {
            continue;
        }
        long += 1;
        if c.is_uppercase() || c.is_numeric() {
            caps += 1;
        }
    }
    long >= 3 && caps * 10 >= long * 7
}

impl Ctx<'_> {
    #[allow(clippy::too_many_arguments)]
    fn claim(
        &self,
        si: usize,
        index: usize,
        a: usize,
        b: usize,
        bs: usize,
        be: usize,
        headline: bool,
    ) -> Claim {
        let src = self.text;
        let claim_text = &src[bs..be];
        // Quotes inside the claim, with their share of its characters.
        let mut quoted = 0usize;
        let mut quote_speaker = None;
        let first = self.quotes.partition_point(|q| q.e <= bs);
        for q in self.quotes[first..].iter().take_while(|q| q.s < be) {
            let (s, e) = (q.s.max(bs), q.e.min(be));
            if s < e && q.words >= 3 {
                quoted += e - s;
                if quote_speaker.is_none() {
                    quote_speaker = q.speaker.clone();
                }
            }
        }
        // A claim is a quotation when quoted words make most of it, or when it carries an
        // attributed quote of its own ("“I am not happy …,” Trump posted on his platform").
        let quote =
            quoted * 2 >= claim_text.len().max(1) || (quoted > 0 && quote_speaker.is_some());
        let speaker = quote_speaker
            .or_else(|| self.speech_verb_speaker(si, a, b))
            .or_else(|| self.according_to(a, b));
        let (negated, hedged, condition) = modality(src, &self.toks, a, b);
        let (m0, m1) = self.sent_mentions[si];
        let entities = self.mentions[m0..m1]
            .iter()
            .filter(|m| m.s >= bs && m.e <= be)
            .map(|m| Entity {
                name: src[m.s..m.e].to_string(),
                kind: m.kind,
                span: self.ci.span(m.s, m.e),
            })
            .collect();
        Claim {
            index,
            sentence: si,
            span: self.ci.span(bs, be),
            byte_span: Span { start: bs, end: be },
            text: claim_text.to_string(),
            folded: fold(claim_text),
            speaker,
            quote,
            headline,
            hedged,
            negated,
            condition: condition.map(|(s, e)| src[s..e].to_string()),
            entities,
            quantities: quantity::quantities(src, &self.toks, a, b, &self.ci),
            times: quantity::times(src, &self.toks, a, b, &self.ci),
        }
    }
}
