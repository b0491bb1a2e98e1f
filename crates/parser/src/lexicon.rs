//! Closed word classes the parser decides with. Lookups take a word as written and compare it
//! ASCII-case-insensitively through a stack buffer: no allocation per token.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

use crate::article::EntityKind;

/// Lower-case `word` into `buf` when it is short ASCII; `None` otherwise (no list word is
/// longer than the buffer or non-ASCII). A word already in lower case is returned as it is.
pub(crate) fn lower<'b>(word: &'b str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let b = word.as_bytes();
    if b.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    if !b.iter().any(u8::is_ascii_uppercase) {
        return Some(word);
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
}

/// A closed word class: a module holding its words and its bit, and a test function.
macro_rules! word_class {
    ($(#[$m:meta])* $name:ident = $bit:literal: $($w:literal)|+) => {
        #[allow(dead_code)]
        pub(crate) mod $name {
            pub(crate) const FLAG: u64 = 1 << $bit;
            pub(crate) const WORDS: &[&str] = &[$($w),+];
        }
        $(#[$m])*
        #[allow(dead_code)]
        pub(crate) fn $name(word: &str) -> bool {
            class_of(word) & $name::FLAG != 0
        }
    };
}

word_class!(
    /// Abbreviations after which a period never ends a sentence (titles, "vs", "e.g").
    never_final_abbrev = 0:
    "mr" | "mrs" | "ms" | "dr" | "gen" | "sen" | "rep" | "gov" | "lt" | "col" | "capt" | "sgt"
    | "prof" | "rev" | "maj" | "adm" | "cmdr" | "hon" | "pres" | "supt" | "det" | "insp" | "fr"
    | "messrs" | "st" | "mt" | "ft" | "vs" | "v" | "e.g" | "i.e" | "cf" | "approx" | "jr" | "sr"
    | "brig" | "cpl" | "pvt" | "gens" | "reps" | "sens" | "govs" | "amb" | "atty" | "u.s" | "u.k"
    | "u.n" | "u.s.a" | "d.c" | "e.u"
);

word_class!(
    /// Abbreviations that may end a sentence; they only do when a sentence-starting word follows.
    ambiguous_abbrev = 1:
    "inc" | "co" | "corp" | "ltd" | "llc" | "plc" | "bros" | "no" | "nos" | "jan" | "feb" | "mar"
    | "apr" | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec" | "etc" | "a.m"
    | "p.m" | "al" | "ave" | "blvd" | "rd" | "dept" | "est" | "fig" | "op" | "pp" | "vol" | "ca"
    | "mass" | "calif" | "fla" | "ariz" | "conn" | "ill" | "pa" | "va" | "wash" | "tex" | "mich"
    | "n.y" | "l.a" | "ph.d" | "gov't" | "int'l" | "assn" | "univ" | "mln" | "bln" | "bn"
);

word_class!(
    /// Closed-class words that commonly start a sentence: after an ambiguous abbreviation they
    /// signal a new sentence; at the start of a sentence they are never names.
    sentence_starter = 2:
    "the" | "a" | "an" | "he" | "she" | "it" | "they" | "we" | "i" | "you" | "his" | "her" | "its"
    | "their" | "our" | "my" | "your" | "this" | "that" | "these" | "those" | "there" | "here"
    | "but" | "and" | "or" | "so" | "yet" | "however" | "meanwhile" | "although" | "though"
    | "while" | "when" | "after" | "before" | "still" | "also" | "now" | "then" | "in" | "on"
    | "at" | "by" | "for" | "from" | "of" | "to" | "with" | "without" | "as" | "if" | "unless"
    | "since" | "until" | "during" | "despite" | "between" | "among" | "under" | "over"
    | "according" | "whether" | "what" | "who" | "which" | "where" | "why" | "how" | "neither"
    | "either" | "both" | "all" | "some" | "many" | "most" | "several" | "no" | "not" | "nor"
    | "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
    | "instead" | "indeed" | "moreover" | "furthermore" | "thus" | "therefore" | "later"
    | "earlier" | "last" | "next" | "each" | "every" | "another" | "such" | "other" | "once"
    | "even" | "only" | "just" | "because" | "asked" | "speaking" | "following" | "amid"
    | "about" | "into" | "through" | "across" | "against" | "toward" | "towards" | "will"
    | "would" | "can" | "could" | "should" | "may" | "might" | "must" | "do" | "does" | "did"
    | "is" | "are" | "was" | "were" | "has" | "have" | "had" | "be" | "sources" | "officials" | "police" | "witnesses" | "experts" | "analysts"
    | "critics" | "observers" | "people" | "residents" | "like" | "unlike"
    | "whatever" | "whoever" | "any" | "none" | "nobody" | "nothing" | "everyone" | "someone"
    | "yes" | "well" | "perhaps" | "maybe" | "finally" | "overall" | "again" | "above" | "below"
    | "within" | "beyond" | "upon" | "onto" | "via" | "per" | "plus" | "minus" | "note"
    | "read" | "see" | "watch" | "click" | "share" | "please" | "let" | "don't" | "it's"
    | "i'm" | "we're" | "they're" | "that's" | "there's" | "here's" | "what's" | "let's"
);

word_class!(
    /// Words of a person's or an office's title: not part of the name they precede.
    title_word = 3:
    "president" | "minister" | "secretary-general" | "secretary" | "general" | "gen"
    | "prime" | "foreign" | "defence" | "defense" | "interior" | "finance" | "deputy" | "vice"
    | "chancellor" | "king" | "queen" | "prince" | "princess" | "pope" | "senator" | "sen"
    | "representative" | "rep" | "governor" | "gov" | "mayor" | "judge" | "justice" | "chief"
    | "mr" | "mrs" | "ms" | "miss" | "dr" | "col" | "colonel" | "lt" | "lieutenant" | "capt"
    | "captain" | "sgt" | "sergeant" | "major" | "maj" | "admiral" | "adm" | "commander"
    | "prof" | "professor" | "ceo" | "chairman" | "chairwoman" | "chair" | "spokesman"
    | "spokeswoman" | "spokesperson" | "envoy" | "ambassador" | "director" | "former"
    | "retired" | "acting" | "interim" | "special" | "senior" | "top" | "sheikh" | "ayatollah"
    | "cardinal" | "bishop" | "archbishop" | "rev" | "father" | "sir" | "dame" | "lord"
    | "lady" | "premier" | "speaker" | "leader" | "officer" | "attorney" | "sheriff"
    | "coach" | "manager" | "founder" | "executive" | "economy" | "trade" | "health"
    | "state" | "affairs" | "emperor" | "crown" | "minority" | "majority" | "house"
    | "assistant" | "associate" | "agent" | "inspector" | "detective" | "superintendent"
    | "constable" | "marshal" | "brigadier" | "corporal" | "private" | "first" | "lady's"
    | "president-elect" | "ex-president" | "co-founder" | "chairperson" | "head" | "mp" | "mep"
    | "msp" | "mps" | "congressman" | "congresswoman" | "lawmaker" | "spokesman's" | "analyst"
    | "economist" | "editor" | "correspondent" | "commissioner" | "chancellor's" | "diplomat"
);

word_class!(
    /// Demonyms and other adjectives of origin ("French", "North"); with the suffix rule in
    /// [`class_of`] ("Russian", "Korean", "Chinese"), dropped from names.
    demonym = 20:
    "french"
            | "british"
            | "dutch"
            | "swiss"
            | "greek"
            | "thai"
            | "iraqi"
            | "israeli"
            | "saudi"
            | "pakistani"
            | "afghan"
            | "yemeni"
            | "kuwaiti"
            | "qatari"
            | "emirati"
            | "bangladeshi"
            | "turkish"
            | "polish"
            | "spanish"
            | "danish"
            | "swedish"
            | "finnish"
            | "irish"
            | "scottish"
            | "welsh"
            | "english"
            | "czech"
            | "slovak"
            | "german"
            | "american"
            | "chinese"
            | "japanese"
            | "vietnamese"
            | "lebanese"
            | "sudanese"
            | "portuguese"
            | "taiwanese"
            | "nepalese"
            | "north"
            | "south"
            | "east"
            | "west"
            | "western"
            | "eastern"
            | "northern"
            | "southern"
            | "central"
            | "federal"
            | "national"
            | "soviet"
            | "arab"
            | "kurdish"
            | "jewish"
            | "muslim"
            | "christian"
            | "catholic"
            | "sunni"
            | "shia"
            | "shiite"
            | "republican"
            | "democratic"
            | "democrat"
            | "conservative"
            | "liberal"
            | "labour"
            | "european"
            | "african"
            | "asian"
            | "latin"
            | "nordic"
            | "baltic"
            | "balkan"
            | "us-led"
            | "u.s.-led"
            | "nato-led"
            | "pro-russian"
            | "pro-kremlin"
            | "ukrainian-born"
            | "libyan" | "mexican" | "cuban" | "kenyan" | "ugandan" | "moroccan" | "somali"
            | "omani" | "bahraini" | "nepali" | "filipino" | "icelandic" | "congolese" | "tory"
            | "labour" | "roman" | "socialist" | "communist" | "nationalist"
);

word_class!(
    /// Last words that make a capitalised name an organisation.
    org_suffix = 4:
    "news" | "inc" | "corp" | "co" | "ltd" | "llc" | "plc" | "group" | "party" | "ministry"
    | "council" | "agency" | "bank" | "university" | "college" | "committee" | "association"
    | "times" | "post" | "journal" | "company" | "army" | "forces" | "force" | "police" | "court"
    | "parliament" | "congress" | "senate" | "house" | "department" | "office" | "institute"
    | "foundation" | "union" | "organization" | "organisation" | "commission" | "center"
    | "centre" | "hospital" | "network" | "channel" | "tv" | "television" | "radio" | "press"
    | "airlines" | "airways" | "motors" | "technologies" | "systems" | "holdings" | "fund"
    | "federation" | "league" | "club" | "team" | "navy" | "guard" | "service" | "services"
    | "board" | "authority" | "reserve" | "exchange" | "media" | "magazine" | "daily"
    | "herald" | "tribune" | "telegraph" | "guardian" | "gazette" | "review" | "assembly"
    | "cabinet" | "government" | "administration" | "brigade" | "battalion" | "regiment"
    | "movement" | "front" | "alliance" | "coalition" | "church" | "school" | "studios"
    | "records" | "pictures" | "entertainment" | "foods" | "energy" | "oil" | "airline"
    | "brothers" | "partners" | "capital" | "securities" | "bancorp" | "financial" | "insurance"
    | "pharmaceuticals" | "labs" | "laboratories" | "industries" | "international"
);

word_class!(
    /// Last words that make a capitalised name a place.
    place_suffix = 5:
    "city" | "county" | "province" | "region" | "state" | "street" | "river" | "island"
    | "islands" | "mountains" | "sea" | "ocean" | "lake" | "valley" | "district" | "square"
    | "avenue" | "bay" | "coast" | "peninsula" | "oblast" | "airport" | "border" | "strait"
    | "gulf" | "desert" | "beach" | "park" | "bridge" | "village" | "town" | "kingdom"
    | "republic" | "territory" | "territories" | "heights" | "hills" | "port"
);

word_class!(
    /// Names of days, months and holidays: time expressions, not entities.
    calendar_word = 6:
    "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    | "january" | "february" | "march" | "april" | "may" | "june" | "july" | "august"
    | "september" | "october" | "november" | "december" | "christmas" | "easter"
    | "ramadan" | "thanksgiving" | "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug"
    | "sep" | "sept" | "oct" | "nov" | "dec" | "eid" | "hanukkah" | "passover"
);

word_class!(
    weekday = 7:
    "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    | "today" | "yesterday" | "tomorrow" | "tonight"
);

word_class!(
    month = 8:
    "january" | "february" | "march" | "april" | "may" | "june" | "july" | "august"
    | "september" | "october" | "november" | "december" | "jan" | "feb" | "mar" | "apr"
    | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec"
);

word_class!(
    day_part = 9:
    "morning" | "afternoon" | "evening" | "night" | "overnight"
);

word_class!(
    period_noun = 10:
    "week" | "month" | "year" | "weekend" | "decade" | "century" | "quarter" | "season"
    | "spring" | "summer" | "autumn" | "fall" | "winter" | "night" | "morning" | "evening"
    | "afternoon"
);

word_class!(
    /// Finite verbs that report speech: "said", "says", "told", "stated".
    speech_finite = 11:
    "said" | "says" | "say" | "told" | "tells" | "stated" | "states" | "posted" | "posts"
        | "added" | "adds" | "replied" | "replies" | "declared" | "declares" | "insisted"
        | "insists" | "noted" | "notes" | "emphasized" | "emphasised" | "emphasizes"
        | "stressed" | "stresses" | "claimed" | "claims" | "confirmed" | "confirms" | "denied"
        | "denies" | "warned" | "warns" | "wrote" | "writes" | "tweeted" | "tweets"
        | "announced" | "announces" | "explained" | "explains" | "argued" | "argues"
        | "alleged" | "alleges" | "indicated" | "indicates" | "responded" | "acknowledged"
        | "admitted" | "admits" | "urged" | "urges" | "recalled" | "concluded" | "commented"
        | "remarked" | "maintained" | "maintains" | "predicted" | "asserted" | "asserts"
        | "reiterated" | "criticized" | "criticised" | "asked" | "asks" | "answered"
        | "promised" | "vowed" | "pledged" | "revealed" | "disclosed" | "reported"
        | "testified" | "conceded" | "cautioned" | "observed" | "agreed" | "shouted"
        | "countered" | "retorted" | "boasted" | "complained" | "explaining" | "texted"
        | "signaled" | "signalled"
);

word_class!(
    /// Participles that report speech: "saying", "stating", "adding".
    speech_participle = 12:
    "saying" | "telling" | "stating" | "adding" | "noting" | "insisting" | "emphasizing"
        | "emphasising" | "stressing" | "claiming" | "warning" | "arguing" | "declaring"
        | "confirming" | "denying" | "writing" | "posting" | "replying" | "asserting"
        | "announcing" | "indicating" | "acknowledging" | "admitting" | "urging"
);

word_class!(
    /// Verbs that report words only next to a quotation: "whom he called a “dangerous
    /// demagogue”", "accusing the president of having “wasted another week”". Without a quote
    /// they report deeds ("Police charged him"), so only quote attribution reads them.
    quote_verb = 22:
    "called" | "calls" | "accused" | "accuses" | "charged" | "charges" | "referred" | "refers"
    | "described" | "describes" | "dubbed" | "branded" | "labeled" | "labelled" | "pleaded"
    | "chided" | "hammered" | "mocked" | "blasted" | "slammed" | "decried" | "denounced"
    | "lambasted" | "praised" | "condemned" | "joked" | "quipped" | "lamented" | "hailed"
    | "suggested" | "demanded" | "scoffed" | "calling" | "accusing" | "describing"
    | "referring" | "dubbing" | "branding" | "labeling" | "labelling" | "charging"
    | "praising" | "blasting" | "slamming" | "suggesting" | "lamenting" | "pleading"
    | "demanding" | "mocking"
);

/// Like [`speech_form`], counting the verbs of [`quote_verb`] too: next to a quotation.
pub(crate) fn quote_speech_form(class: u64, word: &str) -> Option<SpeechForm> {
    speech_form(class).or_else(|| {
        (class & quote_verb::FLAG != 0).then(|| {
            if word.ends_with("ing") {
                SpeechForm::Participle
            } else {
                SpeechForm::Finite
            }
        })
    })
}

/// Whether a word of these classes reports speech, and in which form ("said" / "stating").
pub(crate) fn speech_form(class: u64) -> Option<SpeechForm> {
    if class & speech_finite::FLAG != 0 {
        Some(SpeechForm::Finite)
    } else if class & speech_participle::FLAG != 0 {
        Some(SpeechForm::Participle)
    } else {
        None
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SpeechForm {
    Finite,
    Participle,
}

word_class!(
    /// Words that may stand between a subject and its speech verb ("Lavrov also said").
    subject_gap = 13:
    "also" | "recently" | "has" | "had" | "have" | "was" | "is" | "then" | "later"
    | "previously" | "publicly" | "repeatedly" | "again" | "further" | "reportedly" | "once"
    | "would" | "will" | "firmly" | "quickly" | "immediately" | "earlier" | "separately"
    | "explicitly" | "flatly" | "strongly" | "subsequently" | "privately" | "himself"
    | "herself" | "openly" | "allegedly" | "apparently" | "clearly"
    | "initially" | "first" | "finally" | "yesterday" | "today" | "last" | "week" | "night"
    | "this" | "on" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday"
    | "saturday" | "sunday" | "just" | "did" | "does" | "do" | "could" | "may" | "might"
    | "who" | "which"
);

word_class!(
    pronoun_person = 14:
    "he" | "she"
);

word_class!(
    /// Words that deny or negate the claim they occur in.
    negator = 15:
    "not" | "never" | "no" | "neither" | "nor" | "none" | "nobody" | "nothing" | "cannot"
    | "can't" | "won't" | "don't" | "doesn't" | "didn't" | "isn't" | "aren't" | "wasn't"
    | "weren't" | "hasn't" | "haven't" | "hadn't" | "shouldn't" | "wouldn't" | "couldn't"
    | "mustn't" | "denied" | "denies" | "deny" | "denying" | "refused" | "refuses" | "rejected"
    | "rejects" | "nowhere"
);

word_class!(
    /// Words that hedge a claim: modal verbs, distancing adverbs, verbs of appearance.
    hedge_word = 16:
    "may" | "might" | "could" | "reportedly" | "allegedly" | "apparently" | "possibly"
    | "perhaps" | "maybe" | "likely" | "unlikely" | "probably" | "seems" | "seem" | "seemed"
    | "appears" | "appear" | "appeared" | "suggest" | "suggests" | "suggested" | "purportedly"
    | "supposedly" | "presumably" | "potentially" | "rumored" | "rumoured" | "unconfirmed"
    | "uncertain" | "unclear" | "possible" | "believed" | "expected" | "estimated" | "alleged" | "claimed"
);

word_class!(
    /// Verbs after a number that give its unit: "killing 12" → "12 killed".
    casualty_verb = 17:
    "killing" | "killed" | "kills" | "injuring" | "injured" | "injures" | "wounding" | "wounded"
    | "wounds" | "arresting" | "arrested" | "detaining" | "detained" | "displacing"
    | "displaced" | "evacuating" | "evacuated" | "rescuing" | "rescued" | "leaving"
);

pub(crate) fn casualty_participle(word: &str) -> &'static str {
    let mut buf = [0u8; 24];
    match lower(word, &mut buf) {
        Some("killing" | "killed" | "kills") => "killed",
        Some("injuring" | "injured" | "injures") => "injured",
        Some("wounding" | "wounded" | "wounds") => "wounded",
        Some("arresting" | "arrested") => "arrested",
        Some("detaining" | "detained") => "detained",
        Some("displacing" | "displaced") => "displaced",
        Some("evacuating" | "evacuated") => "evacuated",
        Some("rescuing" | "rescued") => "rescued",
        _ => "",
    }
}

word_class!(
    /// Number words, spelled-out scales included.
    number_word_class = 18:
    "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
    | "eleven" | "twelve" | "thirteen" | "fourteen" | "fifteen" | "sixteen" | "seventeen"
    | "eighteen" | "nineteen" | "twenty" | "thirty" | "forty" | "fifty" | "sixty" | "seventy"
    | "eighty" | "ninety" | "hundred" | "thousand" | "million" | "billion" | "trillion"
    | "dozen" | "dozens" | "scores" | "hundreds" | "thousands" | "millions" | "billions"
    | "tens"
);

word_class!(
    /// Words the negation/hedging/condition scan spells out: condition markers, the words
    /// that make "if" not a condition ("as if", "even if", "asked if"), "may".
    modality_word = 21:
    "unless" | "provided" | "providing" | "condition" | "long" | "if" | "as" | "even" | "asked"
    | "see" | "know" | "wonder" | "unclear" | "whether" | "may" | "out" | "ask" | "determine"
    | "decide" | "sure" | "clear" | "check" | "tell"
);

/// The value of a number word ("twelve" → 12), scale words included ("million").
pub(crate) fn number_word(word: &str) -> Option<f64> {
    let mut buf = [0u8; 24];
    Some(match lower(word, &mut buf)? {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        "dozen" => 12.0,
        _ => return None,
    })
}

/// Multipliers written after a number: "2.5 billion", "5.93 mln", "$1.13bn", "£600m".
pub(crate) fn scale_word(word: &str) -> Option<f64> {
    let mut buf = [0u8; 24];
    Some(match lower(word, &mut buf)? {
        "hundred" => 100.0,
        "thousand" | "k" => 1e3,
        "million" | "mln" | "mn" | "m" | "millions" => 1e6,
        "billion" | "bln" | "bn" | "b" | "billions" => 1e9,
        "trillion" | "tn" | "trillions" => 1e12,
        _ => return None,
    })
}

/// Plural magnitude words used vaguely: "dozens", "hundreds", "thousands", "millions".
pub(crate) fn vague_magnitude(word: &str) -> Option<f64> {
    let mut buf = [0u8; 24];
    Some(match lower(word, &mut buf)? {
        "dozens" => 12.0,
        "scores" => 20.0,
        "hundreds" => 100.0,
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        _ => return None,
    })
}

word_class!(
    /// Words that cannot be the counted noun after a number.
    not_unit = 19:
    "and" | "or" | "of" | "in" | "on" | "at" | "to" | "for" | "from" | "by" | "with" | "the"
    | "a" | "an" | "was" | "were" | "is" | "are" | "be" | "been" | "has" | "have" | "had"
    | "that" | "which" | "who" | "as" | "than" | "per" | "percent" | "but" | "if" | "when"
    | "while" | "after" | "before" | "since" | "until" | "into" | "over" | "under" | "about"
    | "it" | "he" | "she" | "they" | "we" | "this" | "these" | "those" | "its" | "his"
    | "her" | "their" | "more" | "less" | "times" | "so" | "not" | "will" | "would" | "can"
    | "could" | "may" | "might" | "should" | "must" | "also" | "said" | "says" | "did"
    | "do" | "does" | "there" | "then" | "out" | "up" | "down" | "off" | "people's"
    | "against" | "during" | "between" | "among" | "through" | "across" | "near" | "like"
    | "such" | "only" | "just" | "all" | "both" | "each" | "every" | "other" | "another"
    | "some" | "any" | "no" | "onto" | "where" | "what" | "how" | "why" | "because"
);

/// Site chrome and ad markers that are never article text (compared lower-case, trimmed).
pub(crate) fn chrome_line(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches([':', '.', '…', '»', '›', '>'])
        .trim();
    if t.is_empty() {
        return true;
    }
    if !t.chars().any(char::is_alphanumeric) {
        return true;
    }
    if t.len() > 60 {
        return false;
    }
    // Short lines only (checked above): lower-case on the stack when ASCII.
    let mut buf = [0u8; 64];
    let owned;
    let l: &str = if t.is_ascii() && t.len() <= buf.len() {
        for (d, c) in buf.iter_mut().zip(t.bytes()) {
            *d = c.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..t.len()]).unwrap_or("")
    } else {
        owned = t.to_lowercase();
        &owned
    };
    const EXACT: &[&str] = &[
        "sorting by",
        "sort by",
        "advertisement",
        "advertisements",
        "advertising",
        "sponsored",
        "sponsored content",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "tweet",
        "email",
        "print",
        "subscribe",
        "subscribe now",
        "read more",
        "read more:",
        "continue reading",
        "related",
        "related articles",
        "related stories",
        "related topics",
        "more on this story",
        "comments",
        "comment",
        "leave a comment",
        "skip to content",
        "skip to main content",
        "menu",
        "close",
        "search",
        "home",
        "loading",
        "loading...",
        "click here",
        "sign up",
        "sign in",
        "log in",
        "login",
        "follow us",
        "newsletter",
        "top stories",
        "most read",
        "trending",
        "watch",
        "listen",
        "video",
        "image",
        "photo",
        "next",
        "previous",
        "back to top",
        "like this:",
        "like this",
        "share this:",
        "you may also like",
        "recommended",
        "all rights reserved",
        "accept",
        "accept cookies",
        "cookie settings",
        "x",
    ];
    if l.len() <= max_len(EXACT) && EXACT.contains(&l) {
        return true;
    }
    const PREFIX: &[&str] = &[
        "share on ",
        "follow us on ",
        "subscribe to ",
        "sign up for ",
        "click here ",
        "read more ",
        "read also",
        "see also",
        "copyright ",
        "©",
        "(c) ",
        "image source",
        "image caption",
        "media caption",
        "getty images",
        "photo:",
        "image:",
        "photograph:",
        "this website uses cookies",
        "we use cookies",
        "by continuing to use",
        "related:",
        "advertisement ",
        "posted in ",
        "tags:",
        "filed under",
        "updated:",
        "published:",
        "last updated",
    ];
    /// The first bytes of the prefixes: a line opening with another is none of them.
    const PREFIX_FIRST: [bool; 256] = {
        let mut t = [false; 256];
        let mut k = 0;
        while k < PREFIX.len() {
            t[PREFIX[k].as_bytes()[0] as usize] = true;
            k += 1;
        }
        t
    };
    // The word count only where it decides (most short lines reach none of those tests).
    let words = || l.split_whitespace().count();
    let unterminated = !text.trim_end().ends_with(['.', '!', '?', '"', '”']);
    // The letters of the line: a phrase is searched for only when all its letters are there.
    let letters = letter_set(l.as_bytes());
    let has = |pat: &str| {
        letters & letter_set(pat.as_bytes()) == letter_set(pat.as_bytes()) && has(l, pat)
    };
    (PREFIX_FIRST[l.as_bytes()[0] as usize] && PREFIX.iter().any(|p| l.starts_with(p)))
        || (has("cookie") && (has("accept") || has("use")))
        || has("all rights reserved")
        // Bylines: "By Jane Smith", "By Jane Smith and John Doe, Reuters".
        || (l.starts_with("by ") && unterminated && words() <= 8)
        // Photo credits and captions: "(Photo: Getty Images)", "AP Photo/Efrem Lukatsky".
        || ((has("getty images") || has("ap photo") || has("photo credit")) && words() <= 20)
        // A date or time line on its own: "March 3, 2024 10:15 AM EDT".
        || (unterminated && date_line(l))
}

/// The longest of `words`.
const fn max_len(words: &[&str]) -> usize {
    let (mut k, mut m) = (0, 0);
    while k < words.len() {
        if words[k].len() > m {
            m = words[k].len();
        }
        k += 1;
    }
    m
}

/// The lower-case ASCII letters present in `b`, one bit each.
fn letter_set(b: &[u8]) -> u32 {
    b.iter().fold(0, |m, &c| {
        m | u32::from(c.is_ascii_lowercase()) << (c.wrapping_sub(b'a') & 31)
    })
}

/// `hay` (a short line) contains `pat`: candidates found by the first byte, without setting
/// up a substring searcher per call.
fn has(hay: &str, pat: &str) -> bool {
    let (h, p) = (hay.as_bytes(), pat.as_bytes());
    h.len() >= p.len() && memchr::memchr_iter(p[0], h).any(|i| h[i..].starts_with(p))
}

/// Every word is part of a date or time ("Thursday, April 24, 2025 | 5:03pm GMT").
fn date_line(l: &str) -> bool {
    let mut any_date_word = false;
    let all = l
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '/' | '-' | '·'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            let w = w.trim_end_matches('.');
            let date_word = calendar_word(w);
            any_date_word |= date_word;
            date_word
                || w.bytes().all(|b| b.is_ascii_digit() || b == b':')
                || matches!(
                    w,
                    "am" | "pm"
                        | "a.m"
                        | "p.m"
                        | "gmt"
                        | "utc"
                        | "et"
                        | "edt"
                        | "est"
                        | "bst"
                        | "cet"
                        | "pt"
                        | "pdt"
                        | "pst"
                        | "updated"
                        | "published"
                        | "posted"
                        | "on"
                        | "at"
                )
                || (w.len() <= 7
                    && (w.ends_with("am") || w.ends_with("pm"))
                    && w.as_bytes()[0].is_ascii_digit())
        });
    all && any_date_word
}

