//! From sentences to claims: entities, direct quotes and their speakers, indirect speech,
//! quantities, times, negation, hedging and conditions.
//!
//! The article is read in order, sentence by sentence, so that "he said" resolves to the person
//! named last before it and a bare surname to the full name introduced earlier. Headlines are
//! read last, once the body has introduced the names they use ("Putin Ready To Negotiate").
use std::cell::RefCell;

use rustc_hash::FxHashMap;

use crate::article::{Claim, Entity, EntityKind, Sentence, SentenceKind, Span};
use crate::lexicon::{self, lower, SpeechForm};
use crate::quantity;
use crate::scratch;
use crate::segment::{self, RawSentence};
use crate::text::{count_words, fold, tokenize, CharIndex, Tok, TokKind, NEG_CONTRACTION};

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
    /// The speaker was named by the quote's own sentence, not inherited from a quote nearby.
    own_speaker: bool,
    terminated: bool,
}

/// An entity mention found in a sentence.
#[derive(Clone, Debug)]
struct Mention<'t> {
    s: usize,
    e: usize,
    kind: EntityKind,
    /// Full name for people ("Sergey Lavrov" for a later "Lavrov"), else the name as written.
    full: &'t str,
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
    mentions: Vec<Mention<'t>>,
    /// Mentions range of each sentence.
    sent_mentions: Vec<(usize, usize)>,
    /// Surname (and full name) → full name of people met so far.
    people: FxHashMap<&'t str, &'t str>,
    /// People named outside quotes, in text order: (byte offset, full name).
    person_trail: Vec<(usize, &'t str)>,
    /// Whether each `person_trail` mention stands where a subject does: at the start of its
    /// sentence or clause, after a title, or after "said" ("said Bloomberg"), not after a verb,
    /// a preposition or a possessive ("told MSNBC's Joy Reid", "argued that Trump").
    trail_subject: Vec<bool>,
    /// First token of the sentence whose entities are being found.
    cur_sent_start: usize,
    /// Title word (lower case) → the person it was last written before: "president" →
    /// "Vladimir Putin" after "Russia's president Vladimir Putin", so that "the president
    /// said" names him.
    titled_people: Vec<(&'t str, &'t str)>,
    /// Full name → gender shown by a title or a gendered noun before a mention ("Mrs.
    /// Clinton", "spokeswoman Lis Smith"): [`MALE`] or [`FEMALE`].
    genders: FxHashMap<&'t str, u8>,
}

fn word_lower<'b>(src: &'b str, t: &Tok, buf: &'b mut [u8; 24]) -> &'b str {
    lower(t.text(src), buf).unwrap_or("")
}

/// An all-capitals word that the gazetteer knows in title case ("KYIV" → Kyiv).
fn caps_place(w: &str) -> Option<EntityKind> {
    let mut title = String::with_capacity(w.len());
    for (n, c) in w.chars().enumerate() {
        if n == 0 {
            title.push(c);
        } else {
            title.extend(c.to_lowercase());
        }
    }
    lexicon::gazetteer(&title)
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
        // Only '"', '“', '”', '«' and '»' matter: jump between their first bytes (SIMD).
        let bytes = &text.as_bytes()[..pe];
        let mut from = ps;
        while let Some(p) = memchr::memchr3(b'"', 0xE2, 0xC2, &bytes[from..]) {
            let at = from + p;
            let c = text[at..].chars().next().unwrap_or(' ');
            from = at + c.len_utf8();
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
                    words: count_words(&text[s..at]),
                    speaker: None,
                    own_speaker: false,
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
                words: count_words(&text[s..pe]),
                speaker: None,
                own_speaker: false,
                terminated: false,
            });
        }
        i = j + 1;
    }
    out
}

const MALE: u8 = 1;
const FEMALE: u8 = 2;

impl<'t> Ctx<'t> {
    fn in_quote(&self, pos: usize) -> bool {
        // Quotes are sorted and disjoint.
        let i = self.quotes.partition_point(|q| q.e <= pos);
        self.quotes.get(i).is_some_and(|q| q.s <= pos)
    }

    fn last_person_before(&self, pos: usize) -> Option<String> {
        let i = self.person_trail.partition_point(|(p, _)| *p < pos);
        i.checked_sub(1).map(|i| self.person_trail[i].1.to_string())
    }

    /// The person a "he" or "she" at `pos` refers to: the last one named before it whose
    /// gender, where a title showed it, agrees (a few names back at most); else the last one.
    fn person_for_pronoun(&self, pos: usize, pronoun: &str) -> Option<String> {
        let want = if pronoun.eq_ignore_ascii_case("she") {
            FEMALE
        } else {
            MALE
        };
        let i = self.person_trail.partition_point(|(p, _)| *p < pos);
        // The latest person of the right gender (where a title showed it) in a subject's
        // place; else the latest of the right gender; else the latest named.
        let mut fallback = None;
        for k in (i.saturating_sub(6)..i).rev() {
            let name = self.person_trail[k].1;
            let agrees = self.genders.get(name).is_none_or(|&g| g == want);
            if !agrees {
                continue;
            }
            if self.trail_subject[k] || self.genders.get(name) == Some(&want) {
                return Some(name.to_string());
            }
            fallback.get_or_insert(name);
        }
        fallback
            .map(str::to_string)
            .or_else(|| self.last_person_before(pos))
    }

