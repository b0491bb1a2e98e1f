//! What the aligner knows about one claim, computed once per claim: the scorer's prepared form,
//! resolved entities and speaker, and the cues the relation labeller reads (polarity, hedging,
//! quantities as intervals, time keys, aspect of a process).
use concord_parser::{Claim, EntityKind, Qualifier};

use crate::alias::Resolver;
use crate::score::{Prepared, Scorer, TermId};

/// Words that deny the claim they are in.
const NEGATION: &[&str] = &[
    "not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "cannot", "nowhere",
    "noone", "without",
    // Contractions typed without the apostrophe ("I dont know": MRPC strips them from one side
    // of many pairs). "wont" and "cant" are left out: they are words of their own.
    "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "havent", "hasnt", "hadnt",
    "couldnt", "wouldnt", "shouldnt", "mustnt",
];

/// Verbs of telling: "would not say what ...", "did not reveal" withhold a statement, they do
/// not deny one ("did not confirm" does, and is not listed).
const WITHHOLDING: &[&str] = &[
    "say",
    "comment",
    "reveal",
    "disclose",
    "elaborate",
    "specify",
    "discuss",
    "identify",
    "name",
    "detail",
    "explain",
    "immediately",
    "respond",
    "return",
];

/// Verbs that deny their complement when followed by "to": "declined to say" = "would not say",
/// and their gerunds and nouns ("for failing to pay" = "for not paying", "his refusal to sign").
const IMPLICATIVE: &[&str] = &[
    "declined",
    "declines",
    "decline",
    "declining",
    "refused",
    "refuses",
    "refuse",
    "refusing",
    "refusal",
    "failed",
    "fails",
    "fail",
    "failing",
    "failure",
];

/// Function words: never a process noun, never evidence that two claims share a topic.
pub(crate) const STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "and",
    "or",
    "but",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "it",
    "its",
    "that",
    "this",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "has",
    "have",
    "had",
    "will",
    "would",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "there",
    "here",
    "which",
    "who",
    "whom",
    "what",
    "when",
    "where",
    "while",
    "after",
    "before",
    "over",
    "under",
    "into",
    "than",
    "then",
    "so",
    "if",
    "also",
    "about",
    "up",
    "down",
    "out",
    "off",
    "some",
    "any",
    "all",
    "both",
    "each",
    "other",
    "such",
    "more",
    "most",
    "very",
    "just",
    "only",
    "said",
    "says",
    "say",
    "told",
    "according",
    "toward",
    "towards",
    "something",
    "someone",
    "one",
    "them",
    "him",
    "us",
    "me",
];

/// The closed word lists a word belongs to, as bits ([`word_class`]): each word of each
/// claim is checked against all of them, and one table look-up replaces a scan of each list.
const IS_STOP: u16 = 1;
const IS_NEGATION: u16 = 1 << 1;
const IS_IMPLICATIVE: u16 = 1 << 2;
const IS_MALE: u16 = 1 << 3;
const IS_FEMALE: u16 = 1 << 4;
const IS_COLOUR: u16 = 1 << 5;
const IS_CONTINUING: u16 = 1 << 6;
const IS_INTERRUPTED: u16 = 1 << 7;
/// Bits 8-11: 1 + the index of the first entry of [`POSTURES`] listing the word, or 0.
const POSTURE_SHIFT: u32 = 8;

/// The lists a lower-case word is on ([`IS_STOP`] ...), 0 for most words.
fn word_class(word: &str) -> u16 {
    static TABLE: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, u16>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t: rustc_hash::FxHashMap<&'static str, u16> = Default::default();
        let lists: [(&[&'static str], u16); 8] = [
            (STOP, IS_STOP),
            (NEGATION, IS_NEGATION),
            (IMPLICATIVE, IS_IMPLICATIVE),
            (MALE, IS_MALE),
            (FEMALE, IS_FEMALE),
            (COLOURS, IS_COLOUR),
            (CONTINUING, IS_CONTINUING),
            (INTERRUPTED, IS_INTERRUPTED),
        ];
        for (list, bit) in lists {
            for &w in list {
                *t.entry(w).or_default() |= bit;
            }
        }
        for (p, (_, forms)) in POSTURES.iter().enumerate() {
            for &w in forms.iter() {
                let class = t.entry(w).or_default();
                if *class >> POSTURE_SHIFT == 0 {
                    *class |= ((p + 1) as u16) << POSTURE_SHIFT;
                }
            }
        }
        t
    });
    table.get(word).copied().unwrap_or(0)
}

/// Whether a word is in [`STOP`].
pub(crate) fn is_stop(word: &str) -> bool {
    word_class(word) & IS_STOP != 0
}

/// How many words before a negation an "if" or "unless" makes it a supposition.
const CONDITION_REACH: usize = 8;

/// Aspect of a process: still going on ...
const CONTINUING: &[&str] = &[
    "ongoing",
    "continuing",
    "continue",
    "continues",
    "continued",
    "underway",
    "progressing",
    "resumed",
    "sustained",
];

/// ... or stopped / needing a restart. Not in WordNet's antonym pointers (which pair single
/// words such as continue/discontinue), so listed here: these are aspect markers, not topics.
const INTERRUPTED: &[&str] = &[
    "broke",
    "broken",
    "break",
    "suspended",
    "suspend",
    "halted",
    "halt",
    "stalled",
    "collapsed",
    "collapse",
    "ended",
    "frozen",
    "froze",
    "restore",
    "restoring",
    "resume",
    "resuming",
    "severed",
    "cut",
    "abandoned",
    "called",
    "scrapped",
    "discontinued",
];

