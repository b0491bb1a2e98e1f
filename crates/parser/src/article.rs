use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// A half-open range `[start, end)` of offsets.
///
/// Used for byte offsets into [`Article::text`] (`byte_span` fields) and for character offsets
/// (`span` fields), which are what outputs show users.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Who published an article and where it came from. Unknown JSON fields land in `extra`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ArticleMeta {
    /// Stable id: the JSON `id` field, or the file stem for plain files.
    pub id: String,
    /// The outlet (JSON `source`, else the URL's host, else the id).
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    /// Batch grouping (JSON `set` field).
    pub set: Option<String>,
    /// Where it was read from: a path, or `path:line` for JSONL.
    pub origin: String,
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// What a sentence is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SentenceKind {
    /// An asserted sentence: yields one or more claims.
    Claim,
    /// A question: never a claim.
    Question,
    /// A headline: a claim, flagged as a headline.
    Headline,
    /// Site chrome, ad markers, share lines: never a claim.
    Boilerplate,
    /// A table row or a listing line ("Shr 1.20 dlrs vs 1.05 dlrs", "Platinum up 4.20 dlrs per
    /// oz" among others like it): figures laid out, not asserted; never a claim.
    Table,
    /// A fact-box label or field line ("DEAD: 3", "*INJURED: two officers", "Credit: AP",
    /// "Subs not used: …"): a form filled in, not asserted; never a claim.
    Label,
    /// The place (and agency or date) that opens a story: "WASHINGTON —", "SAN DIEGO (CBS 8) -";
    /// never a claim, the sentence after it starts at its first word.
    Dateline,
    /// Who wrote it: "By Kristen Dressel", "Reporting by …; Editing by …", "Contributing: …";
    /// never a claim, and its names are no one's speech.
    Byline,
    /// A picture's caption or credit: "Buy Photo Wayne County Prosecutor …", "(Photo: File/The
    /// Tennessean)", and the caption lines a credit closes; never a claim.
    Caption,
}

impl SentenceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SentenceKind::Claim => "claim",
            SentenceKind::Question => "question",
            SentenceKind::Headline => "headline",
            SentenceKind::Boilerplate => "boilerplate",
            SentenceKind::Table => "table",
            SentenceKind::Label => "label",
            SentenceKind::Dateline => "dateline",
            SentenceKind::Byline => "byline",
            SentenceKind::Caption => "caption",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sentence {
    pub index: usize,
    pub kind: SentenceKind,
    /// Character offsets into the article text.
    pub span: Span,
    /// Byte offsets into the article text.
    pub byte_span: Span,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Organization,
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// The name as written, titles stripped ("Sergey Lavrov", not "Foreign Minister Sergey Lavrov").
    pub name: String,
    pub kind: EntityKind,
    /// Character offsets into the article text.
    pub span: Span,
}

/// How a quantity is bounded: "at least 12", "over 90", "nearly 3", "about 40".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    Over,
    AtMost,
    Under,
    /// "nearly 3", "almost 40": close to the number and below it.
    Nearly,
    About,
    /// "tens of thousands", "dozens": an order of magnitude, not a number.
    Vague,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quantity {
    pub value: f64,
    /// Upper end of a range ("10 to 12 people").
    pub upper: Option<f64>,
    /// What is counted, lower-case, as written: "missiles", "casualties per day" (a rate keeps
    /// its "per …"), "killed" for "killing 12", "dollars" for "$", "percent" for "%". Empty when
    /// nothing is counted. [`Quantity::noun`] gives the singular head noun.
    pub unit: String,
    /// A lower-case word written between the figure and the counted noun, which narrows what is
    /// counted: "mobile" in "two mobile homes", "undersea" in "three undersea cables".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// Written as a modifier, the unit glued by a hyphen: "an 86-yard run", "a 33-year-old":
    /// the size of one thing, not a total of many.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub glued: bool,
    pub qualifier: Qualifier,
    /// As written ("over 1,200 casualties per day").
    pub text: String,
    /// Character offsets into the article text.
    pub span: Span,
}

impl Quantity {
    /// The counted noun in the singular, without a rate: "casualty" for "casualties per day",
    /// "missile" for "missiles". For matching quantities of the same thing.
    pub fn noun(&self) -> String {
        let head = self.unit.split(" per ").next().unwrap_or("");
        singular(head)
    }
}

