use std::fmt;

/// What went wrong with one input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    Empty,
    Binary,
    InvalidUtf8,
    MalformedJson,
    MissingText,
    NoBodyText,
    TooLarge,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorKind::Empty => "empty",
            ErrorKind::Binary => "binary",
            ErrorKind::InvalidUtf8 => "invalid-utf8",
            ErrorKind::MalformedJson => "malformed-json",
            ErrorKind::MissingText => "missing-text",
            ErrorKind::NoBodyText => "no-body-text",
            ErrorKind::TooLarge => "too-large",
        })
    }
}

/// An input that could not be turned into an article. Names the input and, for JSONL, the line.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{origin}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct Error {
    kind: ErrorKind,
    origin: String,
    line: Option<usize>,
    message: String,
}

impl Error {
    pub fn new(
        kind: ErrorKind,
        origin: &str,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Error {
            kind,
            origin: origin.to_string(),
            line,
            message: message.into(),
        }
    }
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    pub fn origin(&self) -> &str {
        &self.origin
    }
    pub fn line(&self) -> Option<usize> {
        self.line
    }
    pub fn message(&self) -> &str {
        &self.message
    }
}
