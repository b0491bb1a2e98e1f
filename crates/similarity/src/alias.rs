//! Entity alias resolution across the sources of one set.
//!
//! Sources spell one entity differently: transliteration ("Sergey" / "Sergei Lavrov"), a surname
//! alone once the person is introduced ("Lavrov"), titles ("Russian President Vladimir Putin"),
//! and government metonymy ("Moscow", "the Kremlin" for the Russian government). The resolver
//! groups the names of a set so that shared entities count across sources, and reports each
//! group ("Sergey Lavrov = Sergei Lavrov = Lavrov").
//!
//! Rules, in order:
//! 1. names are keyed after folding (case, diacritics, possessive, leading "the", titles);
//! 2. a fixed metonymy table maps a country, its capital and its seat of government to one key;
//! 3. full person names are compared by first and last name (a middle name or initial on one
//!    side ignored, two that share nothing tell names apart) and generational suffix ("Jr.", "III": must be equal). They merge when the surnames are
//!    one (or transliteration-equal, or close in spelling) and the given names are one or
//!    spelling variants ("Sergey" / "Sergei"); different given names are different people
//!    however close ("Carolyn" / "Caroline"). A short given name (an initial, a prefix: "Ben" /
//!    "Benjamin", a nickname: "Bibi") joins a full name only when it fits exactly one person;
//! 4. a lone surname joins a person only when exactly one person of the set bears it (with the
//!    same suffix), so two different people who share a surname ("Donald Trump", "Melania
//!    Trump") are never merged;
//! 5. names the gazetteer knows as places never merge by spelling distance ("Izmir" / "Izmit",
//!    "Iran" / "Iraq", "Austria" / "Australia"), only by equal words.
//!
//! The merges and non-merges taken from real sets are the table
//! `tests/data/similarity/alias_merges.tsv` (test `alias::tests::merges_from_real_sets`).
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use concord_parser::EntityKind;
use unicode_normalization::UnicodeNormalization;

use crate::types::AliasGroup;

/// Words that precede a name without being part of it. Kept short on purpose: the parser strips
/// titles already; this catches what reaches us anyway (speakers, headlines).
const TITLES: &[&str] = &[
    "president",
    "vice",
    "prime",
    "foreign",
    "defence",
    "defense",
    "interior",
    "finance",
    "minister",
    "secretary",
    "secretary-general",
    "attorney",
    "surgeon",
    "inspector",
    // Not "general": "General Motors", "General Electric".
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "adm",
    "retired",
    "former",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "mayor",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sir",
    "lord",
    "lady",
    "judge",
    "justice",
    "ambassador",
    "envoy",
    "special",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "deputy",
    "chief",
    "state",
    "top",
    "leader",
    "chairman",
    "chairwoman",
    "ceo",
    "director",
    "commander",
    "officer",
    "sheikh",
    "ayatollah",
];

/// Nationality adjectives that precede titles ("Russian President Vladimir Putin").
const NATIONALITIES: &[&str] = &[
    "u.s.",
    "us",
    "american",
    "russian",
    "ukrainian",
    "french",
    "british",
    "german",
    "chinese",
    "israeli",
    "iranian",
    "turkish",
    "indian",
    "japanese",
    "italian",
    "spanish",
    "polish",
    "canadian",
    "australian",
    "syrian",
    "iraqi",
    "saudi",
    "egyptian",
    "palestinian",
    "korean",
    "north",
    "south",
    "nato",
    "eu",
    "un",
    "european",
    "slovak",
    "hungarian",
    "dutch",
    "belgian",
];

/// Legal forms that close a company's name.
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "ltd",
    "limited",
    "plc",
    "llc",
    "ag",
    "nv",
];

/// Nouns for the people who speak for an institution: "Kremlin officials" speak for the Kremlin.
const COLLECTIVE: &[&str] = &[
    "officials",
    "official",
    "sources",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "diplomats",
    "aides",
];

