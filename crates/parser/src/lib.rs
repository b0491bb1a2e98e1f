//! Articles in, sentences and claims out.
//!
//! This crate is the text side of concord. It does no IO: callers hand it the bytes of a file
//! (or one JSONL line) and get back [`Article`]s whose sentences are classified
//! ([`SentenceKind`]) and whose asserted sentences become [`Claim`]s with speaker, quote flag,
//! entities, quantities, time expressions, negation, hedging and conditions.
//!
//! Every span is kept twice: as byte offsets into [`Article::text`] (for slicing) and as
//! character offsets (what users and the CSV outputs see).
//!
//! ```
//! use concord_parser::{parse_document, Format};
//! let docs = parse_document("a.txt", b"Lavrov said talks continue.", Format::Text);
//! let article = docs.into_iter().next().unwrap().unwrap();
//! assert_eq!(article.claims.len(), 1);
//! ```

mod analyze;
mod article;
mod error;
mod format;
mod html;
mod lexicon;
#[cfg(test)]
mod proptests;
mod quantity;
mod segment;
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
pub use text::fold;