const CLASSES: &[(&[&str], u64)] = &[
    (never_final_abbrev::WORDS, never_final_abbrev::FLAG),
    (ambiguous_abbrev::WORDS, ambiguous_abbrev::FLAG),
    (sentence_starter::WORDS, sentence_starter::FLAG),
    (title_word::WORDS, title_word::FLAG),
    (org_suffix::WORDS, org_suffix::FLAG),
    (place_suffix::WORDS, place_suffix::FLAG),
    (calendar_word::WORDS, calendar_word::FLAG),
    (weekday::WORDS, weekday::FLAG),
    (month::WORDS, month::FLAG),
    (day_part::WORDS, day_part::FLAG),
    (period_noun::WORDS, period_noun::FLAG),
    (speech_finite::WORDS, speech_finite::FLAG),
    (speech_participle::WORDS, speech_participle::FLAG),
    (subject_gap::WORDS, subject_gap::FLAG),
    (pronoun_person::WORDS, pronoun_person::FLAG),
    (negator::WORDS, negator::FLAG),
    (hedge_word::WORDS, hedge_word::FLAG),
    (casualty_verb::WORDS, casualty_verb::FLAG),
    (number_word_class::WORDS, number_word_class::FLAG),
    (not_unit::WORDS, not_unit::FLAG),
    (demonym::WORDS, demonym::FLAG),
    (modality_word::WORDS, modality_word::FLAG),
    (quote_verb::WORDS, quote_verb::FLAG),
];

