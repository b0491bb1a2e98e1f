//! Finding and reading inputs: files by extension, directories recursively, `-` for JSONL on
//! standard input. Every bad input becomes a [`Problem`] naming the file (and line); it never
//! stops the other inputs.
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use concord_parser::{Article, Format};
use rayon::prelude::*;

/// The largest article (a whole file, or one JSONL line) concord reads: the parser's limit, so
/// that one rule has one number. JSONL files as a whole are streamed and have no limit.
const MAX_ARTICLE_BYTES: u64 = concord_parser::MAX_ARTICLE_BYTES as u64;

/// The file extensions concord reads, for messages.
pub const ARTICLE_EXTENSIONS: &str = ".txt .md .html .htm .json .jsonl";

/// One input that could not be read or parsed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The file as given on the command line (or found in a directory), or `-`.
    pub input: String,
    /// 1-based line, for JSONL.
    pub line: Option<usize>,
    /// A short machine-readable kind: `missing`, `empty`, `binary`, `invalid-utf8`, …
    pub kind: String,
    pub message: String,
}

impl Problem {
    pub fn new(
        input: impl Into<String>,
        line: Option<usize>,
        kind: &str,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            input: input.into(),
            line,
            kind: kind.to_string(),
            message: message.into(),
        }
    }

    fn from_parser(e: &concord_parser::Error) -> Self {
        let kind = e.kind().to_string();
        let mut message = e.message().to_string();
        if e.kind() == concord_parser::ErrorKind::MalformedJson {
            // serde_json counts lines inside the one JSONL line: "line 1" would contradict the
            // file line number printed before the message.
            message = message.replace(" at line 1 column ", " at column ");
            if !message.to_ascii_lowercase().contains("json") {
                message = format!("malformed JSON: {message}");
            }
        }
        Problem::new(e.origin(), e.line(), &kind, message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.input, line, self.message),
            None => write!(f, "{}: {}", self.input, self.message),
        }
    }
}

/// `path` without its `.` components (`./sets.jsonl` → `sets.jsonl`, `a/./b` → `a/b`): one
/// spelling of one input in messages, errors.csv and hashes. Lexical only: `..` is kept.
pub fn normalize_path(path: &Path) -> PathBuf {
    let normal: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if normal.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        normal
    }
}

/// Where articles come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    File { path: PathBuf, format: Format },
    Stdin,
}

impl Source {
    /// The name used in messages and in `ArticleMeta::origin`.
    pub fn origin(&self) -> String {
        match self {
            Source::File { path, .. } => path.display().to_string(),
            Source::Stdin => "<stdin>".to_string(),
        }
    }
}

/// The sources found among the inputs, what was wrong, and what was passed over.
#[derive(Debug, Default)]
pub struct Discovery {
    pub sources: Vec<Source>,
    pub problems: Vec<Problem>,
    /// Files inside directories that are not articles (e.g. `.csv`): reported, not errors.
    pub skipped: Vec<PathBuf>,
}

