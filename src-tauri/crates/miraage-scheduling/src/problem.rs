//! The planner's problem for a horizon, built from the store.

use crate::error::Result;
use crate::habits::{as_plan_block, find_set, habit_part, hour_sets, HabitItem};
use crate::preferred::{for_task, Need};
use crate::settings::PlanSettings;
use chrono::{DateTime, Days, Utc};
use chrono_tz::Tz;
use miraage_domain::time::local_midnight;
use miraage_domain::{BlockState, Due, EventId, PlanBlock, TaskId, WeekWindows};
use miraage_planner::time::windows::WeeklyHours;
use miraage_planner::{Busy, PrevBlock, Priority, Problem, Settings, Task};
use miraage_store::{Store, TaskFilter};
use std::collections::{BTreeMap, HashMap, HashSet};

pub const WORK_HOURS: &str = "work";
pub const PERSONAL_HOURS: &str = "personal";

/// A problem and what is needed to read its plan back.
#[derive(Debug, Clone)]
pub struct Built {
    pub problem: Problem,
    /// Title of every task in the problem, by task id.
    pub titles: HashMap<String, String>,
    /// Accepted (or locked) blocks inside the horizon, pinned in the problem; a habit's
    /// blocks are named by their planner task (`HABIT@PERIOD`) in `task_id`.
    pub pinned: Vec<PlanBlock>,
    /// The habit period behind each habit task of the problem, by task id.
    pub habits: HashMap<String, HabitItem>,
    /// What a tag's preferred part of the day did to a task (planned there, or why not), by
    /// task id.
    pub preferences: HashMap<String, String>,
}

