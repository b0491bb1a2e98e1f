//! Input formats. INTERIM: minimal readers, to be completed by the parser work (issue 2).
use std::collections::BTreeMap;

use crate::article::{Article, ArticleMeta};
use crate::error::{Error, ErrorKind};
use crate::segment;

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
            "html" | "htm" => Some(Format::Html),
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

/// Decode one whole input (a file's bytes) into analysed articles, one result per article.
/// A JSONL input yields one result per non-blank line.
pub fn parse_document(origin: &str, bytes: &[u8], format: Format) -> Vec<Result<Article, Error>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return vec![Err(Error::new(
                ErrorKind::InvalidUtf8,
                origin,
                None,
                e.to_string(),
            ))]
        }
    };
    match format {
        Format::Jsonl => text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| parse_jsonl_line(origin, i + 1, l).map(analyze))
            .collect(),
        _ => {
            let id = origin.rsplit('/').next().unwrap_or(origin);
            let id = id
                .rsplit_once('.')
                .map(|(s, _)| s)
                .unwrap_or(id)
                .to_string();
            let meta = ArticleMeta {
                source: id.clone(),
                id,
                origin: origin.to_string(),
                ..Default::default()
            };
            vec![Ok(analyze(RawArticle {
                meta,
                text: text.to_string(),
            }))]
        }
    }
}

/// Parse one JSONL line (1-based `line` number, for messages) into a raw article.
pub fn parse_jsonl_line(origin: &str, line: usize, json: &str) -> Result<RawArticle, Error> {
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| Error::new(ErrorKind::MalformedJson, origin, Some(line), e.to_string()))?;
    let mut obj = match value {
        serde_json::Value::Object(o) => o,
        _ => {
            return Err(Error::new(
                ErrorKind::MalformedJson,
                origin,
                Some(line),
                "not a JSON object",
            ))
        }
    };
    let mut take = |k: &str| match obj.remove(k) {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let text = take("text").ok_or_else(|| {
        Error::new(
            ErrorKind::MissingText,
            origin,
            Some(line),
            "no \"text\" field",
        )
    })?;
    let id = take("id").unwrap_or_else(|| format!("line{line}"));
    let meta = ArticleMeta {
        source: take("source").unwrap_or_else(|| id.clone()),
        id,
        url: take("url"),
        title: take("title"),
        published: take("published"),
        set: take("set"),
        origin: format!("{origin}:{line}"),
        extra: obj.into_iter().collect::<BTreeMap<_, _>>(),
    };
    Ok(RawArticle { meta, text })
}

/// Split a raw article into sentences and claims.
pub fn analyze(raw: RawArticle) -> Article {
    let (sentences, claims) = segment::segment(&raw.text);
    Article {
        meta: raw.meta,
        text: raw.text,
        sentences,
        claims,
    }
}