/// Government metonymy: news refers to a government by its country, its capital or the seat of
/// its executive ("Moscow said", "the Kremlin said", "Russia said"). Each row is one key; the
/// first name is the canonical one. Only names that are commonly used *for the government* are
/// listed, so merging them is right in the subject position of a claim, which is where they
/// matter for alignment.
const METONYMY: &[&[&str]] = &[
    &["russia", "moscow", "kremlin", "russian federation"],
    &[
        "united states",
        "u.s.",
        "us",
        "usa",
        "u.s.a.",
        "america",
        "washington",
        "white house",
        "united states of america",
    ],
    &["ukraine", "kyiv", "kiev"],
    &[
        "united kingdom",
        "uk",
        "u.k.",
        "britain",
        "great britain",
        "london",
        "downing street",
    ],
    &["china", "beijing", "people's republic of china", "prc"],
    &["france", "paris", "elysee", "élysée"],
    &["germany", "berlin"],
    &["iran", "tehran"],
    &["north korea", "pyongyang", "dprk"],
    &["south korea", "seoul"],
    &["japan", "tokyo"],
    &["india", "new delhi"],
    &["turkey", "ankara", "türkiye"],
    &["european union", "eu", "brussels"],
    &["israel", "jerusalem"],
    &["syria", "damascus"],
    &["saudi arabia", "riyadh"],
];

/// A name in lower case, without diacritics, quotes and dashes made plain. An ASCII name
/// (`ascii`, the usual case) has nothing to decompose or strip, so it is mapped byte by byte:
/// the same text as the Unicode path, without it.
fn fold_name(name: &str, ascii: bool) -> String {
    if ascii {
        return name
            .bytes()
            .map(|b| match b {
                b'`' => '\'',
                b'-' => ' ',
                b => char::from(b.to_ascii_lowercase()),
            })
            .collect();
    }
    name.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '`' => '\'',
            '\u{2010}'..='\u{2015}' | '-' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Fold a name to its matching key: lower case, no diacritics, curly quotes and possessive
/// removed, leading "the" and titles removed. Returns an empty string for a name that is only
/// titles.
pub(crate) fn name_key(name: &str) -> String {
    let folded = fold_name(name, name.is_ascii());
    let mut words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(last) = words.last_mut() {
        *last = last
            .strip_suffix("'s")
            .or_else(|| last.strip_suffix('\''))
            .unwrap_or(last);
    }
    while words.first() == Some(&"the") {
        words.remove(0);
    }
    // Strip titles and nationality adjectives in front, but never the last word.
    while words.len() > 1 {
        let w = words[0].trim_end_matches(',');
        let bare = w.trim_end_matches('.');
        if TITLES.contains(&bare) || NATIONALITIES.contains(&w) || NATIONALITIES.contains(&bare) {
            words.remove(0);
            // "Secretary-General", "Attorney General": "general" ends the title here.
            if words.len() > 1 && words[0] == "general" {
                words.remove(0);
            }
        } else {
            break;
        }
    }
    // "Kremlin officials", "White House sources": the institution speaks.
    if words.len() > 1 {
        let last = words[words.len() - 1];
        if COLLECTIVE.contains(&last) {
            words.pop();
        }
    }
    // "Microsoft Corp." and "Microsoft", "Newmont Mining Corp" and "Newmont Mining": a legal
    // form tells no company from another.
    while words.len() > 1
        && LEGAL_FORMS.contains(&words[words.len() - 1].trim_end_matches(['.', ',']))
    {
        words.pop();
    }
    let mut key = words.join(" ");
    key.retain(|c| c.is_alphanumeric() || c == ' ' || c == '.' || c == '\'' || c == '-');
    key
}

/// Metonymy names (and their forms without spaces, for dotted abbreviations) to their row.
fn metonymy_index() -> &'static HashMap<String, usize> {
    static INDEX: OnceLock<HashMap<String, usize>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = HashMap::new();
        for (row, names) in METONYMY.iter().enumerate() {
            for n in names.iter() {
                index.insert((*n).to_string(), row);
                if n.contains('.') {
                    index.insert(n.replace(' ', ""), row);
                }
            }
        }
        index
    })
}