/// Whether `word` is a demonym or adjective of origin ("French", "Canadian", "Soviet"): the
/// similarity crate tells figures of two countries apart by them.
pub fn is_demonym(word: &str) -> bool {
    demonym(word)
}

/// All the classes `word` belongs to, as a bit set of the `FLAG`s above (case-insensitive; a
/// final period is ignored, so "Gen." is "gen"). Tokens compute it once.
pub(crate) fn class_of(word: &str) -> u64 {
    let word = word.strip_suffix('.').unwrap_or(word).as_bytes();
    let mut class = match short_key(word) {
        Some(k) => word_table().get(k),
        None if word.len() <= 24 => {
            let mut buf = [0u8; 24];
            for (d, s) in buf.iter_mut().zip(word) {
                *d = s.to_ascii_lowercase();
            }
            word_table()
                .long
                .get(&buf[..word.len()])
                .copied()
                .unwrap_or(0)
        }
        None => 0,
    };
    // "Russian", "Ukrainian", "Korean", "Syrian", "Iranian", "Chinese", "Japanese".
    let n = word.len();
    if n > 4 {
        let tail = [word[n - 3] | 0x20, word[n - 2] | 0x20, word[n - 1] | 0x20];
        if matches!(&tail, b"ian" | b"ean" | b"ese") {
            class |= demonym::FLAG;
        }
    }
    class
}

