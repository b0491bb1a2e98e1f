//! Input formats: bytes of a file (or one JSONL line) in, raw articles out.
//!
//! - `.txt` / `.md`: the text as is (a UTF-8 BOM dropped). A short first line without a final
//!   period is the headline (the segmenter marks it). Markdown heading marks (`# `) and emphasis
//!   are kept in the text, so offsets stay true; `#` lines are headlines like any short line.
//! - `.html`: main text only (see [`crate::html`]); `Article::text` is the extracted text, one
//!   paragraph per block, the page title first when the page has one.
//! - `.json`: one article object (or an array of them); `.jsonl`: one object per line. Fields
//!   `id` (or `doc_id`), `source`, `url`, `title`, `published` (or `date`), `text` (or `body`,
//!   `content`), `set` (or `cluster_id`); other fields are kept in `ArticleMeta::extra`.
//!   The JSON title is kept in the metadata only and never prepended: offsets refer to the
//!   `text` field exactly as given.
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::article::{Article, ArticleMeta};
use crate::error::{Error, ErrorKind};
use crate::html;

/// The largest article (or JSONL line) accepted, in bytes. Real news articles are under 1 MB;
/// anything far larger is a mistake (a dump, a binary) and is refused with a clear error rather
/// than analysed for minutes.
pub const MAX_ARTICLE_BYTES: usize = 8 * 1024 * 1024;

/// Input format, usually chosen from the file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    Jsonl,
}

impl Format {
    /// The format for a file name's extension, or `None` when it is not an article format.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// An article before analysis: metadata and decoded text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawArticle {
    pub meta: ArticleMeta,
    pub text: String,
}

/// The file stem of an origin path: "data/seeds/000_x.txt" → "000_x".
fn stem(origin: &str) -> &str {
    let name = origin.rsplit(['/', '\\']).next().unwrap_or(origin);
    match name.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s,
        _ => name,
    }
}

fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest
        .split(['/', '?', '#'])
        .next()?
        .trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_string())
}

/// Check the bytes of one input and decode them: empty, binary, invalid UTF-8, too large.
fn decode<'b>(origin: &str, line: Option<usize>, bytes: &'b [u8]) -> Result<&'b str, Error> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            origin,
            line,
            format!(
                "too large: {:.1} MiB (the limit is {} MiB per article)",
                bytes.len() as f64 / 1_048_576.0,
                MAX_ARTICLE_BYTES / 1_048_576
            ),
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::new(ErrorKind::Empty, origin, line, "empty: no text"));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Error::new(
            ErrorKind::InvalidUtf8,
            origin,
            line,
            "UTF-16 text (byte-order mark); convert the file to UTF-8",
        ));
    }
    if let Some(at) = memchr_nul(bytes) {
        return Err(Error::new(
            ErrorKind::Binary,
            origin,
            line,
            format!("binary data (NUL byte at offset {at}), not a text article"),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line_no = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::new(
            ErrorKind::InvalidUtf8,
            origin,
            line,
            format!("invalid UTF-8 at byte {at} (line {line_no}); convert the file to UTF-8"),
        )
    })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// Decode one whole input (a file's bytes) into analysed articles, one result per article.
/// A JSONL input yields one result per non-blank line; a bad line does not stop the others.
pub fn parse_document(origin: &str, bytes: &[u8], format: Format) -> Vec<Result<Article, Error>> {
    if format == Format::Jsonl {
        return parse_jsonl(origin, bytes);
    }
    let text = match decode(origin, None, bytes) {
        Ok(t) => t,
        Err(e) => return vec![Err(e)],
    };
    let base = ArticleMeta {
        id: stem(origin).to_string(),
        source: stem(origin).to_string(),
        origin: origin.to_string(),
        ..Default::default()
    };
    match format {
        Format::Text | Format::Markdown => vec![Ok(analyze(RawArticle {
            meta: base,
            text: text.to_string(),
        }))],
        Format::Html => vec![html::extract(origin, text).map(|page| {
            let mut meta = base;
            if let Some(url) = page.url {
                meta.source = host(&url).unwrap_or(meta.source);
                meta.url = Some(url);
            }
            if let Some(site) = page.site {
                meta.source = site;
            }
            meta.title = page.title;
            meta.published = page.published;
            analyze(RawArticle {
                meta,
                text: page.text,
            })
        })],
        Format::Json => match serde_json::from_str::<Value>(text) {
            Err(e) => vec![Err(Error::new(
                ErrorKind::MalformedJson,
                origin,
                Some(e.line()),
                format!("malformed JSON: {e}"),
            ))],
            Ok(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    from_value(origin, None, &format!("{}-{}", stem(origin), i + 1), v).map(analyze)
                })
                .collect(),
            Ok(v) => vec![from_value(origin, None, stem(origin), v).map(analyze)],
        },
        Format::Jsonl => unreachable!("handled above"),
    }
}