/// The problem of planning `[now, horizon_end)`: open tasks (those without an estimate get
/// the default one), less the minutes already accepted outside the horizon; busy time of
/// every calendar (plan blocks Miraage does not pin here included: a finished task's, or one
/// synced from another device); accepted blocks inside the horizon pinned where they are;
/// `previous` (the current ghosts) as the previous plan, so that a re-plan moves as little as
/// it can. Every hour set (work, personal, the user's own) keeps the lunch break free; a task
/// with its own hour set is planned there; a task with a tag the user prefers a part of the
/// day for is planned in that part of its hours when it holds the task (see
/// [`crate::preferred`]). Every active habit adds its periods in the horizon (see
/// [`crate::habits`]).
///
/// # Errors
///
/// [`SchedulingError::Settings`](crate::SchedulingError::Settings) when the hours or the lunch
/// break in `settings` cannot be used; [`SchedulingError::Store`](crate::SchedulingError::Store)
/// when the database cannot be read; [`SchedulingError::Domain`](crate::SchedulingError::Domain)
/// when `horizon_end` is not a valid range end.
pub fn build_problem(
    store: &Store,
    zone: Tz,
    now: DateTime<Utc>,
    horizon_end: DateTime<Utc>,
    settings: &PlanSettings,
    previous: &[PlanBlock],
) -> Result<Built> {
    let (now_s, end_s) = (now.timestamp(), horizon_end.timestamp());
    let inside = |b: &PlanBlock| b.start.timestamp() >= now_s && b.end.timestamp() <= end_s;

    let mut committed: HashMap<TaskId, Vec<PlanBlock>> = HashMap::new();
    for state in [BlockState::Accepted, BlockState::Locked] {
        for b in store.blocks_in_state(state)? {
            committed.entry(b.task_id.clone()).or_default().push(b);
        }
    }

    let sets = hour_sets(store, settings)?;
    let own_sets: HashMap<TaskId, String> = store.task_hour_sets()?.into_iter().collect();
    let project_sets = crate::project_hours::load(store)?;
    let mut tasks = Vec::new();
    let mut titles = HashMap::new();
    let mut pinned = Vec::new();
    let (mut preferences, mut preferred_hours) = (HashMap::new(), Vec::new());
    // Learned estimates adjust the minutes planned, never the task's own estimate.
    let learner = if settings.use_learned_estimates { Some(crate::learned::learner(store)?) } else { None };
    for t in store.tasks(TaskFilter::Open)? {
        let estimate = match (t.estimate_min.filter(|m| *m > 0), &learner) {
            (Some(m), Some(l)) => l.planned_minutes(&t.tags, t.project.as_deref(), m),
            (Some(m), None) => m,
            (None, _) => settings.default_estimate_min,
        };
        let blocks = committed.remove(&t.id).unwrap_or_default();
        let minutes = |b: &PlanBlock| u32::try_from((b.end - b.start).num_minutes().max(0)).unwrap_or(u32::MAX);
        let outside: u32 = blocks.iter().filter(|b| !inside(b)).map(minutes).sum();
        let kept: Vec<PlanBlock> = blocks.into_iter().filter(|b| inside(b)).collect();
        let kept_min: u32 = kept.iter().map(minutes).sum();
        let duration = estimate.saturating_sub(outside).max(kept_min);
        if duration == 0 {
            continue;
        }
        let (min_chunk, max_chunk) = match t.chunking {
            Some(c) => (c.min_minutes(), c.max_minutes()),
            None => (settings.chunk_min_min, settings.chunk_max_min),
        };
        let due = t.due.map(|d| match d {
            Due::Instant(i) => i.timestamp(),
            // A due day lasts until its end in the user's zone.
            Due::Date(day) => local_midnight(day.checked_add_days(Days::new(1)).unwrap_or(day), zone).timestamp(),
        });
        // A task's own hour set, while it exists; else its project's; else work or personal
        // hours.
        let set = own_sets
            .get(&t.id)
            .map(String::as_str)
            .or_else(|| t.project.as_deref().and_then(|p| crate::project_hours::of(&project_sets, p)))
            .and_then(|n| find_set(&sets, n))
            .map(|s| s.name.clone());
        let mut hours = set.unwrap_or_else(|| if is_personal(&t) { PERSONAL_HOURS } else { WORK_HOURS }.to_string());
        // A tag's preferred part of the day narrows its hours when that part still holds it.
        let from = t.earliest_start.map_or(now, |e| e.max(now));
        let until = due.and_then(|d| DateTime::from_timestamp(d, 0)).unwrap_or(horizon_end).min(horizon_end);
        let need = Need {
            tags: t.tags.clone(),
            minutes: duration.saturating_sub(kept_min),
            shortest: min_chunk,
            from,
            until,
            has_due: due.is_some(),
        };
        if let Some(windows) = find_set(&sets, &hours).map(|s| s.windows.clone()) {
            if let Some(p) = for_task(&settings.preferred_parts, &need, &hours, &windows, zone) {
                if let Some((name, cut)) = p.hours {
                    preferred_hours.push((name.clone(), cut));
                    hours = name;
                }
                preferences.insert(t.id.to_string(), p.reason);
            }
        }
        tasks.push(Task {
            id: t.id.to_string(),
            title: t.title.clone(),
            duration_min: duration,
            min_chunk_min: min_chunk,
            max_chunk_min: max_chunk,
            due,
            hard_due: t.hard_due && due.is_some(),
            earliest_start: t.earliest_start.map(|e| e.timestamp()),
            priority: Priority::new(i64::from(t.priority.get())).unwrap_or(Priority::new(3).expect("3 is a priority")),
            hours,
            depends_on: t.depends_on.iter().map(|d| d.to_string()).collect(),
            project: t.project.clone().unwrap_or_default(),
        });
        titles.insert(t.id.to_string(), t.title);
        pinned.extend(kept);
    }
    // A prerequisite that is not planned (done, or without an estimate) does not hold back
    // its dependents.
    let planned: HashSet<String> = tasks.iter().map(|t| t.id.clone()).collect();
    for t in &mut tasks {
        t.depends_on.retain(|d| planned.contains(d));
    }

    let habits = habit_part(store, zone, now, horizon_end, &sets)?;
    pinned.extend(habits.pinned.iter().map(as_plan_block));
    for t in &habits.tasks {
        titles.insert(t.id.clone(), t.title.clone());
    }
    tasks.extend(habits.tasks);
    let planned: HashSet<String> = tasks.iter().map(|t| t.id.clone()).collect();

    let range = miraage_domain::TimeRange::new(now, horizon_end.max(now))?;
    let pinned_events: HashSet<&EventId> = pinned.iter().filter_map(|b| b.event_id.as_ref()).collect();
    let busy = store
        .busy_spans(&range)?
        .into_iter()
        .filter(|s| !(s.plan_block && pinned_events.contains(&s.event_id)))
        .map(|s| Busy { id: s.id, start: s.start.timestamp(), end: s.end.timestamp(), title: s.summary })
        .collect();

    let block = |b: &PlanBlock, locked: bool| PrevBlock {
        task: b.task_id.to_string(),
        start: b.start.timestamp(),
        end: b.end.timestamp(),
        locked,
    };
    let previous_plan: Vec<PrevBlock> = previous
        .iter()
        .filter(|b| inside(b) && planned.contains(b.task_id.as_str()))
        .map(|b| block(b, false))
        .collect();

    let weekly = |w: WeekWindows| WeeklyHours { days: w.days };
    let mut hours: BTreeMap<String, WeeklyHours> = sets.into_iter().map(|s| (s.name, weekly(s.windows))).collect();
    hours.extend(habits.hours.into_iter().chain(preferred_hours).map(|(n, w)| (n, weekly(w))));

    let problem = Problem {
        timezone: zone,
        now: now_s,
        horizon_end: end_s.max(now_s),
        hours,
        busy,
        tasks,
        settings: Settings {
            buffer_min: settings.buffer_min,
            max_task_min_per_day: settings.daily_cap_min,
            task_break_min: settings.task_break_min,
            // Ghosts about to start stay put; accepted blocks are pinned anyway.
            frozen_min: settings.frozen_horizon_min,
            churn_budget_min: None,
        },
        previous_plan: (!previous_plan.is_empty()).then_some(previous_plan),
        pinned: pinned.iter().map(|b| block(b, true)).collect(),
        habits: Vec::new(),
    };
    Ok(Built { problem, titles, pinned, habits: habits.items, preferences })
}

/// Whether a task belongs in personal hours: tagged `personal` or filed under the project
/// `personal` (quick add's `#personal` sets the project).
pub fn is_personal(t: &miraage_domain::Task) -> bool {
    let personal = |s: &str| s.trim_start_matches('#').eq_ignore_ascii_case(PERSONAL_HOURS);
    t.tags.iter().any(|tag| personal(tag)) || t.project.as_deref().is_some_and(personal)
}