/// Person nouns that carry a sex: a closed class that WordNet does not pair as antonyms beyond
/// man/woman and boy/girl. One claim naming only men and the other only women about the same
/// scene cannot both be right ("A man is cooking" / "A woman is cooking"). Pronouns are left
/// out: in news they refer across sentences.
const MALE: &[&str] = &[
    "man",
    "men",
    "boy",
    "boys",
    "guy",
    "guys",
    "gentleman",
    "gentlemen",
    "father",
    "son",
    "sons",
    "husband",
    "brother",
    "brothers",
    "dad",
    "grandfather",
    "grandson",
    "uncle",
    "nephew",
    "king",
    "prince",
    "male",
    "males",
    "businessman",
    "policeman",
    "fireman",
    "sportsman",
];
const FEMALE: &[&str] = &[
    "woman",
    "women",
    "girl",
    "girls",
    "lady",
    "ladies",
    "mother",
    "daughter",
    "daughters",
    "wife",
    "sister",
    "sisters",
    "mom",
    "mum",
    "grandmother",
    "granddaughter",
    "aunt",
    "niece",
    "queen",
    "princess",
    "female",
    "females",
    "businesswoman",
    "policewoman",
    "sportswoman",
];

/// Body postures and ways of moving: one person does one at a time ("sitting" vs "running").
/// WordNet pairs only sit / stand as antonyms.
const POSTURES: &[(&str, &[&str])] = &[
    ("sit", &["sit", "sits", "sitting", "sat", "seated"]),
    ("stand", &["stand", "stands", "standing", "stood"]),
    ("lie", &["lie", "lies", "lying", "lay"]),
    ("kneel", &["kneel", "kneels", "kneeling", "knelt"]),
    ("walk", &["walk", "walks", "walking", "walked"]),
    ("run", &["run", "runs", "running", "ran"]),
    ("sleep", &["sleep", "sleeps", "sleeping", "slept", "asleep"]),
    ("swim", &["swim", "swims", "swimming", "swam"]),
    ("dance", &["dance", "dances", "dancing", "danced"]),
    ("drive", &["drive", "drives", "driving", "drove"]),
    ("ride", &["ride", "rides", "riding", "rode"]),
    ("jump", &["jump", "jumps", "jumping", "jumped"]),
    ("climb", &["climb", "climbs", "climbing", "climbed"]),
];

/// Basic colour terms (Berlin & Kay): mutually exclusive as the colour of one thing.
const COLOURS: &[&str] = &[
    "red", "blue", "green", "yellow", "black", "white", "orange", "purple", "pink", "brown",
    "gray", "grey",
];

/// A token of [`View::tokens`] is a content word: not a function word, not a negation word,
/// letters only.
pub(crate) const TOKEN_CONTENT: u8 = 1;
/// ... is capitalized inside a sentence (part of a name: "South Richmond Hill").
pub(crate) const TOKEN_NAME: u8 = 1 << 1;
/// ... is joined by a hyphen to the word before it ("23-year-old").
pub(crate) const TOKEN_JOINED: u8 = 1 << 2;

/// Verbs of reporting: a day right after one ("police said Saturday", "the office said today")
/// is when the statement was made, not when the event happened (read here for a claim's times,
/// and by the relation labeller for figures of articles published on different days).
pub(crate) const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "reported",
    "added",
    "stated",
    "confirmed",
    "announced",
];

/// A quantity as an interval of possible values.
#[derive(Clone, Debug)]
pub(crate) struct Amount {
    /// Counted noun, lower case, crude singular.
    pub unit: String,
    /// "per day", "a year", "daily": a rate, never the same quantity as a count.
    pub rate: bool,
    pub lo: f64,
    pub hi: f64,
    pub text: String,
    /// Alias group of the person named nearest before the figure in its claim, whose count
    /// it is ("Luck threw for 205 yards", "Charles' 226 yards").
    pub holder: Option<u32>,
    /// Written as a modifier, "an 86-yard run": the size of one thing (the parser's
    /// `Quantity::glued`).
    pub hyphenated: bool,
    /// Written in the plural, "226 yards": a total of many.
    pub plural: bool,
    /// The part or the whole of an event the figure is said to count, when the words next to
    /// it mark one: "2,301 career points", "a combined 157 games", "his first 17 passes",
    /// "90 yards to go", "nine days before", "420 passengers and crew", "a further 186 mln stg".
    pub scope: Option<&'static str>,
    /// Alias group of the place (or other name in apposition) the figure is said of, named
    /// right before it ("Qeshm island, home to 120,000 people") or, for a share, right after
    /// ("65 per cent of traffic to India").
    pub place: Option<u32>,
    /// The word that narrows the counted noun ("two mobile homes"), from the parser.
    pub modifier: Option<String>,
    /// What the counted were said to undergo or do, crudely stemmed: "kill" for "ten people
    /// were killed", "injur" for "has injured three people".
    pub act: Option<String>,
}

/// The verb a count is the subject or the object of: "ten people were killed", "has injured
/// three people", "killing 12 people" (see [`Amount::act`]).
fn amount_act(before: &str, after: &str) -> Option<String> {
    const AUXILIARIES: &[&str] = &[
        "were", "was", "are", "is", "have", "has", "had", "been", "being",
    ];
    // Only what befalls people is told apart: "scored", "posted" and "added" points are one
    // act said three ways.
    const FATES: &[&str] = &[
        "kill",
        "injur",
        "wound",
        "hurt",
        "arrest",
        "detain",
        "rescu",
        "evacuat",
        "hospitaliz",
        "captur",
    ];
    let stem = |w: &str| -> Option<String> {
        let w = w.to_lowercase();
        if w == "hurt" {
            return Some(w);
        }
        let cut = w
            .strip_suffix("ing")
            .or_else(|| w.strip_suffix("ed"))
            .filter(|s| s.len() >= 3 && s.chars().all(|c| c.is_ascii_lowercase()))?;
        let cut = cut.trim_end_matches('e');
        FATES.contains(&cut).then(|| cut.to_string())
    };
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let next = words(after);
    let mut k = 0;
    while k < next.len().min(3) && AUXILIARIES.contains(&next[k].to_lowercase().as_str()) {
        k += 1;
    }
    if k > 0 {
        if let Some(act) = next.get(k).and_then(|w| stem(w)) {
            return Some(act);
        }
    }
    words(before).last().and_then(|w| stem(w))
}

