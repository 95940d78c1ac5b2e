use thiserror::Error;

/// What is wrong with a value given to the domain model. Messages name the field and the value
/// so that the UI can show them as they are.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DomainError {
    #[error("unknown time zone {0:?} (neither an IANA name nor a Windows zone name)")]
    UnknownZone(String),
    #[error("{what} ends ({end}) before it starts ({start})")]
    EndBeforeStart { what: &'static str, start: String, end: String },
    #[error("invalid recurrence rule {rule:?}: {reason}")]
    InvalidRule { rule: String, reason: String },
    #[error("priority must be 1 (highest) to 4 (lowest), got {0}")]
    InvalidPriority(u8),
    #[error("chunk sizes must satisfy 5 <= min ({min}) <= max ({max}) minutes")]
    InvalidChunking { min: u32, max: u32 },
    #[error("invalid {what}: {value:?}")]
    InvalidValue { what: &'static str, value: String },
    /// A value that cannot be used, as a whole sentence that says what to change.
    #[error("{0}")]
    Refused(String),
}
