//! The CSV and JSONL tables concord writes. Columns are the contract of DESIGN.md; every value
//! is formatted deterministically (fixed-precision scores, `true`/`false`, input order).
use std::borrow::Cow;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;
use concord_parser::{Article, Claim};
use concord_similarity::{Alignment, ClaimRef, Match};
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

/// `--csv-raw`: text cells are written untouched (for pipelines), not made spreadsheet-safe.
static CSV_RAW: AtomicBool = AtomicBool::new(false);

/// Set by `--csv-raw` once, before anything is written.
pub fn set_csv_raw(raw: bool) {
    CSV_RAW.store(raw, Ordering::Relaxed);
}

pub fn csv_raw() -> bool {
    CSV_RAW.load(Ordering::Relaxed)
}

/// A text cell of a CSV file, safe to open in a spreadsheet: a cell that begins with `=`, `+`,
/// `-`, `@`, TAB or CR would be read as a formula by Excel or LibreOffice, so it is written
/// with a leading `'` (OWASP's advice on CSV injection). Numeric columns are not passed here
/// and stay numbers. With `--csv-raw`, cells are untouched.
pub fn cell(text: &str) -> Cow<'_, str> {
    if !csv_raw() && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A claim's id, unique within a set: `<article id>#<claim index>`.
pub fn claim_id(article: &Article, claim: &Claim) -> String {
    format!("{}#{}", article.meta.id, claim.index)
}

/// A score as written in every output: fixed precision, so runs compare byte for byte.
pub fn format_score(score: f32) -> String {
    let mut s = String::with_capacity(6);
    push_score(&mut s, score);
    s
}

