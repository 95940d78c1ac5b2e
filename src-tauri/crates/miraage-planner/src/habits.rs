//! Habits and study goals: recurring flexible blocks with their own windows.
//!
//! A habit asks for `minutes` per day or per ISO week, in sessions of `min_chunk_min` to
//! `max_chunk_min`, inside a named hours set or its own weekly window, e.g.
//!
//! ```json
//! {"id": "lunch", "minutes": 45, "per": "day", "window": {"days": ["mon","tue","wed","thu","fri","sat","sun"], "start": "12:00", "end": "14:00"}, "priority": 1}
//! {"id": "study", "minutes": 300, "per": "week", "min_chunk_min": 60, "max_chunk_min": 90,
//!  "window": {"days": ["mon","tue","wed","thu","fri"], "start": "18:00", "end": "22:00"}, "project": "study"}
//! ```
//!
//! Each period becomes one ordinary task `ID@PERIOD` (`lunch@2026-11-23`, `study@2026-W48`)
//! with `earliest_start` at the period start and a hard due at its end, so every hard rule
//! and the whole planner apply to habits unchanged.

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::Value;

use crate::error::{PlannerError, Result};
use crate::problem::{day_windows, hhmm, int, obj, opt, string, Priority, Problem, Task};
use crate::time::windows::{WeeklyHours, DAY_KEYS};
use crate::time::{local_date, wall_to_epoch};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Day,
    Week,
}

#[derive(Debug, Clone, PartialEq)]
pub enum HabitHours {
    /// One of the problem's hours sets.
    Named(String),
    /// The habit's own weekly window.
    Window(WeeklyHours),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Habit {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub per: Period,
    pub min_chunk_min: u32,
    pub max_chunk_min: u32,
    pub hours: HabitHours,
    pub priority: Priority,
    pub project: String,
}

impl Habit {
    pub(crate) fn from_value(v: &Value, f: &str) -> Result<Habit> {
        let o = obj(v, f)?;
        let id = string(opt(o, "id").unwrap_or(&Value::Null), &format!("{f}.id"))?;
        if id.contains('@') {
            return Err(PlannerError::invalid(format!("{f}.id: may not contain '@'")));
        }
        let minutes = int(opt(o, "minutes").unwrap_or(&Value::Null), &format!("{f}.minutes"), 1)?;
        let per = match opt(o, "per").and_then(Value::as_str) {
            Some("day") => Period::Day,
            Some("week") => Period::Week,
            _ => return Err(PlannerError::invalid(format!("{f}.per: expected \"day\" or \"week\""))),
        };
        let mn =
            opt(o, "min_chunk_min").map(|x| int(x, &format!("{f}.min_chunk_min"), 1)).transpose()?.unwrap_or(minutes);
        let mx =
            opt(o, "max_chunk_min").map(|x| int(x, &format!("{f}.max_chunk_min"), 1)).transpose()?.unwrap_or(minutes);
        if mx < mn.min(minutes) {
            return Err(PlannerError::invalid(format!("{f}.max_chunk_min: below the smallest allowed session")));
        }
        let hours = match (opt(o, "hours"), opt(o, "window")) {
            (Some(h), None) => HabitHours::Named(string(h, &format!("{f}.hours"))?),
            (None, Some(w)) => {
                let wo = obj(w, &format!("{f}.window"))?;
                let start = hhmm(opt(wo, "start").unwrap_or(&Value::Null), &format!("{f}.window.start"), false)?;
                let end = hhmm(opt(wo, "end").unwrap_or(&Value::Null), &format!("{f}.window.end"), true)?;
                let list = day_windows(
                    &Value::Array(vec![Value::Array(vec![Value::String(fmt_hm(start)), Value::String(fmt_hm(end))])]),
                    &format!("{f}.window"),
                )?;
                let mut wh = WeeklyHours::default();
                let days = opt(wo, "days")
                    .and_then(Value::as_array)
                    .ok_or_else(|| PlannerError::invalid(format!("{f}.window.days: expected a list of mon..sun")))?;
                for d in days {
                    let k = d
                        .as_str()
                        .and_then(|s| DAY_KEYS.iter().position(|x| *x == s))
                        .ok_or_else(|| PlannerError::invalid(format!("{f}.window.days: unknown day {d}")))?;
                    wh.days[k] = list.clone();
                }
                HabitHours::Window(wh)
            }
            _ => return Err(PlannerError::invalid(format!("{f}: give exactly one of \"hours\" or \"window\""))),
        };
        let prio = opt(o, "priority").map(|x| int(x, &format!("{f}.priority"), i64::MIN)).transpose()?.unwrap_or(2);
        let priority = Priority::new(prio)
            .ok_or_else(|| PlannerError::invalid(format!("{f}.priority: must be 1..4, got {prio}")))?;
        let u = |x: i64| u32::try_from(x).map_err(|_| PlannerError::invalid(format!("{f}: number too large")));
        Ok(Habit {
            title: opt(o, "title").and_then(Value::as_str).unwrap_or(&id).to_owned(),
            project: opt(o, "project").and_then(Value::as_str).unwrap_or("").to_owned(),
            id,
            minutes: u(minutes)?,
            per,
            min_chunk_min: u(mn)?,
            max_chunk_min: u(mx)?,
            hours,
            priority,
        })
    }

    fn hours_name(&self) -> String {
        match &self.hours {
            HabitHours::Named(n) => n.clone(),
            HabitHours::Window(_) => format!("habit:{}", self.id),
        }
    }
}

fn fmt_hm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Replaces `p.habits` by one task per habit and period inside `[now, horizon_end)`.
pub(crate) fn expand_into(p: &mut Problem) {
    let habits = std::mem::take(&mut p.habits);
    let tz = p.timezone;
    let today = local_date(tz, p.now);
    let last = local_date(tz, p.horizon_end);
    for h in &habits {
        if let HabitHours::Window(w) = &h.hours {
            p.hours.insert(h.hours_name(), w.clone());
        }
        let (mut start, step) = match h.per {
            Period::Day => (today, 1),
            Period::Week => (today - Duration::days(i64::from(today.weekday().num_days_from_monday())), 7),
        };
        while start <= last {
            let next = start + Duration::days(step);
            let (s, e) = (wall_to_epoch(tz, start, 0), wall_to_epoch(tz, next, 0));
            if e > p.now && s < p.horizon_end {
                p.tasks.push(task_for(h, start, s, e));
            }
            start = next;
        }
    }
}

fn task_for(h: &Habit, start: NaiveDate, s: i64, e: i64) -> Task {
    let label = match h.per {
        Period::Day => start.format("%Y-%m-%d").to_string(),
        Period::Week => {
            let w = start.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
    };
    Task {
        id: format!("{}@{label}", h.id),
        title: h.title.clone(),
        duration_min: h.minutes,
        min_chunk_min: h.min_chunk_min,
        max_chunk_min: h.max_chunk_min,
        due: Some(e),
        hard_due: true,
        earliest_start: Some(s),
        priority: h.priority,
        hours: h.hours_name(),
        depends_on: Vec::new(),
        project: h.project.clone(),
    }
}
