//! The CSV and JSONL tables concord writes. Columns are the contract of DESIGN.md; every value
//! is formatted deterministically (fixed-precision scores, `true`/`false`, input order).
use std::io::Write;

use anyhow::Result;
use concord_parser::{Article, Claim};
use concord_similarity::{Alignment, Match};
use serde::Serialize;

use crate::input::Problem;

pub const CLAIM_COLUMNS: [&str; 14] = [
    "claim_id",
    "article",
    "source",
    "sentence",
    "start",
    "end",
    "speaker",
    "quote",
    "headline",
    "hedged",
    "negated",
    "quantities",
    "entities",
    "text",
];

pub const SENTENCE_COLUMNS: [&str; 6] = ["article", "index", "start", "end", "kind", "text"];

pub const MATCH_COLUMNS: [&str; 17] = [
    "relation",
    "score",
    "reason",
    "source_a",
    "article_a",
    "claim_a",
    "start_a",
    "end_a",
    "speaker_a",
    "text_a",
    "source_b",
    "article_b",
    "claim_b",
    "start_b",
    "end_b",
    "speaker_b",
    "text_b",
];

pub const ERROR_COLUMNS: [&str; 4] = ["input", "line", "kind", "message"];

/// A claim's id, unique within a set: `<article id>#<claim index>`.
pub fn claim_id(article: &Article, claim: &Claim) -> String {
    format!("{}#{}", article.meta.id, claim.index)
}

/// A score as written in every output: fixed precision, so runs compare byte for byte.
pub fn format_score(score: f32) -> String {
    format!("{score:.4}")
}

fn flag(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// Each quantity as written, with the counted thing when the words do not show it:
/// `at least 12 [killed]; over 90 [injured]; 70 missiles`.
fn quantities_cell(claim: &Claim) -> String {
    let parts: Vec<String> = claim
        .quantities
        .iter()
        .map(|q| {
            let unit = q.unit.trim();
            if unit.is_empty() || q.text.to_lowercase().contains(&unit.to_lowercase()) {
                q.text.clone()
            } else {
                format!("{} [{unit}]", q.text)
            }
        })
        .collect();
    parts.join("; ")
}

fn entities_cell(claim: &Claim) -> String {
    let parts: Vec<&str> = claim.entities.iter().map(|e| e.name.as_str()).collect();
    parts.join("; ")
}

/// One claim in JSONL form: the CSV columns, with the structured fields in full.
#[derive(Serialize)]
struct ClaimRecord<'a> {
    claim_id: String,
    article: &'a str,
    source: &'a str,
    sentence: usize,
    start: usize,
    end: usize,
    speaker: Option<&'a str>,
    quote: bool,
    headline: bool,
    hedged: bool,
    negated: bool,
    condition: Option<&'a str>,
    quantities: &'a [concord_parser::Quantity],
    entities: &'a [concord_parser::Entity],
    times: &'a [concord_parser::TimeExpr],
    text: &'a str,
}

#[derive(Serialize)]
struct SentenceRecord<'a> {
    article: &'a str,
    index: usize,
    start: usize,
    end: usize,
    kind: &'a str,
    text: &'a str,
}

pub fn csv_writer<W: Write>(w: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(w)
}

/// Writes claims as CSV or JSONL, article after article.
pub enum ClaimSink<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Jsonl(W),
}

impl<W: Write> ClaimSink<W> {
    pub fn csv(w: W) -> Result<Self> {
        let mut c = csv_writer(w);
        c.write_record(CLAIM_COLUMNS)?;
        Ok(ClaimSink::Csv(Box::new(c)))
    }

    pub fn jsonl(w: W) -> Self {
        ClaimSink::Jsonl(w)
    }

    pub fn write_article(&mut self, article: &Article) -> Result<()> {
        for claim in &article.claims {
            match self {
                ClaimSink::Csv(c) => {
                    c.write_record([
                        claim_id(article, claim).as_str(),
                        &article.meta.id,
                        &article.meta.source,
                        &claim.sentence.to_string(),
                        &claim.span.start.to_string(),
                        &claim.span.end.to_string(),
                        claim.speaker.as_deref().unwrap_or(""),
                        flag(claim.quote),
                        flag(claim.headline),
                        flag(claim.hedged),
                        flag(claim.negated),
                        &quantities_cell(claim),
                        &entities_cell(claim),
                        &claim.text,
                    ])?;
                }
                ClaimSink::Jsonl(w) => {
                    let record = ClaimRecord {
                        claim_id: claim_id(article, claim),
                        article: &article.meta.id,
                        source: &article.meta.source,
                        sentence: claim.sentence,
                        start: claim.span.start,
                        end: claim.span.end,
                        speaker: claim.speaker.as_deref(),
                        quote: claim.quote,
                        headline: claim.headline,
                        hedged: claim.hedged,
                        negated: claim.negated,
                        condition: claim.condition.as_deref(),
                        quantities: &claim.quantities,
                        entities: &claim.entities,
                        times: &claim.times,
                        text: &claim.text,
                    };
                    serde_json::to_writer(&mut *w, &record)?;
                    w.write_all(b"\n")?;
                }
            }
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        match self {
            ClaimSink::Csv(mut c) => c.flush()?,
            ClaimSink::Jsonl(mut w) => w.flush()?,
        }
        Ok(())
    }
}

/// Writes sentences as CSV or JSONL.
pub enum SentenceSink<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Jsonl(W),
}