/// The article format of a path, from its extension.
pub fn format_of(path: &Path) -> Option<Format> {
    path.extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

/// Expand the command-line inputs into sources, in a deterministic order: inputs in the order
/// given, directory contents sorted by name.
pub fn discover(inputs: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    let mut stdin_seen = false;
    for input in inputs {
        if input.as_os_str() == "-" {
            if !stdin_seen {
                found.sources.push(Source::Stdin);
                stdin_seen = true;
            }
            continue;
        }
        let origin = input.display().to_string();
        let meta = match std::fs::metadata(input) {
            Ok(m) => m,
            Err(e) => {
                found.problems.push(io_problem(&origin, &e));
                continue;
            }
        };
        if meta.is_dir() {
            discover_dir(input, &mut found);
        } else {
            match format_of(input) {
                Some(format) => found.sources.push(Source::File {
                    path: input.clone(),
                    format,
                }),
                None => found.problems.push(Problem::new(
                    origin,
                    None,
                    "unknown-format",
                    format!("not an article format (expected one of {ARTICLE_EXTENSIONS})"),
                )),
            }
        }
    }
    found
}

fn discover_dir(dir: &Path, found: &mut Discovery) {
    let before = found.sources.len();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let origin = e.path().unwrap_or(dir).display().to_string();
                let message = match e.io_error() {
                    Some(io) => describe_io(io),
                    None => e.to_string(),
                };
                found
                    .problems
                    .push(Problem::new(origin, None, "unreadable", message));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path();
        match format_of(path) {
            Some(format) => found.sources.push(Source::File {
                path: path.to_path_buf(),
                format,
            }),
            None => found.skipped.push(path.to_path_buf()),
        }
    }
    if found.sources.len() == before {
        found.problems.push(Problem::new(
            dir.display().to_string(),
            None,
            "no-articles",
            format!("directory contains no articles ({ARTICLE_EXTENSIONS})"),
        ));
    }
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

pub fn io_problem(origin: &str, e: &std::io::Error) -> Problem {
    let kind = match e.kind() {
        std::io::ErrorKind::NotFound => "missing",
        _ => "unreadable",
    };
    Problem::new(origin, None, kind, describe_io(e))
}

/// One article waiting for analysis: a whole file, or one JSONL line.
#[derive(Clone, Debug)]
pub enum Unit {
    Document {
        origin: String,
        bytes: Vec<u8>,
        format: Format,
    },
    Line {
        origin: String,
        line: usize,
        bytes: Vec<u8>,
    },
}

/// The message for an article (file or JSONL line) of `size` bytes over the limit; the
/// [`Problem`] it goes in names the file and line.
pub fn too_large_message(size: u64) -> String {
    const MIB: f64 = 1_048_576.0;
    format!(
        "article is {:.1} MiB, over the {} MiB limit for one article",
        size as f64 / MIB,
        concord_parser::MAX_ARTICLE_BYTES / 1_048_576
    )
}

fn too_large(origin: &str, line: Option<usize>, size: u64) -> Problem {
    Problem::new(origin, line, "too-large", too_large_message(size))
}

/// Read a source into analysis units (JSONL: one per non-blank line). IO problems become
/// problems; nothing here panics or stops at the first bad line.
pub fn read_source(source: &Source) -> (Vec<Unit>, Vec<Problem>) {
    match source {
        Source::Stdin => {
            let stdin = std::io::stdin();
            read_jsonl(&source.origin(), stdin.lock())
        }
        Source::File { path, format } => {
            let origin = source.origin();
            let file = match std::fs::File::open(path) {
                Ok(f) => f,
                Err(e) => return (Vec::new(), vec![io_problem(&origin, &e)]),
            };
            if *format == Format::Jsonl {
                return read_jsonl(&origin, BufReader::new(file));
            }
            let size = file.metadata().map(|m| m.len()).unwrap_or(0);
            if size > MAX_ARTICLE_BYTES {
                return (Vec::new(), vec![too_large(&origin, None, size)]);
            }
            let mut bytes = Vec::with_capacity(size as usize);
            if let Err(e) = file.take(MAX_ARTICLE_BYTES + 1).read_to_end(&mut bytes) {
                return (Vec::new(), vec![io_problem(&origin, &e)]);
            }
            if bytes.len() as u64 > MAX_ARTICLE_BYTES {
                return (
                    Vec::new(),
                    vec![too_large(&origin, None, bytes.len() as u64)],
                );
            }
            (
                vec![Unit::Document {
                    origin,
                    bytes,
                    format: *format,
                }],
                Vec::new(),
            )
        }
    }
}

/// Read JSONL line by line; blank lines are ignored, an over-long line is skipped with a problem.
pub fn read_jsonl(origin: &str, mut reader: impl BufRead) -> (Vec<Unit>, Vec<Problem>) {
    if let Some(p) = binary_head(origin, &mut reader) {
        return (Vec::new(), vec![p]);
    }
    let mut units = Vec::new();
    let mut problems = Vec::new();
    let mut line_no = 0;
    let mut buf = Vec::new();
    let mut any_content = false;
    loop {
        buf.clear();
        line_no += 1;
        match read_line_limited(&mut reader, &mut buf) {
            Ok(LineRead::Eof) => break,
            Ok(LineRead::TooLong(size)) => {
                any_content = true;
                problems.push(too_large(origin, Some(line_no), size));
            }
            Ok(LineRead::Line) => {
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                any_content = true;
                units.push(Unit::Line {
                    origin: origin.to_string(),
                    line: line_no,
                    bytes: std::mem::take(&mut buf),
                });
            }
            Err(e) => {
                problems.push(Problem::new(
                    origin,
                    Some(line_no),
                    "unreadable",
                    describe_io(&e),
                ));
                break;
            }
        }
    }
    if !any_content {
        problems.push(Problem::new(
            origin,
            None,
            "empty",
            "empty file (no JSONL lines)",
        ));
    }
    (units, problems)
}

/// A binary file (or UTF-16 text) given as JSONL: one message for the file, rather than one per
/// "line" of noise. Looks at the first buffered block only.
pub fn binary_head(origin: &str, reader: &mut impl BufRead) -> Option<Problem> {
    let head = reader.fill_buf().ok()?;
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Some(Problem::new(
            origin,
            None,
            "binary",
            "UTF-16 text is not supported; convert the file to UTF-8",
        ));
    }
    head.contains(&0).then(|| {
        Problem::new(
            origin,
            None,
            "binary",
            "binary content (NUL bytes), not JSONL text",
        )
    })
}