/// English singular of a lower-case plural noun (regular forms; "people" stays).
pub(crate) fn singular(word: &str) -> String {
    let w = word.to_lowercase();
    if w == "people" || w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || w.len() <= 3
    {
        return w;
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["ches", "shes", "xes", "sses"] {
        if w.ends_with(suffix) {
            return w[..w.len() - 2].to_string();
        }
    }
    w.strip_suffix('s').map(str::to_string).unwrap_or(w)
}

impl Qualifier {
    /// The canonical word(s) written before the number; empty for [`Qualifier::Exact`] and
    /// [`Qualifier::Vague`].
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact | Qualifier::Vague => "",
            Qualifier::AtLeast => "at least",
            Qualifier::Over => "over",
            Qualifier::AtMost => "at most",
            Qualifier::Under => "under",
            Qualifier::Nearly => "nearly",
            Qualifier::About => "about",
        }
    }
}

/// A number in canonical form: "1200", "2.5", "2.5 billion".
fn write_number(f: &mut fmt::Formatter<'_>, v: f64) -> fmt::Result {
    for (scale, name) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        let x = v / scale;
        if x >= 1.0 && ((x * 1000.0).round() - x * 1000.0).abs() < 1e-6 {
            return write!(f, "{} {name}", (x * 1000.0).round() / 1000.0);
        }
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        write!(f, "{}", v as i64)
    } else {
        write!(f, "{}", (v * 1e6).round() / 1e6)
    }
}

/// The canonical form used in outputs (claims.csv `quantities`, joined by "; ") and by the
/// seed-gold checks: `[qualifier ]number[ to upper][ unit]`, the number
/// without thousands separators, vague magnitudes spelled out:
/// "at least 12 killed", "over 1200 casualties per day", "tens of thousands soldiers",
/// "70 missiles", "2.5 billion dollars", "76 percent".
impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.qualifier == Qualifier::Vague {
            let words = match self.value {
                v if v >= 1e10 => "tens of billions",
                v if v >= 1e9 => "billions",
                v if v >= 1e8 => "hundreds of millions",
                v if v >= 1e7 => "tens of millions",
                v if v >= 1e6 => "millions",
                v if v >= 1e5 => "hundreds of thousands",
                v if v >= 1e4 => "tens of thousands",
                v if v >= 1e3 => "thousands",
                v if v >= 100.0 => "hundreds",
                v if v >= 20.0 => "scores",
                _ => "dozens",
            };
            f.write_str(words)?;
        } else {
            let q = self.qualifier.as_str();
            if !q.is_empty() {
                write!(f, "{q} ")?;
            }
            write_number(f, self.value)?;
            if let Some(u) = self.upper {
                f.write_str(" to ")?;
                write_number(f, u)?;
            }
        }
        if !self.unit.is_empty() {
            write!(f, " {}", self.unit)?;
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimeExpr {
    pub text: String,
    /// Character offsets into the article text.
    pub span: Span,
}

/// One asserted statement of an article.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Claim {
    /// Index of the claim within its article.
    pub index: usize,
    /// Index of the sentence it comes from.
    pub sentence: usize,
    /// Character offsets into the article text.
    pub span: Span,
    /// Byte offsets into the article text.
    pub byte_span: Span,
    /// The claim as written.
    pub text: String,
    /// The claim with curly quotes, dashes and compatibility forms folded, for matching.
    pub folded: String,
    pub speaker: Option<String>,
    /// Inside a direct quotation.
    pub quote: bool,
    pub headline: bool,
    pub hedged: bool,
    pub negated: bool,
    /// "only on the condition that the United States makes the first move".
    pub condition: Option<String>,
    pub entities: Vec<Entity>,
    pub quantities: Vec<Quantity>,
    pub times: Vec<TimeExpr>,
}

/// A parsed article: its metadata, its full text, its sentences and its claims.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Article {
    pub meta: ArticleMeta,
    /// The article text as given (after decoding), which all offsets refer to.
    pub text: String,
    pub sentences: Vec<Sentence>,
    pub claims: Vec<Claim>,
}
