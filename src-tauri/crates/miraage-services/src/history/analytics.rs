//! The analytics view: per week or month, planned against done (by project and tag),
//! meeting, focus and free hours, and how far estimates were off; the learner's factors and
//! the work pattern beside them. Every number is also in the view's table.

use super::habit_goals::{habit_rows, HabitRow};
use super::learn::{learner_of, Factor};
use super::patterns::{PatternSums, WorkPattern};
use crate::error::{Result, ServiceError};
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use chrono_tz::Tz;
use miraage_domain::time::local_midnight;
use miraage_domain::TimeRange;
use miraage_store::{HistoryTask, Outcome, Store};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Period {
    Week,
    Month,
}

/// One week or month.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PeriodRow {
    /// "Week of 23 Nov 2026", "Nov 2026".
    pub label: String,
    /// The first local day, and the day after the last (YYYY-MM-DD).
    pub from: String,
    pub to: String,
    /// Minutes of accepted blocks starting in the period.
    pub planned_min: u32,
    /// Minutes really spent (done and partly done blocks).
    pub done_min: u32,
    /// Planned minutes of skipped and of missed blocks.
    pub skipped_min: u32,
    pub missed_min: u32,
    /// Planned minutes with no outcome yet (to come, or waiting for the review).
    pub open_min: u32,
    /// Minutes of events that are not plan blocks (timed events only).
    pub meeting_min: u32,
    /// Work hours of the period less meetings and focus (done) minutes.
    pub free_min: u32,
    /// Estimate accuracy of tasks finished in the period: the mean of |ln(actual/estimate)|
    /// (0 is perfect, 0.69 is off by 2×); `None` when none finished.
    pub estimate_error: Option<f64>,
    pub tasks_finished: u32,
}

/// Planned against done for one project (`+book`, `+(none)`) or tag (`#writing`) in a period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct KeyRow {
    pub period: String,
    pub key: String,
    pub planned_min: u32,
    pub done_min: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AnalyticsView {
    pub period: Period,
    /// Oldest first.
    pub rows: Vec<PeriodRow>,
    pub by_key: Vec<KeyRow>,
    pub habits: Vec<HabitRow>,
    /// What the estimate learner knows, most samples first.
    pub factors: Vec<Factor>,
    pub pattern: WorkPattern,
}

/// The most periods one view covers (two years).
pub const MAX_WEEKS: u32 = 104;
pub const MAX_MONTHS: u32 = 24;

/// The last `count` weeks or months up to the one holding `now`.
///
/// # Errors
/// [`ServiceError::Invalid`] when `count` is 0 or over two years; store failures.
pub fn analytics(store: &Store, zone: Tz, now: DateTime<Utc>, period: Period, count: u32) -> Result<AnalyticsView> {
    let max = match period {
        Period::Week => MAX_WEEKS,
        Period::Month => MAX_MONTHS,
    };
    if count == 0 || count > max {
        return Err(ServiceError::Invalid {
            what: "number of periods",
            value: count.to_string(),
            expected: "1 to 104 weeks or 1 to 24 months",
        });
    }
    let bounds = periods(period, now.with_timezone(&zone).date_naive(), count);
    let starts: Vec<DateTime<Utc>> = bounds.iter().map(|&(day, _)| local_midnight(day, zone)).collect();
    let (from, to) = (starts[0], local_midnight(bounds[bounds.len() - 1].1, zone));
    let mut rows: Vec<PeriodRow> = bounds.iter().map(|&(day, next)| empty_row(period, day, next)).collect();

    // One pass over the blocks: totals per period, per project and tag, and the work pattern.
    let mut keys = KeySums::default();
    let mut work = PatternSums::new(zone);
    store.each_history_block(from, to, |b| {
        let p = starts.partition_point(|s| *s <= b.start).saturating_sub(1);
        let (planned, done) = (b.planned_min(), spent(b.outcome, b.actual_min));
        let row = &mut rows[p];
        row.planned_min += planned;
        row.done_min += done;
        match b.outcome {
            Some(Outcome::Skipped) => row.skipped_min += planned,
            Some(Outcome::Missed) => row.missed_min += planned,
            None => row.open_min += planned,
            _ => {}
        }
        keys.add(p, b.task, planned, done);
        work.add(b);
    })?;

    let settings = miraage_scheduling::load_settings(store)?;
    let work_day = work_minutes(&settings.work_hours.start, &settings.work_hours.end);
    // Meetings by start; one lasts under a day, so a period's start in them is found by search.
    let mut meetings: Vec<_> = store
        .busy_spans(&TimeRange::new(from, to)?)?
        .into_iter()
        .filter(|m| !m.plan_block && (m.end - m.start).num_hours() < 24)
        .collect();
    meetings.sort_by_key(|m| m.start);
    let finished = store.estimate_samples()?;

    for (row, &(day, next)) in rows.iter_mut().zip(&bounds) {
        let (start, end) = (local_midnight(day, zone), local_midnight(next, zone));
        let first = meetings.partition_point(|m| m.start < start - chrono::Duration::days(1));
        let last = meetings.partition_point(|m| m.start < end);
        row.meeting_min = meetings[first..last]
            .iter()
            .filter(|m| m.end > start)
            .map(|m| u32::try_from((m.end.min(end) - m.start.max(start)).num_minutes()).unwrap_or(0))
            .sum();
        let work_days = (0..(next - day).num_days())
            .filter_map(|i| day.checked_add_days(Days::new(i as u64)))
            .filter(|d| settings.work_hours.days.contains(&(d.weekday().num_days_from_monday() as u8)))
            .count() as u32;
        row.free_min = (work_days * work_day).saturating_sub(row.meeting_min + row.done_min);
        let errors: Vec<f64> = finished
            .iter()
            .filter(|s| s.task.completed_at.is_some_and(|c| c >= start && c < end))
            .filter_map(|s| {
                let e = f64::from(s.task.estimate_min?);
                Some((f64::from(s.actual_min) / e).ln().abs())
            })
            .collect();
        row.tasks_finished = errors.len() as u32;
        row.estimate_error = (!errors.is_empty()).then(|| errors.iter().sum::<f64>() / errors.len() as f64);
    }
    let (by_key, tag_minutes) = keys.finish(&rows);
    Ok(AnalyticsView {
        period,
        rows,
        by_key,
        habits: habit_rows(store, zone, now, &bounds)?,
        factors: learner_of(&finished).factors(),
        pattern: work.finish(&tag_minutes, &miraage_scheduling::load_settings(store)?.preferred_parts),
    })
}

