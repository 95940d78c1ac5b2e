//! Events as the week view and `miraage-cli events` show them.

use crate::error::{Result, ServiceError};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::{OccurrenceView, TimeRange};
use miraage_store::{CalendarScope, Store};

/// Every occurrence of every calendar in `[from, to)`, sorted by start, all-day days as seen
/// from `zone`.
///
/// # Errors
/// [`ServiceError::Domain`] when `to` is before `from`; store failures.
pub fn occurrences(store: &Store, zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<OccurrenceView>> {
    let range = TimeRange::new(from, to)?;
    Ok(store.occurrences(&range, zone, CalendarScope::All)?)
}

/// An RFC 3339 instant a face was given, as UTC.
///
/// # Errors
/// [`ServiceError::Invalid`] naming `what`.
pub fn instant(what: &'static str, value: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| ServiceError::Invalid { what, value: value.to_string(), expected: "an RFC 3339 instant" })
}