/// [`class_of`] of the word `text[s..e]`, reading 16 bytes at `s` and masking them to the
/// word's length when the text runs on that far (nearly always): no branch on the length.
#[inline]
pub(crate) fn class_of_at(text: &[u8], s: usize, e: usize) -> u64 {
    let Some(chunk) = text.get(s..s + 16) else {
        return class_of(std::str::from_utf8(&text[s..e]).unwrap_or(""));
    };
    let n = e - s - usize::from(e > s && text[e - 1] == b'.');
    if n == 0 || n > 16 {
        return class_of(std::str::from_utf8(&text[s..e]).unwrap_or(""));
    }
    let mut raw = [0u8; 16];
    raw.copy_from_slice(chunk);
    let key = u128::from_le_bytes(raw) & (u128::MAX >> (128 - 8 * n));
    let key =
        ascii_lower_u64(key as u64) as u128 | (ascii_lower_u64((key >> 64) as u64) as u128) << 64;
    let class = word_table().get(key);
    // Demonyms, as in `class_of`: words of over four bytes ending in "ian", "ean" or "ese"
    // (the last three bytes read from the text; `| 0x20` lower-cases exactly the letters
    // compared). Without branches: the length is no predictable test.
    let t = &chunk[n.max(3) - 3..];
    let tail = u32::from_le_bytes([t[0] | 0x20, t[1] | 0x20, t[2] | 0x20, 0]);
    let demonym = (tail == u32::from_le_bytes(*b"ian\0"))
        | (tail == u32::from_le_bytes(*b"ean\0"))
        | (tail == u32::from_le_bytes(*b"ese\0"));
    class | (demonym::FLAG * u64::from(demonym & (n > 4)))
}

