//! "When will it be done?": a real plan of the current problem (open tasks, habits, accepted
//! blocks pinned, the ghosts as the previous plan) with one task in it, read for that task:
//! "done by Thu 15:00" or "at risk: 2 h short before its due date Fri 17:00". Nothing is
//! written. And the week's load against its free time, for the plan bar.

use crate::error::Result;
use crate::preview::horizon;
use crate::problem::build_problem;
use crate::reasons::clock;
use crate::settings::load_settings;
use chrono::{DateTime, Datelike, Days, Utc};
use chrono_tz::Tz;
use miraage_domain::time::{format_instant, local_midnight};
use miraage_domain::{BlockState, Due, TaskId};
use miraage_planner::time::windows::{merge, subtract, total};
use miraage_planner::{Priority, Task};
use miraage_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The id of a draft task inside the forecast's problem.
const DRAFT_ID: &str = "forecast:draft";
/// The furthest a forecast looks ahead.
const MAX_DAYS: i64 = 92;

/// A task not yet created (quick add as the user types).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    /// `None`: the settings' default estimate.
    pub estimate_min: Option<u32>,
    pub due: Option<Due>,
    /// 1 (highest) to 4.
    pub priority: u8,
    /// Planned in personal hours (unless its project has hours of its own).
    pub personal: bool,
    /// Its project: a project's default hour set is used, as for a task.
    pub project: Option<String>,
}

/// When a task would be done if planned now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ForecastView {
    pub title: String,
    /// When its last block ends (RFC 3339 UTC); null when nothing of it fits.
    pub done_by: Option<String>,
    pub due: Option<String>,
    /// Minutes the plan finds for it, and minutes it needs.
    pub planned_min: u32,
    pub needed_min: u32,
    /// Not fully planned before its due date (or at all), or finishing after it.
    pub at_risk: bool,
    /// One line: "done by Thu 15:00", "at risk: 2 h short before its due date Fri 17:00".
    pub message: String,
}

/// The week's planned time against its free time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WeekLoadView {
    /// Accepted blocks and ghosts from now to the end of the week, in minutes.
    pub planned_min: u32,
    /// The hours tasks are planned in, less meetings, from now to the end of the week.
    pub free_min: u32,
    /// "31 h planned of 38 h free this week".
    pub message: String,
}

/// The forecast of the open task `task`, as planning now would place it.
///
/// # Errors
/// When the store cannot be read or the settings cannot be used.
pub fn forecast_task(store: &Store, zone: Tz, now: DateTime<Utc>, task: &TaskId) -> Result<ForecastView> {
    let t = store.task(task)?;
    let due = t.due.map(|d| due_epoch(d, zone));
    run(store, zone, now, None, task.as_str(), &t.title, due)
}

/// The forecast of `draft` added to the current plan.
///
/// # Errors
/// When the store cannot be read or the settings cannot be used.
pub fn forecast_draft(store: &Store, zone: Tz, now: DateTime<Utc>, draft: &Draft) -> Result<ForecastView> {
    let settings = load_settings(store)?;
    let due = draft.due.map(|d| due_epoch(d, zone));
    let project_sets = crate::project_hours::load(store)?;
    let sets = crate::hour_sets(store, &settings)?;
    let project_set = draft
        .project
        .as_deref()
        .and_then(|p| crate::project_hours::of(&project_sets, p))
        .and_then(|n| crate::habits::find_set(&sets, n))
        .map(|s| s.name.clone());
    let task = Task {
        id: DRAFT_ID.into(),
        title: draft.title.clone(),
        duration_min: draft.estimate_min.filter(|m| *m > 0).unwrap_or(settings.default_estimate_min),
        min_chunk_min: settings.chunk_min_min,
        max_chunk_min: settings.chunk_max_min,
        due,
        hard_due: false,
        earliest_start: None,
        priority: Priority::new(i64::from(draft.priority.clamp(1, 4))).unwrap_or(Priority::new(3).expect("3")),
        hours: project_set.unwrap_or_else(|| {
            if draft.personal { crate::problem::PERSONAL_HOURS } else { crate::problem::WORK_HOURS }.into()
        }),
        depends_on: Vec::new(),
        project: String::new(),
    };
    run(store, zone, now, Some(task), DRAFT_ID, &draft.title, due)
}

