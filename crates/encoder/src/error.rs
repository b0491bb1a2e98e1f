//! The encoder's one error type.

/// What went wrong while loading or running the encoder.
#[derive(Debug, thiserror::Error)]
#[error("sentence encoder: {kind:?}: {message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

/// The kind of an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The embedded configuration does not parse.
    Config,
    /// The embedded weights do not load, or a forward pass failed.
    Model,
    /// The embedded tokenizer does not load, or a text could not be tokenized.
    Tokenizer,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub(crate) fn config(e: impl std::fmt::Display) -> Error {
        Error::new(ErrorKind::Config, e)
    }

    pub(crate) fn model(e: impl std::fmt::Display) -> Error {
        Error::new(ErrorKind::Model, e)
    }

    pub(crate) fn tokenizer(e: impl std::fmt::Display) -> Error {
        Error::new(ErrorKind::Tokenizer, e)
    }

    fn new(kind: ErrorKind, e: impl std::fmt::Display) -> Error {
        Error {
            kind,
            message: e.to_string(),
        }
    }
}