/// The class words keyed by [`short_key`] (words of up to 16 bytes, nearly all) in a two-choice
/// cuckoo table: a word sits in one of two slots given by two multiply-shift hashes, so a
/// look-up reads both and keeps the one holding the word — no probe loop and no branch on hit
/// or miss, which no predictor could guess token by token. Longer words use a slice map.
struct WordTable {
    keys: Box<[u128]>,
    /// Class bits (all below 32); 0 in empty slots.
    classes: Box<[u32]>,
    shift: u32,
    /// The multiplier of the second hash (the first is fixed).
    second: u64,
    long: FxHashMap<&'static [u8], u64>,
}

const FIRST_HASH: u64 = 0x9E37_79B9_7F4A_7C15;

impl WordTable {
    #[inline]
    fn slots(&self, key: u128) -> (usize, usize) {
        let x = (key as u64) ^ ((key >> 64) as u64).rotate_left(31);
        (
            (x.wrapping_mul(FIRST_HASH) >> self.shift) as usize,
            (x.wrapping_mul(self.second) >> self.shift) as usize,
        )
    }

    #[inline]
    fn get(&self, key: u128) -> u64 {
        // Empty slots hold key 0, which no word has (a word has at least one non-zero byte).
        let (i, j) = self.slots(key);
        let a = u64::from(self.classes[i]) * u64::from(self.keys[i] == key);
        let b = u64::from(self.classes[j]) * u64::from(self.keys[j] == key);
        a | b
    }