/// Append `format!("{score:.4}")` to `out`, without the general float formatter for scores in
/// [0, 1] (the usual case; it was a visible share of writing matches.csv). An f32 times 10^4
/// is exact in an f64 (24 + 14 bits), so rounding it rounds the exact value; exact ties, where
/// the formatter's rounding rule decides, and anything out of range take the general path.
pub fn push_score(out: &mut String, score: f32) {
    use std::fmt::Write as _;
    let scaled = f64::from(score) * 10_000.0;
    let rounded = scaled.round();
    if (0.0..=1.0).contains(&score) && (scaled - rounded).abs() != 0.5 {
        // `write!(out, "{}.{:04}", n / 10_000, n % 10_000)` digit by digit: n is at most
        // 10,000, and the formatter's machinery cost more than the digits.
        let n = rounded as u32;
        let digit = |d: u32| char::from(b'0' + (d % 10) as u8);
        out.push(digit(n / 10_000));
        out.push('.');
        for place in [1_000, 100, 10, 1] {
            out.push(digit(n / place));
        }
    } else {
        let _ = write!(out, "{score:.4}");
    }
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

/// `csv_writer` into memory, for one record: the same bytes, with a small buffer (the csv
/// crate's default, 8 KB zeroed per writer, cost more than encoding a claim's few fields).
fn record_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .buffer_capacity(256)
        .from_writer(Vec::new())
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
                        &*cell(&claim_id(article, claim)),
                        &cell(&article.meta.id),
                        &cell(&article.meta.source),
                        &claim.sentence.to_string(),
                        &claim.span.start.to_string(),
                        &claim.span.end.to_string(),
                        &cell(claim.speaker.as_deref().unwrap_or("")),
                        flag(claim.quote),
                        flag(claim.headline),
                        flag(claim.hedged),
                        flag(claim.negated),
                        &cell(&quantities_cell(claim)),
                        &cell(&entities_cell(claim)),
                        &cell(&claim.text),
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
                    &*cell(&article.meta.id),
                    &s.index.to_string(),
                    &s.span.start.to_string(),
                    &s.span.end.to_string(),
                    s.kind.as_str(),
                    &cell(&s.text),
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

/// Related rows the default (lean) matches.csv keeps per claim: its strongest one. With the
/// score floor below it keeps 36 of 3,289 rows of 25 BBC business articles, 675 of 6,267 of
/// ECB+ topic 1 (488 of them agree), 13 of 250 of the seed set (`scripts/matches_size.sh`).
pub const LEAN_RELATED_PER_CLAIM: usize = 1;
/// The lowest score of a related row the default matches.csv keeps.
pub const LEAN_RELATED_MIN_SCORE: f32 = 0.35;

/// The rows of the default matches.csv: every `agree` and `contradict` pair, and a `related`
/// pair when it scores at least [`LEAN_RELATED_MIN_SCORE`] and is among the
/// [`LEAN_RELATED_PER_CLAIM`] strongest related pairs of one of its two claims (ties broken by
/// position, so the choice is deterministic). `--all-pairs` writes every kept pair instead.
pub fn lean_matches(alignment: &Alignment) -> Vec<&Match> {
    use concord_similarity::Relation;
    let score_key = |m: &Match| -((m.score as f64 * 10_000.0).round() as i64);
    // (claim, stronger first, the pair, match index) for each end of each candidate row.
    let mut ends: Vec<(ClaimRef, i64, ClaimRef, ClaimRef, usize)> = Vec::new();
    for (i, m) in alignment.matches.iter().enumerate() {
        if m.relation == Relation::Related && m.score >= LEAN_RELATED_MIN_SCORE {
            let (a, b) = (m.a.min(m.b), m.a.max(m.b));
            ends.push((a, score_key(m), a, b, i));
            ends.push((b, score_key(m), a, b, i));
        }
    }
    ends.sort_unstable();
    let mut keep = vec![false; alignment.matches.len()];
    let mut run = 0;
    for (k, end) in ends.iter().enumerate() {
        if k > 0 && ends[k - 1].0 != end.0 {
            run = 0;
        }
        if run < LEAN_RELATED_PER_CLAIM {
            keep[end.4] = true;
        }
        run += 1;
    }
    alignment
        .matches
        .iter()
        .enumerate()
        .filter(|(i, m)| m.relation != Relation::Related || keep[*i])
        .map(|(_, m)| m)
        .collect()
}

/// The order of matches.csv: contradictions first (what users look for), then agreements, then
/// related pairs; within a relation by score (as printed, so ties are exact), then by position.
pub fn sorted_matches(alignment: &Alignment) -> Vec<&Match> {
    sort_matches(alignment.matches.iter().collect())
}

/// [`sorted_matches`] of a selection of an alignment's matches, given in the alignment's order.
pub fn sort_matches(matches: Vec<&Match>) -> Vec<&Match> {
    fn rank(m: &Match) -> u8 {
        match m.relation {
            concord_similarity::Relation::Contradict => 0,
            concord_similarity::Relation::Agree => 1,
            concord_similarity::Relation::Related => 2,
        }
    }
    // (a, b) is unique in an alignment, so the order is total and an unstable sort is exact.
    // The aligner gives its matches sorted by (a, b): then a stable sort by relation and
    // score alone gives that order, and a radix sort does it in a few passes over the bytes
    // that differ. Each key holds what its sort compares (no match is read through a pointer),
    // and no more: a large set has hundreds of thousands of matches.
    let score_key = |m: &Match| -((m.score as f64 * 10_000.0).round() as i64);
    if matches.is_sorted_by(|x, y| (x.a, x.b) <= (y.a, y.b)) {
        let mut ms: Vec<(u8, i64, &Match)> = matches
            .into_iter()
            .map(|m| (rank(m), score_key(m), m))
            .collect();
        radsort::sort_by_key(&mut ms, |(rank, score, _)| (*rank, *score));
        ms.into_iter().map(|(_, _, m)| m).collect()
    } else {
        type Key = (u8, i64, ClaimRef, ClaimRef);
        let mut ms: Vec<(Key, &Match)> = matches
            .into_iter()
            .map(|m| ((rank(m), score_key(m), m.a, m.b), m))
            .collect();
        ms.sort_unstable_by_key(|x| x.0);
        ms.into_iter().map(|(_, m)| m).collect()
    }
}

/// One claim's side of a matches.csv row (`source, article, claim, start, end, speaker, text`),
/// CSV-encoded once: a claim is on many rows, and encoding its text again on each was most of
/// the cost of writing the file.
fn match_side(article: &Article, claim: &Claim) -> Result<Vec<u8>> {
    let mut c = record_writer();
    c.write_record([
        &*cell(&article.meta.source),
        &cell(&article.meta.id),
        &cell(&claim_id(article, claim)),
        &claim.span.start.to_string(),
        &claim.span.end.to_string(),
        &cell(claim.speaker.as_deref().unwrap_or("")),
        &cell(&claim.text),
    ])?;
    let mut side = c.into_inner().map_err(|e| e.into_error())?;
    side.pop(); // the record terminator
    Ok(side)
}

/// Write matches.csv for a set. Byte-identical to writing each row with the csv crate: each
/// claim's columns are encoded by it once ([`match_side`]), the reason (the only other column
/// that may need quoting) per row.
pub fn write_matches<W: Write>(
    mut w: W,
    articles: &[Article],
    alignment: &Alignment,
    all_pairs: bool,
) -> Result<()> {
    {
        let mut c = csv_writer(&mut w);
        c.write_record(MATCH_COLUMNS)?;
        c.flush()?;
    }
    let offsets: Vec<usize> = articles
        .iter()
        .scan(0, |next, a| {
            let first = *next;
            *next += a.claims.len();
            Some(first)
        })
        .collect();
    let mut sides: Vec<Option<Vec<u8>>> = vec![None; articles.iter().map(|a| a.claims.len()).sum()];
    let side_of =
        |sides: &mut [Option<Vec<u8>>], r: concord_similarity::ClaimRef| -> Result<Option<usize>> {
            let Some(claim) = articles.get(r.article).and_then(|a| a.claims.get(r.claim)) else {
                return Ok(None);
            };
            let k = offsets[r.article] + r.claim;
            if sides[k].is_none() {
                sides[k] = Some(match_side(&articles[r.article], claim)?);
            }
            Ok(Some(k))
        };
    let mut score = String::new();
    let rows = if all_pairs {
        sorted_matches(alignment)
    } else {
        sort_matches(lean_matches(alignment))
    };
    for m in rows {
        // Orient each row so that side a comes first in input order, whatever the aligner gave.
        let (a, b) = if (m.a.article, m.a.claim) <= (m.b.article, m.b.claim) {
            (m.a, m.b)
        } else {
            (m.b, m.a)
        };
        let (Some(ka), Some(kb)) = (side_of(&mut sides, a)?, side_of(&mut sides, b)?) else {
            continue;
        };
        w.write_all(m.relation.as_str().as_bytes())?;
        w.write_all(b",")?;
        score.clear();
        push_score(&mut score, m.score);
        w.write_all(score.as_bytes())?;
        w.write_all(b",")?;
        if let Some(r) = &m.reason {
            // Only contradictions have a reason: few rows.
            let mut c = record_writer();
            // A record of one empty field would be written `""`, where a row has nothing.
            let text = r.to_string();
            if !text.is_empty() {
                c.write_record([&*cell(&text)])?;
                let encoded = c.into_inner().map_err(|e| e.into_error())?;
                w.write_all(&encoded[..encoded.len() - 1])?;
            }
        }
        w.write_all(b",")?;
        w.write_all(sides[ka].as_deref().unwrap_or_default())?;
        w.write_all(b",")?;
        w.write_all(sides[kb].as_deref().unwrap_or_default())?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(())
}

/// Write errors.csv (one row per problem).
pub fn write_errors<W: Write>(w: W, problems: &[Problem]) -> Result<()> {
    let mut c = csv_writer(w);
    c.write_record(ERROR_COLUMNS)?;
    for p in problems {
        c.write_record([
            &*cell(&p.input),
            &p.line.map(|l| l.to_string()).unwrap_or_default(),
            &cell(&p.kind),
            &cell(&p.message),
        ])?;
    }
    c.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_print_as_the_float_formatter_does() {
        // Exact ties (multiples of 1/32 have a 5 in the fifth decimal), ends, out of range.
        let mut cases = vec![
            0.0f32, 1.0, 0.5, 0.03125, 0.09375, 0.15625, 0.99995, 0.00005, -0.25, 1.5, 12.34567,
        ];
        // Every 1/32 and a dense sweep of [0, 1] by f32 bit patterns.
        cases.extend((0..=32).map(|k| k as f32 / 32.0));
        let (lo, hi) = (0.0f32.to_bits(), 1.0f32.to_bits());
        cases.extend((lo..=hi).step_by(997).map(f32::from_bits));
        for score in cases {
            assert_eq!(format_score(score), format!("{score:.4}"), "{score:e}");
        }
    }

    #[test]
    fn matches_csv_quotes_as_the_csv_crate_does() {
        use concord_similarity::{ClaimRef, Reason, ReasonKind, Relation};
        let article = |id: &str, texts: &[&str]| {
            let mut a = Article {
                meta: concord_parser::ArticleMeta {
                    id: id.into(),
                    source: format!("{id}, \"the\" source"),
                    ..Default::default()
                },
                text: String::new(),
                sentences: Vec::new(),
                claims: Vec::new(),
            };
            a.claims = texts
                .iter()
                .enumerate()
                .map(|(i, t)| Claim {
                    index: i,
                    text: t.to_string(),
                    speaker: (i == 1).then(|| "Jo \"JJ\" Smith".to_string()),
                    ..Default::default()
                })
                .collect();
            a
        };
        let articles = vec![
            article("a", &["plain text", "said, \"quoted\"\nnext line"]),
            article("b", &["", "x\r\ny"]),
            article("=c", &["=HYPERLINK(\"http://x\")", "-1", "+1", "@SUM(1)"]),
        ];
        let m = |a: (usize, usize), b: (usize, usize), relation, reason: Option<&str>| Match {
            a: ClaimRef {
                article: a.0,
                claim: a.1,
            },
            b: ClaimRef {
                article: b.0,
                claim: b.1,
            },
            score: 0.123456,
            relation,
            reason: reason.map(|d| Reason {
                kind: ReasonKind::Numeric,
                detail: d.to_string(),
            }),
        };
        let alignment = Alignment {
            matches: vec![
                m((0, 0), (1, 0), Relation::Related, None),
                m(
                    (0, 1),
                    (1, 1),
                    Relation::Contradict,
                    Some("\"12\" vs 15, or \"13\""),
                ),
                m((1, 1), (0, 0), Relation::Agree, None),
                m((2, 0), (2, 1), Relation::Related, Some("-2 vs +3")),
                m((2, 2), (0, 1), Relation::Agree, None),
                m((2, 3), (1, 0), Relation::Agree, None),
            ],
            ..Default::default()
        };
        let mut fast = Vec::new();
        write_matches(&mut fast, &articles, &alignment, true).expect("written");

        // Each row through the csv crate, as before.
        let mut c = csv_writer(Vec::new());
        c.write_record(MATCH_COLUMNS).expect("header");
        for m in sorted_matches(&alignment) {
            let ((aa, ca), (ab, cb)) = {
                let x = (
                    &articles[m.a.article],
                    &articles[m.a.article].claims[m.a.claim],
                );
                let y = (
                    &articles[m.b.article],
                    &articles[m.b.article].claims[m.b.claim],
                );
                if (m.a.article, m.a.claim) <= (m.b.article, m.b.claim) {
                    (x, y)
                } else {
                    (y, x)
                }
            };
            let reason = m.reason.as_ref().map(|r| r.to_string()).unwrap_or_default();
            c.write_record([
                m.relation.as_str(),
                &format!("{:.4}", m.score),
                &cell(&reason),
                &cell(&aa.meta.source),
                &cell(&aa.meta.id),
                &cell(&claim_id(aa, ca)),
                &ca.span.start.to_string(),
                &ca.span.end.to_string(),
                &cell(ca.speaker.as_deref().unwrap_or("")),
                &cell(&ca.text),
                &cell(&ab.meta.source),
                &cell(&ab.meta.id),
                &cell(&claim_id(ab, cb)),
                &cb.span.start.to_string(),
                &cb.span.end.to_string(),
                &cell(cb.speaker.as_deref().unwrap_or("")),
                &cell(&cb.text),
            ])
            .expect("row");
        }
        let slow = c.into_inner().expect("flushed");
        assert_eq!(
            String::from_utf8_lossy(&fast),
            String::from_utf8_lossy(&slow)
        );
    }

    /// Matches sorted by (a, b), as the aligner gives them, take the radix path; shuffled,
    /// the comparison sort: both give the full key's order (relation, score down, a, b).
    #[test]
    fn lean_matches_table() {
        use concord_similarity::{Alignment, ClaimRef, Relation};
        let c = |article, claim| ClaimRef { article, claim };
        let m = |a, b, score, relation| Match {
            a,
            b,
            score,
            relation,
            reason: None,
        };
        let (x, y, z, w) = (c(0, 0), c(1, 0), c(2, 0), c(2, 1));
        // (matches, which of them the lean file keeps)
        let cases: Vec<(Vec<Match>, Vec<usize>)> = vec![
            // agree and contradict always, however weak.
            (
                vec![
                    m(x, y, 0.1, Relation::Agree),
                    m(x, z, 0.05, Relation::Contradict),
                ],
                vec![0, 1],
            ),
            // Related under the floor: dropped.
            (vec![m(x, y, 0.34, Relation::Related)], vec![]),
            // Each claim's best related row: x's is x-y, z's and w's are their only rows.
            (
                vec![
                    m(x, y, 0.6, Relation::Related),
                    m(x, z, 0.5, Relation::Related),
                    m(y, w, 0.4, Relation::Related),
                ],
                vec![0, 1, 2],
            ),
            // x-w is the best of neither x (x-y) nor w (y-w): dropped.
            (
                vec![
                    m(x, y, 0.6, Relation::Related),
                    m(x, w, 0.5, Relation::Related),
                    m(y, w, 0.7, Relation::Related),
                ],
                vec![0, 2],
            ),
            // A tie is broken by position: the earlier pair.
            (
                vec![
                    m(x, y, 0.5, Relation::Related),
                    m(x, z, 0.5, Relation::Related),
                    m(y, z, 0.9, Relation::Related),
                ],
                vec![0, 2],
            ),
        ];
        for (i, (matches, kept)) in cases.into_iter().enumerate() {
            let alignment = Alignment {
                matches,
                ..Default::default()
            };
            let got: Vec<usize> = lean_matches(&alignment)
                .into_iter()
                .map(|k| alignment.matches.iter().position(|m| m == k).unwrap())
                .collect();
            assert_eq!(got, kept, "case {i}");
        }
    }

    #[test]
    fn sorted_matches_take_the_full_key_order_either_way() {
        use concord_similarity::{Alignment, ClaimRef, Relation};
        let relations = [Relation::Related, Relation::Agree, Relation::Contradict];
        let mut matches = Vec::new();
        for a in 0..6usize {
            for b in a + 1..7 {
                matches.push(Match {
                    a: ClaimRef {
                        article: a / 3,
                        claim: a % 3,
                    },
                    b: ClaimRef {
                        article: b / 3,
                        claim: b % 3,
                    },
                    // Ties in score and relation, so (a, b) decides among them.
                    score: ((a * 7 + b * 3) % 4) as f32 / 4.0,
                    relation: relations[(a + b) % 3],
                    reason: None,
                });
            }
        }
        let key = |m: &Match| {
            let rank = match m.relation {
                Relation::Contradict => 0,
                Relation::Agree => 1,
                Relation::Related => 2,
            };
            (
                rank,
                -((m.score as f64 * 10_000.0).round() as i64),
                m.a,
                m.b,
            )
        };
        let mut expected: Vec<Match> = matches.clone();
        expected.sort_by_key(key);
        let sorted = Alignment {
            matches: matches.clone(),
            ..Default::default()
        };
        let mut shuffled = sorted.clone();
        shuffled.matches.reverse();
        shuffled.matches.swap(1, 7);
        for alignment in [&sorted, &shuffled] {
            let got: Vec<Match> = sorted_matches(alignment).into_iter().cloned().collect();
            assert_eq!(got, expected);
        }
    }
}