    /// Entity mentions of sentence `si`. In `strict` mode (headlines, Title Case) only names
    /// already known from the body, the gazetteer or acronyms count.
    fn entities(&mut self, si: usize, strict: bool) {
        let (a, b) = self.sent_toks[si];
        self.cur_sent_start = a;
        let src = self.text;
        let first = self.mentions.len();
        let mut i = a;
        while i < b {
            let t = self.toks[i];
            // "I" is a pronoun, capitalised or not.
            let starts = t.is_cap(src) && t.text(src) != "I";
            // "Vladimir, STOP!": capitals for shouting, not an acronym.
            let shout = starts
                && self.toks.get(i + 1).is_some_and(|n| n.is_punct(src, '!'))
                && is_acronym(t.text(src));
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
                    if n.is_cap(src) && !n.is(lexicon::calendar_word::FLAG) {
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
        while i < j && initial(i, &self.toks) && self.toks[i].is(lexicon::sentence_starter::FLAG) {
            i += 1;
        }
        if i >= j {
            return;
        }
        let (first_tok, last_tok) = (self.toks[i], self.toks[j - 1]);
        let n_words = j - i;
        let whole = &src[self.toks[i].s..self.toks[j - 1].e];
        if first_tok.is(lexicon::calendar_word::FLAG) && n_words == 1 {
            return;
        }
        if let Some(kind) = lexicon::gazetteer(whole) {
            self.push_mention(i, j, kind);
            return;
        }
        if n_words >= 2
            && last_tok.is(lexicon::org_suffix::FLAG)
            && !first_tok.is(lexicon::title_word::FLAG)
        {
            self.push_mention(i, j, EntityKind::Organization);
            return;
        }
        // Segments between titles: "U.S." | President | "Donald Trump".
        let mut seg = i;
        let mut titled = false;
        let mut k = i;
        while k < j {
            let tok = self.toks[k];
            let w = tok.text(src);
            let demonym = tok.is(lexicon::demonym::FLAG);
            let is_title = tok.is(lexicon::title_word::FLAG)
                || (demonym && k + 1 < j)
                || (seg == k && matches!(w, "of" | "the"));
            if is_title
                && !(seg < k
                    && lexicon::gazetteer(&src[self.toks[seg].s..self.toks[k].e]).is_some())
            {
                if seg < k {
                    self.name(seg, k, false, sent_start);
                }
                titled = titled || !demonym;
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
        if j - i == 1 && self.toks[i].hyphenated {
            if let Some(p) = first.rfind('-') {
                if first[p + 1..].starts_with(char::is_lowercase) {
                    first = &first[..p];
                    cut = Some(self.toks[i].s + p);
                }
            }
        }
        let whole = &src[self.toks[i].s..cut.unwrap_or(self.toks[j - 1].e)];
        // The token classes, unless the word was cut ("Trump-led" → "Trump").
        let first_cls = if cut.is_some() {
            lexicon::class_of(first)
        } else {
            self.toks[i].cls
        };
        let last_cls = if cut.is_some() {
            first_cls
        } else {
            self.toks[j - 1].cls
        };
        if j - i == 1 && first_cls & (lexicon::demonym::FLAG | lexicon::calendar_word::FLAG) != 0 {
            return;
        }
        let kind = if let Some(k) = lexicon::gazetteer(whole) {
            k
        } else if let Some(k) = (j - i == 1
            && cut.is_none()
            && first.len() > 3
            && first
                .chars()
                .all(|c| c.is_uppercase() || !c.is_alphabetic()))
        .then(|| caps_place(first))
        .flatten()
        {
            // Datelines: "KYIV, Ukraine (AP)", "WASHINGTON (Reuters)".
            k
        } else if last_cls & lexicon::org_suffix::FLAG != 0 && j - i > 1 {
            EntityKind::Organization
        } else if last_cls & lexicon::place_suffix::FLAG != 0 && j - i > 1 {
            EntityKind::Place
        } else if j - i >= 2 && first.eq_ignore_ascii_case("the") {
            // "The Hill", "The Enquirer": a title that opens with an article is no person's name.
            EntityKind::Organization
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
            let speech = |t: &Tok| lexicon::speech_form(t.cls).is_some();
            let speaks = self.toks.get(j).is_some_and(speech)
                || (self
                    .toks
                    .get(j)
                    .is_some_and(|t| t.is(lexicon::subject_gap::FLAG))
                    && self.toks.get(j + 1).is_some_and(speech));
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
                self.people.entry(last).or_insert(name);
                self.people.entry(name).or_insert(name);
                name
            } else {
                *self.people.entry(name).or_insert(name)
            }
        } else {
            name
        };
        if kind == EntityKind::Person && !in_quote {
            self.person_trail.push((s, full));
            let subject = self.subject_position(i);
            self.trail_subject.push(subject);
            // The title words right before the name: "Russia's president Vladimir Putin".
            let mut k = i;
            while k > self.cur_sent_start && self.toks[k - 1].is(lexicon::title_word::FLAG) {
                k -= 1;
                let title = self.toks[k].text(src).trim_end_matches('.');
                match self
                    .titled_people
                    .iter_mut()
                    .find(|(t, _)| t.eq_ignore_ascii_case(title))
                {
                    Some(entry) => entry.1 = full,
                    None => self.titled_people.push((title, full)),
                }
            }
            if let Some(g) = self.gender_before(i) {
                self.genders.entry(full).or_insert(g);
            }
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

    /// Whether a name starting at token `i` stands where a subject does (see `trail_subject`).
    fn subject_position(&self, i: usize) -> bool {
        let src = self.text;
        let mut k = i;
        // Titles and their periods before the name: "Sen. Ted Cruz", "Gov. Perry".
        while k > self.cur_sent_start {
            let p = self.toks[k - 1];
            if p.is(lexicon::title_word::FLAG) || p.is_punct(src, '.') {
                k -= 1;
            } else {
                break;
            }
        }
        if k <= self.cur_sent_start {
            return true;
        }
        let p = self.toks[k - 1];
        if p.possessive {
            return false;
        }
        if p.kind == TokKind::Punct {
            return true;
        }
        let mut buf = [0u8; 24];
        matches!(
            word_lower(src, &p, &mut buf),
            "said" | "says" | "and" | "but" | "added" | "asked" | "wrote" | "which" | "when"
        ) || p.is_cap(src)
    }

    /// The gender a title or gendered noun just before token `i` shows ("Mr.", "Mrs.",
    /// "spokeswoman").
    fn gender_before(&self, i: usize) -> Option<u8> {
        let src = self.text;
        let mut k = i.checked_sub(1)?;
        if self.toks[k].is_punct(src, '.') {
            k = k.checked_sub(1)?;
        }
        // Only titles show it ("Mr.", "Mrs.", "spokeswoman"): other words are not looked up.
        if !self.toks[k].is(lexicon::title_word::FLAG) {
            return None;
        }
        let mut buf = [0u8; 24];
        match word_lower(src, &self.toks[k], &mut buf).trim_end_matches('.') {
            "mr" | "sir" | "king" | "prince" | "congressman" | "spokesman" | "chairman"
            | "father" | "lord" => Some(MALE),
            "mrs" | "ms" | "miss" | "queen" | "princess" | "congresswoman" | "spokeswoman"
            | "chairwoman" | "lady" | "dame" => Some(FEMALE),
            _ => None,
        }
    }

    fn mention_ending_at(&self, si: usize, tok: usize) -> Option<&Mention<'t>> {
        // A sentence's mentions are in token order and disjoint.
        let (m0, m1) = self.sent_mentions[si];
        let ms = &self.mentions[m0..m1];
        let i = ms.partition_point(|m| m.t0 <= tok);
        i.checked_sub(1).map(|i| &ms[i]).filter(|m| tok < m.t1)
    }

    /// The first token of `[a, b)` that starts at or after byte `pos` (`b` when none).
    fn first_tok_from(&self, a: usize, b: usize, pos: usize) -> usize {
        a + self.toks[a..b].partition_point(|t| t.s < pos)
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
                // An appositive: "Rutte, speaking from Washington, insisted"; with commas inside
                // it ("Mr Johnson, MP for Henley, Oxfordshire, said") prefer the person.
                let mut m = k;
                let mut chosen = None;
                let mut hops = 0;
                while m > a + 1 && hops < 4 {
                    m -= 1;
                    let tm = self.toks[m];
                    if tm.kind == TokKind::Punct && matches!(tm.text(src), "”" | "\"") {
                        break;
                    }
                    if tm.is_punct(src, ',') {
                        hops += 1;
                        chosen = chosen.or(Some(m));
                        if self
                            .mention_ending_at(si, m - 1)
                            .is_some_and(|x| x.kind == EntityKind::Person)
                        {
                            chosen = Some(m);
                            break;
                        }
                    }
                }
                match chosen {
                    Some(m) => {
                        commas += 1;
                        k = m;
                        continue;
                    }
                    None => return None,
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
                    return Some(m.full.to_string());
                }
            }
            if t.is(lexicon::pronoun_person::FLAG) {
                return self.person_for_pronoun(t.s, t.text(src));
            }
            if t.is_word() && (!t.is_cap(src) || is_speaker_noun(word_lower(src, &t, &mut buf))) {
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
                        // "Netanyahu's office": a possessive name determines the noun.
                        determiner |= p.possessive;
                        s -= 1;
                    } else {
                        break;
                    }
                }
                if known || (determiner && agentive(word_lower(src, &t, &mut buf))) {
                    // "the president said", "Russia's president said": the person last written
                    // with that title.
                    if t.is(lexicon::title_word::FLAG) && k > a && (s == k || s + 1 == k) {
                        let mut b2 = [0u8; 24];
                        let before = &self.toks[k - 1];
                        if (s == k && word_lower(src, before, &mut b2) == "the")
                            || (s + 1 == k && before.possessive)
                        {
                            let title = word_lower(src, &t, &mut buf);
                            if let Some((_, who)) = self
                                .titled_people
                                .iter()
                                .find(|(w, _)| w.eq_ignore_ascii_case(title))
                            {
                                return Some(who.to_string());
                            }
                        }
                    }
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
            .take_while(|m| m.t1 <= v)
            .take(12)
            .find(|m| {
                m.t1 <= v
                    && !m.in_quote
                    && matches!(m.kind, EntityKind::Person | EntityKind::Organization)
            })
            .map(|m| m.full.to_string())
            .or_else(|| {
                let (a, _) = self.sent_toks[si];
                let t = self.toks.get(a)?;
                lexicon::pronoun_person(t.text(self.text))
                    .then(|| self.person_for_pronoun(t.s, t.text(self.text)))
                    .flatten()
            })
    }

    fn sentence_of(&self, pos: usize) -> Option<usize> {
        let i = self.sents.partition_point(|s| s.e <= pos);
        (i < self.sents.len() && self.sents[i].s <= pos).then_some(i)
    }

    /// Speaker named in sentence `si` by a speech verb among tokens `[from, to)` outside quotes.
    /// `quoted`: next to a quotation, where the verbs of [`lexicon::quote_verb`] report words.
    fn speech_verb_speaker(
        &self,
        si: usize,
        from: usize,
        to: usize,
        quoted: bool,
    ) -> Option<String> {
        let src = self.text;
        for k in from..to {
            let t = self.toks[k];
            // The class bit first: most tokens are no speech verb, and the quote test is a search.
            let form = if quoted {
                lexicon::quote_speech_form(t.cls, t.text(src))
            } else {
                lexicon::speech_form(t.cls)
            };
            if form.is_none() || !t.is_word() || t.is_cap(src) || self.in_quote(t.s) {
                continue;
            }
            // "Rosneft agreed to pay": an agreement to act, not speech.
            if self.toks.get(k + 1).is_some_and(|n| n.text(src) == "to")
                && matches!(
                    t.text(src),
                    "agreed" | "agrees" | "agree" | "signaled" | "signalled"
                )
            {
                continue;
            }
            match form {
                Some(SpeechForm::Finite) => {
                    if let Some(s) = self.subject_of(si, k) {
                        return Some(s);
                    }
                    // Inverted: "said Lavrov", "said Russian Foreign Minister Sergey Lavrov".
                    let (m0, m1) = self.sent_mentions[si];
                    let ms = &self.mentions[m0..m1];
                    let after = ms.partition_point(|m| m.t0 <= k);
                    if let Some(m) = ms[after..]
                        .iter()
                        .take_while(|m| m.t0 <= k + 5)
                        .find(|m| m.kind == EntityKind::Person)
                    {
                        return Some(m.full.to_string());
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
                let from = self.first_tok_from(a, b, q.close_end);
                let next_open = self.quotes.get(qi + 1).map_or(usize::MAX, |n| n.open);
                let limit = b.min(from + 10);
                let to = (from..limit)
                    .find(|&k| self.toks[k].s >= next_open || self.toks[k].is_punct(src, '.'))
                    .unwrap_or(limit);
                if from < to {
                    speaker = self.speech_verb_speaker(si, from, to, true);
                }
            }
            // Before: a speech verb earlier in the sentence that opens the quote.
            if speaker.is_none() {
                if let Some(si) = self.sentence_of(q.open) {
                    let (a, b) = self.sent_toks[si];
                    let to = self.first_tok_from(a, b, q.open);
                    let prev_close = if qi > 0 {
                        self.quotes[qi - 1].close_end
                    } else {
                        0
                    };
                    // The attribution is near the quote: at most 40 tokens before it.
                    let from = self
                        .first_tok_from(a, to, prev_close)
                        .max(to.saturating_sub(40));
                    speaker = self.speech_verb_speaker(si, from, to, true);
                }
            }
            self.quotes[qi].own_speaker = speaker.is_some();
            self.quotes[qi].speaker = speaker;
        }
        // Inherit within a paragraph (the attributed quote before, else the one after), then
        // across paragraphs. Linear: the nearest attributed quote after each one is precomputed.
        let n = self.quotes.len();
        let mut next_attributed: Vec<Option<String>> = vec![None; n];
        for qi in (0..n.saturating_sub(1)).rev() {
            if self.quotes[qi + 1].para == self.quotes[qi].para {
                next_attributed[qi] = self.quotes[qi + 1]
                    .speaker
                    .clone()
                    .or_else(|| next_attributed[qi + 1].clone());
            }
        }
        for qi in 0..n {
            if self.quotes[qi].speaker.is_some() {
                continue;
            }
            let para = self.quotes[qi].para;
            let prev = (qi > 0 && self.quotes[qi - 1].para == para)
                .then(|| self.quotes[qi - 1].speaker.clone())
                .flatten();
            let carried = || {
                // The previous paragraph ended inside, or with, an attributed quote.
                let first = self.sents.partition_point(|s| s.para < para);
                let starts_para = self.sents.get(first).is_some_and(|s| {
                    s.para == para
                        && s.s <= self.quotes[qi].open
                        && src[s.s..self.quotes[qi].open].trim().is_empty()
                });
                if !starts_para || qi == 0 {
                    return None;
                }
                let p = &self.quotes[qi - 1];
                (p.para + 1 == para && (!p.terminated || p.speaker.is_some()))
                    .then(|| p.speaker.clone())
                    .flatten()
            };
            let s = prev
                .or_else(|| next_attributed[qi].clone())
                .or_else(carried);
            self.quotes[qi].speaker = s;
        }
        // A quote left open at the end of a paragraph continues in the next one, which may
        // carry the attribution: “First part. / “Second part,” she said.
        for qi in (0..n.saturating_sub(1)).rev() {
            let (q, next) = (&self.quotes[qi], &self.quotes[qi + 1]);
            if q.speaker.is_none() && !q.terminated && next.para == q.para + 1 {
                let first = self.sents.partition_point(|s| s.para < next.para);
                let opens_para = self.sents.get(first).is_some_and(|s| {
                    s.para == next.para && s.s <= next.open && src[s.s..next.open].trim().is_empty()
                });
                if opens_para {
                    self.quotes[qi].speaker = next.speaker.clone();
                }
            }
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
                    && matches!(
                        word_lower(src, &self.toks[s], &mut buf),
                        "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our"
                    )
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

/// A noun that names someone who can speak: "editor", "economist", "spokesperson", "bank".
fn agentive(w: &str) -> bool {
    let w = w.strip_suffix('s').unwrap_or(w);
    is_speaker_noun(w)
        || [
            "er", "or", "ist", "ian", "ant", "ent", "ary", "ee", "person", "man", "woman",
        ]
        .iter()
        .any(|s| w.ends_with(s) && w.len() > s.len() + 2)
        || matches!(
            w,
            "bank"
                | "firm"
                | "group"
                | "union"
                | "court"
                | "council"
                | "board"
                | "team"
                | "office"
                | "department"
                | "committee"
                | "commission"
                | "administration"
                | "panel"
                | "ministry"
                | "agency"
                | "government"
                | "company"
                | "report"
                | "statement"
        )
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
    const MARKED: u64 =
        lexicon::modality_word::FLAG | lexicon::negator::FLAG | lexicon::hedge_word::FLAG;
    for k in a..b {
        let t = &toks[k];
        // Nearly every token is in none of the classes below and does not end in "n't" (a
        // word that does carries NEG_CONTRACTION from the tokenizer).
        if t.cls & (MARKED | NEG_CONTRACTION) == 0 {
            prev = "";
            continue;
        }
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
                // "as if", "even if", "asked if", "find out if": not conditions.
                "if" if prev.is_empty() => Some(k + 1),
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
            "even" | "asked" | "ask" | "see" | "know" | "wonder" | "unclear" | "whether"
            | "out" | "determine" | "decide" | "sure" | "clear" | "check" | "tell" => "x",
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
    out: &mut Vec<(usize, usize)>,
) {
    out.clear();
    let mut start = a;
    let words = |r: &[Tok]| r.iter().filter(|t| t.is_word()).count();
    if split {
        for k in a..b {
            // Only ';' and ',' can split (one test without a branch per token).
            let c = src.as_bytes()[toks[k].s];
            if !((toks[k].kind == TokKind::Punct) & ((c == b';') | (c == b','))) {
                continue;
            }
            // Quotes are sorted and disjoint: a binary search, not a scan per token.
            let at = toks[k].s;
            let qi = quotes.partition_point(|q| q.e <= at);
            if quotes.get(qi).is_some_and(|q| q.s <= at) {
                continue;
            }
            if toks[k].is_punct(src, ';') {
                if words(&toks[start..k]) >= 6 && words(&toks[k + 1..b]) >= 6 {
                    out.push((start, k + 1));
                    start = k + 1;
                }
            } else if toks[k].is_punct(src, ',')
                && k + 2 < b
                && second_assertion(src, &toks[k + 1..b])
            {
                // "…, but sources suggest …", "…, but emphasized that …": two assertions.
                if words(&toks[start..k]) >= 5 && words(&toks[k + 1..b]) >= 5 {
                    out.push((start, k));
                    start = k + 1;
                }
            }
        }
    }
    out.push((start, b));
}

/// The coordinating conjunctions a clause split can follow ("…, but emphasized that …"). A split
/// clause's claim starts after its conjunction, which belongs to neither assertion.
fn splitting_conjunction(lower_word: &str) -> bool {
    matches!(lower_word, "but" | "and" | "while")
}

/// After a comma: "but" opening a clause with its own subject ("but sources suggest …", "but
/// he said …") or a second speech verb of the same subject ("but emphasized that …", "and
/// added that …"). Not "but only …", "but not …", nor lists ("Kyiv, and Moscow").
fn second_assertion(src: &str, rest: &[Tok]) -> bool {
    let mut buf = [0u8; 24];
    let conj = word_lower(src, &rest[0], &mut buf);
    let Some(next) = rest.get(1) else {
        return false;
    };
    if splitting_conjunction(conj) && next.is(lexicon::speech_finite::FLAG) {
        return true;
    }
    if conj != "but" || !next.is_word() {
        return false;
    }
    let mut b2 = [0u8; 24];
    let w = word_lower(src, next, &mut b2);
    matches!(
        w,
        "he" | "she"
            | "they"
            | "it"
            | "we"
            | "i"
            | "there"
            | "the"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "sources"
            | "officials"
            | "analysts"
            | "experts"
            | "critics"
            | "police"
            | "others"
            | "many"
            | "most"
            | "some"
            | "this"
            | "that"
    ) || (next.is_cap(src) && !next.is(lexicon::sentence_starter::FLAG))
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

thread_local! {
    /// The token buffer, kept between articles of one thread: no allocation per article.
    static SCRATCH_TOKS: RefCell<Vec<Tok>> = const { RefCell::new(Vec::new()) };
}

impl Drop for Ctx<'_> {
    fn drop(&mut self) {
        let mut toks = std::mem::take(&mut self.toks);
        toks.clear();
        // Keep a modest buffer only: one huge article must not pin its memory.
        if toks.capacity() <= 1 << 20 {
            SCRATCH_TOKS.with(|t| *t.borrow_mut() = toks);
        }
        scratch::give(&scratch::SENTS, std::mem::take(&mut self.sents));
        scratch::give(&scratch::SENT_TOKS, std::mem::take(&mut self.sent_toks));
        scratch::give(
            &scratch::SENT_MENTIONS,
            std::mem::take(&mut self.sent_mentions),
        );
    }
}

fn build(text: &str, sents: Vec<RawSentence>) -> Ctx<'_> {
    let mut ctx = Ctx {
        text,
        ci: CharIndex::new(text),
        toks: SCRATCH_TOKS.with(|t| std::mem::take(&mut *t.borrow_mut())),
        sent_toks: scratch::take(&scratch::SENT_TOKS),
        quotes: Vec::new(),
        mentions: Vec::new(),
        sent_mentions: scratch::take(&scratch::MENTION_STACK),
        people: FxHashMap::with_capacity_and_hasher(16, Default::default()),
        person_trail: Vec::new(),
        trail_subject: Vec::new(),
        cur_sent_start: 0,
        titled_people: Vec::new(),
        genders: FxHashMap::default(),
        sents,
    };
    ctx.sent_toks.reserve(ctx.sents.len());
    ctx.sent_mentions.reserve(ctx.sents.len());
    for s in &ctx.sents {
        let a = ctx.toks.len();
        if !matches!(s.kind, SentenceKind::Boilerplate | SentenceKind::Byline) {
            tokenize(text, s.s, s.e, &mut ctx.toks);
        }
        ctx.sent_toks.push((a, ctx.toks.len()));
    }
    // About one name per dozen tokens.
    ctx.mentions.reserve(ctx.toks.len() / 12);
    // People: about one mention in three.
    ctx.person_trail.reserve(ctx.toks.len() / 36);
    ctx.trail_subject.reserve(ctx.toks.len() / 36);
    ctx.quotes = find_quotes(text, &ctx.sents);
    // Entities: body first, then headlines with the names the body introduced.
    let mut order = scratch::take(&scratch::ORDER);
    order.extend((0..ctx.sents.len()).filter(|&i| ctx.sents[i].kind != SentenceKind::Headline));
    order.extend((0..ctx.sents.len()).filter(|&i| ctx.sents[i].kind == SentenceKind::Headline));
    let mut sent_mentions = scratch::take(&scratch::SENT_MENTIONS);
    sent_mentions.resize(ctx.sents.len(), (0, 0));
    for &si in &order {
        let strict = ctx.sents[si].kind == SentenceKind::Headline
            && segment::title_case_words(&text[ctx.sents[si].s..ctx.sents[si].e], 3, false);
        ctx.entities(si, strict);
        sent_mentions[si] = ctx.sent_mentions.pop().unwrap_or((0, 0));
    }
    let stack = std::mem::replace(&mut ctx.sent_mentions, sent_mentions);
    scratch::give(&scratch::MENTION_STACK, stack);
    scratch::give(&scratch::ORDER, order);
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
        // One claim per claim or headline sentence, but for the rare split clauses.
        let mut claims = Vec::with_capacity(
            ctx.sents
                .iter()
                .filter(|s| matches!(s.kind, SentenceKind::Claim | SentenceKind::Headline))
                .count(),
        );
        let mut clause_ranges = scratch::take(&scratch::CLAUSES);
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
            let first_claim = claims.len();
            clauses(
                text,
                &ctx.toks,
                a,
                b,
                &ctx.quotes,
                content > 1,
                &mut clause_ranges,
            );
            for &(ca, cb) in &clause_ranges {
                // A split clause's claim starts after a leading conjunction: "…, but emphasized
                // that …" claims "emphasized that …".
                let mut conj_buf = [0u8; 24];
                let claim_start = if ca > a
                    && ca + 1 < cb
                    && ctx.toks[ca].is_word()
                    && splitting_conjunction(word_lower(text, &ctx.toks[ca], &mut conj_buf))
                {
                    ca + 1
                } else {
                    ca
                };
                // The claim spans its sentence when it is the whole sentence (keeps final quotes).
                let (bs, be) = if ca == a && cb == b {
                    (s.s, s.e)
                } else {
                    (ctx.toks[claim_start].s, ctx.toks[cb - 1].e)
                };
                let mut claim = ctx.claim(
                    si,
                    claims.len(),
                    claim_start,
                    cb,
                    bs,
                    be,
                    s.kind == SentenceKind::Headline,
                );
                // "…, but emphasized that …": the clause shares the speaker of the one before
                // (`ca` is the conjunction, `ca + 1` the verb).
                if claim.speaker.is_none()
                    && ca > a
                    && ctx
                        .toks
                        .get(ca + 1)
                        .is_some_and(|t| t.is(lexicon::speech_finite::FLAG))
                {
                    claim.speaker = claims[first_claim..]
                        .last()
                        .and_then(|c: &Claim| c.speaker.clone());
                }
                claims.push(claim);
            }
        }
        scratch::give(&scratch::CLAUSES, clause_ranges);
        (sentences, claims)
    }
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
        // A short quoted phrase ("whom he called a “dangerous demagogue”") is no quotation,
        // but the verb of its own sentence names who said it.
        let mut phrase_speaker = None;
        let first = self.quotes.partition_point(|q| q.e <= bs);
        for q in self.quotes[first..].iter().take_while(|q| q.s < be) {
            let (s, e) = (q.s.max(bs), q.e.min(be));
            if s < e && q.words >= 3 {
                quoted += e - s;
                if quote_speaker.is_none() {
                    quote_speaker = q.speaker.clone();
                }
            } else if s < e && q.own_speaker && phrase_speaker.is_none() {
                phrase_speaker = q.speaker.clone();
            }
        }
        // A claim is a quotation when quoted words make most of it, or when it carries an
        // attributed quote of its own ("“I am not happy …,” Trump posted on his platform").
        let quote =
            quoted * 2 >= claim_text.len().max(1) || (quoted > 0 && quote_speaker.is_some());
        // What the claim's tokens hold, in one pass: the scans below that can find nothing
        // (no speech verb, no number, no time word) are skipped.
        const NUMBER: u64 = 1 << 62;
        const HYPHEN: u64 = 1 << 63;
        let held = self.toks[a..b].iter().fold(0u64, |m, t| {
            m | t.cls
                | (NUMBER * u64::from(t.kind == TokKind::Number))
                | (HYPHEN * u64::from(t.hyphenated))
        });
        let speech = lexicon::speech_finite::FLAG | lexicon::speech_participle::FLAG;
        let speaker = quote_speaker
            .or(phrase_speaker)
            .or_else(|| {
                (held & speech != 0)
                    .then(|| self.speech_verb_speaker(si, a, b, false))
                    .flatten()
            })
            .or_else(|| self.according_to(a, b));
        let (negated, hedged, condition) = modality(src, &self.toks, a, b);
        let (m0, m1) = self.sent_mentions[si];
        // Sized up front: one allocation, never regrown.
        let inside = |m: &&Mention| m.s >= bs && m.e <= be;
        let mut entities = Vec::with_capacity(self.mentions[m0..m1].iter().filter(inside).count());
        entities.extend(self.mentions[m0..m1].iter().filter(inside).map(|m| Entity {
            name: src[m.s..m.e].to_string(),
            kind: m.kind,
            span: self.ci.span(m.s, m.e),
        }));
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
            // A quantity needs a number, a number word or a hyphenated word ("twenty-five").
            quantities: if held & (NUMBER | HYPHEN | lexicon::number_word_class::FLAG) != 0 {
                quantity::quantities(src, &self.toks, a, b, &self.ci)
            } else {
                Vec::new()
            },
            // A time expression needs a number or a calendar or period word.
            times: if held
                & (NUMBER
                    | lexicon::weekday::FLAG
                    | lexicon::month::FLAG
                    | lexicon::calendar_word::FLAG
                    | lexicon::period_noun::FLAG)
                != 0
            {
                quantity::times(src, &self.toks, a, b, &self.ci)
            } else {
                Vec::new()
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(text: &str) -> Vec<Claim> {
        analyze_text(text).1
    }

    #[test]
    fn speaker_table() {
        // (text, claim index, expected speaker)
        let table: &[(&str, usize, Option<&str>)] = &[
            ("\"We are ready,\" Lavrov said.", 0, Some("Lavrov")),
            // A verb that reports words only next to a quote (BASIL dev, issue 16).
            (
                "Michael Bloomberg also charged that Trump had \"left behind a well-documented record of bankruptcies.\"",
                0,
                Some("Michael Bloomberg"),
            ),
            ("Police charged Andreas Strahan with assault.", 0, None),
            // Issue 16: the company agreed to act; the president spoke.
            (
                "President Vladimir Putin met the board. Rosneft agreed to pay $9.4bn (£4.8bn) for the stake, and Russia's president said the deal was fair.",
                1,
                Some("Vladimir Putin"),
            ),
            // "the president" is the person last written with that title, not the company
            // the sentence is about (issue 16: "Rosneft").
            (
                "Rosneft will buy the refinery, Russia's president Vladimir Putin said. \"It is done,\" the president said.",
                1,
                Some("Vladimir Putin"),
            ),
            (
                "\"We will not sell,\" the company's spokeswoman said.",
                0,
                Some("company's spokeswoman"),
            ),
            (
                "Michael Bloomberg spoke. Bloomberg threw jabs at Trump, whom he called a \"dangerous demagogue.\"",
                1,
                Some("Michael Bloomberg"),
            ),
            // "he" goes to the person in a subject's place, not to one after "that" (BASIL).
            (
                "Michael Bloomberg criticized Democrats, but argued that Donald Trump was a bad businessman. \"I am a New Yorker,\" he said.",
                1,
                Some("Michael Bloomberg"),
            ),
            (
                "Nancy Pelosi said it was a free speech issue. \"I am not in the censorship business,\" she told MSNBC's Joy Reid. \"But I do not think it is any worse,\" she concluded.",
                2,
                Some("Nancy Pelosi"),
            ),
            // "she" skips a man the title showed: Mr. Weiner, then Mrs. Clinton.
            (
                "Mrs. Clinton met Mr. Weiner. \"It is over,\" she said.",
                1,
                Some("Clinton"),
            ),
            (
                "Mrs. Clinton met Mr. Weiner. \"It is over,\" he said.",
                1,
                Some("Weiner"),
            ),
            (
                "Lavrov said: \"We are ready to talk now.\"",
                0,
                Some("Lavrov"),
            ),
            (
                "\"We are ready,\" said Foreign Minister Sergey Lavrov.",
                0,
                Some("Sergey Lavrov"),
            ),
            (
                "Sergey Lavrov arrived in Ankara. \"We are ready,\" he said.",
                1,
                Some("Sergey Lavrov"),
            ),
            (
                "“It is over. We won,” Smith told reporters.",
                0,
                Some("Smith"),
            ),
            (
                "“It is over. We won,” Smith told reporters.",
                1,
                Some("Smith"),
            ),
            (
                "“It is over,” Smith said. “We will rebuild the town.”",
                1,
                Some("Smith"),
            ),
            (
                "Russia is ready to talk, according to the Kremlin.",
                0,
                Some("Kremlin"),
            ),
            ("Police said three people were hurt.", 0, Some("Police")),
            (
                "The minister, who spoke on Monday, said taxes would rise.",
                0,
                Some("minister"),
            ),
            (
                "Maria Lopez runs the shelter.\n“We ran out of beds on Monday. Families slept in the hall.\n“We need help now,” she said.",
                1,
                Some("Maria Lopez"),
            ),
            (
                "Jane Doe, a lawyer, stated that the deal was signed.",
                0,
                Some("Jane Doe"),
            ),
            (
                "Prime Minister Benjamin Netanyahu's office denied the report.",
                0,
                Some("Prime Minister Benjamin Netanyahu's office"),
            ),
            (
                "Neither the White House nor the Kremlin has confirmed the meeting.",
                0,
                None,
            ),
            ("The market rose sharply on Monday.", 0, None),
        ];
        for (text, i, want) in table {
            let c = claims(text);
            assert_eq!(c[*i].speaker.as_deref(), *want, "{text} (claim {i})");
        }
    }

    #[test]
    fn modality_table() {
        // (text, hedged, negated, condition)
        let table: &[(&str, bool, bool, Option<&str>)] = &[
            ("The talks may resume next week.", true, false, None),
            ("Officials reportedly met in secret.", true, false, None),
            ("It appears to be over.", true, false, None),
            ("Sources suggest a deal is close.", true, false, None),
            ("He did not attend the meeting.", false, true, None),
            ("He didn’t attend the meeting.", false, true, None),
            ("Neither side confirmed the talks.", false, true, None),
            ("The company denied the report.", false, true, None),
            ("In May, prices rose again.", false, false, None),
            ("They met on Monday.", false, false, None),
            (
                "Russia will talk only if the U.S. moves first.",
                false,
                false,
                Some("the U.S. moves first"),
            ),
            (
                "Russia will talk, but only on the condition that Kyiv withdraws.",
                false,
                false,
                Some("Kyiv withdraws"),
            ),
            (
                "Aid will flow provided that the ceasefire holds, officials said.",
                false,
                false,
                Some("the ceasefire holds"),
            ),
            ("He acted as if he owned the place.", false, false, None),
            (
                "The group waited to find out if it had won.",
                false,
                false,
                None,
            ),
            (
                "It left 9 million people without power.",
                false,
                false,
                None,
            ),
        ];
        for (text, hedged, negated, condition) in table {
            let c = &claims(text)[0];
            assert_eq!(
                (c.hedged, c.negated, c.condition.as_deref()),
                (*hedged, *negated, *condition),
                "{text}"
            );
        }
    }

    #[test]
    fn entity_table() {
        let table: &[(&str, &[(&str, EntityKind)])] = &[
            (
                "Russian Foreign Minister Sergey Lavrov met U.S. President Donald Trump.",
                &[
                    ("Sergey Lavrov", EntityKind::Person),
                    ("U.S.", EntityKind::Place),
                    ("Donald Trump", EntityKind::Person),
                ],
            ),
            (
                "NATO Secretary-General Mark Rutte spoke in Washington.",
                &[
                    ("NATO", EntityKind::Organization),
                    ("Mark Rutte", EntityKind::Person),
                    ("Washington", EntityKind::Place),
                ],
            ),
            (
                "The Kremlin and the White House said nothing.",
                &[
                    ("Kremlin", EntityKind::Organization),
                    ("White House", EntityKind::Organization),
                ],
            ),
            (
                "They met retired General Keith Kellogg on Fox News.",
                &[
                    ("Keith Kellogg", EntityKind::Person),
                    ("Fox News", EntityKind::Organization),
                ],
            ),
            ("Windows shattered in the blast.", &[]),
            // A name opened by an article is a publication, not a person.
            (
                "Hillary Clinton spoke to The Hill on Monday.",
                &[
                    ("Hillary Clinton", EntityKind::Person),
                    ("The Hill", EntityKind::Organization),
                ],
            ),
            // The dateline is a sentence of its own (issue 16): the claim starts after it.
            (
                "WASHINGTON (Reuters) - The Senate met in KYIV.",
                &[
                    ("Senate", EntityKind::Organization),
                    ("KYIV", EntityKind::Place),
                ],
            ),
            (
                "The Senate met in WASHINGTON, Reuters said.",
                &[
                    ("Senate", EntityKind::Organization),
                    ("WASHINGTON", EntityKind::Place),
                    ("Reuters", EntityKind::Organization),
                ],
            ),
        ];
        for (text, want) in table {
            let c = &claims(text)[0];
            let got: Vec<(&str, EntityKind)> = c
                .entities
                .iter()
                .map(|e| (e.name.as_str(), e.kind))
                .collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    #[test]
    fn clause_table() {
        // (text, clause texts) — a second sentence keeps the text from being a lone sentence.
        let table: &[(&str, &[&str])] = &[
            (
                "Neither side has confirmed the meeting schedule, but sources suggest talks are near. End.",
                &["Neither side has confirmed the meeting schedule", "sources suggest talks are near."],
            ),
            (
                "Lavrov stated that Russia is prepared to negotiate, but emphasized that Washington must move first. End.",
                &["Lavrov stated that Russia is prepared to negotiate", "emphasized that Washington must move first."],
            ),
            (
                "Kyiv said the strike hit a power plant, and added that 12 workers were hurt. End.",
                &["Kyiv said the strike hit a power plant", "added that 12 workers were hurt."],
            ),
            (
                "Officials in Kyiv reported damage to two bridges overnight; but the Russian ministry denied any strike on them. End.",
                &["Officials in Kyiv reported damage to two bridges overnight;", "the Russian ministry denied any strike on them."],
            ),
            (
                "Officials in Kyiv reported damage to two bridges overnight; the Russian ministry denied any strike on them. End.",
                &["Officials in Kyiv reported damage to two bridges overnight;", "the Russian ministry denied any strike on them."],
            ),
            (
                "Russia is willing to engage in talks, but only on the condition that the U.S. moves first. End.",
                &["Russia is willing to engage in talks, but only on the condition that the U.S. moves first."],
            ),
            ("Talks involve Russia, Ukraine, and the United States of America. End.", &["Talks involve Russia, Ukraine, and the United States of America."]),
        ];
        for (text, want) in table {
            let c = claims(text);
            let got: Vec<&str> = c
                .iter()
                .map(|c| c.text.as_str())
                .filter(|t| *t != "End.")
                .collect();
            assert_eq!(&got, want, "{text}");
        }
        let c = claims(table[1].0);
        assert_eq!(c[1].speaker.as_deref(), Some("Lavrov"));
        let c = claims(table[0].0);
        assert_eq!(
            (c[0].negated, c[0].hedged, c[1].negated, c[1].hedged),
            (true, false, false, true)
        );
    }

    #[test]
    fn split_clause_offsets_skip_the_conjunction() {
        // (text, second claim's text, its char span, its byte span): multi-byte characters
        // before the split make char and byte offsets differ.
        type Row<'a> = (&'a str, &'a str, (usize, usize), (usize, usize));
        let table: &[Row] = &[
            (
                "Zelenskyy’s office in Kyiv confirmed the talks, but emphasized that “nothing” is agreed. End.",
                "emphasized that “nothing” is agreed.",
                (52, 88),
                (54, 94),
            ),
            (
                "Lavrov stated that Russia is prepared to negotiate, but   emphasized that Washington must move first. End.",
                "emphasized that Washington must move first.",
                (58, 101),
                (58, 101),
            ),
        ];
        for (text, want, chars, bytes) in table {
            let c = claims(text);
            assert_eq!(c.len(), 3, "{text}");
            let second = &c[1];
            assert_eq!(second.text, *want, "{text}");
            assert_eq!((second.span.start, second.span.end), *chars, "{text}");
            assert_eq!(
                (second.byte_span.start, second.byte_span.end),
                *bytes,
                "{text}"
            );
            assert_eq!(&text[bytes.0..bytes.1], *want, "{text}");
            assert!(c[0].byte_span.end <= second.byte_span.start, "{text}");
        }
    }

    #[test]
    fn lone_sentence_is_one_claim() {
        let c = analyze_sentence("  Russia ready to negotiate with only Trump  ");
        assert_eq!(c.text, "Russia ready to negotiate with only Trump");
        assert_eq!((c.span.start, c.span.end), (2, 43));
        assert!(!c.headline);
        let c = analyze_sentence("He met U.S. officials. They agreed, officials said.");
        assert_eq!(
            c.text,
            "He met U.S. officials. They agreed, officials said."
        );
    }
}
