//! Conversions between domain values and their stored form.

use crate::error::{Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use miraage_domain::{EventTime, RecurrenceId};

pub(crate) fn to_epoch(t: DateTime<Utc>) -> i64 {
    t.timestamp()
}

pub(crate) fn from_epoch(s: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp(s, 0).ok_or_else(|| StoreError::Corrupt(format!("instant {s} out of range")))
}

pub(crate) fn date_from_epoch(s: i64) -> Result<NaiveDate> {
    Ok(from_epoch(s)?.date_naive())
}

pub(crate) fn date_epoch(d: NaiveDate) -> i64 {
    d.and_time(chrono::NaiveTime::MIN).and_utc().timestamp()
}

/// Stored form of an event's time: (all_day, start, end, zone).
pub(crate) fn time_columns(t: &EventTime) -> (bool, i64, i64, Option<String>) {
    match *t {
        EventTime::Timed { start, end, zone } => (false, to_epoch(start), to_epoch(end), Some(zone.name().to_string())),
        EventTime::AllDay { start, end } => (true, date_epoch(start), date_epoch(end), None),
    }
}

pub(crate) fn time_from_columns(all_day: bool, start: i64, end: i64, zone: Option<String>) -> Result<EventTime> {
    if all_day {
        return Ok(EventTime::all_day(date_from_epoch(start)?, date_from_epoch(end)?)?);
    }
    let zone = zone.ok_or_else(|| StoreError::Corrupt("timed event without zone".into()))?;
    let tz: chrono_tz::Tz = zone.parse().map_err(|_| StoreError::Corrupt(format!("unknown zone {zone:?}")))?;
    Ok(EventTime::timed(from_epoch(start)?, from_epoch(end)?, tz)?)
}

pub(crate) fn ids_to_json(ids: &[RecurrenceId]) -> String {
    let texts: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    serde_json::to_string(&texts).expect("strings serialise")
}

pub(crate) fn ids_from_json(text: Option<String>) -> Result<Vec<RecurrenceId>> {
    let Some(text) = text else { return Ok(Vec::new()) };
    let texts: Vec<String> = serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    texts.iter().map(|t| RecurrenceId::parse(t).map_err(StoreError::from)).collect()
}

pub(crate) fn minute_floor(t: DateTime<Utc>) -> i64 {
    t.timestamp().div_euclid(60)
}

pub(crate) fn minute_ceil(t: DateTime<Utc>) -> i64 {
    (t.timestamp() + 59).div_euclid(60)
}

/// Clamp to the R*Tree's 32-bit integer coordinates (minutes: ±4000 years around 1970).
pub(crate) fn span_coord(minutes: i64) -> i64 {
    minutes.clamp(i32::MIN as i64 + 1, i32::MAX as i64 - 1)
}

pub(crate) const SPAN_ENDLESS: i64 = i32::MAX as i64 - 1;

pub(crate) fn now_epoch() -> i64 {
    Utc::now().timestamp()
}