fn parse_jsonl(origin: &str, bytes: &[u8]) -> Vec<Result<Article, Error>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return vec![Err(Error::new(
            ErrorKind::Empty,
            origin,
            None,
            "empty: no lines",
        ))];
    }
    let mut out = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let result = decode(origin, Some(i + 1), line)
            .and_then(|l| parse_jsonl_line(origin, i + 1, l))
            .map(analyze);
        out.push(result);
    }
    out
}

/// Parse one JSONL line (1-based `line` number, for messages) into a raw article.
pub fn parse_jsonl_line(origin: &str, line: usize, json: &str) -> Result<RawArticle, Error> {
    if json.len() > MAX_ARTICLE_BYTES {
        return Err(decode(origin, Some(line), json.as_bytes())
            .err()
            .unwrap_or_else(|| Error::new(ErrorKind::TooLarge, origin, Some(line), "too large")));
    }
    let value: Value = serde_json::from_str(json.trim_end_matches('\r')).map_err(|e| {
        Error::new(
            ErrorKind::MalformedJson,
            origin,
            Some(line),
            format!("malformed JSON: {e}"),
        )
    })?;
    let mut raw = from_value(
        origin,
        Some(line),
        &format!("{}-{line}", stem(origin)),
        value,
    )?;
    raw.meta.origin = format!("{origin}:{line}");
    Ok(raw)
}

/// A string field: strings as they are, numbers as written; `null` and others are absent.
fn take(obj: &mut Map<String, Value>, keys: &[&str], keep: bool) -> Option<String> {
    for k in keys {
        let v = if keep {
            obj.get(*k).cloned()
        } else {
            obj.remove(*k)
        };
        match v {
            Some(Value::String(s)) if !s.trim().is_empty() => return Some(s),
            Some(Value::Number(n)) => return Some(n.to_string()),
            _ => {}
        }
    }
    None
}

fn from_value(
    origin: &str,
    line: Option<usize>,
    default_id: &str,
    value: Value,
) -> Result<RawArticle, Error> {
    let mut obj = match value {
        Value::Object(o) => o,
        other => {
            let what = match other {
                Value::Array(_) => "an array",
                Value::String(_) => "a string",
                Value::Number(_) => "a number",
                Value::Bool(_) => "a boolean",
                _ => "null",
            };
            return Err(Error::new(
                ErrorKind::MalformedJson,
                origin,
                line,
                format!("expected a JSON object with a \"text\" field, found {what}"),
            ));
        }
    };
    // The body must be a string: `"text": 12345` is a mistake in the data, not an article "12345".
    for k in ["text", "body", "content"] {
        let what = match obj.get(k) {
            Some(Value::Number(_)) => "a number",
            Some(Value::Bool(_)) => "a boolean",
            Some(Value::Array(_)) => "an array",
            Some(Value::Object(_)) => "an object",
            _ => continue,
        };
        return Err(Error::new(
            ErrorKind::MalformedJson,
            origin,
            line,
            format!("the \"{k}\" field is {what}, not a string"),
        ));
    }
    let present = ["text", "body", "content"]
        .iter()
        .any(|k| obj.contains_key(*k));
    let text = take(&mut obj, &["text", "body", "content"], false).ok_or_else(|| {
        if present {
            Error::new(
                ErrorKind::NoBodyText,
                origin,
                line,
                "no body text: the \"text\" field is empty",
            )
        } else {
            Error::new(ErrorKind::MissingText, origin, line, "no \"text\" field")
        }
    })?;
    if text.len() > MAX_ARTICLE_BYTES {
        return Err(decode(origin, line, text.as_bytes())
            .err()
            .unwrap_or_else(|| Error::new(ErrorKind::TooLarge, origin, line, "too large")));
    }
    if text.contains('\0') {
        return Err(Error::new(
            ErrorKind::Binary,
            origin,
            line,
            "binary data (NUL character) in \"text\"",
        ));
    }
    // Aliases (ECB+ `doc_id`, `cluster_id`) are read but also kept in `extra`.
    let id = take(&mut obj, &["id"], false)
        .or_else(|| take(&mut obj, &["doc_id"], true))
        .unwrap_or_else(|| default_id.to_string());
    let url = take(&mut obj, &["url"], false);
    let source = take(&mut obj, &["source"], false)
        .or_else(|| url.as_deref().and_then(host))
        .unwrap_or_else(|| id.clone());
    let meta = ArticleMeta {
        source,
        url,
        title: take(&mut obj, &["title"], false),
        published: take(&mut obj, &["published"], false)
            .or_else(|| take(&mut obj, &["date"], true)),
        set: take(&mut obj, &["set"], false).or_else(|| take(&mut obj, &["cluster_id"], true)),
        origin: origin.to_string(),
        extra: obj.into_iter().collect::<BTreeMap<_, _>>(),
        id,
    };
    Ok(RawArticle { meta, text })
}

