//! `concord pairs`: score + relation + reason for the sentence pairs of a TSV file.
//!
//! The benchmark TSVs are TAB-separated with no quoting (sentences contain literal `"`), so
//! lines are split on TAB only. Rows are scored in parallel, chunk by chunk, and written in
//! input order.
use std::io::{BufRead, Write};

use anyhow::{bail, Context, Result};
use concord_similarity::Aligner;

use crate::input::Problem;
use crate::output::format_score;

/// Rows scored per parallel chunk: large enough to keep every core busy, small enough that
/// memory stays flat on any file size.
const CHUNK_ROWS: usize = 8192;

/// Where the two text columns are.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    pub a: usize,
    pub b: usize,
    pub header_len: usize,
}

/// Find the columns named in `--cols A,B` in a header line.
pub fn find_columns(header: &str, cols: &str, origin: &str) -> Result<Columns> {
    let names: Vec<&str> = header.split('\t').map(|h| h.trim()).collect();
    let Some((ca, cb)) = cols.split_once(',') else {
        bail!("--cols needs two column names separated by a comma, e.g. `s1,s2` (got `{cols}`)");
    };
    let find = |c: &str| {
        names.iter().position(|h| *h == c.trim()).with_context(|| {
            format!(
                "{origin}: column `{}` not in the header (columns: {})",
                c.trim(),
                names.join(", ")
            )
        })
    };
    Ok(Columns {
        a: find(ca)?,
        b: find(cb)?,
        header_len: names.len(),
    })
}

/// Score every row of `reader` and write `row \t score \t relation \t reason` lines.
/// Returns the problems (ragged rows, bad lines), which are skipped.
pub fn run(
    origin: &str,
    mut reader: impl BufRead,
    cols: &str,
    aligner: &Aligner,
    out: &mut impl Write,
) -> Result<Vec<Problem>> {
    let mut header = String::new();
    reader
        .read_line(&mut header)
        .with_context(|| format!("{origin}: cannot read"))?;
    let header = header.trim_end_matches(['\n', '\r']);
    if header.trim().is_empty() {
        bail!("{origin}: empty file (expected a header row)");
    }
    let columns = find_columns(header, cols, origin)?;
    writeln!(out, "{header}\tscore\trelation\treason")?;

    let mut problems = Vec::new();
    let mut line_no = 1;
    let mut chunk: Vec<(usize, String)> = Vec::with_capacity(CHUNK_ROWS);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("{origin}:{}: cannot read", line_no + 1))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        if buf.is_empty() {
            continue;
        }
        match String::from_utf8(std::mem::take(&mut buf)) {
            Ok(line) => chunk.push((line_no, line)),
            Err(e) => problems.push(Problem::new(
                origin,
                Some(line_no),
                "invalid-utf8",
                format!(
                    "invalid UTF-8 at byte {} of the line",
                    e.utf8_error().valid_up_to() + 1
                ),
            )),
        }
        if chunk.len() == CHUNK_ROWS {
            score_chunk(origin, &chunk, columns, aligner, out, &mut problems)?;
            chunk.clear();
        }
    }
    score_chunk(origin, &chunk, columns, aligner, out, &mut problems)?;
    Ok(problems)
}

fn score_chunk(
    origin: &str,
    chunk: &[(usize, String)],
    columns: Columns,
    aligner: &Aligner,
    out: &mut impl Write,
    problems: &mut Vec<Problem>,
) -> Result<()> {
    // Rows checked first, then judged together (the encoder embeds a chunk's texts at once).
    let rows: Vec<Result<Vec<&str>, Problem>> = chunk
        .iter()
        .map(|(line_no, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != columns.header_len {
                return Err(Problem::new(
                    origin,
                    Some(*line_no),
                    "ragged-row",
                    format!(
                        "row has {} fields, the header has {}; row skipped",
                        fields.len(),
                        columns.header_len
                    ),
                ));
            }
            Ok(fields)
        })
        .collect();
    let texts: Vec<(&str, &str)> = rows
        .iter()
        .flatten()
        .map(|f| (f[columns.a], f[columns.b]))
        .collect();
    let mut judged = aligner.judge_text_pairs(&texts).into_iter();
    let scored: Vec<Result<String, Problem>> = chunk
        .iter()
        .zip(rows)
        .map(|((_, line), row)| {
            row?;
            let j = judged.next().expect("one judgement per valid row");
            let reason = j.reason.map(|r| r.to_string()).unwrap_or_default();
            // A reason is free text: keep the output one row per line, split on TAB.
            let reason = reason.replace(['\t', '\n', '\r'], " ");
            Ok(format!(
                "{line}\t{}\t{}\t{reason}\n",
                format_score(j.score),
                j.relation
            ))
        })
        .collect();
    for r in scored {
        match r {
            Ok(row) => out.write_all(row.as_bytes())?,
            Err(p) => problems.push(p),
        }
    }
    Ok(())
}
