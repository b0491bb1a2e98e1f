//! Articles in, sentences and claims out.
//!
//! This crate is the text side of concord. It does no IO and never prints: callers hand it the
//! bytes of a file (or one JSONL line) and get back [`Article`]s whose sentences are classified
//! ([`SentenceKind`]: claim, question, headline, boilerplate, table, label, dateline, byline,
//! caption) and whose asserted sentences
//! become [`Claim`]s with speaker, quote flag, entities, quantities, time expressions, negation,
//! hedging and conditions.
//!
//! - **Formats** ([`parse_document`], [`Format`]): `.txt`/`.md` (a short first line without a
//!   final period is the headline), `.html` (main text only, title and date from the page),
//!   `.json` (an object or an array of them), `.jsonl` (one per line; a bad line is an
//!   [`Error`] naming file and line, the others still parse). JSON titles stay in
//!   [`ArticleMeta::title`] and are never prepended: offsets refer to the `text` field as given.
//!   Bad input (empty, binary, invalid UTF-8, malformed JSON, no text, HTML with no body, over
//!   [`MAX_ARTICLE_BYTES`]) is an [`Error`] with a [`ErrorKind`] and a message naming the input.
//! - **Sentences**: abbreviation-aware (U.S., Gen., Mr., a.m., initials, decimals, 1,200),
//!   paragraph breaks end sentences, glued text ("ever.Sorting by") is split, site chrome
//!   ("Sorting by", "×", "Advertisements", share/subscribe/cookie lines) is boilerplate; table
//!   rows and listing lines without a finite verb ("Shr 1.20 dlrs vs 1.05 dlrs", "30-176 days
//!   5.00 pct 5.00 pct", three "Platinum up 4.20 dlrs per oz" lines in a row) are tables.
//!   Ellipses (". . .", "...", "…") end a sentence only before one; brackets never split; a
//!   short citation or wire code after the final period ("(Smith 55)", "(XYYD 0343)") stays;
//!   numbered, lettered and bulleted items start their own sentences; "p. 55", "No. 5" and
//!   "6 P.M. Eastern" do not end one. Page furniture is never a claim: fact-box labels and
//!   field lines ("DEAD: 3", "Subs not used: …") are labels, "WASHINGTON —" a dateline split
//!   off its sentence, "By Jane Smith" a byline, "Buy Photo …" and "(Photo: …)" captions.
//! - **Claims**: one per asserted sentence, or per clause when a `;` joins two long ones. The
//!   speaker comes from direct quotes (attribution after or before the quote, quotes resumed
//!   after it, multi-sentence and multi-paragraph quotes, "he/she said" resolved to the person
//!   named last, surnames to the full name introduced earlier), indirect speech ("X stated
//!   that …", "X, speaking from …, insisted …") and "according to X". Entities have titles and
//!   demonyms stripped ("Russian Foreign Minister Sergey Lavrov" → "Sergey Lavrov"). Quantities
//!   print in a canonical form (see [`Quantity`]'s `Display`: "at least 12 killed", "over 1200
//!   casualties per day", "tens of thousands soldiers"). [`Claim::text`] is as written,
//!   [`Claim::folded`] has quotes, dashes and compatibility forms folded ([`fold`]).
//! - **One sentence** ([`analyze_sentence`]): the whole text as exactly one claim with all its
//!   features, for sentence-pair benchmarks where each side is analysed on its own.
//!
//! Every span is kept twice: as byte offsets into [`Article::text`] (`byte_span`, for slicing)
//! and as character offsets (`span`, code points, what users and the CSV outputs see).
//!
//! ```
//! use concord_parser::{parse_document, Format};
//! let docs = parse_document(
//!     "a.txt",
//!     "“We are ready,” Lavrov said. Russia launched 70 missiles.".as_bytes(),
//!     Format::Text,
//! );
//! let article = docs.into_iter().next().unwrap().unwrap();
//! assert_eq!(article.claims.len(), 2);
//! assert_eq!(article.claims[0].speaker.as_deref(), Some("Lavrov"));
//! assert_eq!(article.claims[1].quantities[0].to_string(), "70 missiles");
//! ```

mod analyze;
mod article;
mod boundary;
mod error;
mod format;
mod furniture;
mod html;
mod lexicon;
mod lists;
#[cfg(test)]
mod proptests;
mod quantity;
mod scratch;
mod segment;
mod tabular;
mod text;

pub use analyze::{analyze_sentence, analyze_text_sentences};
pub use article::{
    Article, ArticleMeta, Claim, Entity, EntityKind, Qualifier, Quantity, Sentence, SentenceKind,
    Span, TimeExpr,
};
pub use error::{Error, ErrorKind};
pub use format::{
    analyze, parse_document, parse_jsonl_line, Format, RawArticle, MAX_ARTICLE_BYTES,
};
pub use lexicon::is_demonym;
pub use text::fold;
