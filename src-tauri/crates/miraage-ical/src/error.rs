use thiserror::Error;

/// Why a whole file was refused. Component-level problems are not errors: they are reported
/// as [`crate::Skipped`] entries and the rest of the file imports.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum IcalError {
    #[error("{source_name}: line {line}: {reason}")]
    Syntax { source_name: String, line: usize, reason: String },
    #[error("{source_name}: not an iCalendar file: {reason}")]
    NotICalendar { source_name: String, reason: String },
}