pub enum LineRead {
    Line,
    Eof,
    /// The line (without its line break) was longer than the article limit; it was consumed but
    /// not kept. Holds its length in bytes.
    TooLong(u64),
}

/// `read_until(b'\n')` that stops keeping bytes past the article limit, so one huge line
/// costs no memory.
pub fn read_line_limited(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
) -> std::io::Result<LineRead> {
    let mut total: u64 = 0;
    let mut too_long = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            if total == 0 {
                return Ok(LineRead::Eof);
            }
            break;
        }
        let (take, done) = match memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        // The line break is not part of the article: a line of exactly the limit is accepted.
        total += (take - usize::from(done)) as u64;
        if !too_long {
            if total > MAX_ARTICLE_BYTES {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        reader.consume(take);
        if done {
            break;
        }
    }
    if too_long {
        return Ok(LineRead::TooLong(total));
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    Ok(LineRead::Line)
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// Check bytes for the faults the parser cannot name well: emptiness, binary content, invalid
/// UTF-8 (with its line). Returns the text without a UTF-8 byte-order mark.
fn check_text<'a>(origin: &str, line: Option<usize>, bytes: &'a [u8]) -> Result<&'a str, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        let what = if line.is_some() {
            "empty line"
        } else {
            "empty file"
        };
        return Err(Problem::new(origin, line, "empty", what));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Problem::new(
            origin,
            line,
            "binary",
            "UTF-16 text is not supported; convert the file to UTF-8",
        ));
    }
    if bytes.contains(&0) {
        return Err(Problem::new(
            origin,
            line,
            "binary",
            "binary content (NUL bytes), not text",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.valid_up_to();
            let message = match line {
                Some(_) => format!(
                    "invalid UTF-8 at byte {} of the line; convert the file to UTF-8",
                    at + 1
                ),
                None => format!(
                    "invalid UTF-8 at byte {} of the file; convert the file to UTF-8",
                    at + 1
                ),
            };
            // errors.csv's `line` column: the JSONL line, or the file's line the fault is on.
            let line =
                line.or_else(|| Some(bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1));
            Err(Problem::new(origin, line, "invalid-utf8", message))
        }
    }
}

fn no_text_problem(origin: &str, line: Option<usize>, format: Option<Format>) -> Problem {
    let message = match format {
        Some(Format::Html) => "no body text found in the HTML page",
        _ => "no article text (nothing to split into sentences)",
    };
    Problem::new(origin, line, "no-body-text", message)
}

/// The longest claim concord keeps, in characters. Real news sentences stay under about 100
/// words: the longest claims of the BBC corpus (2,225 articles) and of Reuters-21578 (21,578)
/// are 1,063 and 629 characters. A "sentence" longer than this is text without punctuation
/// (a scraped blob, a run of tokens): as one claim it would be repeated on every row of
/// matches.csv that pairs it, tens of MB for a 2 MB line. It is kept out of the claims (and so
/// of matching) and reported; the article's other claims are kept.
pub const MAX_CLAIM_CHARS: usize = 2_000;

/// Drop the claims of `article` over [`MAX_CLAIM_CHARS`] (the rest renumbered), with one
/// problem naming them.
fn bound_claims(article: &mut Article, origin: &str, line: Option<usize>) -> Option<Problem> {
    let long = |c: &concord_parser::Claim| c.span.end - c.span.start > MAX_CLAIM_CHARS;
    let over: Vec<String> = article
        .claims
        .iter()
        .filter(|c| long(c))
        .map(|c| {
            format!(
                "sentence {} (characters {}-{}, {} long)",
                c.sentence,
                c.span.start,
                c.span.end,
                c.span.end - c.span.start
            )
        })
        .collect();
    if over.is_empty() {
        return None;
    }
    article.claims.retain(|c| !long(c));
    for (i, c) in article.claims.iter_mut().enumerate() {
        c.index = i;
    }
    Some(Problem::new(
        origin,
        line,
        "sentence-too-long",
        format!(
            "article {}: {} over the {MAX_CLAIM_CHARS}-character bound for one claim, kept out \
             of the claims and matching (the article's other claims are kept)",
            article.meta.id,
            over.join(", ")
        ),
    ))
}