impl<W: Write> SentenceSink<W> {
    pub fn csv(w: W) -> Result<Self> {
        let mut c = csv_writer(w);
        c.write_record(SENTENCE_COLUMNS)?;
        Ok(SentenceSink::Csv(Box::new(c)))
    }

    pub fn jsonl(w: W) -> Self {
        SentenceSink::Jsonl(w)
    }

    pub fn write_article(&mut self, article: &Article) -> Result<()> {
        for s in &article.sentences {
            match self {
                SentenceSink::Csv(c) => c.write_record([
                    article.meta.id.as_str(),
                    &s.index.to_string(),
                    &s.span.start.to_string(),
                    &s.span.end.to_string(),
                    s.kind.as_str(),
                    &s.text,
                ])?,
                SentenceSink::Jsonl(w) => {
                    let record = SentenceRecord {
                        article: &article.meta.id,
                        index: s.index,
                        start: s.span.start,
                        end: s.span.end,
                        kind: s.kind.as_str(),
                        text: &s.text,
                    };
                    serde_json::to_writer(&mut *w, &record)?;
                    w.write_all(b"\n")?;
                }
            }
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        match self {
            SentenceSink::Csv(mut c) => c.flush()?,
            SentenceSink::Jsonl(mut w) => w.flush()?,
        }
        Ok(())
    }
}

/// The order of matches.csv: contradictions first (what users look for), then agreements, then
/// related pairs; within a relation by score (as printed, so ties are exact), then by position.
pub fn sorted_matches(alignment: &Alignment) -> Vec<&Match> {
    fn rank(m: &Match) -> u8 {
        match m.relation {
            concord_similarity::Relation::Contradict => 0,
            concord_similarity::Relation::Agree => 1,
            concord_similarity::Relation::Related => 2,
        }
    }
    let mut ms: Vec<(&Match, i64)> = alignment
        .matches
        .iter()
        .map(|m| (m, (m.score as f64 * 10_000.0).round() as i64))
        .collect();
    ms.sort_by(|(x, sx), (y, sy)| {
        rank(x)
            .cmp(&rank(y))
            .then(sy.cmp(sx))
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    ms.into_iter().map(|(m, _)| m).collect()
}

/// Write matches.csv for a set.
pub fn write_matches<W: Write>(w: W, articles: &[Article], alignment: &Alignment) -> Result<()> {
    let mut c = csv_writer(w);
    c.write_record(MATCH_COLUMNS)?;
    for m in sorted_matches(alignment) {
        let (Some(aa), Some(ab)) = (articles.get(m.a.article), articles.get(m.b.article)) else {
            continue;
        };
        let (Some(ca), Some(cb)) = (aa.claims.get(m.a.claim), ab.claims.get(m.b.claim)) else {
            continue;
        };
        // Orient each row so that side a comes first in input order, whatever the aligner gave.
        let ((aa, ca), (ab, cb)) = if (m.a.article, m.a.claim) <= (m.b.article, m.b.claim) {
            ((aa, ca), (ab, cb))
        } else {
            ((ab, cb), (aa, ca))
        };
        let reason = m.reason.as_ref().map(|r| r.to_string()).unwrap_or_default();
        c.write_record([
            m.relation.as_str(),
            &format_score(m.score),
            &reason,
            &aa.meta.source,
            &aa.meta.id,
            &claim_id(aa, ca),
            &ca.span.start.to_string(),
            &ca.span.end.to_string(),
            ca.speaker.as_deref().unwrap_or(""),
            &ca.text,
            &ab.meta.source,
            &ab.meta.id,
            &claim_id(ab, cb),
            &cb.span.start.to_string(),
            &cb.span.end.to_string(),
            cb.speaker.as_deref().unwrap_or(""),
            &cb.text,
        ])?;
    }
    c.flush()?;
    Ok(())
}

/// Write errors.csv (one row per problem).
pub fn write_errors<W: Write>(w: W, problems: &[Problem]) -> Result<()> {
    let mut c = csv_writer(w);
    c.write_record(ERROR_COLUMNS)?;
    for p in problems {
        c.write_record([
            p.input.as_str(),
            &p.line.map(|l| l.to_string()).unwrap_or_default(),
            &p.kind,
            &p.message,
        ])?;
    }
    c.flush()?;
    Ok(())
}
