//! When an event happens.

use crate::error::DomainError;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The time of an event or of one occurrence of a series.
///
/// Timed events are stored as UTC instants together with the zone they were made in: the zone
/// decides how a series repeats (09:00 Berlin stays 09:00 across DST) and how the event is
/// written back. All-day events are local dates, the same in every zone ("floating").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventTime {
    Timed {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        zone: Tz,
    },
    AllDay {
        start: NaiveDate,
        /// Exclusive, as in iCalendar: a one-day event on the 5th ends on the 6th.
        end: NaiveDate,
    },
}

impl EventTime {
    /// A timed span in `zone`; `end` may equal `start` (an instant, as iCalendar allows).
    ///
    /// # Errors
    ///
    /// [`DomainError::EndBeforeStart`] when `end` is before `start`.
    pub fn timed(start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz) -> Result<Self, DomainError> {
        if end < start {
            return Err(DomainError::EndBeforeStart {
                what: "event",
                start: start.to_rfc3339(),
                end: end.to_rfc3339(),
            });
        }
        Ok(EventTime::Timed { start, end, zone })
    }

    /// Whole days `[start, end)`: `end` is exclusive, so one day ends the day after it starts.
    ///
    /// # Errors
    ///
    /// [`DomainError::EndBeforeStart`] unless `end` is after `start`.
    pub fn all_day(start: NaiveDate, end: NaiveDate) -> Result<Self, DomainError> {
        if end <= start {
            return Err(DomainError::EndBeforeStart {
                what: "all-day event",
                start: start.to_string(),
                end: end.to_string(),
            });
        }
        Ok(EventTime::AllDay { start, end })
    }

    pub fn is_all_day(&self) -> bool {
        matches!(self, EventTime::AllDay { .. })
    }

    /// The zone a timed event lives in; all-day events float.
    pub fn zone(&self) -> Option<Tz> {
        match self {
            EventTime::Timed { zone, .. } => Some(*zone),
            EventTime::AllDay { .. } => None,
        }
    }

    /// The instants this time covers when seen from `view_zone` (all-day dates begin at local
    /// midnight there).
    pub fn instants_in(&self, view_zone: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        match *self {
            EventTime::Timed { start, end, .. } => (start, end),
            EventTime::AllDay { start, end } => (local_midnight(start, view_zone), local_midnight(end, view_zone)),
        }
    }

    /// Whether this time overlaps the half-open range `[range.start, range.end)` as seen from
    /// `view_zone`. A zero-length event overlaps when it lies inside the range.
    pub fn overlaps(&self, range: &TimeRange, view_zone: Tz) -> bool {
        let (s, e) = self.instants_in(view_zone);
        if s == e {
            return s >= range.start && s < range.end;
        }
        s < range.end && e > range.start
    }

    /// Bounds of the instants this time can cover in any zone, for coarse indexing: all-day
    /// dates are widened by the largest UTC offsets in use (−12 h … +14 h).
    pub fn index_bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        match *self {
            EventTime::Timed { start, end, .. } => (start, end),
            EventTime::AllDay { start, end } => (
                start.and_time(NaiveTime::MIN).and_utc() - Duration::hours(14),
                end.and_time(NaiveTime::MIN).and_utc() + Duration::hours(12),
            ),
        }
    }
}

/// The instant at which `date` begins in `zone`. Where midnight does not exist (a DST gap at
/// midnight, as in some American zones historically) the day begins when the gap ends.
pub fn local_midnight(date: NaiveDate, zone: Tz) -> DateTime<Utc> {
    local_to_utc(date.and_time(NaiveTime::MIN), zone)
}

/// A local wall-clock time in `zone` as an instant: ambiguous times (fall back) take the first
/// occurrence, nonexistent ones (spring forward) move forward by the gap, as RFC 5545 §3.3.5
/// prescribes.
pub fn local_to_utc(local: chrono::NaiveDateTime, zone: Tz) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        chrono::LocalResult::None => {
            // Find the offset before the gap and apply it, which lands after the gap.
            let before = local - Duration::hours(3);
            let offset = match zone.from_local_datetime(&before) {
                chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => *t.offset(),
                chrono::LocalResult::None => zone.offset_from_utc_datetime(&local),
            };
            use chrono::Offset;
            let fixed = offset.fix();
            (local - Duration::seconds(fixed.local_minus_utc() as i64)).and_utc()
        }
    }
}