/// The metonymy row of a key, if any.
fn metonymy_row(key: &str) -> Option<usize> {
    let index = metonymy_index();
    match index.get(key) {
        Some(&row) => Some(row),
        None if key.contains('.') => index.get(&key.replace(' ', "")).copied(),
        None => None,
    }
}

/// Whether two name keys are names of one government in the metonymy table.
pub(crate) fn same_government(a: &str, b: &str) -> bool {
    matches!((metonymy_row(a), metonymy_row(b)), (Some(x), Some(y)) if x == y)
}

/// A spelling-neutral form of a name word: transliterations of one Cyrillic or Arabic name
/// differ mostly in vowels and y/i/j ("Sergey"/"Sergei", "Zelensky"/"Zelenskyy"/"Zelenskiy").
fn translit(word: &str) -> String {
    let w = word
        .replace("yy", "y")
        .replace("iy", "y")
        .replace("ey", "ei")
        .replace("kh", "h")
        .replace("ou", "u")
        .replace('j', "y");
    let mut out = String::with_capacity(w.len());
    for (i, c) in w.chars().enumerate() {
        let c = if c == 'y' && i + 1 == w.chars().count() {
            'i'
        } else {
            c
        };
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// One word of a name, with its spelling-neutral form computed once.
struct NameWord<'k> {
    word: &'k str,
    neutral: String,
}

impl<'k> NameWord<'k> {
    fn new(word: &'k str) -> Self {
        NameWord {
            word,
            neutral: translit(word.trim_end_matches('.')),
        }
    }

    /// Blocking key: names that can match share their first two neutral letters.
    fn block(&self) -> String {
        self.neutral.chars().take(2).collect()
    }
}

/// Whether two words are one name word. Exact or transliteration-equal words always are; a
/// close spelling (Jaro-Winkler) counts only when `fuzzy` allows it: never for names of known
/// places ("Izmir" / "Izmit", "Iran" / "Iraq", "Austria" / "Australia").
fn same_name_word(a: &NameWord, b: &NameWord, fuzzy: bool) -> bool {
    if a.word == b.word || a.neutral == b.neutral {
        return true;
    }
    fuzzy
        && a.word.chars().next() == b.word.chars().next()
        && a.word.chars().count().min(b.word.chars().count()) >= 4
        && strsim::jaro_winkler(&a.neutral, &b.neutral) >= 0.9
}

/// Given names and their usual short forms that are not prefixes of them: the full name first,
/// then its nicknames. A short form that is a prefix ("Ben" / "Benjamin", "Vlad" / "Vladimir")
/// needs no row.
const NICKNAMES: &[&[&str]] = &[
    &["benjamin", "bibi"],
    &["william", "bill", "billy", "will", "willy"],
    &["robert", "bob", "bobby", "rob", "robbie"],
    &["richard", "dick", "rick", "ricky"],
    &["edward", "ted", "teddy", "ed", "eddie", "ned"],
    &["theodore", "ted", "teddy"],
    &["james", "jim", "jimmy", "jamie"],
    &["michael", "mike", "mikey"],
    &["joseph", "joe", "joey"],
    &["thomas", "tom", "tommy"],
    &["charles", "chuck", "charlie"],
    &["henry", "hank", "harry"],
    &["harold", "harry", "hal"],
    &["john", "jack", "johnny"],
    &["margaret", "peggy", "maggie", "meg"],
    &["elizabeth", "liz", "beth", "betsy", "betty", "libby"],
    &["katherine", "kate", "katie", "kathy"],
    &["catherine", "kate", "katie", "cathy"],
    &["alexander", "sasha", "alex"],
    &["bernard", "bernie"],
    &["david", "dave"],
    &["stephen", "steve"],
    &["anthony", "tony"],
    &["lawrence", "larry"],
    &["gerald", "jerry"],
    &["andrew", "andy", "drew"],
    &["rudolph", "rudy"],
    &["daniel", "dan", "danny"],
    &["nicholas", "nick"],
    &["patrick", "pat"],
    &["susan", "sue"],
    &["deborah", "debbie", "debra"],
    &["jennifer", "jen", "jenny"],
    &["christopher", "chris"],
    &[
        "mohammed", "mohammad", "muhammad", "mohamed", "mohamad", "muhammed",
    ],
];

/// How two given names relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Given {
    /// One given name: the same word, a transliteration variant ("Sergey" / "Sergei",
    /// "Volodymyr" / "Volodimir").
    Same,
    /// The first is a short form of the second: its initial ("S."), a prefix ("Ben" /
    /// "Benjamin") or a nickname ("Bibi" / "Benjamin"). A short form can stand for several
    /// people, so it joins a name only when it fits one person of the set.
    ShortOf,
    /// The second is a short form of the first.
    LongOf,
    /// Different given names: different people, however close the spelling ("Carolyn" /
    /// "Caroline", "John" / "Joan").
    Different,
}

