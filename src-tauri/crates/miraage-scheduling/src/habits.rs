//! Habits and hour sets in planning: the named hour sets (work and personal from the
//! settings, then the user's own), each habit's period in the horizon as one planner task
//! owing what is not yet accepted (carry-over), and progress per period.

use crate::error::{Result, SchedulingError};
use crate::settings::{Hours, PlanSettings};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use chrono_tz::Tz;
use miraage_domain::habit::BUILT_IN_HOUR_SETS;
use miraage_domain::time::local_midnight;
use miraage_domain::{
    BlockState, Habit, HabitBlock, HabitKind, HabitPeriod, HabitPlace, HourSet, PlanBlock, TaskId, WeekWindows,
};
use miraage_planner::{Priority, Task};
use miraage_store::Store;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// Every hour set by name: work and personal (from the settings), then the user's own, each
/// with the lunch break cut out, as the planner gets them.
///
/// # Errors
///
/// [`SchedulingError::Settings`] when the stored hours or lunch break cannot be used;
/// [`SchedulingError::Store`] when the database cannot be read.
pub fn hour_sets(store: &Store, settings: &PlanSettings) -> Result<Vec<HourSet>> {
    let lunch = settings.lunch.as_ref().map(|l| l.window()).transpose()?;
    let mut out = vec![
        HourSet { name: BUILT_IN_HOUR_SETS[0].into(), windows: from_settings(&settings.work_hours, "work hours")? },
        HourSet {
            name: BUILT_IN_HOUR_SETS[1].into(),
            windows: from_settings(&settings.personal_hours, "personal hours")?,
        },
    ];
    out.extend(store.hour_sets()?);
    for set in &mut out {
        set.windows = without(&set.windows, lunch);
    }
    Ok(out)
}

fn from_settings(h: &Hours, what: &str) -> Result<WeekWindows> {
    Ok(WeekWindows { days: h.weekly(what)?.days })
}

/// The windows with a daily window cut out of every day (the lunch break).
pub(crate) fn without(w: &WeekWindows, cut: Option<(u32, u32)>) -> WeekWindows {
    let Some((a, b)) = cut else { return w.clone() };
    let mut out = w.clone();
    for day in &mut out.days {
        *day = day.iter().flat_map(|&(s, e)| [(s, e.min(a)), (s.max(b), e)]).filter(|(s, e)| s < e).collect();
    }
    out
}

/// The set named `name` (case-insensitive).
pub fn find_set<'a>(sets: &'a [HourSet], name: &str) -> Option<&'a HourSet> {
    sets.iter().find(|s| s.name.eq_ignore_ascii_case(name.trim()))
}

/// Where a habit is planned: its windows (narrowed to its preferred part of the day when that
/// part still holds a period's minutes), the planner's hours name, and how a message names
/// them ("its window", "hour set “Deep work”").
///
/// # Errors
///
/// [`SchedulingError::Invalid`] when its hour set no longer exists.
pub fn habit_hours(habit: &Habit, sets: &[HourSet]) -> Result<(WeekWindows, String, String)> {
    let (windows, name, said) = match &habit.place {
        HabitPlace::Window(w) => (w.clone(), format!("habit:{}", habit.id), "its window".to_string()),
        HabitPlace::HourSet(n) => {
            let set = find_set(sets, n).ok_or_else(|| unknown_set(n, sets))?;
            (set.windows.clone(), set.name.clone(), format!("hour set “{}”", set.name))
        }
    };
    let Some(part) = habit.preferred else { return Ok((windows, name, said)) };
    let holds = |narrow: &WeekWindows| match habit.per {
        HabitPeriod::Day => (0..7).all(|d| windows.day_minutes(d) == 0 || narrow.day_minutes(d) >= habit.minutes),
        HabitPeriod::Week => narrow.week_minutes() >= habit.minutes,
    };
    match crate::preferred::narrowed(&windows, part, habit.session_min, holds) {
        Some(narrow) => Ok((narrow, format!("habit:{}", habit.id), said)),
        None => Ok((windows, name, said)),
    }
}

/// "There is no hour set “X”: use work, personal, Deep work."
pub fn unknown_set(name: &str, sets: &[HourSet]) -> SchedulingError {
    let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
    SchedulingError::Invalid(format!("There is no hour set “{}”: use one of {}.", name.trim(), names.join(", ")))
}

/// The period of `day` for a habit: its first day, the day after its last, and its label
/// (`2026-11-23`, or the ISO week `2026-W48`).
pub fn period_of(per: HabitPeriod, day: NaiveDate) -> (NaiveDate, NaiveDate, String) {
    match per {
        HabitPeriod::Day => (day, day + Days::new(1), day.format("%Y-%m-%d").to_string()),
        HabitPeriod::Week => {
            let start = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
            let w = day.iso_week();
            (start, start + Days::new(7), format!("{}-W{:02}", w.year(), w.week()))
        }
    }
}

/// What the problem needs of one habit period.
#[derive(Debug, Clone)]
pub struct HabitItem {
    pub habit_id: String,
    pub period: String,
    pub kind: HabitKind,
}