/// Words next to a figure that mark the scope of what it counts (see [`Amount::scope`]).
fn amount_scope(quantity: &str, unit: &str, before: &str, after: &str) -> Option<&'static str> {
    const INSIDE: &[&str] = &["career", "combined", "season", "cumulative"];
    // "needed nine points to pass Ford" is what was wanted, not what was scored.
    const BEFORE: &[&str] = &[
        "needed",
        "needs",
        "need",
        "requires",
        "required",
        "career",
        "combined",
        "first",
        "last",
        "final",
        "opening",
        "total",
        "cumulative",
    ];
    const DETERMINERS: &[&str] = &["a", "an", "the", "his", "her", "their", "its"];
    const INCREMENT: &[&str] = &["another", "further", "additional", "extra"];
    const TIME_UNITS: &[&str] = &["minute", "hour", "day", "week", "month", "year"];
    let lower = |w: &str| w.to_lowercase();
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(lower)
            .collect()
    };
    let inside = words(quantity);
    if let Some(w) = INSIDE.iter().find(|w| inside.iter().any(|x| x == *w)) {
        return Some(w);
    }
    let prior = words(before);
    let last = prior
        .iter()
        .rev()
        .find(|w| !DETERMINERS.contains(&w.as_str()));
    if let Some(w) = last.and_then(|l| BEFORE.iter().find(|w| **w == l.as_str())) {
        return Some(w);
    }
    // "another 31 mln stg", "a further 186 mln stg", "an additional 8.0 mln dlrs": one more
    // portion (a session's help, a new credit line), no account of a figure given without it.
    if last.is_some_and(|l| INCREMENT.contains(&l.as_str())) {
        return Some("more");
    }
    let next = words(after);
    let next: Vec<&str> = next.iter().map(String::as_str).take(3).collect();
    match next.as_slice() {
        ["to", "go", ..] => return Some("to go"),
        ["left" | "remaining", ..] => return Some("left"),
        [w, ..]
            if TIME_UNITS.contains(&unit)
                && matches!(*w, "before" | "after" | "ago" | "earlier" | "later") =>
        {
            return Some("before or after")
        }
        _ => {}
    }
    // "420 passengers and crew": the count covers more than its noun ("12 Somali and 11
    // Yemeni", "12 points and four assists", "12 magazines and about 300 rounds" do not).
    if after.trim_start().starts_with("and ") {
        let rest: Vec<&str> = after.split_whitespace().skip(1).take(2).collect();
        let plain = |w: &str| {
            w.chars()
                .all(|c| c.is_lowercase() || c.is_ascii_punctuation())
                && !w.starts_with(|c: char| c.is_ascii_digit())
        };
        const NOT_NOUNS: &[&str] = &[
            "about", "around", "nearly", "almost", "some", "over", "more", "at", "up", "one",
            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "an",
            "the", "then", "was", "were", "is", "are", "had", "has", "have",
        ];
        if let Some(w) = rest.first() {
            let w = w.trim_matches(|c: char| c.is_ascii_punctuation());
            let number_next = rest
                .get(1)
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
            if !w.is_empty() && plain(w) && !NOT_NOUNS.contains(&w) && !number_next {
                return Some("and more");
            }
        }
    }
    None
}

/// A time expression reduced to a comparable key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TimeKey {
    Weekday(u8),
    Month(u8),
    Year(u16),
}

/// A word of the claim that marks the aspect of a process, and the process noun it governs.
#[derive(Clone, Debug)]
pub(crate) struct AspectCue {
    pub cue: String,
    /// Stems of the nearest content words after and before the cue: the process it applies
    /// to is one of them ("ongoing negotiations", "talks broke off", "broke off the talks").
    pub nouns: Vec<TermId>,
    /// Alias groups of the entities named next to the cue ("ongoing negotiations with
    /// Washington", "the U.S. broke off"), sorted.
    pub parties: Vec<u32>,
}

#[derive(Debug)]
pub(crate) struct View<'c> {
    pub article: usize,
    pub claim: &'c Claim,
    pub prepared: Prepared,
    /// Alias group ids of all entities (and the speaker), sorted, deduplicated.
    pub entities: Vec<u32>,
    /// Who the claim is about or told by: `entities` without a teller named only by a common
    /// noun ("private sources"), sorted, deduplicated.
    pub actors: Vec<u32>,
    /// (alias group, name key) of each entity named in the claim, sorted, deduplicated.
    pub named: Vec<(u32, String)>,
    /// Alias group of the first entity named (else the speaker): who or what the claim is
    /// about ("Commercial Credit Co is raising 150 mln dlrs").
    pub subject: Option<u32>,
    /// Alias group ids of the places where things happen ("in Geneva").
    pub places: Vec<u32>,
    pub speaker: Option<u32>,
    /// Stems of the words of the speaker's name ("zelenski").
    pub speaker_stems: Vec<TermId>,
    pub negated: bool,
    /// The negation word, for the reason ("not").
    pub negation_cue: Option<String>,
    /// The (first) negation word stands in a condition ("if they did not change their mind"):
    /// the claim supposes a denial rather than telling one.
    pub negation_supposed: bool,
    /// Stems of the content words in the scope of each negation word, in text order (the
    /// first is the head of what is denied); `None` when the claim denies nothing.
    pub negated_stems: Option<Vec<TermId>>,
    pub hedged: bool,
    pub amounts: Vec<Amount>,
    pub times: Vec<TimeKey>,
    /// Dates of events: each weekday, month or year named in the claim with the index in
    /// `tokens` of its word, leaving out the day a statement was made ("police said Saturday").
    pub dated: Vec<(TimeKey, u16)>,
    /// The content words denied by each denial of a statement (at most two, the head first);
    /// "without" says how something went ("arrested without incident") and is not one.
    pub clause_denials: Vec<Vec<TermId>>,
    /// Each word of the claim in text order: its term id and [`TOKEN_CONTENT`] ... bits.
    pub tokens: Vec<(TermId, u8)>,
    /// Stems of content words, sorted, deduplicated.
    pub stems: Vec<TermId>,
    /// Distinct lower-case words: (scorer's term id, offset and length in `word_text`),
    /// sorted by term id.
    pub words: Vec<(TermId, u32, u32)>,
    pub word_text: String,
    /// (antonym's term id, index into `words` of the word it opposes), sorted.
    pub antonyms: Vec<(TermId, u16)>,
    /// The first male / female person noun, if any.
    pub male: Option<String>,
    pub female: Option<String>,
    /// (stem of the noun, colour) for colour words directly before a noun ("red shirt").
    pub colours: Vec<(TermId, String)>,
    /// Postures named (index into `POSTURES`), sorted, deduplicated.
    pub postures: Vec<u8>,
    pub continuing: Vec<AspectCue>,
    pub interrupted: Vec<AspectCue>,
    /// The amounts that measure one thing (`relation::measured_noun`): index into `amounts`
    /// and the noun sized. Worked out once per claim: the relation labeller asks on every pair
    /// of a story, and reading the text for it was a sixth of a set's labelling.
    pub measures: Vec<(usize, String)>,
    /// The day its article was published (year, month, day), when known: set by the aligner
    /// from the article's metadata ([`crate::relation::publication_day`]).
    pub published: Option<(u16, u8, u8)>,
}

