//! The crate's single error type.

use std::path::PathBuf;

/// Everything that can go wrong while reading a problem or a plan, or writing a plan.
///
/// Rule violations of a plan are not errors: [`crate::validate`] returns them as data.
#[derive(Debug, thiserror::Error)]
pub enum PlannerError {
    /// The problem (or plan) JSON is well-formed but a field is missing or wrong; the message
    /// names the field, as FORMAT.md note 16 asks.
    #[error("{0}")]
    Invalid(String),
    /// The text is not JSON at all.
    #[error("not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl PlannerError {
    pub(crate) fn invalid(msg: impl Into<String>) -> Self {
        PlannerError::Invalid(msg.into())
    }
}

pub type Result<T> = std::result::Result<T, PlannerError>;