    /// Places every word, moving others to their other slot as needed; `false` when some word
    /// found no place (a cycle), to be retried with another second hash.
    fn fill(&mut self, words: &[(u128, u32)]) -> bool {
        for &(key, class) in words {
            let (mut key, mut class) = (key, class);
            let mut at = self.slots(key).0;
            let mut placed = false;
            for _ in 0..64 {
                if self.keys[at] == 0 {
                    self.keys[at] = key;
                    self.classes[at] = class;
                    placed = true;
                    break;
                }
                std::mem::swap(&mut key, &mut self.keys[at]);
                std::mem::swap(&mut class, &mut self.classes[at]);
                let (i, j) = self.slots(key);
                at = if at == i { j } else { i };
            }
            if !placed {
                return false;
            }
        }
        true
    }
}

#[inline]
fn word_table() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut short: FxHashMap<u128, u64> = FxHashMap::default();
        debug_assert!(CLASSES.iter().all(|(_, flag)| *flag < 1 << 32));
        let mut long = FxHashMap::default();
        for (words, flag) in CLASSES {
            for w in *words {
                match short_key(w.as_bytes()) {
                    Some(k) => *short.entry(k).or_insert(0) |= flag,
                    None => *long.entry(w.as_bytes()).or_insert(0) |= flag,
                }
            }
        }
        let mut words: Vec<(u128, u32)> = short.into_iter().map(|(k, c)| (k, c as u32)).collect();
        words.sort_unstable();
        // At most one slot in four used: two-choice cuckoo tables fill easily below one half.
        let size = (words.len() * 4).next_power_of_two();
        let mut second = 0xC2B2_AE3D_27D4_EB4F_u64;
        loop {
            let mut table = WordTable {
                keys: vec![0; size].into_boxed_slice(),
                classes: vec![0; size].into_boxed_slice(),
                shift: 64 - size.trailing_zeros(),
                second,
                long: FxHashMap::default(),
            };
            if table.fill(&words) {
                table.long = long;
                return table;
            }
            second = second.wrapping_mul(0x2545_F491_4F6C_DD1D).wrapping_add(2) | 1;
        }
    })
}