/// The habits' part of a problem.
#[derive(Debug, Default)]
pub(crate) struct HabitPart {
    pub tasks: Vec<Task>,
    /// Each habit's own windows, by the planner's hours name.
    pub hours: Vec<(String, WeekWindows)>,
    /// Accepted habit blocks inside the horizon, pinned where they are.
    pub pinned: Vec<HabitBlock>,
    pub items: HashMap<String, HabitItem>,
}

/// Every active habit's periods that touch `[now, end)`, each one task owing the habit's
/// minutes less what is accepted in that period outside the horizon (a session that was
/// proposed and not accepted in time owes its minutes again: carry-over). A daily habit skips
/// days its windows leave empty; a period running past `end` owes at most what its windows
/// hold inside the horizon. Focus time takes the lowest priority, so that it yields first.
pub(crate) fn habit_part(
    store: &Store,
    zone: Tz,
    now: DateTime<Utc>,
    end: DateTime<Utc>,
    sets: &[HourSet],
) -> Result<HabitPart> {
    let mut accepted: HashMap<String, Vec<HabitBlock>> = HashMap::new();
    for state in [BlockState::Accepted, BlockState::Locked] {
        for b in store.habit_blocks_in_state(state)? {
            accepted.entry(b.item()).or_default().push(b);
        }
    }
    let (now_s, end_s) = (now.timestamp(), end.timestamp());
    let inside = |b: &HabitBlock| b.start.timestamp() >= now_s && b.end.timestamp() <= end_s;
    let (today, last) = (now.with_timezone(&zone).date_naive(), end.with_timezone(&zone).date_naive());
    let mut part = HabitPart::default();
    for habit in store.habits()?.into_iter().filter(|h| !h.paused) {
        let Ok((windows, hours, _)) = habit_hours(&habit, sets) else { continue };
        if hours.starts_with("habit:") {
            part.hours.push((hours.clone(), windows.clone()));
        }
        let mut day = period_of(habit.per, today).0;
        while day <= last {
            let (first, next, label) = period_of(habit.per, day);
            day = next;
            let (p_start, p_end) = (local_midnight(first, zone), local_midnight(next, zone));
            if p_end <= now || p_start >= end {
                continue;
            }
            // What the windows hold from today (or the period's start) to the horizon's end.
            let room: u32 = days_between(first.max(today), next.min(last + Days::new(1)))
                .map(|d| windows.day_minutes(d.weekday().num_days_from_monday() as usize))
                .sum();
            if room == 0 {
                continue;
            }
            let item = format!("{}@{label}", habit.id);
            let blocks = accepted.remove(&item).unwrap_or_default();
            let outside: u32 = blocks.iter().filter(|b| !inside(b)).map(HabitBlock::minutes).sum();
            let kept: Vec<HabitBlock> = blocks.into_iter().filter(|b| inside(b)).collect();
            let kept_min: u32 = kept.iter().map(HabitBlock::minutes).sum();
            let mut owed = habit.minutes.saturating_sub(outside);
            if p_end > end {
                owed = owed.min(room);
            }
            let duration = owed.max(kept_min);
            if duration == 0 {
                continue;
            }
            part.tasks.push(Task {
                id: item.clone(),
                title: habit.title.clone(),
                duration_min: duration,
                min_chunk_min: habit.session_min,
                max_chunk_min: habit.session_max,
                due: Some(p_end.timestamp()),
                hard_due: true,
                earliest_start: Some(p_start.timestamp()),
                priority: match habit.kind {
                    HabitKind::Focus => Priority::new(4),
                    HabitKind::Habit => Priority::new(i64::from(habit.priority.get())),
                }
                .expect("1..4 is a priority"),
                hours: hours.clone(),
                depends_on: Vec::new(),
                project: habit.project.clone().unwrap_or_default(),
            });
            part.items.insert(item, HabitItem { habit_id: habit.id.clone(), period: label, kind: habit.kind });
            part.pinned.extend(kept);
        }
    }
    Ok(part)
}

/// A habit block as the planner's problem names it: its task is `HABIT@PERIOD`.
pub(crate) fn as_plan_block(b: &HabitBlock) -> PlanBlock {
    PlanBlock {
        id: b.id.clone(),
        task_id: TaskId::from_string(b.item()),
        start: b.start,
        end: b.end,
        state: b.state,
        event_id: b.event_id.clone(),
    }
}

fn days_between(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d < to)
}

/// A habit with how far its current period is: "3 h of 5 h this week".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HabitView {
    pub id: String,
    pub title: String,
    pub kind: HabitKind,
    pub minutes: u32,
    pub per: HabitPeriod,
    pub session_min: u32,
    pub session_max: u32,
    /// Its own windows as specs (`["mon-fri 18:00-22:00"]`); empty when it uses an hour set.
    pub windows: Vec<String>,
    /// The hour set it uses; null when it has its own windows.
    pub hour_set: Option<String>,
    pub preferred: Option<miraage_domain::TimeOfDay>,
    pub priority: u8,
    pub project: Option<String>,
    pub paused: bool,
    /// RFC 3339.
    pub created: String,
    /// This period: `2026-11-23` or `2026-W48`.
    pub period: String,
    /// Minutes of accepted sessions this period that have already happened.
    pub done_min: u32,
    /// Minutes of accepted sessions this period still ahead.
    pub accepted_ahead_min: u32,
    /// "3 h of 5 h this week" (done against the goal).
    pub progress: String,
}

