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
//! 3. full person names with the same (or transliteration-equal) surname merge when their given
//!    names are Jaro-Winkler close or one is the other's initial;
//! 4. a lone surname joins a person only when exactly one person of the set bears it, so two
//!    different people who share a surname ("Donald Trump", "Melania Trump") are never merged.
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

fn same_name_word(a: &NameWord, b: &NameWord) -> bool {
    if a.word == b.word || a.neutral == b.neutral {
        return true;
    }
    a.word.chars().next() == b.word.chars().next()
        && a.word.chars().count().min(b.word.chars().count()) >= 4
        && strsim::jaro_winkler(&a.neutral, &b.neutral) >= 0.9
}

/// Given names match when close in spelling, or one is an initial of the other ("S. Lavrov").
fn same_given_name(a: &NameWord, b: &NameWord) -> bool {
    let ia = a.word.trim_end_matches('.');
    let ib = b.word.trim_end_matches('.');
    if ia.chars().count() == 1 || ib.chars().count() == 1 {
        return ia.chars().next() == ib.chars().next();
    }
    same_name_word(a, b)
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
        // Person names: first and last word of each key, compared within blocks of names
        // whose surnames start alike (never all pairs of a large set's names).
        let words_of: Vec<Vec<&str>> = key_list
            .iter()
            .map(|k| k.split(' ').filter(|w| !w.is_empty()).collect())
            .collect();
        let person: Vec<bool> = key_list
            .iter()
            .enumerate()
            .map(|(i, k)| keys[*k].1 && !in_table[i] && !words_of[i].is_empty())
            .collect();
        let first: Vec<NameWord> = words_of
            .iter()
            .map(|w| NameWord::new(w.first().copied().unwrap_or("")))
            .collect();
        let last: Vec<NameWord> = words_of
            .iter()
            .map(|w| NameWord::new(w.last().copied().unwrap_or("")))
            .collect();
        let full: Vec<usize> = (0..key_list.len())
            .filter(|&i| person[i] && words_of[i].len() >= 2)
            .collect();
        let full_blocks = blocks(&full, |i| last[i].block());
        for block in full_blocks.values() {
            for (x, &i) in block.iter().enumerate() {
                for &j in &block[x + 1..] {
                    if same_name_word(&last[i], &last[j]) && same_given_name(&first[i], &first[j]) {
                        uf.union(i, j);
                    }
                }
            }
        }
        // Fuzzy single words ("Zelensky" / "Zelenskyy") that are not in the table.
        let single: Vec<usize> = (0..key_list.len())
            .filter(|&i| person[i] && words_of[i].len() == 1)
            .collect();
        for block in blocks(&single, |i| last[i].block()).values() {
            for (x, &i) in block.iter().enumerate() {
                for &j in &block[x + 1..] {
                    if last[i].word.chars().count() >= 5 && same_name_word(&last[i], &last[j]) {
                        uf.union(i, j);
                    }
                }
            }
        }
        // A lone surname joins the one person group that bears it, if exactly one does.
        for &i in &single {
            let mut owners: BTreeSet<usize> = BTreeSet::new();
            for &j in full_blocks
                .get(&last[i].block())
                .map_or(&[][..], Vec::as_slice)
            {
                if same_name_word(&last[i], &last[j]) {
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
mod tests {
    use super::*;

    proptest::proptest! {
        /// An ASCII name folded byte by byte is the name folded through Unicode decomposition.
        #[test]
        fn ascii_names_fold_as_unicode_names(name in "[ -~]{0,40}") {
            proptest::prop_assert_eq!(fold_name(&name, true), fold_name(&name, false));
        }
    }

    fn person(name: &str) -> NameSeen<'_> {
        NameSeen {
            name,
            kind: EntityKind::Person,
        }
    }

    fn place(name: &str) -> NameSeen<'_> {
        NameSeen {
            name,
            kind: EntityKind::Place,
        }
    }

    #[test]
    fn keys() {
        let cases = [
            ("Russian President Vladimir Putin", "vladimir putin"),
            ("President Vladimir Putin", "vladimir putin"),
            ("Lavrov’s", "lavrov"),
            ("the Kremlin", "kremlin"),
            ("The White House", "white house"),
            ("U.S.", "u.s."),
            ("Sergey Lavrov", "sergey lavrov"),
            ("NATO Secretary-General Mark Rutte", "mark rutte"),
            ("Gen. Keith Kellogg", "keith kellogg"),
            ("Volodymyr Zelénsky", "volodymyr zelensky"),
            ("President", "president"),
            ("top Kremlin officials", "kremlin"),
            ("Attorney General Eric Holder", "eric holder"),
            ("General Motors", "general motors"),
            ("SAP-Arena", "sap arena"),
            ("Microsoft Corp.", "microsoft"),
            ("Newmont Mining Corp", "newmont mining"),
            ("Ford Motor Credit Co", "ford motor credit"),
            (
                "Smith and Nephew Associated Companies Plc",
                "smith and nephew associated companies",
            ),
            ("Corp", "corp"),
        ];
        for (name, key) in cases {
            assert_eq!(name_key(name), key, "{name}");
        }
    }

    #[test]
    fn groups() {
        // (names in the set, pairs that must share a group, pairs that must not)
        type Case = (
            Vec<NameSeen<'static>>,
            Vec<(&'static str, &'static str)>,
            Vec<(&'static str, &'static str)>,
        );
        let cases: Vec<Case> = vec![
            (
                vec![
                    person("Sergey Lavrov"),
                    person("Sergei Lavrov"),
                    person("Lavrov"),
                ],
                vec![
                    ("Sergey Lavrov", "Sergei Lavrov"),
                    ("Lavrov", "Sergei Lavrov"),
                ],
                vec![],
            ),
            (
                vec![
                    person("Donald Trump"),
                    person("Melania Trump"),
                    person("Trump"),
                ],
                vec![],
                vec![
                    ("Donald Trump", "Melania Trump"),
                    ("Trump", "Donald Trump"),
                    ("Trump", "Melania Trump"),
                ],
            ),
            (
                vec![
                    place("Washington"),
                    place("the U.S."),
                    place("White House"),
                    place("Moscow"),
                    place("the Kremlin"),
                    place("Russia"),
                ],
                vec![
                    ("Washington", "U.S."),
                    ("White House", "the U.S."),
                    ("Moscow", "Kremlin"),
                    ("Russia", "Moscow"),
                ],
                vec![("Washington", "Moscow")],
            ),
            (
                vec![
                    person("Russian President Vladimir Putin"),
                    person("President Vladimir Putin"),
                    person("Putin"),
                ],
                vec![("Putin", "Russian President Vladimir Putin")],
                vec![],
            ),
            (
                vec![person("Volodymyr Zelensky"), person("Zelenskyy")],
                vec![("Zelenskyy", "Volodymyr Zelensky")],
                vec![],
            ),
            (
                vec![person("John Smith"), person("Joan Smith")],
                vec![],
                vec![("John Smith", "Joan Smith")],
            ),
        ];
        for (names, same, different) in cases {
            let r = Resolver::build(names.iter().copied());
            for (a, b) in same {
                assert!(r.group(a).is_some(), "{a} unresolved");
                assert_eq!(r.group(a), r.group(b), "{a} = {b}");
            }
            for (a, b) in different {
                assert_ne!(r.group(a), r.group(b), "{a} != {b}");
            }
        }
    }

    #[test]
    fn report_groups() {
        let r = Resolver::build(
            [
                "Sergey Lavrov",
                "Sergei Lavrov",
                "Lavrov’s",
                "Moscow",
                "top Kremlin officials",
            ]
            .into_iter()
            .map(person),
        );
        let groups: Vec<(String, Vec<String>)> = r
            .alias_groups()
            .into_iter()
            .map(|g| (g.canonical, g.variants))
            .collect();
        let want = [
            ("Kremlin", vec!["Kremlin", "Moscow"]),
            (
                "Sergei Lavrov",
                vec!["Sergei Lavrov", "Sergey Lavrov", "Lavrov"],
            ),
        ];
        let want: Vec<(String, Vec<String>)> = want
            .into_iter()
            .map(|(c, v)| (c.to_string(), v.into_iter().map(String::from).collect()))
            .collect();
        assert_eq!(groups, want);
    }
}