/// Builds views; holds the stemmer.
pub(crate) struct ViewBuilder<'s> {
    pub scorer: &'s Scorer,
}

impl<'s> ViewBuilder<'s> {
    pub fn new(scorer: &'s Scorer) -> Self {
        ViewBuilder { scorer }
    }

    pub fn view<'c>(&self, article: usize, claim: &'c Claim, names: &Resolver) -> View<'c> {
        let prepared = self.scorer.prepare(claim);
        // Each entity's name key and alias group, once: keys are Unicode-folded, and the
        // lists below all read them.
        let (entity_keys, entity_groups): (Vec<_>, Vec<Option<u32>>) = claim
            .entities
            .iter()
            .map(|e| names.resolve(&e.name))
            .unzip();
        let mut entities: Vec<u32> = entity_groups.iter().flatten().copied().collect();
        let places: Vec<u32> = {
            let mut p: Vec<u32> = claim
                .entities
                .iter()
                .zip(&entity_groups)
                .filter(|(e, _)| after_locative(claim, e))
                .filter_map(|(_, g)| *g)
                .collect();
            p.sort_unstable();
            p.dedup();
            p
        };
        let mut named: Vec<(u32, String)> = entity_groups
            .iter()
            .zip(&entity_keys)
            .filter_map(|(g, k)| Some(((*g)?, k.to_string())))
            .collect();
        named.sort_unstable();
        named.dedup();
        let speaker = claim.speaker.as_deref().and_then(|s| names.resolve(s).1);
        let subject = {
            let mut by_position: Vec<(usize, Option<u32>)> = claim
                .entities
                .iter()
                .zip(&entity_groups)
                .map(|(e, g)| (e.span.start, *g))
                .collect();
            // Stable: entities at one position keep their order, as before.
            by_position.sort_by_key(|(start, _)| *start);
            by_position.into_iter().find_map(|(_, g)| g).or(speaker)
        };
        // A teller named only by a common noun ("private sources", "the company", "analysts")
        // is no actor of the claim: two wire briefs that both cite "private sources" are not
        // thereby about the same cattle market. A name has a capital letter.
        let mut actors = entities.clone();
        if claim
            .speaker
            .as_deref()
            .is_some_and(|s| s.chars().any(char::is_uppercase))
        {
            actors.extend(speaker);
        }
        actors.sort_unstable();
        actors.dedup();
        entities.extend(speaker);
        entities.sort_unstable();
        entities.dedup();

        let claim_words = Words::of(&claim.folded);
        let words = claim_words.list();
        let (capitalized, joined) = (&claim_words.capitalized, &claim_words.joined);
        let class: Vec<u16> = words.iter().map(|w| word_class(w)).collect();
        let is_cue = |i: usize| {
            let w = words[i];
            let next = words.get(i + 1).copied().unwrap_or("");
            let previous = i.checked_sub(1).map_or("", |p| words[p]);
            // "Not surprisingly, ..." comments on the claim, it does not deny it; "not only
            // ... but" adds to it.
            if w == "not" && ((i == 0 && next.ends_with("ly")) || next == "only") {
                return false;
            }
            let denial_word = w == "not" || w.ends_with("n't") || w == "never";
            // "not just a party girl" adds to the claim, like "not only"; "it wasn't until May 30
            // that ... revealed" says when it happened.
            if denial_word && matches!(next, "just" | "merely" | "simply" | "until") {
                return false;
            }
            // A counterfactual affirms: "would not have placed Bush on injured reserve if ..."
            // says they did.
            let modal_before = i
                .checked_sub(1)
                .is_some_and(|p| matches!(words[p], "would" | "could" | "might" | "should"));
            let modal_cue = matches!(
                w,
                "wouldn't" | "couldn't" | "shouldn't" | "wouldnt" | "couldnt"
            );
            if (modal_before && w == "not" || modal_cue)
                && next == "have"
                && words
                    .get(i + 2)
                    .is_some_and(|v| v.ends_with("ed") || v.ends_with("en"))
            {
                return false;
            }
            // Idioms that deny nothing: "nothing but praise" is only praise; "whether or not"
            // and "may or may not" leave both open. (A negation word inside a compound, "the
            // do-not-call list", stays a cue: the other source may write it "Do Not Call",
            // and both sides must read it alike.)
            if ((w == "nothing" || w == "none") && next == "but")
                || (w == "not" && previous == "or")
            {
                return false;
            }
            // "don"t": a contraction typed with a stray quote splits in two.
            // "I cant speak": typed without the apostrophe, after a pronoun it can only be "can't".
            let pronoun_before =
                matches!(previous, "i" | "you" | "we" | "they" | "he" | "she" | "it");
            class[i] & IS_NEGATION != 0
                // "had yet to regain consciousness" = "had not yet regained".
                || (w == "yet" && next == "to" && previous != "as")
                || (pronoun_before && matches!(w, "cant" | "wont"))
                || w.ends_with("n't")
                || (w == "t" && i > 0 && words[i - 1].ends_with('n'))
                // "declined to comment", "failed to reach" (but "shares declined 2 pct", "her
                // failed campaign").
                || (class[i] & IS_IMPLICATIVE != 0 && next == "to")
        };
        let cue_at = (0..words.len()).find(|&i| is_cue(i));
        // "If Brazil had not been placed on non-accrual ...", "if you do not have a monitor":
        // a denial inside a condition is a supposition, no account of what happened.
        let negation_supposed = cue_at.is_some_and(|i| {
            words[i.saturating_sub(CONDITION_REACH)..i]
                .iter()
                .any(|w| matches!(*w, "if" | "unless"))
        });
        let negation_cue = cue_at.map(|i| words[i].to_string());
        // Our reading of the negation words decides, not the parser's flag: a denial we cannot
        // place ("Man denies arson") cannot be checked against the other claim.
        let negated = negation_cue.is_some();
        let negation_cue = negation_cue.or_else(|| negated.then(|| "not".to_string()));

        let stem_of = |w: &str| self.scorer.term_of(w);
        // The scorer's term id of each word, looked up once (each is a cache look-up).
        let word_facts: Vec<_> = words.iter().map(|w| self.scorer.word_facts(w)).collect();
        let word_terms: Vec<TermId> = word_facts.iter().map(|f| f.term()).collect();
        // What is denied: the first two content words after each negation word ("not the
        // incumbent president", "nobody has a suit", "no immediate response"). Names are not
        // denied ("better late than never, Tara"), and a withheld statement ("would not say
        // what", "did not reveal") denies nothing.
        let mut negated_stems: Vec<TermId> = Vec::new();
        let mut clause_denials: Vec<Vec<TermId>> = Vec::new();
        let mut denial_found = false;
        for i in 0..words.len() {
            if !is_cue(i) {
                continue;
            }
            denial_found = true;
            let scope: Vec<usize> = (i + 1..words.len().min(i + 5))
                .filter(|&j| class[j] & (IS_STOP | IS_NEGATION) == 0 && !capitalized[j])
                .take(2)
                .collect();
            let withheld = words[i + 1..words.len().min(i + 3)]
                .iter()
                .any(|w| WITHHOLDING.contains(w));
            // "without incident", "without a fight": how it went, not a denial of what happened.
            let manner = words[i] == "without";
            if withheld {
                continue;
            }
            negated_stems.extend(scope.iter().map(|&j| word_terms[j]));
            if !manner {
                clause_denials.push(scope.iter().map(|&j| word_terms[j]).collect());
            }
        }
        let negated_stems = if denial_found {
            Some(negated_stems)
        } else {
            None
        };
        let speaker_words = claim.speaker.as_deref().map(Words::of);
        let speaker_stems: Vec<TermId> = speaker_words
            .iter()
            .flat_map(|w| w.iter().map(stem_of))
            .collect();
        let mut stems: Vec<TermId> = class
            .iter()
            .zip(&word_terms)
            .filter(|(c, _)| *c & (IS_STOP | IS_NEGATION) == 0)
            .map(|(_, &t)| t)
            .collect();
        stems.sort_unstable();
        stems.dedup();

        // (term, word, where the word is): the place only finds the word's facts again (the
        // same word has the same facts wherever it is, so it does not change what is kept).
        let mut term_words: Vec<(TermId, &str, usize)> = words
            .iter()
            .zip(&word_terms)
            .enumerate()
            .filter(|(_, (w, _))| w.chars().all(char::is_alphabetic))
            .map(|(i, (w, &t))| (t, *w, i))
            .collect();
        term_words.sort_unstable();
        term_words.dedup_by_key(|(t, _, _)| *t);
        term_words.truncate(usize::from(u16::MAX));
        let mut antonyms: Vec<(TermId, u16)> = term_words
            .iter()
            .enumerate()
            .flat_map(|(k, &(_, _, i))| {
                word_facts[i].antonyms().iter().map(move |&t| (t, k as u16))
            })
            .collect();
        antonyms.sort_unstable();
        antonyms.dedup();
        // The words in one buffer: a view lives as long as its set, and large sets have
        // hundreds of thousands of claims.
        let mut word_text = String::new();
        let mut word_ids = Vec::with_capacity(term_words.len());
        for (t, w, _) in &term_words {
            word_ids.push((*t, word_text.len() as u32, w.len() as u32));
            word_text.push_str(w);
        }
        let first_of = |bit: u16| (0..words.len()).find(|&i| class[i] & bit != 0);
        let male = first_of(IS_MALE).map(|i| words[i].to_string());
        let female = first_of(IS_FEMALE).map(|i| words[i].to_string());
        let mut colours = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if class[i] & IS_COLOUR == 0 {
                continue;
            }
            // The noun after a run of colours: "a red and white shirt".
            let noun =
                (i + 1..words.len()).find(|&k| class[k] & IS_COLOUR == 0 && words[k] != "and");
            if let Some(noun) = noun.filter(|&k| class[k] & IS_STOP == 0) {
                colours.push((word_terms[noun], w.to_string()));
            }
        }
        colours.sort_unstable();
        colours.dedup();
        let mut postures: Vec<u8> = class
            .iter()
            .filter_map(|&c| (c >> POSTURE_SHIFT).checked_sub(1).map(|p| p as u8))
            .collect();
        postures.sort_unstable();
        postures.dedup();

        // Where each entity is named: the word index of the last word of its name.
        let entity_at: Vec<(usize, u32)> = claim
            .entities
            .iter()
            .zip(&entity_groups)
            .filter_map(|(e, g)| {
                let group = (*g)?;
                let name_words = Words::of(&e.name);
                let last = name_words.iter().last()?;
                let at = words.iter().position(|&w| w == last)?;
                Some((at, group))
            })
            .collect();
        let continuing = aspect_cues(
            &words,
            capitalized,
            &class,
            IS_CONTINUING,
            &word_terms,
            &entity_at,
        );
        let interrupted = aspect_cues(
            &words,
            capitalized,
            &class,
            IS_INTERRUPTED,
            &word_terms,
            &entity_at,
        );

        // The unit, rate and end of the last counted figure: "VanDeest led with 13 points,
        // while Carter added 12" counts Carter's 12 in points too.
        let mut last_counted: Option<(String, bool, usize)> = None;
        let amounts = claim
            .quantities
            .iter()
            .filter_map(|q| {
                let (lo, hi) = match q.qualifier {
                    Qualifier::Exact => (q.value, q.upper.unwrap_or(q.value)),
                    Qualifier::AtLeast => (q.value, f64::INFINITY),
                    Qualifier::Over => (q.value * (1.0 + 1e-9) + 1e-9, f64::INFINITY),
                    Qualifier::AtMost => (0.0, q.value),
                    Qualifier::Under | Qualifier::Nearly => (0.0, q.value * (1.0 - 1e-9)),
                    Qualifier::About => (q.value * 0.9, q.upper.unwrap_or(q.value) * 1.1),
                    Qualifier::Vague => return None,
                };
                let text = q.text.to_lowercase();
                let mut rate = text.contains(" per ")
                    || text.contains(" a day")
                    || text.contains(" a year")
                    || text.contains(" a week")
                    || text.contains(" a month")
                    || text.contains("daily")
                    || text.contains('%')
                    || text.contains("percent");
                let mut unit = singular(&q.unit.to_lowercase());
                // Only a counted noun makes two numbers comparable ("vs" is no unit).
                if !unit.chars().all(char::is_alphabetic)
                    || is_stop(&unit)
                    || matches!(unit.as_str(), "" | "vs" | "versus")
                {
                    // A bare figure after another person than the last count's is that
                    // person's count of the same thing; any other bare figure counts nothing
                    // known ("20 points and now has 2,302 for his career").
                    let (last_unit, last_rate, last_end) = last_counted.as_ref()?;
                    let person_between = claim.entities.iter().any(|e| {
                        matches!(e.kind, EntityKind::Person)
                            && e.span.start >= *last_end
                            && e.span.end <= q.span.start
                    });
                    if !person_between
                        || q.upper.is_some()
                        || !matches!(q.qualifier, Qualifier::Exact)
                    {
                        return None;
                    }
                    unit = last_unit.clone();
                    rate = *last_rate;
                }
                // "00 minutes" from a clock time ("6:00"), "05" from a code: not a count.
                let digits = q.text.trim_start_matches(|c: char| !c.is_ascii_digit());
                if digits.starts_with('0') && digits[1..].starts_with(|c: char| c.is_ascii_digit())
                {
                    return None;
                }
                // "Ratliff intercepted a pass from David Garrard and returned it 35 yards": the
                // person a thing came from did not do what is counted.
                let source = |e: &concord_parser::Entity| {
                    let at = claim
                        .text
                        .char_indices()
                        .nth(e.span.start.saturating_sub(claim.span.start))
                        .map_or(claim.text.len(), |(b, _)| b);
                    claim.text[..at].trim_end().ends_with(" from")
                };
                let holder = claim
                    .entities
                    .iter()
                    .zip(&entity_groups)
                    .filter(|(e, _)| {
                        matches!(e.kind, EntityKind::Person)
                            && e.span.end <= q.span.start
                            && !source(e)
                    })
                    .max_by_key(|(e, _)| e.span.start)
                    .and_then(|(_, g)| *g);
                last_counted = Some((unit.clone(), rate, q.span.end));
                let hyphenated = q.glued;
                let plural = q.unit.ends_with('s') && !q.unit.eq_ignore_ascii_case(&unit);
                let byte_at = |c: usize| {
                    claim
                        .text
                        .char_indices()
                        .nth(c.saturating_sub(claim.span.start))
                        .map_or(claim.text.len(), |(b, _)| b)
                };
                let (qs, qe) = (
                    byte_at(q.span.start),
                    byte_at(q.span.end).max(byte_at(q.span.start)),
                );
                let scope = amount_scope(&q.text, &unit, &claim.text[..qs], &claim.text[qe..]);
                let named = || {
                    claim
                        .entities
                        .iter()
                        .zip(&entity_groups)
                        .filter(|(_, g)| g.is_some())
                };
                let places = || named().filter(|(e, _)| matches!(e.kind, EntityKind::Place));
                // A name the figure stands in apposition to is what it is said of, whatever
                // kind the parser guessed for an unknown name ("Bandar Abbas, a city of
                // 500,000 people", "Qeshm island, home to 120,000 people").
                let apposition = |e: &concord_parser::Entity| {
                    let between = &claim.text[byte_at(e.span.end).min(qs)..qs];
                    between.matches(',').count() == 1
                        && between.split_whitespace().count() <= 5
                        && !between.contains(" and ")
                };
                let place = named()
                    .filter(|(e, _)| {
                        e.span.end <= q.span.start
                            && q.span.start - e.span.end <= 30
                            && (matches!(e.kind, EntityKind::Place) || apposition(e))
                    })
                    .max_by_key(|(e, _)| e.span.start)
                    .or_else(|| {
                        places()
                            .filter(|(e, _)| {
                                rate && e.span.start >= q.span.end
                                    && e.span.start - q.span.end <= 40
                            })
                            .min_by_key(|(e, _)| e.span.start)
                    })
                    .and_then(|(_, g)| *g);
                Some(Amount {
                    act: amount_act(&claim.text[..qs], &claim.text[qe..]),
                    modifier: q.modifier.clone(),
                    scope,
                    place,
                    hyphenated,
                    plural,
                    unit,
                    rate,
                    lo,
                    hi,
                    text: q.text.clone(),
                    holder,
                })
            })
            .collect();

        let mut times: Vec<TimeKey> = if claim.times.is_empty() {
            time_keys(words.iter().copied())
        } else {
            claim
                .times
                .iter()
                .flat_map(|t| time_keys(Words::of(&t.text).iter()))
                .collect()
        };
        times.sort_unstable();
        times.dedup();
        let tokens: Vec<(TermId, u8)> = (0..words.len())
            .map(|i| {
                let mut flags = 0;
                if class[i] & (IS_STOP | IS_NEGATION) == 0
                    && words[i].chars().all(char::is_alphabetic)
                {
                    flags |= TOKEN_CONTENT;
                }
                // A headline capitalizes its words whether or not they are names.
                if capitalized[i] && i > 0 && !claim.headline {
                    flags |= TOKEN_NAME;
                }
                if joined[i] {
                    flags |= TOKEN_JOINED;
                }
                (word_terms[i], flags)
            })
            .collect();
        let dated: Vec<(TimeKey, u16)> = (0..words.len().min(usize::from(u16::MAX)))
            .filter_map(|i| {
                let key = *time_keys(std::iter::once(words[i])).first()?;
                let mut before = i.checked_sub(1);
                if before.is_some_and(|p| words[p] == "on") {
                    before = before.and_then(|p| p.checked_sub(1));
                }
                if before.is_some_and(|p| REPORTING.contains(&words[p])) {
                    return None;
                }
                Some((key, i as u16))
            })
            .collect();

        let mut view = View {
            article,
            claim,
            prepared,
            entities,
            actors,
            named,
            places,
            speaker,
            subject,
            speaker_stems,
            negated,
            negation_cue,
            negation_supposed,
            negated_stems,
            hedged: claim.hedged,
            amounts,
            times,
            dated,
            clause_denials,
            tokens,
            stems,
            words: word_ids,
            word_text,
            antonyms,
            male,
            female,
            colours,
            postures,
            continuing,
            interrupted,
            measures: Vec::new(),
            published: None,
        };
        view.measures = view
            .amounts
            .iter()
            .enumerate()
            .filter_map(|(i, x)| crate::relation::measured_noun(&view, x).map(|n| (i, n)))
            .collect();
        view
    }
}

