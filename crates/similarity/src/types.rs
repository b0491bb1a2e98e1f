use std::fmt;

use serde::Serialize;

/// A claim of a set: the index of its article in the slice given to [`crate::Aligner::align`]
/// and the claim's index within that article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ClaimRef {
    pub article: usize,
    pub claim: usize,
}

/// How two claims relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The two make the same claim.
    Agree,
    /// Both cannot be true.
    Contradict,
    /// About the same thing, but neither the same claim nor incompatible.
    Related,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Agree => "agree",
            Relation::Contradict => "contradict",
            Relation::Related => "related",
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why two claims contradict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReasonKind {
    /// The same quantity with different values ("70 missiles" vs "40 missiles").
    Numeric,
    /// One asserts what the other denies.
    Negation,
    /// Opposite words ("confirmed" vs "denied").
    Antonym,
    /// The same quote, a different speaker.
    Attribution,
    /// The same event at a different time.
    Time,
    /// The same event at a different place.
    Place,
    /// Asserted by one, only hedged by the other.
    Modality,
    /// No detector's kind: the judge found a pair given as one situation incompatible, and
    /// the reason shows the words each says alone ("sleeping vs running").
    Wording,
}

impl ReasonKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonKind::Numeric => "numeric",
            ReasonKind::Negation => "negation",
            ReasonKind::Antonym => "antonym",
            ReasonKind::Attribution => "attribution",
            ReasonKind::Time => "time",
            ReasonKind::Place => "place",
            ReasonKind::Modality => "modality",
            ReasonKind::Wording => "wording",
        }
    }
}

/// A typed, human-readable reason: `numeric: 70 missiles vs 40 missiles`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Reason {
    pub kind: ReasonKind,
    pub detail: String,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.as_str(), self.detail)
    }
}

/// The verdict on one pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Judgement {
    /// In [0, 1], symmetric.
    pub score: f32,
    pub relation: Relation,
    pub reason: Option<Reason>,
}

/// One kept pair of claims from different articles. Always `a < b`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Match {
    pub a: ClaimRef,
    pub b: ClaimRef,
    pub score: f32,
    pub relation: Relation,
    pub reason: Option<Reason>,
}

/// Names found to denote one entity across sources: "Sergey Lavrov = Sergei Lavrov = Lavrov".
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct AliasGroup {
    pub canonical: String,
    pub variants: Vec<String>,
}

/// Everything the aligner found in one set.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Alignment {
    /// Sorted by (a, b); deterministic.
    pub matches: Vec<Match>,
    pub aliases: Vec<AliasGroup>,
    /// For each article, the earlier article it is a near-duplicate of (syndicated copy).
    pub copy_of: Vec<Option<usize>>,
    /// For each article, its story: articles of one set grouped by the event they report
    /// (numbered from 0 in the order of each story's first article). A set of N stories mixes
    /// N different events.
    pub story_of: Vec<usize>,
}

