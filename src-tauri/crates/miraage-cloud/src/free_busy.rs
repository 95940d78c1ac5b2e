//! Free/busy queries, for finding meeting times: Google's `freeBusy` and Graph's
//! `getSchedule`. They read busy intervals only, never event details.

use crate::api::{shown, Call};
use crate::google::GoogleProvider;
use crate::graph::GraphProvider;
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, NaiveTime, Utc, Weekday};
use miraage_domain::time::local_to_utc;
use miraage_domain::zone::resolve_zone;
use miraage_domain::TimeRange;
use miraage_sync::{Result, SyncError};
use reqwest::Method;
use serde_json::{json, Value};

/// The busy intervals of one calendar or person, sorted by start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    /// The calendar id (Google) or e-mail address (Graph) asked about.
    pub who: String,
    pub busy: Vec<TimeRange>,
    /// Why this one could not be answered (not shared with the user, unknown address).
    pub error: Option<String>,
    /// Their working hours over the range asked, where the provider gives them (Graph).
    pub working: Option<Vec<TimeRange>>,
}

fn bad(url: &url::Url, reason: impl Into<String>) -> SyncError {
    SyncError::BadResponse { url: shown(url), reason: reason.into() }
}

fn instant(url: &url::Url, v: &Value) -> Result<DateTime<Utc>> {
    let s = v.as_str().ok_or_else(|| bad(url, "a busy interval without a time"))?;
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).map_err(|e| bad(url, format!("bad time {s:?}: {e}")))
}

impl GoogleProvider {
    /// `POST /freeBusy` for `calendars` over `range` (Calendar API v3).
    ///
    /// # Errors
    ///
    /// As [`Api::send_ok`](crate::api::Api::send_ok); [`SyncError::BadResponse`] when the answer is
    /// not JSON or holds an unreadable busy interval. A calendar Google cannot answer for is not an
    /// error: its [`Busy::error`] says why.
    pub async fn free_busy(&self, calendars: &[&str], range: &TimeRange) -> Result<Vec<Busy>> {
        let url = self.calendar_url(&["freeBusy"]);
        let body = json!({
            "timeMin": range.start.to_rfc3339(),
            "timeMax": range.end.to_rfc3339(),
            "items": calendars.iter().map(|c| json!({"id": c})).collect::<Vec<_>>(),
        });
        let answer: Value = self.api().send_ok(&Call::new(Method::POST, url.clone()).json(&body)).await?.json(&url)?;
        let mut out = Vec::with_capacity(calendars.len());
        for who in calendars {
            let entry = &answer["calendars"][*who];
            let error = entry["errors"]
                .as_array()
                .and_then(|e| e.first())
                .map(|e| e["reason"].as_str().unwrap_or("error").to_string());
            let mut busy = Vec::new();
            for b in entry["busy"].as_array().into_iter().flatten() {
                busy.push(
                    TimeRange::new(instant(&url, &b["start"])?, instant(&url, &b["end"])?)
                        .map_err(|e| bad(&url, e.to_string()))?,
                );
            }
            busy.sort_by_key(|r| r.start);
            out.push(Busy { who: who.to_string(), busy, error, working: None });
        }
        Ok(out)
    }
}

/// `getSchedule` answers at most this many schedules per call…
pub const SCHEDULES_PER_CALL: usize = 20;
/// …over at most this many days (Graph: "a time span up to 62 days").
pub const SCHEDULE_DAYS_PER_CALL: i64 = 62;