/// A given name's spelling-neutral form: transliterations also swap i and y ("Sergey" /
/// "Sergei", "Volodymyr" / "Volodimir"), which tells "Carolyn" (carolin) from "Caroline".
fn given_variant(word: &NameWord) -> String {
    word.neutral.replace('y', "i")
}

fn given_relation(a: &NameWord, b: &NameWord) -> Given {
    let wa = a.word.trim_end_matches('.');
    let wb = b.word.trim_end_matches('.');
    if wa == wb || a.neutral == b.neutral || given_variant(a) == given_variant(b) {
        return Given::Same;
    }
    if wa.is_empty() || wb.is_empty() {
        return Given::Different;
    }
    if wb.starts_with(wa) {
        return Given::ShortOf;
    }
    if wa.starts_with(wb) {
        return Given::LongOf;
    }
    for row in NICKNAMES {
        let (full, short) = (row[0], &row[1..]);
        if wb == full && short.contains(&wa) {
            return Given::ShortOf;
        }
        if wa == full && short.contains(&wb) {
            return Given::LongOf;
        }
        if short.contains(&wa) && short.contains(&wb) {
            return Given::Same;
        }
    }
    Given::Different
}

/// Generational suffixes: "Donald Trump Jr." is not "Donald Trump".
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// The words of a name key and its generational suffix, if any ("donald trump jr." ->
/// (["donald", "trump"], Some("jr"))). A suffix is only taken off a name that keeps a word.
fn split_suffix(key: &str) -> (Vec<&str>, Option<&str>) {
    let mut words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() >= 2 {
        let last = words[words.len() - 1].trim_end_matches('.');
        if let Some(s) = SUFFIXES.iter().find(|s| **s == last) {
            words.pop();
            return (words, Some(s));
        }
    }
    (words, None)
}

/// Whether the middle words of two names (between the first and the last) tell them apart:
/// both have some and they share no initial ("Donald J. Trump" / "Donald E. Trump"), or both
/// have full middle words and share none ("Congressional Black Caucus" / "Congressional
/// Hispanic Caucus"). A middle name or initial on one side only never does ("Paul D. Ryan").
fn middles_differ(a: &[&str], b: &[&str]) -> bool {
    let middle = |w: &[&str]| -> Vec<String> {
        w.get(1..w.len().saturating_sub(1))
            .unwrap_or(&[])
            .iter()
            .map(|m| m.trim_end_matches('.').to_string())
            .filter(|m| !m.is_empty())
            .collect()
    };
    let (ma, mb) = (middle(a), middle(b));
    if ma.is_empty() || mb.is_empty() {
        return false;
    }
    let initials =
        |m: &[String]| -> BTreeSet<char> { m.iter().filter_map(|w| w.chars().next()).collect() };
    if initials(&ma).is_disjoint(&initials(&mb)) {
        return true;
    }
    let full = |m: &[String]| -> BTreeSet<String> {
        m.iter()
            .filter(|w| w.chars().count() > 1)
            .cloned()
            .collect()
    };
    let (fa, fb) = (full(&ma), full(&mb));
    !fa.is_empty() && !fb.is_empty() && fa.is_disjoint(&fb)
}