/// Each habit with its progress in the period that holds `now`: done is accepted sessions
/// up to `now` (the part of one under way included), ahead the rest of them.
///
/// # Errors
///
/// [`SchedulingError::Store`] when the database cannot be read.
pub fn habit_views(store: &Store, zone: Tz, now: DateTime<Utc>) -> Result<Vec<HabitView>> {
    let today = now.with_timezone(&zone).date_naive();
    let mut out = Vec::new();
    for h in store.habits()? {
        let (_, _, period) = period_of(h.per, today);
        let (mut done, mut ahead) = (0u32, 0u32);
        for b in store.habit_period_blocks(&h.id, &period)? {
            if b.state == BlockState::Proposed {
                continue;
            }
            let past = (now.min(b.end) - b.start).num_minutes().max(0);
            let past = u32::try_from(past).unwrap_or(0);
            done += past;
            ahead += b.minutes().saturating_sub(past);
        }
        let this = match h.per {
            HabitPeriod::Day => "today",
            HabitPeriod::Week => "this week",
        };
        let (windows, hour_set) = match &h.place {
            HabitPlace::Window(w) => (w.specs(), None),
            HabitPlace::HourSet(n) => (Vec::new(), Some(n.clone())),
        };
        out.push(HabitView {
            progress: format!("{} of {} {this}", amount(done), amount(h.minutes)),
            id: h.id,
            title: h.title,
            kind: h.kind,
            minutes: h.minutes,
            per: h.per,
            session_min: h.session_min,
            session_max: h.session_max,
            windows,
            hour_set,
            preferred: h.preferred,
            priority: h.priority.get(),
            project: h.project,
            paused: h.paused,
            created: h.created.to_rfc3339(),
            period,
            done_min: done,
            accepted_ahead_min: ahead,
        });
    }
    Ok(out)
}

/// "45 min", "3 h", "2 h 30 min".
fn amount(min: u32) -> String {
    match (min / 60, min % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// One hour set as the settings and `hours list` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HourSetView {
    pub name: String,
    /// `["mon-thu 08:00-11:00", "sat 10:00-13:00"]`.
    pub windows: Vec<String>,
    /// Work and personal: edited in the planning settings, never deleted.
    pub built_in: bool,
}

/// Every hour set, work and personal first, as stored (without the lunch cut).
///
/// # Errors
///
/// As [`hour_sets`].
pub fn hour_set_views(store: &Store, settings: &PlanSettings) -> Result<Vec<HourSetView>> {
    let plain = PlanSettings { lunch: None, ..settings.clone() };
    Ok(hour_sets(store, &plain)?
        .into_iter()
        .map(|s| HourSetView {
            built_in: BUILT_IN_HOUR_SETS.contains(&s.name.as_str()),
            windows: s.windows.specs(),
            name: s.name,
        })
        .collect())
}

/// Checks a habit against the windows it would be planned in.
///
/// # Errors
///
/// [`SchedulingError::Invalid`] for an unknown hour set; [`SchedulingError::Domain`] with
/// the habit's own sentence otherwise (see [`Habit::check`]).
pub fn check_habit(store: &Store, settings: &PlanSettings, habit: &Habit) -> Result<()> {
    let sets = hour_sets(store, settings)?;
    let plain = Habit { preferred: None, ..habit.clone() };
    let (windows, _, said) = habit_hours(&plain, &sets)?;
    habit.check(&windows, &said)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lunch_is_cut_out_of_every_window_it_touches() {
        let mut w = WeekWindows::default();
        w.days[0] = vec![(540, 1050)];
        w.days[1] = vec![(540, 690)];
        w.days[2] = vec![(720, 780)];
        w.days[3] = vec![(1080, 1260)];
        let w = without(&w, Some((720, 780)));
        assert_eq!(w.days[0], vec![(540, 720), (780, 1050)]);
        assert_eq!(w.days[1], vec![(540, 690)]);
        assert!(w.days[2].is_empty());
        assert_eq!(w.days[3], vec![(1080, 1260)]);
    }

    #[test]
    fn periods_are_local_days_and_iso_weeks() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let (first, next, label) = period_of(HabitPeriod::Week, day);
        assert_eq!(
            (first.to_string(), next.to_string(), label.as_str()),
            ("2026-11-23".into(), "2026-11-30".into(), "2026-W48")
        );
        assert_eq!(period_of(HabitPeriod::Day, day).2, "2026-11-26");
        let new_year = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(period_of(HabitPeriod::Week, new_year).2, "2026-W53");
    }
}
