//! Start and end times as a face gives them ("2026-11-23T09:00", an RFC 3339 instant, a
//! date), resolved against the event being edited: a local time that does not exist on a
//! DST day is refused with the next valid time rather than shifted silently.

use crate::error::{Result, ServiceError};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::time::local_midnight;
use miraage_domain::EventTime;

/// A point in time as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeInput {
    /// An RFC 3339 instant.
    Instant(DateTime<Utc>),
    /// A wall-clock time in the event's zone (`YYYY-MM-DDTHH:MM[:SS]`).
    Local(NaiveDateTime),
    /// A date (`YYYY-MM-DD`): an all-day start or end.
    Date(NaiveDate),
}

impl TimeInput {
    /// Reads an RFC 3339 instant, a local date-time or a date.
    ///
    /// # Errors
    /// [`ServiceError::Invalid`] naming `what` when it is none of them.
    pub fn parse(what: &'static str, text: &str) -> Result<Self> {
        let text = text.trim();
        if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(TimeInput::Date(d));
        }
        if let Ok(t) = DateTime::parse_from_rfc3339(text) {
            return Ok(TimeInput::Instant(t.with_timezone(&Utc)));
        }
        for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
            if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
                return Ok(TimeInput::Local(t));
            }
        }
        Err(ServiceError::Invalid {
            what,
            value: text.to_string(),
            expected: "an RFC 3339 instant, a local YYYY-MM-DDTHH:MM or a date YYYY-MM-DD",
        })
    }

    /// The instant, reading a local time in `zone` (a date: its midnight).
    ///
    /// # Errors
    /// [`ServiceError::Refused`] for a local time that does not exist in `zone`.
    pub fn instant(self, zone: Tz) -> Result<DateTime<Utc>> {
        match self {
            TimeInput::Instant(t) => Ok(t),
            TimeInput::Local(t) => local_instant(t, zone),
            TimeInput::Date(d) => Ok(local_midnight(d, zone)),
        }
    }

    /// The local date in `zone`.
    pub fn date(self, zone: Tz) -> NaiveDate {
        match self {
            TimeInput::Instant(t) => t.with_timezone(&zone).date_naive(),
            TimeInput::Local(t) => t.date(),
            TimeInput::Date(d) => d,
        }
    }
}

/// A wall-clock time in `zone` as an instant: the first of an ambiguous pair (the hour the
/// clocks go back); a time in the gap when they go forward is refused.
///
/// # Errors
/// [`ServiceError::Refused`] naming the time, the day and the next time that exists.
pub fn local_instant(local: NaiveDateTime, zone: Tz) -> Result<DateTime<Utc>> {
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
        chrono::LocalResult::None => {
            // Gaps are an hour or less in practice; a day bounds the search.
            let next = (1..=24 * 60)
                .map(|m| local + Duration::minutes(m))
                .find(|t| !matches!(zone.from_local_datetime(t), chrono::LocalResult::None))
                .unwrap_or(local + Duration::hours(1));
            Err(ServiceError::Refused(format!(
                "{} does not exist on {} in {} (the clocks go forward); the next valid time is {}.",
                local.format("%H:%M"),
                local.format("%Y-%m-%d"),
                zone.name(),
                next.format("%H:%M")
            )))
        }
    }
}

/// The time an edit asks for, given the time the occurrence has now (`base`): what is not
/// said is kept (the start and the length), `all_day` switches the kind, `zone` re-homes a
/// timed event (`fallback_zone` when an all-day event becomes timed without one).
///
/// # Errors
/// [`ServiceError::Refused`] for an end before the start or a local time that does not exist.
pub fn resolve(
    base: &EventTime,
    start: Option<TimeInput>,
    end: Option<TimeInput>,
    all_day: Option<bool>,
    zone: Option<Tz>,
    fallback_zone: Tz,
) -> Result<EventTime> {
    let all_day = all_day.unwrap_or_else(|| match (start, end) {
        // A date typed for the start of a timed event makes it all-day, and a time typed for
        // an all-day event makes it timed, as a calendar's editor does.
        (Some(TimeInput::Date(_)), _) => true,
        (Some(TimeInput::Instant(_) | TimeInput::Local(_)), _) => false,
        _ => base.is_all_day(),
    });
    let zone = zone.or(base.zone()).unwrap_or(fallback_zone);
    let end_before_start = |s: String, e: String| {
        ServiceError::Refused(format!("The end ({e}) is before the start ({s}); choose an end after the start."))
    };
    if all_day {
        let (base_start, base_days) = match *base {
            EventTime::AllDay { start, end } => (start, (end - start).num_days().max(1)),
            EventTime::Timed { start, end, zone } => {
                let (s, e) = (start.with_timezone(&zone).date_naive(), end.with_timezone(&zone).date_naive());
                (s, (e - s).num_days() + 1)
            }
        };
        let start_date = start.map_or(base_start, |s| s.date(zone));
        let end_date = match end {
            // An end typed as a date-time means "until that day", inclusive.
            Some(TimeInput::Date(d)) => d,
            Some(other) => other.date(zone) + Duration::days(1),
            None => start_date + Duration::days(base_days),
        };
        if end_date <= start_date {
            return Err(end_before_start(start_date.to_string(), end_date.to_string()));
        }
        return Ok(EventTime::AllDay { start: start_date, end: end_date });
    }
    let (base_start, length) = match *base {
        EventTime::Timed { start, end, .. } => (start, end - start),
        // An all-day event made timed starts at 09:00 and lasts an hour, unless told.
        EventTime::AllDay { start, .. } => {
            (local_instant(start.and_time(NaiveTime::from_hms_opt(9, 0, 0).expect("valid")), zone)?, Duration::hours(1))
        }
    };
    let start_at = match start {
        Some(TimeInput::Date(d)) => local_instant(d.and_time(base_start.with_timezone(&zone).time()), zone)?,
        Some(s) => s.instant(zone)?,
        None => base_start,
    };
    let end_at = match end {
        Some(TimeInput::Date(d)) => local_instant(d.and_time(start_at.with_timezone(&zone).time()), zone)? + length,
        Some(e) => e.instant(zone)?,
        None => start_at + length,
    };
    if end_at < start_at {
        let show = |t: DateTime<Utc>| t.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string();
        return Err(end_before_start(show(start_at), show(end_at)));
    }
    Ok(EventTime::Timed { start: start_at, end: end_at, zone })
}