/// Split a raw article into sentences and claims.
pub fn analyze(raw: RawArticle) -> Article {
    let (sentences, claims) = crate::analyze::analyze_text(&raw.text);
    Article {
        meta: raw.meta,
        text: raw.text,
        sentences,
        claims,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(origin: &str, bytes: &[u8], format: Format) -> (ErrorKind, String) {
        let mut docs = parse_document(origin, bytes, format);
        let e = docs.remove(0).unwrap_err();
        (e.kind(), e.to_string())
    }

    #[test]
    fn bad_input_table() {
        let big = vec![b'a'; MAX_ARTICLE_BYTES + 1];
        let table: &[(&str, &[u8], Format, ErrorKind, &str)] = &[
            ("e.txt", b"", Format::Text, ErrorKind::Empty, "e.txt: empty"),
            (
                "w.txt",
                b"  \n\n ",
                Format::Text,
                ErrorKind::Empty,
                "w.txt: empty",
            ),
            (
                "b.txt",
                b"ab\0cd",
                Format::Text,
                ErrorKind::Binary,
                "b.txt: binary",
            ),
            (
                "u.txt",
                b"ok\n\xff\xfe",
                Format::Text,
                ErrorKind::InvalidUtf8,
                "u.txt: invalid UTF-8 at byte 3 (line 2)",
            ),
            (
                "j.json",
                b"{\"text\": ",
                Format::Json,
                ErrorKind::MalformedJson,
                "j.json:1: malformed JSON",
            ),
            (
                "m.json",
                b"{\"title\": \"x\"}",
                Format::Json,
                ErrorKind::MissingText,
                "m.json: no \"text\"",
            ),
            (
                "w16.txt",
                b"\xFF\xFEh\0i\0",
                Format::Text,
                ErrorKind::InvalidUtf8,
                "w16.txt: UTF-16 text",
            ),
            (
                "n.json",
                b"{\"text\": \"  \"}",
                Format::Json,
                ErrorKind::NoBodyText,
                "n.json: no body text",
            ),
            (
                "a.json",
                b"[1]",
                Format::Json,
                ErrorKind::MalformedJson,
                "a.json: expected a JSON object",
            ),
            (
                "big.txt",
                &big,
                Format::Text,
                ErrorKind::TooLarge,
                "big.txt: too large",
            ),
            (
                "h.html",
                b"<html><body><nav>Home</nav><script>x()</script></body></html>",
                Format::Html,
                ErrorKind::NoBodyText,
                "h.html: no body text",
            ),
        ];
        for (origin, bytes, format, kind, msg) in table {
            let (k, m) = err(origin, bytes, *format);
            assert_eq!(k, *kind, "{origin}");
            assert!(m.starts_with(msg), "{origin}: {m}");
        }
    }

    #[test]
    fn too_large_message_counts_in_mib() {
        // (bytes, message): sizes are binary megabytes, as the limit itself is.
        let table: &[(usize, &str)] = &[
            (
                MAX_ARTICLE_BYTES + 1,
                "big.txt: too large: 8.0 MiB (the limit is 8 MiB per article)",
            ),
            (
                9 * 1024 * 1024,
                "big.txt: too large: 9.0 MiB (the limit is 8 MiB per article)",
            ),
            (
                9_000_000,
                "big.txt: too large: 8.6 MiB (the limit is 8 MiB per article)",
            ),
        ];
        for (len, msg) in table {
            let (k, m) = err("big.txt", &vec![b'a'; *len], Format::Text);
            assert_eq!((k, m.as_str()), (ErrorKind::TooLarge, *msg), "{len}");
        }
    }

    #[test]
    fn jsonl_bad_line_names_line_and_keeps_others() {
        let input = b"{\"id\":\"a\",\"text\":\"One claim here.\"}\n{oops\n\n{\"id\":\"c\",\"text\":\"Another claim.\",\"lang\":\"en\"}\n";
        let docs = parse_document("x.jsonl", input, Format::Jsonl);
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].as_ref().unwrap().meta.id, "a");
        let e = docs[1].as_ref().unwrap_err();
        assert_eq!((e.kind(), e.line()), (ErrorKind::MalformedJson, Some(2)));
        assert!(e.to_string().starts_with("x.jsonl:2: malformed JSON"));
        let c = docs[2].as_ref().unwrap();
        assert_eq!(c.meta.origin, "x.jsonl:4");
        assert_eq!(c.meta.extra["lang"], "en");
    }

    #[test]
    fn json_title_is_metadata_and_offsets_follow_text() {
        let input = br#"{"doc_id":"1_1ecb","cluster_id":"1_ecb","title":"Reid enters rehab.","text":"Reid enters rehab.\nPeople said so."}"#;
        let a = parse_document("e.json", input, Format::Json)
            .remove(0)
            .unwrap();
        assert_eq!(a.meta.id, "1_1ecb");
        assert_eq!(a.meta.set.as_deref(), Some("1_ecb"));
        assert_eq!(a.meta.title.as_deref(), Some("Reid enters rehab."));
        assert_eq!(a.text, "Reid enters rehab.\nPeople said so.");
        assert_eq!(a.claims.len(), 2);
        assert_eq!(a.claims[1].span.start, 19);
    }
}