/// The lower-case words of a text in one buffer (no allocation per word: a claim has dozens
/// and a set hundreds of thousands of claims), whether each was capitalized in the text (a
/// name, not a process noun), and whether each is joined by a hyphen to the word before it
/// ("year" and "old" in "23-year-old"): a part of a compound, not a word of the claim on its
/// own.
#[derive(Debug, PartialEq)]
struct Words {
    text: String,
    /// (start, end) of each word in `text`.
    spans: Vec<(u32, u32)>,
    capitalized: Vec<bool>,
    joined: Vec<bool>,
}

impl Words {
    fn of(text: &str) -> Words {
        Words::of_with(text, text.is_ascii())
    }

    /// `of`, with words found byte by byte when `ascii` (the text is ASCII, the usual case:
    /// there a char is a byte, and `is_alphanumeric` is `is_ascii_alphanumeric`), char by char
    /// otherwise; the same words either way.
    fn of_with(text: &str, ascii: bool) -> Words {
        // Room for a word per four bytes (news text averages more): no growing as words come.
        let room = text.len() / 4 + 1;
        let mut words = Words {
            text: String::with_capacity(text.len()),
            spans: Vec::with_capacity(room),
            capitalized: Vec::with_capacity(room),
            joined: Vec::with_capacity(room),
        };
        let keep = |c: char| c.is_alphanumeric() || c == '\'' || c == '\u{2019}';
        let keep_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'\'';
        let first_kept = |s: &str| {
            if ascii {
                s.bytes().position(keep_byte)
            } else {
                s.find(keep)
            }
        };
        let first_not_kept = |s: &str| {
            if ascii {
                s.bytes().position(|b| !keep_byte(b))
            } else {
                s.find(|c: char| !keep(c))
            }
        };
        let mut rest = text;
        let mut before = "";
        while let Some(start) = first_kept(rest) {
            let gap = &rest[..start];
            let tail = &rest[start..];
            let end = first_not_kept(tail).unwrap_or(tail.len());
            let raw = &tail[..end];
            let hyphenated = gap == "-" && before.chars().last().is_some_and(char::is_alphanumeric);
            before = raw;
            rest = &tail[end..];
            let raw = raw.trim_matches(|c| c == '\'' || c == '\u{2019}');
            if raw.is_empty() {
                continue;
            }
            words
                .capitalized
                .push(raw.chars().next().is_some_and(char::is_uppercase));
            words.joined.push(hyphenated);
            let from = words.text.len();
            if raw.is_ascii() {
                words.text.push_str(raw);
                words.text[from..].make_ascii_lowercase();
            } else {
                // `str::to_lowercase` knows context rules (final sigma) that char-by-char
                // mapping lacks; a word not in ASCII is rare.
                words
                    .text
                    .push_str(&raw.to_lowercase().replace('\u{2019}', "'"));
            }
            // The possessive is not part of the word ("the woman's son" names a woman).
            if words.text[from..].ends_with("'s") {
                words.text.truncate(words.text.len() - 2);
            }
            words.spans.push((from as u32, words.text.len() as u32));
        }
        words
    }