impl GraphProvider {
    /// `POST /me/calendar/getSchedule` for `people` (e-mail addresses) over `range`, split into
    /// calls of at most [`SCHEDULES_PER_CALL`] people and [`SCHEDULE_DAYS_PER_CALL`] days and
    /// merged: one [`Busy`] per person, in the order asked, with their working hours over the
    /// range where Graph gives them. Times asked in UTC; free and working-elsewhere items are
    /// not busy.
    ///
    /// # Errors
    ///
    /// As [`Api::send_ok`](crate::api::Api::send_ok); [`SyncError::BadResponse`] when the answer is
    /// not JSON or holds an unreadable schedule item.
    pub async fn get_schedule(&self, people: &[&str], range: &TimeRange) -> Result<Vec<Busy>> {
        let mut out: Vec<Busy> =
            people.iter().map(|p| Busy { who: p.to_string(), busy: Vec::new(), error: None, working: None }).collect();
        let mut from = range.start;
        while from < range.end {
            let to = (from + Duration::days(SCHEDULE_DAYS_PER_CALL)).min(range.end);
            let part = TimeRange { start: from, end: to };
            for (chunk, slots) in people.chunks(SCHEDULES_PER_CALL).zip(out.chunks_mut(SCHEDULES_PER_CALL)) {
                for answer in self.get_schedule_once(chunk, &part).await? {
                    let Some(slot) = slots.iter_mut().find(|b| b.who.eq_ignore_ascii_case(&answer.who)) else {
                        continue;
                    };
                    slot.busy.extend(answer.busy);
                    slot.error = slot.error.take().or(answer.error);
                    if let Some(w) = answer.working {
                        slot.working.get_or_insert_with(Vec::new).extend(w);
                    }
                }
            }
            from = to;
        }
        for b in &mut out {
            b.busy.sort_by_key(|r| r.start);
        }
        Ok(out)
    }

    /// One `getSchedule` call, within Graph's limits.
    async fn get_schedule_once(&self, people: &[&str], range: &TimeRange) -> Result<Vec<Busy>> {
        let url = self.graph_url(&["me", "calendar", "getSchedule"]);
        let fmt = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%S").to_string();
        let body = json!({
            "schedules": people,
            "startTime": {"dateTime": fmt(range.start), "timeZone": "UTC"},
            "endTime": {"dateTime": fmt(range.end), "timeZone": "UTC"},
            "availabilityViewInterval": 15,
        });
        let call = Call::new(Method::POST, url.clone()).json(&body).header("prefer", "outlook.timezone=\"UTC\"");
        let answer: Value = self.api().send_ok(&call).await?.json(&url)?;
        let utc = |v: &Value| -> Result<DateTime<Utc>> {
            let s = v["dateTime"].as_str().ok_or_else(|| bad(&url, "a schedule item without a time"))?;
            let s = s.split('.').next().unwrap_or(s);
            NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
                .map(|t| t.and_utc())
                .map_err(|e| bad(&url, format!("bad time {s:?}: {e}")))
        };
        let mut out = Vec::new();
        for schedule in answer["value"].as_array().into_iter().flatten() {
            let who = schedule["scheduleId"].as_str().unwrap_or_default().to_string();
            let error = schedule["error"]["message"].as_str().map(str::to_string);
            let mut busy = Vec::new();
            for item in schedule["scheduleItems"].as_array().into_iter().flatten() {
                if matches!(item["status"].as_str(), Some("free" | "workingElsewhere")) {
                    continue;
                }
                busy.push(
                    TimeRange::new(utc(&item["start"])?, utc(&item["end"])?).map_err(|e| bad(&url, e.to_string()))?,
                );
            }
            let working = working_hours(&schedule["workingHours"], range);
            out.push(Busy { who, busy, error, working });
        }
        Ok(out)
    }
}

/// Graph's `workingHours` (`daysOfWeek`, `startTime`, `endTime`, `timeZone.name`, Windows or
/// IANA) as instants over `range`; `None` when absent or unreadable.
fn working_hours(v: &Value, range: &TimeRange) -> Option<Vec<TimeRange>> {
    let days: Vec<Weekday> = v["daysOfWeek"].as_array()?.iter().filter_map(|d| d.as_str()?.parse().ok()).collect();
    let time = |k: &str| NaiveTime::parse_from_str(v[k].as_str()?.split('.').next()?, "%H:%M:%S").ok();
    let (start, end) = (time("startTime")?, time("endTime")?);
    let zone = resolve_zone(v["timeZone"]["name"].as_str().unwrap_or("UTC")).ok()?;
    let mut out = Vec::new();
    let mut day = range.start.with_timezone(&zone).date_naive() - Duration::days(1);
    while local_to_utc(day.and_time(NaiveTime::MIN), zone) < range.end {
        if days.contains(&day.weekday()) {
            let (a, b) = (local_to_utc(day.and_time(start), zone), local_to_utc(day.and_time(end), zone));
            let (a, b) = (a.max(range.start), b.min(range.end));
            if a < b {
                out.push(TimeRange { start: a, end: b });
            }
        }
        day += Duration::days(1);
    }
    Some(out)
}