fn empty_row(period: Period, day: NaiveDate, next: NaiveDate) -> PeriodRow {
    PeriodRow {
        label: label(period, day),
        from: day.to_string(),
        to: next.to_string(),
        planned_min: 0,
        done_min: 0,
        skipped_min: 0,
        missed_min: 0,
        open_min: 0,
        meeting_min: 0,
        free_min: 0,
        estimate_error: None,
        tasks_finished: 0,
    }
}

/// Planned and done minutes per period and key (`+project`, `#tag`); each task's keys are
/// made once, and each key string once.
#[derive(Default)]
struct KeySums {
    names: Vec<String>,
    ids: HashMap<String, usize>,
    of_task: HashMap<String, Vec<usize>>,
    sums: BTreeMap<(usize, usize), (u32, u32)>,
}

impl KeySums {
    fn add(&mut self, period: usize, task: &HistoryTask, planned: u32, done: u32) {
        if !self.of_task.contains_key(&task.uid) {
            let project = format!("+{}", task.project.as_deref().unwrap_or("(none)"));
            let keys = std::iter::once(project).chain(task.tags.iter().map(|t| format!("#{t}")));
            let ids = keys.map(|k| self.id(k)).collect();
            self.of_task.insert(task.uid.clone(), ids);
        }
        for &k in &self.of_task[&task.uid] {
            let e = self.sums.entry((period, k)).or_default();
            e.0 += planned;
            e.1 += done;
        }
    }

    fn id(&mut self, key: String) -> usize {
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        self.names.push(key.clone());
        self.ids.insert(key, self.names.len() - 1);
        self.names.len() - 1
    }

    /// The rows by period, keys in order within each; and the done minutes of each tag.
    fn finish(self, rows: &[PeriodRow]) -> (Vec<KeyRow>, BTreeMap<String, u32>) {
        let mut out: Vec<KeyRow> = self
            .sums
            .iter()
            .map(|(&(p, k), &(planned_min, done_min))| KeyRow {
                period: rows[p].label.clone(),
                key: self.names[k].clone(),
                planned_min,
                done_min,
            })
            .collect();
        // Periods in order (the map's), keys by name within a period.
        let period_of: HashMap<&str, usize> = rows.iter().enumerate().map(|(i, r)| (r.label.as_str(), i)).collect();
        out.sort_by(|a, b| {
            period_of[a.period.as_str()].cmp(&period_of[b.period.as_str()]).then_with(|| a.key.cmp(&b.key))
        });
        let mut tags = BTreeMap::new();
        for ((_, k), (_, done)) in self.sums {
            if let Some(tag) = self.names[k].strip_prefix('#') {
                *tags.entry(tag.to_string()).or_default() += done;
            }
        }
        (out, tags)
    }
}

/// Minutes really spent in a block (done and partly done).
fn spent(outcome: Option<Outcome>, actual_min: Option<u32>) -> u32 {
    match outcome {
        Some(Outcome::Done | Outcome::Partly) => actual_min.unwrap_or(0),
        _ => 0,
    }
}

/// `count` periods (first day, day after the last), oldest first, the last holding `today`.
fn periods(period: Period, today: NaiveDate, count: u32) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::with_capacity(count as usize);
    let mut start = match period {
        Period::Week => today - Days::new(u64::from(today.weekday().num_days_from_monday())),
        Period::Month => today.with_day(1).unwrap_or(today),
    };
    for _ in 0..count {
        let next = match period {
            Period::Week => start + Days::new(7),
            Period::Month => start + Months::new(1),
        };
        out.push((start, next));
        start = match period {
            Period::Week => start - Days::new(7),
            Period::Month => start - Months::new(1),
        };
    }
    out.reverse();
    out
}

fn label(period: Period, day: NaiveDate) -> String {
    match period {
        Period::Week => format!("Week of {}", day.format("%-d %b %Y")),
        Period::Month => day.format("%b %Y").to_string(),
    }
}

fn work_minutes(start: &str, end: &str) -> u32 {
    let m = |s: &str| {
        let (h, m) = s.split_once(':')?;
        Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
    };
    match (m(start), m(end)) {
        (Some(a), Some(b)) if b > a => b - a,
        _ => 0,
    }
}