    /// The words, borrowed from the buffer.
    fn list(&self) -> Vec<&str> {
        self.spans
            .iter()
            .map(|&(start, end)| &self.text[start as usize..end as usize])
            .collect()
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.spans
            .iter()
            .map(|&(start, end)| &self.text[start as usize..end as usize])
    }
}

/// Aspect cues of one kind, each with the process noun it applies to: the nearest lower-case
/// content word after the cue ("ongoing negotiations", "restoring dialogue"), else before it
/// ("talks continued", "dialogue ... broke off").
fn aspect_cues(
    words: &[&str],
    capitalized: &[bool],
    class: &[u16],
    cue: u16,
    word_terms: &[TermId],
    entity_at: &[(usize, u32)],
) -> Vec<AspectCue> {
    let content = |i: usize| {
        let w = words[i];
        !capitalized[i]
            && class[i] & (IS_STOP | IS_CONTINUING | IS_INTERRUPTED) == 0
            && w.chars().all(char::is_alphabetic)
    };
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if class[i] & cue == 0 {
            continue;
        }
        // "break"/"cut"/"called" mark interruption only as phrasal verbs: "broke off", "cut off".
        if matches!(*w, "broke" | "broken" | "break" | "cut" | "called")
            && words.get(i + 1).copied() != Some("off")
        {
            continue;
        }
        let skip = usize::from(words.get(i + 1).copied() == Some("off"));
        let after = (i + 1 + skip..words.len().min(i + 4 + skip)).find(|&j| content(j));
        let before = (i.saturating_sub(3)..i).rev().find(|&j| content(j));
        let nouns = after
            .into_iter()
            .chain(before)
            .map(|j| word_terms[j])
            .collect();
        let cue = if skip == 1 {
            format!("{w} off")
        } else {
            w.to_string()
        };
        // The parties of the process: entities within four words of the cue.
        let mut parties: Vec<u32> = entity_at
            .iter()
            .filter(|(at, _)| at.abs_diff(i) <= 4 + skip)
            .map(|&(_, g)| g)
            .collect();
        parties.sort_unstable();
        parties.dedup();
        out.push(AspectCue {
            cue,
            nouns,
            parties,
        });
    }
    out
}