/// Identifies one instance of a series: its original start, as RECURRENCE-ID does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RecurrenceId {
    Instant(DateTime<Utc>),
    Date(NaiveDate),
}

impl RecurrenceId {
    /// Parses what [`fmt::Display`] writes: an RFC 3339 instant or a `YYYY-MM-DD` date.
    ///
    /// # Errors
    ///
    /// [`DomainError::InvalidValue`] when `s` is neither.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(RecurrenceId::Date(d));
        }
        DateTime::parse_from_rfc3339(s)
            .map(|t| RecurrenceId::Instant(t.with_timezone(&Utc)))
            .map_err(|_| DomainError::InvalidValue { what: "recurrence id", value: s.into() })
    }
}

impl fmt::Display for RecurrenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecurrenceId::Instant(t) => write!(f, "{}", format_instant(*t)),
            RecurrenceId::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

/// RFC 3339 in UTC with a `Z`, seconds always shown: the one format instants leave the core in.
pub fn format_instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// A half-open range of instants `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl TimeRange {
    /// The range `[start, end)`; an empty one (`start == end`) is allowed.
    ///
    /// # Errors
    ///
    /// [`DomainError::EndBeforeStart`] when `end` is before `start`.
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Self, DomainError> {
        if end < start {
            return Err(DomainError::EndBeforeStart {
                what: "range",
                start: start.to_rfc3339(),
                end: end.to_rfc3339(),
            });
        }
        Ok(Self { start, end })
    }

    /// The local days `[from, to)` in `zone` as instants.
    ///
    /// # Errors
    ///
    /// [`DomainError::EndBeforeStart`] when `to` is before `from`.
    pub fn local_days(from: NaiveDate, to: NaiveDate, zone: Tz) -> Result<Self, DomainError> {
        Self::new(local_midnight(from, zone), local_midnight(to, zone))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn nonexistent_local_times_move_forward_and_ambiguous_take_the_first() {
        let berlin = Tz::Europe__Berlin;
        // 2027-03-28 02:30 does not exist in Berlin: it becomes 03:30 CEST = 01:30 UTC.
        assert_eq!(local_to_utc(local("2027-03-28T02:30"), berlin).to_rfc3339(), "2027-03-28T01:30:00+00:00");
        // 2027-10-31 02:30 happens twice: the first is CEST = 00:30 UTC.
        assert_eq!(local_to_utc(local("2027-10-31T02:30"), berlin).to_rfc3339(), "2027-10-31T00:30:00+00:00");
    }

    #[test]
    fn all_day_events_overlap_by_local_days() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let t = EventTime::all_day(d("2026-11-25"), d("2026-11-26")).unwrap();
        let tokyo = Tz::Asia__Tokyo;
        let day = TimeRange::local_days(d("2026-11-25"), d("2026-11-26"), tokyo).unwrap();
        let next = TimeRange::local_days(d("2026-11-26"), d("2026-11-27"), tokyo).unwrap();
        assert!(t.overlaps(&day, tokyo));
        assert!(!t.overlaps(&next, tokyo));
        assert!(EventTime::all_day(d("2026-11-25"), d("2026-11-25")).is_err());
    }

    #[test]
    fn recurrence_ids_round_trip_through_text() {
        let id = RecurrenceId::Instant("2026-11-23T08:00:00Z".parse().unwrap());
        assert_eq!(id.to_string(), "2026-11-23T08:00:00Z");
        assert_eq!(RecurrenceId::parse(&id.to_string()).unwrap(), id);
        let date = RecurrenceId::parse("2026-12-24").unwrap();
        assert_eq!(date.to_string(), "2026-12-24");
    }
}