fn run(
    store: &Store,
    zone: Tz,
    now: DateTime<Utc>,
    extra: Option<Task>,
    id: &str,
    title: &str,
    due: Option<i64>,
) -> Result<ForecastView> {
    let settings = load_settings(store)?;
    let (_, mut end) = horizon(store, zone, now)?;
    if let Some(d) = due.and_then(|d| DateTime::from_timestamp(d, 0)) {
        end = end.max(d + chrono::Duration::days(1)).min(now + chrono::Duration::days(MAX_DAYS));
    }
    let previous = store.blocks_in_state(BlockState::Proposed)?;
    let mut built = build_problem(store, zone, now, end, &settings, &previous)?;
    built.problem.tasks.extend(extra);
    let plan = miraage_planner::plan(&built.problem, &miraage_planner::Options::default());
    let needed = built.problem.tasks.iter().find(|t| t.id == id).map_or(0, |t| t.duration_min);
    let mine: Vec<_> = plan.blocks.iter().filter(|b| b.task == id).collect();
    let planned = u32::try_from(mine.iter().map(|b| (b.end_s() - b.start_s()) / 60).sum::<i64>()).unwrap_or(0);
    let finish = mine.iter().map(|b| b.end_s()).max();
    let short = needed.saturating_sub(planned);
    let late = matches!((finish, due), (Some(f), Some(d)) if f > d);
    let at = |e: i64| clock(e, zone);
    let message = match (finish, due) {
        _ if needed == 0 => "nothing left to plan".to_string(),
        (None, Some(d)) => format!("at risk: no free time for it before its due date {}", at(d)),
        (None, None) => format!("no free time for it in the next {} days", (end - now).num_days()),
        (Some(_), Some(d)) if short > 0 => {
            format!("at risk: {} short before its due date {}", duration(short), at(d))
        }
        (Some(f), Some(d)) if f > d => format!(
            "at risk: done by {}, {} after its due date {}",
            at(f),
            crate::budget::duration((f - d) / 60),
            at(d)
        ),
        (Some(f), _) if short > 0 => {
            format!("{} of it planned by {}; {} more find no free time", duration(planned), at(f), duration(short))
        }
        (Some(f), _) => format!("done by {}", at(f)),
    };
    let instant = |e: i64| DateTime::from_timestamp(e, 0).map(format_instant);
    Ok(ForecastView {
        title: title.to_string(),
        done_by: finish.and_then(instant),
        due: due.and_then(instant),
        planned_min: planned,
        needed_min: needed,
        at_risk: needed > 0 && (short > 0 || late) && due.is_some(),
        message,
    })
}

/// Planned time from now to the end of the week (Sunday midnight on the user's clock)
/// against the free time of the hours tasks use.
///
/// # Errors
/// When the store cannot be read or the settings cannot be used.
pub fn week_load(store: &Store, zone: Tz, now: DateTime<Utc>) -> Result<WeekLoadView> {
    let settings = load_settings(store)?;
    let today = now.with_timezone(&zone).date_naive();
    let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
    let end = local_midnight(monday + Days::new(7), zone);
    let built = build_problem(store, zone, now, end, &settings, &[])?;
    let p = &built.problem;
    let (from, to) = (p.now, p.horizon_end);
    let mut sets: Vec<&str> = p.tasks.iter().map(|t| t.hours.as_str()).collect();
    sets.push(crate::problem::WORK_HOURS);
    sets.sort_unstable();
    sets.dedup();
    let hours = merge(sets.iter().filter_map(|s| p.hours.get(*s)).flat_map(|h| h.instants(zone, from, to)).collect());
    let busy = merge(p.busy.iter().map(|b| (b.start.max(from), b.end.min(to))).filter(|(a, b)| a < b).collect());
    let free_min = total(&subtract(&hours, &busy)) / 60;
    let mut blocks: Vec<(i64, i64)> = Vec::new();
    for state in [BlockState::Accepted, BlockState::Locked, BlockState::Proposed] {
        for b in store.blocks_in_state(state)? {
            blocks.push((b.start.timestamp().max(from), b.end.timestamp().min(to)));
        }
    }
    let planned_min = total(&merge(blocks.into_iter().filter(|(a, b)| a < b).collect())) / 60;
    let hours_text = |m: i64| {
        let h = m as f64 / 60.0;
        if h >= 10.0 || m % 60 == 0 {
            format!("{} h", (h.round() as i64))
        } else {
            format!("{h:.1} h")
        }
    };
    Ok(WeekLoadView {
        planned_min: u32::try_from(planned_min).unwrap_or(u32::MAX),
        free_min: u32::try_from(free_min).unwrap_or(u32::MAX),
        message: format!("{} planned of {} free this week", hours_text(planned_min), hours_text(free_min)),
    })
}

fn duration(min: u32) -> String {
    crate::budget::duration(i64::from(min))
}
/// The instant a due date stands for: a due day lasts until its end in the user's zone.
fn due_epoch(d: Due, zone: Tz) -> i64 {
    match d {
        Due::Instant(i) => i.timestamp(),
        Due::Date(day) => local_midnight(day.checked_add_days(Days::new(1)).unwrap_or(day), zone).timestamp(),
    }
}