/// Weekday and month names, lower case, in calendar order: a [`TimeKey`]'s number is the
/// index here.
pub(crate) const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
pub(crate) const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn time_keys<'a>(words: impl Iterator<Item = &'a str>) -> Vec<TimeKey> {
    words
        .filter_map(|w| {
            if let Some(d) = WEEKDAY_NAMES.iter().position(|d| *d == w) {
                Some(TimeKey::Weekday(d as u8))
            // "may" is far more often the verb than the month.
            } else if let Some(m) = MONTH_NAMES.iter().position(|m| *m == w && w != "may") {
                Some(TimeKey::Month(m as u8))
            } else if w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) {
                w.parse().ok().map(TimeKey::Year)
            } else {
                None
            }
        })
        .collect()
}

/// A crude singular for unit nouns the parser left plural ("missiles" -> "missile").
fn singular(unit: &str) -> String {
    if let Some(s) = unit.strip_suffix("ies") {
        format!("{s}y")
    } else if unit.ends_with("ss") {
        unit.to_string()
    } else if let Some(s) = unit.strip_suffix('s') {
        s.to_string()
    } else {
        unit.to_string()
    }
}

/// The base form of a posture, for reasons.
pub(crate) fn posture_name(p: u8) -> &'static str {
    POSTURES[p as usize].0
}