/// The lower-cased word as a zero-padded little-endian u128, when it has 1–16 bytes: read as
/// two overlapping words and lower-cased eight bytes at a time (ASCII letters only, as
/// `to_ascii_lowercase`).
fn short_key(word: &[u8]) -> Option<u128> {
    let n = word.len();
    let (lo, hi) = match n {
        0 => return None,
        1..=3 => {
            let x = word[0] as u64
                | (word[n / 2] as u64) << (8 * (n / 2))
                | (word[n - 1] as u64) << (8 * (n - 1));
            (x, 0)
        }
        4..=7 => {
            let a = u32::from_le_bytes([word[0], word[1], word[2], word[3]]) as u64;
            let b = u32::from_le_bytes([word[n - 4], word[n - 3], word[n - 2], word[n - 1]]) as u64;
            (a | b << (8 * (n - 4)), 0)
        }
        8..=16 => {
            let mut a = [0u8; 8];
            a.copy_from_slice(&word[..8]);
            let mut b = [0u8; 8];
            b.copy_from_slice(&word[n - 8..]);
            let (a, b) = (u64::from_le_bytes(a), u64::from_le_bytes(b));
            // Bytes n-8..n of `b` land at n-8..n of the key: they overlap `a` with equal bytes.
            let key = a as u128 | (b as u128) << (8 * (n - 8));
            (key as u64, (key >> 64) as u64)
        }
        _ => return None,
    };
    Some(ascii_lower_u64(lo) as u128 | (ascii_lower_u64(hi) as u128) << 64)
}

/// `to_ascii_lowercase` on the eight bytes of `x` at once.
fn ascii_lower_u64(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = x & (0x7F * ONES);
    // Per byte, no carries: the high bit is set when the byte is >= 'A', resp. > 'Z'.
    let ge_a = low7 + (0x80 - b'A' as u64) * ONES;
    let gt_z = low7 + (0x80 - b'Z' as u64 - 1) * ONES;
    let upper = ge_a & !gt_z & !x & (0x80 * ONES);
    x | (upper >> 2)
}

/// Known places and organisations (embedded `data/gazetteer.tsv`).
pub(crate) fn gazetteer(name: &str) -> Option<EntityKind> {
    static MAP: OnceLock<FxHashMap<&'static str, EntityKind>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        include_str!("../data/gazetteer.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| {
                let (name, kind) = l.split_once('\t')?;
                let kind = match kind {
                    "place" => EntityKind::Place,
                    "org" => EntityKind::Organization,
                    _ => EntityKind::Other,
                };
                Some((name, kind))
            })
            .collect()
    });
    // Most names are in no list: a 4 KB bit set of (length, first two bytes) signatures of
    // the listed names turns them away before any hashing.
    static SIGS: OnceLock<Box<[u64; 512]>> = OnceLock::new();
    let sigs = SIGS.get_or_init(|| {
        let mut bits = Box::new([0u64; 512]);
        for name in map.keys() {
            let s = gazetteer_sig(name.as_bytes());
            bits[s / 64] |= 1 << (s % 64);
        }
        bits
    });
    let s = gazetteer_sig(name.as_bytes());
    if sigs[s / 64] & (1 << (s % 64)) == 0 {
        return None;
    }
    map.get(name).copied()
}

