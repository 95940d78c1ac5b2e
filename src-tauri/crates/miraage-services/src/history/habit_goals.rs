//! Habits and study goals in the analytics view: each one's minutes against its target per
//! period shown, this day's or week's progress, and its streak: how many of its own periods
//! in a row (days or weeks, up to the last one over) met the target.
//!
//! A session counts for the part of it that happened: accepted sessions up to now. A session
//! skipped from the tray is gone and one ended early keeps the minutes spent, so their
//! outcomes count as they should.

use crate::error::Result;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use miraage_domain::time::local_midnight;
use miraage_domain::HabitPeriod;
use miraage_scheduling::habits::period_of;
use miraage_store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

/// How far back a streak is looked for.
const STREAK_DAYS: i64 = 2 * 366;

/// A habit's goal against its target.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HabitRow {
    pub title: String,
    /// "day" or "week": what its target is per.
    pub per: String,
    /// Minutes its target asks per day or week.
    pub target: u32,
    /// Minutes done this day or week so far.
    pub done: u32,
    /// Days or weeks in a row that met the target, up to the last one over (and this one,
    /// once met).
    pub streak: u32,
    /// Minutes done in each period of the view (oldest first, as the view's rows).
    pub periods: Vec<u32>,
    /// Its target over each period of the view (0 before the habit existed).
    pub targets: Vec<u32>,
}

/// Every habit (paused ones too) over the view's periods `bounds` (first day, day after).
///
/// # Errors
/// Store failures.
pub fn habit_rows(
    store: &Store,
    zone: Tz,
    now: DateTime<Utc>,
    bounds: &[(NaiveDate, NaiveDate)],
) -> Result<Vec<HabitRow>> {
    let habits = store.habits()?;
    if habits.is_empty() || bounds.is_empty() {
        return Ok(Vec::new());
    }
    let view_from = local_midnight(bounds[0].0, zone);
    let from = view_from.min(now - Duration::days(STREAK_DAYS));
    // Minutes that happened, by habit and local day.
    let mut by_day: HashMap<&str, BTreeMap<NaiveDate, u32>> = HashMap::new();
    let sessions = store.habit_sessions_between(from, now)?;
    for s in &sessions {
        let happened = u32::try_from((now.min(s.end) - s.start).num_minutes()).unwrap_or(0);
        let day = s.start.with_timezone(&zone).date_naive();
        *by_day.entry(s.habit_id.as_str()).or_default().entry(day).or_default() += happened;
    }
    let today = now.with_timezone(&zone).date_naive();
    let mut out = Vec::with_capacity(habits.len());
    for h in &habits {
        let created = h.created.with_timezone(&zone).date_naive();
        let days = by_day.get(h.id.as_str());
        let done_in = |a: NaiveDate, b: NaiveDate| -> u32 { days.map_or(0, |d| d.range(a..b).map(|(_, m)| *m).sum()) };
        let (start, end, _) = period_of(h.per, today);
        let mut streak = 0;
        if done_in(start, end) >= h.minutes {
            streak += 1;
        }
        let mut day = start;
        while let Some(before) = day.pred_opt() {
            let (a, b, _) = period_of(h.per, before);
            if b <= created || done_in(a, b) < h.minutes {
                break;
            }
            streak += 1;
            day = a;
        }
        let target_over = |a: NaiveDate, b: NaiveDate| -> u32 {
            let days = (b - a.max(created)).num_days().max(0) as u32;
            match h.per {
                HabitPeriod::Day => h.minutes * days,
                HabitPeriod::Week => h.minutes * days / 7,
            }
        };
        out.push(HabitRow {
            title: h.title.clone(),
            per: h.per.as_str().to_string(),
            target: h.minutes,
            done: done_in(start, end),
            streak,
            periods: bounds.iter().map(|&(a, b)| done_in(a, b)).collect(),
            targets: bounds.iter().map(|&(a, b)| target_over(a, b)).collect(),
        });
    }
    Ok(out)
}