/// Whether an entity stands where the place of an event does: right after "in" or "at" ("met
/// in Geneva"). Places named otherwise ("talks with the U.S.", "Iraq said") are actors.
pub(crate) fn after_locative(claim: &Claim, entity: &concord_parser::Entity) -> bool {
    if matches!(entity.kind, EntityKind::Person) || entity.span.start < claim.span.start {
        return false;
    }
    let offset = entity.span.start - claim.span.start;
    let before: String = claim.text.chars().take(offset).collect();
    let before = before.trim_end().to_lowercase();
    let before = before.strip_suffix(" the").unwrap_or(&before);
    before.ends_with(" in") || before.ends_with(" at") || before == "in" || before == "at"
}

/// Whether a word names a person by sex ("man", "wife"): in a news set two such words are
/// usually two people, not a contradiction.
pub(crate) fn is_sexed_person(word: &str) -> bool {
    word_class(word) & (IS_MALE | IS_FEMALE) != 0
}

impl View<'_> {
    /// The `i`-th distinct word (in `words` order).
    pub fn word(&self, i: usize) -> &str {
        let (_, start, len) = self.words[i];
        &self.word_text[start as usize..(start + len) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// (text, words, capitalized, joined)
    type Case<'a> = (&'a str, &'a [&'a str], &'a [bool], &'a [bool]);

    proptest! {
        /// ASCII text read byte by byte gives the words read char by char.
        #[test]
        fn ascii_words_are_the_char_by_char_words(text in "[a-zA-Z0-9 '.,;:!?()\"-]{0,80}") {
            prop_assert_eq!(Words::of_with(&text, true), Words::of_with(&text, false));
        }
    }

    #[test]
    fn words_table() {
        let cases: &[Case] = &[
            (
                "The woman's 23-year-old son",
                &["the", "woman", "23", "year", "old", "son"],
                &[true, false, false, false, false, false],
                &[false, false, false, true, true, false],
            ),
            (
                "'Quoted' don't",
                &["quoted", "don't"],
                &[true, false],
                &[false, false],
            ),
            (
                "Ngozi\u{2019}s Éclair",
                &["ngozi", "éclair"],
                &[true, true],
                &[false, false],
            ),
        ];
        for (text, words, caps, joined) in cases {
            let w = Words::of(text);
            assert_eq!(w.list(), *words, "{text}");
            assert_eq!(w.capitalized, *caps, "{text}");
            assert_eq!(w.joined, *joined, "{text}");
        }
    }
}