/// Tuning knobs.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Pairs scoring below this are dropped (unless they contradict). With the candidate
    /// settings below, on ECB+ dev (sets by topic): 0.30 gives pair F1 0.48 with 755
    /// cross-event merges, 0.25 gives 0.55 with 1,462, 0.20 gives 0.59 with 1,955.
    pub min_score: f32,
    /// Pairs that share a figure, a date or a place are kept from this lower score on (ECB+
    /// dev: pair F1 0.546 -> 0.561, cross-event merges 1,462 -> 1,564).
    pub specific_min_score: f32,
    /// Claims of a set scoring at least this, with no conflict found, agree (default: the
    /// scorer's threshold fitted on MRPC train).
    pub agree_score: f32,
    /// Two sentences given to `judge_texts` with no conflict found agree when the scorer's
    /// paraphrase head gives at least this ([`crate::Scorer::paraphrase`]; default: its
    /// threshold fitted on MRPC train). Claims of a set agree by `agree_score` and the rules
    /// below instead: there the head added 0.003 of ECB+ dev agree recall, and about two in
    /// three of the pairs it alone made agree said different things
    /// (tests/data/similarity/agree_audit_ecb_dev.tsv).
    pub paraphrase_agree: f32,
    /// ... and when their score is at least this (the head was fitted on pairs sharing a topic
    /// and can say yes to pairs with nothing in common).
    pub paraphrase_min_score: f32,
    /// Claims of different sources naming the same two actors agree from this score on (when
    /// aligning a set). ECB+ dev, agree pairs: 0.86 precision / 0.10 recall without this rule,
    /// 0.85 / 0.16 with it at 0.35.
    pub shared_actors_agree_score: f32,
    /// ... and when they share at least this many content words besides names: the actors
    /// of a story are named by most of its claims, so naming them is no evidence that two
    /// claims report the same fact. Hand audit of this rule's agree rows on ECB+ dev
    /// (tests/data/similarity/agree_audit_ecb_dev.tsv, true = same fact): 21/46 right at 0,
    /// 18/34 at 1, 14/23 at 2, 11/15 at 3 (true rows lost: 3, 7, 10). At 2, ECB+ dev agree
    /// rows (same event, scripts/eval.sh) P 0.8810 -> 0.8844, R 0.2510 -> 0.2377.
    pub shared_actors_agree_words: usize,
    /// A headline and a claim of another article agree (when aligning a set) when the
    /// scorer's synonym-aware containment of the pair is at least this. ECB+ dev, agree pairs
    /// (precision / recall): 0.88 / 0.17 without this rule, 0.88 / 0.19 at 0.8, 0.87 / 0.21 at
    /// 0.7, 0.86 / 0.24 at 0.6 (the pairs between 0.6 and 0.7 are right only 74% of the time).
    pub headline_agree_containment: f32,
    /// Claims of a set contradict only from this score on (both must be about the same thing);
    /// sentence pairs given to `judge_texts` are presumed to be.
    pub contradict_score: f32,
    /// ... except two accounts of one thing of the story, which contradict from this score on
    /// whatever else the two claims say: its size by the same measure of the same noun ("a
    /// .38 caliber revolver" / "a .357 caliber revolver"), and whether someone had it ("did
    /// not have a gun" / "pointed a gun at the officers"). ECB+ dev, hand-judged: +35 true
    /// contradictions, none false (tests/data/similarity/contradict_audit_ecb_dev_s5.tsv).
    pub one_thing_contradict_score: f32,
    /// One claim denies the other (negation) only if they share this share of the shorter
    /// claim's content words.
    pub negation_overlap: f32,
    /// Opposite words (WordNet antonyms) in claims of a set need this much content overlap
    /// (the share of the shorter claim's content words found in the other).
    pub opposite_overlap: f32,
    /// Candidates kept per claim, best first by accumulated IDF weight of shared index keys
    /// (set-wide; claims of one story get `story_candidates` more). ECB+ dev (sets by topic),
    /// pairs scored / pair F1 / cross-event merges: 40 gives 604,543 / 0.7833 / 671, 20 gives
    /// 555,165 / 0.7835 / 666, 10 gives 531,168 / 0.7838 / 642: within a story the story
    /// candidates find the pairs, and across stories only near-identical claims are kept, which
    /// rank first.
    pub max_candidates: usize,
    /// Candidates must share index keys worth at least this much IDF weight (a key in a
    /// third of the claims weighs about 1, one in a seventh about 2).
    pub min_shared_weight: f32,
    /// Index keys (terms, entities, quantities) found in more than this share of a set's claims
    /// are too common to block on ...
    pub max_df_share: f32,
    /// ... but keys in at most this many claims are always kept (small sets) ...
    pub min_df_cap: usize,
    /// ... and keys in more than this many claims never are (large sets).
    pub max_df_cap: usize,
    /// Two articles are copies (syndicated wire) when this share of the claims of the shorter
    /// one is found, word for word, in the other.
    pub copy_share: f32,
    /// Two groups of articles are one story while the average cosine of their articles (IDF
    /// weighted names, words and figures) is at least this. ECB+ dev (sets by topic), pair F1 /
    /// cross-event merges: 0.075 gives 0.78 / 1,211, 0.09 0.80 / 727, 0.1 0.82 / 310, 0.15
    /// splits events (story recall 0.56).
    pub story_link: f32,
    /// Claims of articles of one story sharing a content word or a name are kept (as
    /// `related` at least) from this score on. ECB+ dev: 0.05 gives pair F1 0.80, 0.1 0.78,
    /// 0.15 0.74; 0.1 keeps a third fewer rows on large sets.
    pub story_min_score: f32,
    /// Claims of articles of different stories are kept only from this score on: below it,
    /// similar wording is a similar event, not the same one.
    pub cross_story_score: f32,
    /// Candidates kept per claim among the claims of its own story (on top of the set-wide
    /// `max_candidates`). ECB+ dev pair F1: 0.72 without, 0.78 with 40, 0.80 with 80, 0.81
    /// with 200.
    pub story_candidates: usize,
    /// Within a story, candidates must share index keys worth at least this much IDF weight
    /// (IDF over the story's claims; a word in 2 of a story's 6 claims weighs 1.25). A trade of
    /// recall for speed, left at the set-wide floor: ECB+ dev (sets by topic), pairs scored /
    /// pair F1 / cross-event merges / callgrind instructions of `batch -j 1`, with the score model
    /// before its 2026-11-24 refit (F1 0.7911 and 678 merges after it, at 1.0): 1.0 gives
    /// 527,408 / 0.7938 / 689 / 10.68G, 1.5 507,709 / 0.7935 / 683, 1.75 490,477 / 0.7924 /
    /// 683 / 10.34G (-3.1%), 2.0 467,625 / 0.7899 / 679, 3.0 384,574 / 0.7742 / 644.
    pub story_min_shared_weight: f32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            min_score: 0.25,
            specific_min_score: 0.1,
            agree_score: crate::score::AGREE_THRESHOLD,
            paraphrase_agree: crate::score::PARAPHRASE_THRESHOLD,
            paraphrase_min_score: crate::score::PARAPHRASE_MIN_SCORE,
            shared_actors_agree_score: 0.35,
            shared_actors_agree_words: 2,
            headline_agree_containment: 0.7,
            contradict_score: 0.35,
            one_thing_contradict_score: 0.1,
            negation_overlap: 0.5,
            opposite_overlap: 0.4,
            max_candidates: 10,
            min_shared_weight: 1.0,
            max_df_share: 0.05,
            min_df_cap: 64,
            max_df_cap: 1000,
            copy_share: 0.6,
            story_link: 0.09,
            story_min_score: 0.1,
            cross_story_score: 0.6,
            story_candidates: 80,
            story_min_shared_weight: 1.0,
        }
    }
}

impl Alignment {
    /// The alias group a name belongs to, if it was found under several spellings in the set.
    /// Titles, case, diacritics and possessives are ignored ("Russian President Vladimir
    /// Putin's" finds the group of "Vladimir Putin").
    pub fn alias_group(&self, name: &str) -> Option<&AliasGroup> {
        let key = crate::alias::name_key(name);
        self.aliases
            .iter()
            .find(|g| g.variants.iter().any(|v| crate::alias::name_key(v) == key))
    }

    /// Whether two names denote one entity in this set: the same name once titles are
    /// stripped, names of one alias group, or names of one government ("Washington", "the
    /// U.S.").
    pub fn same_entity(&self, a: &str, b: &str) -> bool {
        let (ka, kb) = (crate::alias::name_key(a), crate::alias::name_key(b));
        if !ka.is_empty() && ka == kb {
            return true;
        }
        if crate::alias::same_government(&ka, &kb) {
            return true;
        }
        match (self.alias_group(a), self.alias_group(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        }
    }
}