/// A 15-bit signature of a name: its length and first two bytes.
fn gazetteer_sig(b: &[u8]) -> usize {
    let b0 = b.first().copied().unwrap_or(0) as usize;
    let b1 = b.get(1).copied().unwrap_or(0) as usize;
    (b0.wrapping_mul(131) ^ b1.wrapping_mul(31) ^ b.len().wrapping_mul(2_654_435_761) >> 7) & 0x7FFF
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_key_is_lower_cased_zero_padded() {
        let words = [
            "a",
            "I",
            "Of",
            "THE",
            "Said",
            "KYIV",
            "Lavrov",
            "Ukraine",
            "Minister",
            "MINISTRY1",
            "Secretary-Gen",
            "abcdefghijklmnop",
            "@[`{Az",
            "Caf\u{e9}",
            "\u{c9}tat",
        ];
        for w in words {
            let mut want = [0u8; 16];
            for (d, s) in want.iter_mut().zip(w.bytes()) {
                *d = s.to_ascii_lowercase();
            }
            assert_eq!(
                short_key(w.as_bytes()),
                Some(u128::from_le_bytes(want)),
                "{w}"
            );
        }
        assert_eq!(short_key(b""), None);
        assert_eq!(short_key(b"abcdefghijklmnopq"), None);
    }

    proptest::proptest! {
        #[test]
        fn short_key_matches_bytewise_lowering(w in proptest::collection::vec(proptest::num::u8::ANY, 1..=16)) {
            let mut want = [0u8; 16];
            for (d, s) in want.iter_mut().zip(&w) {
                *d = s.to_ascii_lowercase();
            }
            proptest::prop_assert_eq!(short_key(&w), Some(u128::from_le_bytes(want)));
        }
    }

    #[test]
    fn every_listed_word_has_its_class_and_others_none() {
        for (words, flag) in CLASSES {
            for w in *words {
                assert_ne!(class_of(w) & flag, 0, "{w}");
                assert_ne!(class_of(&w.to_uppercase()) & flag, 0, "{w}");
            }
        }
        // Words in no list (and no demonym ending) have no class.
        for w in [
            "table",
            "zebra",
            "Lavrov",
            "x1",
            "supercalifragilistic",
            "moscowx",
        ] {
            assert_eq!(class_of(w), 0, "{w}");
        }
    }

    #[test]
    fn class_of_at_matches_class_of() {
        let text = "Gen. Sergey Lavrov, the Russian FOREIGN Minister, said: Japanese U.S. \
                    Secretary-General Ukrainian-born Monday, speaking. Thursday's hundreds a \
                    Caf\u{e9} supercalifragilisticexpialidocious Chinese ese x Iranian";
        let mut toks = Vec::new();
        crate::text::tokenize(text, 0, text.len(), &mut toks);
        for t in &toks {
            let w = &text[t.s..t.e];
            assert_eq!(class_of_at(text.as_bytes(), t.s, t.e), class_of(w), "{w}");
        }
        // Every word of every class, in a text that runs on and at its very end.
        for (words, _) in CLASSES {
            for w in *words {
                let padded = format!("{w} and more text after it to read");
                assert_eq!(
                    class_of_at(padded.as_bytes(), 0, w.len()),
                    class_of(w),
                    "{w}"
                );
                let cap = format!("x {}", w.to_uppercase());
                assert_eq!(
                    class_of_at(cap.as_bytes(), 2, cap.len()),
                    class_of(w),
                    "{w}"
                );
            }
        }
    }

    #[test]
    fn word_classes() {
        type Case = (&'static str, fn(&str) -> bool, bool);
        let table: &[Case] = &[
            ("Mr", never_final_abbrev, true),
            ("U.S", never_final_abbrev, true),
            ("Inc", ambiguous_abbrev, true),
            ("The", sentence_starter, true),
            ("Lavrov", sentence_starter, false),
            ("Russian", demonym, true),
            ("Korean", demonym, true),
            ("Trump", demonym, false),
            ("President", title_word, true),
            ("Secretary-General", title_word, true),
            ("News", org_suffix, true),
            ("cannot", negator, true),
            ("may", hedge_word, true),
            ("Thursday", calendar_word, true),
        ];
        for (w, f, want) in table {
            assert_eq!(f(w), *want, "{w}");
        }
        assert_eq!(gazetteer("Moscow"), Some(EntityKind::Place));
        assert_eq!(gazetteer("Kremlin"), Some(EntityKind::Organization));
        assert!(chrome_line("Sorting by"));
        assert!(chrome_line("×"));
        assert!(chrome_line("Advertisements"));
        assert!(!chrome_line("Putin Ready To Negotiate With Only Trump"));
        assert!(chrome_line("By Jane Smith and John Doe, Reuters"));
        assert!(chrome_line("Thursday, April 24, 2025 | 5:03pm GMT"));
        assert!(chrome_line(
            "Rescuers search the rubble. (Photo: Getty Images)"
        ));
        assert!(!chrome_line("By Thursday the talks had failed."));
        assert!(chrome_line("Thursday"));
        assert_eq!(number_word("Twelve"), Some(12.0));
        assert_eq!(
            speech_form(class_of("stating")),
            Some(SpeechForm::Participle)
        );
        assert_eq!(speech_form(class_of("Said")), Some(SpeechForm::Finite));
    }
}