/// An analysed article with its over-long claims taken out, and the problem naming them.
fn bounded(
    mut article: Article,
    origin: &str,
    line: Option<usize>,
) -> Vec<Result<Article, Problem>> {
    match bound_claims(&mut article, origin, line) {
        Some(p) => vec![Ok(article), Err(p)],
        None => vec![Ok(article)],
    }
}

/// Analyse one unit: decode, parse, split into sentences and claims.
pub fn analyze_unit(unit: &Unit) -> Vec<Result<Article, Problem>> {
    match unit {
        Unit::Document {
            origin,
            bytes,
            format,
        } => {
            let text = match check_text(origin, None, bytes) {
                Ok(t) => t,
                Err(p) => return vec![Err(p)],
            };
            concord_parser::parse_document(origin, text.as_bytes(), *format)
                .into_iter()
                .flat_map(|r| match r {
                    Ok(a) if a.sentences.is_empty() => {
                        vec![Err(no_text_problem(origin, None, Some(*format)))]
                    }
                    Ok(a) => bounded(a, origin, None),
                    Err(e) => vec![Err(Problem::from_parser(&e))],
                })
                .collect()
        }
        Unit::Line {
            origin,
            line,
            bytes,
        } => {
            let text = match check_text(origin, Some(*line), bytes) {
                Ok(t) => t,
                Err(p) => return vec![Err(p)],
            };
            match concord_parser::parse_jsonl_line(origin, *line, text) {
                Ok(raw) => {
                    let article = concord_parser::analyze(raw);
                    if article.sentences.is_empty() {
                        vec![Err(no_text_problem(origin, Some(*line), None))]
                    } else {
                        bounded(article, origin, Some(*line))
                    }
                }
                Err(e) => vec![Err(Problem::from_parser(&e))],
            }
        }
    }
}

/// Everything read from a list of inputs, in input order.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
    pub skipped: Vec<PathBuf>,
}

/// Discover, read and analyse every input (analysis in parallel, order kept).
pub fn load(inputs: &[PathBuf]) -> Loaded {
    let discovery = discover(inputs);
    let mut problems = discovery.problems;
    let mut units = Vec::new();
    for source in &discovery.sources {
        let (u, p) = read_source(source);
        units.extend(u);
        problems.extend(p);
    }
    let (articles, more) = analyze_units(&units);
    problems.extend(more);
    sort_problems(&mut problems);
    Loaded {
        articles,
        problems,
        skipped: discovery.skipped,
    }
}

/// Problems in a stable order for messages and errors.csv: by input, then line.
pub fn sort_problems(problems: &mut [Problem]) {
    problems.sort_by(|a, b| {
        (a.input.as_str(), a.line.unwrap_or(0), &a.kind, &a.message).cmp(&(
            b.input.as_str(),
            b.line.unwrap_or(0),
            &b.kind,
            &b.message,
        ))
    });
}

/// Analyse units in parallel, keeping their order.
pub fn analyze_units(units: &[Unit]) -> (Vec<Article>, Vec<Problem>) {
    analyze_units_with(units, || {})
}

/// [`analyze_units`], calling `on_unit_done` after each unit (from the worker threads), for
/// progress.
pub fn analyze_units_with(
    units: &[Unit],
    on_unit_done: impl Fn() + Sync,
) -> (Vec<Article>, Vec<Problem>) {
    let results: Vec<Vec<Result<Article, Problem>>> = units
        .par_iter()
        .map(|unit| {
            let result = analyze_unit(unit);
            on_unit_done();
            result
        })
        .collect();
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for r in results.into_iter().flatten() {
        match r {
            Ok(a) => articles.push(a),
            Err(p) => problems.push(p),
        }
    }
    (articles, problems)
}