/// Whether a name key (or one of its spellings as shown) is a place the gazetteer knows
/// (WordNet's place names, `data/lexicon/places.tsv`).
fn known_place(key: &str, surfaces: &BTreeSet<String>) -> bool {
    if surfaces.iter().any(|s| crate::places::known(s)) {
        return true;
    }
    let titled: Vec<String> = key
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect();
    crate::places::known(&titled.join(" "))
}

/// Indices grouped by a blocking key, in index order within each block.
fn blocks(indices: &[usize], key: impl Fn(usize) -> String) -> BTreeMap<String, Vec<usize>> {
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in indices {
        out.entry(key(i)).or_default().push(i);
    }
    out
}

/// One name occurrence fed to the resolver.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NameSeen<'a> {
    pub name: &'a str,
    pub kind: EntityKind,
}

/// The resolved names of a set: every key maps to a group id.
#[derive(Debug, Default)]
pub(crate) struct Resolver {
    group_of: BTreeMap<String, u32>,
    groups: Vec<Vec<String>>,
    /// Each name seen, as written: its key and group, worked out once (a set names the same
    /// people in thousands of claims, and a key folds Unicode).
    seen: rustc_hash::FxHashMap<String, (String, Option<u32>)>,
}

impl Resolver {
    /// Resolve all names seen in a set. Deterministic: the result depends only on the set of
    /// names (and their kinds), not on their order.
    pub fn build<'a>(names: impl IntoIterator<Item = NameSeen<'a>>) -> Resolver {
        // key -> (surface forms, person-like?)
        let mut keys: BTreeMap<String, (BTreeSet<String>, bool)> = BTreeMap::new();
        // Each distinct spelling once (a large set repeats its names thousands of times).
        let mut distinct: BTreeMap<&str, bool> = BTreeMap::new();
        for seen in names {
            *distinct.entry(seen.name).or_default() |=
                matches!(seen.kind, EntityKind::Person | EntityKind::Other);
        }
        let spellings: Vec<&str> = distinct.keys().copied().collect();
        for (name, person_like) in distinct {
            let seen = NameSeen {
                name,
                kind: if person_like {
                    EntityKind::Person
                } else {
                    EntityKind::Place
                },
            };
            let key = name_key(seen.name);
            if key.is_empty() || !key.chars().any(char::is_alphabetic) {
                continue;
            }
            let surface = display_form(seen.name);
            let entry = keys.entry(key).or_default();
            entry.0.insert(surface);
            entry.1 |= matches!(seen.kind, EntityKind::Person | EntityKind::Other);
        }
        let key_list: Vec<&String> = keys.keys().collect();
        let mut uf = UnionFind::new(key_list.len());
        // Metonymy.
        let mut by_row: BTreeMap<usize, usize> = BTreeMap::new();
        let mut in_table = vec![false; key_list.len()];
        for (i, k) in key_list.iter().enumerate() {
            if let Some(row) = metonymy_row(k) {
                in_table[i] = true;
                match by_row.get(&row) {
                    Some(&first) => uf.union(first, i),
                    None => {
                        by_row.insert(row, i);
                    }
                }
            }
        }
        // Person names: first and last word of each key (middle names and initials ignored,
        // a generational suffix set apart), compared within blocks of names whose surnames
        // start alike (never all pairs of a large set's names).
        let split: Vec<(Vec<&str>, Option<&str>)> =
            key_list.iter().map(|k| split_suffix(k)).collect();
        let suffix: Vec<Option<&str>> = split.iter().map(|(_, s)| *s).collect();
        let person: Vec<bool> = key_list
            .iter()
            .enumerate()
            .map(|(i, k)| keys[*k].1 && !in_table[i] && !split[i].0.is_empty())
            .collect();
        let first: Vec<NameWord> = split
            .iter()
            .map(|(w, _)| NameWord::new(w.first().copied().unwrap_or("")))
            .collect();
        let last: Vec<NameWord> = split
            .iter()
            .map(|(w, _)| NameWord::new(w.last().copied().unwrap_or("")))
            .collect();
        // Known places never merge by spelling distance, as names ("Izmir") or as the surname
        // compared ("Michael Jordan" is not "Jordon").
        let no_surfaces = BTreeSet::new();
        let fuzzy: Vec<bool> = key_list
            .iter()
            .enumerate()
            .map(|(i, k)| {
                person[i]
                    && !known_place(k, &keys[*k].0)
                    && !known_place(last[i].word, &no_surfaces)
            })
            .collect();
        // One surname (and one suffix) for names i and j.
        let same_family = |i: usize, j: usize| {
            suffix[i] == suffix[j] && same_name_word(&last[i], &last[j], fuzzy[i] && fuzzy[j])
        };
        let full: Vec<usize> = (0..key_list.len())
            .filter(|&i| person[i] && split[i].0.len() >= 2)
            .collect();
        let full_blocks = blocks(&full, |i| last[i].block());
        // Short given names (initials, prefixes, nicknames): name i -> the longer names j it
        // may stand for.
        let mut short_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for block in full_blocks.values() {
            for (x, &i) in block.iter().enumerate() {
                for &j in &block[x + 1..] {
                    if !same_family(i, j) || middles_differ(&split[i].0, &split[j].0) {
                        continue;
                    }
                    match given_relation(&first[i], &first[j]) {
                        Given::Same => uf.union(i, j),
                        Given::ShortOf => short_of.entry(i).or_default().push(j),
                        Given::LongOf => short_of.entry(j).or_default().push(i),
                        Given::Different => {}
                    }
                }
            }
        }
        // A short given name joins the one person it fits ("Ben Jealous" = "Benjamin Todd
        // Jealous"), never one of several ("J. Smith" with "John Smith" and "Joan Smith").
        // Repeated until nothing changes: a join can leave another short form one candidate.
        loop {
            let mut joined = false;
            for (&i, longer) in &short_of {
                let owners: BTreeSet<usize> = longer.iter().map(|&j| uf.find(j)).collect();
                if owners.len() == 1 {
                    let owner = *owners.iter().next().expect("one owner");
                    if uf.find(i) != owner {
                        uf.union(i, owner);
                        joined = true;
                    }
                }
            }
            if !joined {
                break;
            }
        }
        // Fuzzy single words ("Zelensky" / "Zelenskyy"), neither a known place.
        let single: Vec<usize> = (0..key_list.len())
            .filter(|&i| person[i] && split[i].0.len() == 1)
            .collect();
        for block in blocks(&single, |i| last[i].block()).values() {
            for (x, &i) in block.iter().enumerate() {
                for &j in &block[x + 1..] {
                    if last[i].word.chars().count() >= 5 && same_family(i, j) {
                        uf.union(i, j);
                    }
                }
            }
        }
        // A lone surname joins the one person group that bears it (with the same suffix: "Trump"
        // is never "Donald Trump Jr."), if exactly one does: "Ryan" with "Paul Ryan" and "Tim
        // Ryan" stays apart.
        for &i in &single {
            let mut owners: BTreeSet<usize> = BTreeSet::new();
            for &j in full_blocks
                .get(&last[i].block())
                .map_or(&[][..], Vec::as_slice)
            {
                if same_family(i, j) {
                    owners.insert(uf.find(j));
                }
            }
            if owners.len() == 1 {
                let owner = *owners.iter().next().expect("one owner");
                uf.union(i, owner);
            }
        }
        // Number groups by their smallest key, so ids are deterministic.
        let mut root_id: BTreeMap<usize, u32> = BTreeMap::new();
        let mut group_of = BTreeMap::new();
        let mut groups: Vec<Vec<String>> = Vec::new();
        for (i, k) in key_list.iter().enumerate() {
            let root = uf.find(i);
            let id = *root_id.entry(root).or_insert_with(|| {
                groups.push(Vec::new());
                (groups.len() - 1) as u32
            });
            group_of.insert((*k).clone(), id);
            groups[id as usize].extend(keys[*k].0.iter().cloned());
        }
        let mut resolver = Resolver {
            group_of,
            groups,
            seen: Default::default(),
        };
        resolver.seen = spellings
            .into_iter()
            .map(|name| {
                let key = name_key(name);
                let group = resolver.group_of_key(&key);
                (name.to_string(), (key, group))
            })
            .collect();
        resolver
    }

    /// The [`name_key`] of a name and its group ([`Resolver::group`]).
    pub fn resolve<'r>(&'r self, name: &str) -> (std::borrow::Cow<'r, str>, Option<u32>) {
        match self.seen.get(name) {
            Some((key, group)) => (std::borrow::Cow::Borrowed(key.as_str()), *group),
            None => {
                let key = name_key(name);
                let group = self.group_of_key(&key);
                (std::borrow::Cow::Owned(key), group)
            }
        }
    }

    /// The group of a name, if the name was seen (or is in the same group as one seen).
    #[cfg(test)]
    pub fn group(&self, name: &str) -> Option<u32> {
        self.resolve(name).1
    }

    /// The group of a name given by its [`name_key`] (for a caller that needs the key too).
    pub fn group_of_key(&self, key: &str) -> Option<u32> {
        if let Some(&g) = self.group_of.get(key) {
            return Some(g);
        }
        // A metonymy variant not seen in the set still resolves to a seen row member.
        let row = metonymy_row(key)?;
        METONYMY[row]
            .iter()
            .find_map(|n| self.group_of.get(*n).copied())
    }

    /// Groups with more than one distinct spelling, for the report.
    pub fn alias_groups(&self) -> Vec<AliasGroup> {
        let mut out: Vec<AliasGroup> = self
            .groups
            .iter()
            .filter_map(|forms| {
                let mut variants: Vec<String> = forms.clone();
                // The country's own name leads a government group ("Russia = Moscow = Kremlin"),
                // else the fullest name ("Sergei Lavrov = Lavrov").
                let rank = |v: &String| {
                    let key = name_key(v);
                    let country = metonymy_row(&key).is_some_and(|r| METONYMY[r][0] == key);
                    (!country, std::cmp::Reverse(v.split_whitespace().count()))
                };
                variants.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
                variants.dedup();
                // Case-only differences are one spelling.
                let distinct: BTreeSet<String> =
                    variants.iter().map(|v| v.to_lowercase()).collect();
                if distinct.len() < 2 {
                    return None;
                }
                Some(AliasGroup {
                    canonical: variants[0].clone(),
                    variants,
                })
            })
            .collect();
        out.sort();
        out
    }
}

/// The name as shown to users: the words of its key in their original case ("Kremlin" for
/// "top Kremlin officials", "Lavrov" for "Lavrov’s").
fn display_form(name: &str) -> String {
    let key = name_key(name);
    let key_words: Vec<&str> = key.split(' ').collect();
    let words: Vec<&str> = name.split_whitespace().collect();
    // Find the run of original words whose lower case starts with the key's words.
    for start in 0..words.len() {
        if start + key_words.len() > words.len() {
            break;
        }
        let run = &words[start..start + key_words.len()];
        let matches = run.iter().zip(&key_words).all(|(w, k)| {
            let lw: String = name_key(w);
            lw == *k || lw.starts_with(k) || k.starts_with(lw.as_str())
        });
        if matches {
            let mut shown = run.join(" ");
            for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
                if let Some(s) = shown.strip_suffix(suffix) {
                    shown = s.to_string();
                    break;
                }
            }
            return shown;
        }
    }
    name.trim().to_string()
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins two sets; the smaller index becomes the root, so results do not depend on order.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests;