/// Make article ids unique within a set (two files `a/1.txt` and `b/1.txt` both get id `1`):
/// later duplicates get `~2`, `~3`… Returns one note per renamed article.
pub fn dedupe_ids(articles: &mut [Article]) -> Vec<String> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    let mut notes = Vec::new();
    let mut taken: std::collections::HashSet<String> =
        articles.iter().map(|a| a.meta.id.clone()).collect();
    for a in articles.iter_mut() {
        let count = seen.entry(a.meta.id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            let mut n = *count;
            let mut id = format!("{}~{n}", a.meta.id);
            while taken.contains(&id) {
                n += 1;
                id = format!("{}~{n}", a.meta.id);
            }
            notes.push(format!(
                "{}: article id `{}` already used; renamed `{id}`",
                a.meta.origin, a.meta.id
            ));
            taken.insert(id.clone());
            a.meta.id = id;
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(units: &[Unit]) -> Vec<usize> {
        units
            .iter()
            .map(|u| match u {
                Unit::Line { line, .. } => *line,
                Unit::Document { .. } => 0,
            })
            .collect()
    }

    #[test]
    fn an_over_long_jsonl_line_is_skipped_and_the_next_lines_read() {
        let huge = format!(
            "{{\"id\": \"big\", \"text\": \"{}\"}}",
            "word ".repeat(2_100_000)
        );
        let text = format!(
            "{{\"id\": \"a\", \"text\": \"x.\"}}\r\n{huge}\n\n{{\"id\": \"b\", \"text\": \"y.\"}}"
        );
        let (units, problems) = read_jsonl("f.jsonl", std::io::Cursor::new(text.into_bytes()));
        assert_eq!(lines_of(&units), [1, 4]);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            (problems[0].line, problems[0].kind.as_str()),
            (Some(2), "too-large")
        );
        match &units[0] {
            Unit::Line { bytes, .. } => assert_eq!(bytes.last(), Some(&b'}'), "CR LF stripped"),
            Unit::Document { .. } => unreachable!(),
        }
    }

    #[test]
    fn the_jsonl_line_limit_is_the_parsers_and_excludes_the_line_break() {
        let limit = concord_parser::MAX_ARTICLE_BYTES;
        // (line length in bytes, kept)
        let cases = [(limit, true), (limit + 1, false)];
        for (len, kept) in cases {
            let text = format!("{}}}\n{{}}\n", "x".repeat(len - 1));
            let (units, problems) = read_jsonl("f.jsonl", std::io::Cursor::new(text.into_bytes()));
            assert_eq!(
                lines_of(&units),
                if kept { vec![1, 2] } else { vec![2] },
                "{len}"
            );
            if !kept {
                assert_eq!(problems.len(), 1);
                assert_eq!(
                    problems[0].to_string(),
                    format!("f.jsonl:1: {}", too_large_message(len as u64))
                );
            }
        }
        assert_eq!(
            too_large_message(9_000_000),
            "article is 8.6 MiB, over the 8 MiB limit for one article"
        );
    }

    #[test]
    fn a_binary_jsonl_file_is_one_problem() {
        let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
        for i in 0..200u8 {
            bytes.extend_from_slice(&[i, b'\n', 0xff, i]);
        }
        let (units, problems) = read_jsonl("img.jsonl", std::io::Cursor::new(bytes));
        assert!(units.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(
            (problems[0].kind.as_str(), problems[0].line),
            ("binary", None)
        );
        let (_, problems) =
            read_jsonl("u16.jsonl", std::io::Cursor::new(b"\xFF\xFE{\x00".to_vec()));
        assert_eq!(
            problems[0].message,
            "UTF-16 text is not supported; convert the file to UTF-8"
        );
    }

    #[test]
    fn byte_level_checks_name_the_fault() {
        // (bytes, line, kind or "" for accepted)
        let cases: [(&[u8], Option<usize>, &str); 7] = [
            (b"", None, "empty"),
            (b" \n\t\n", None, "empty"),
            (b"\xEF\xBB\xBFText.", None, ""),
            (b"\xFF\xFEa\x00b\x00", None, "binary"),
            (b"PK\x03\x04\x00\x00", None, "binary"),
            (b"caf\xe9 au lait", Some(3), "invalid-utf8"),
            (b"Plain text.", None, ""),
        ];
        for (bytes, line, kind) in cases {
            let got = check_text("f", line, bytes);
            match got {
                Ok(t) => assert_eq!(kind, "", "{bytes:?} accepted as {t:?}"),
                Err(p) => {
                    assert_eq!(p.kind, kind, "{bytes:?}: {p}");
                    assert_eq!(p.line, line);
                }
            }
        }
    }

    #[test]
    fn duplicate_article_ids_are_made_unique() {
        let mk = |id: &str| {
            concord_parser::analyze(concord_parser::RawArticle {
                meta: concord_parser::ArticleMeta {
                    id: id.to_string(),
                    origin: format!("{id}.txt"),
                    ..Default::default()
                },
                text: "A storm hit.".to_string(),
            })
        };
        let mut articles = vec![mk("a"), mk("a~2"), mk("a"), mk("b"), mk("a")];
        let notes = dedupe_ids(&mut articles);
        let ids: Vec<&str> = articles.iter().map(|a| a.meta.id.as_str()).collect();
        assert_eq!(ids, ["a", "a~2", "a~3", "b", "a~4"]);
        assert_eq!(notes.len(), 2);
    }
}
