//! Habits, study goals and focus time, and the user's own hour sets: add, edit, pause,
//! resume, delete and list, each checked against the windows it will be planned in.

pub mod project_hours;

use crate::error::{Result, ServiceError};
use crate::undo::{record, Key, Label};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::habit::BUILT_IN_HOUR_SETS;
use miraage_domain::{Habit, HabitKind, HabitPeriod, HabitPlace, HourSet, Priority, TimeOfDay, WeekWindows};
use miraage_scheduling::{load_settings, HabitView, HourSetView};
use miraage_store::Store;
use serde::Deserialize;
use ts_rs::TS;

/// A habit as the window's form and `miraage-cli habits add` give it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct HabitDraft {
    pub title: String,
    /// `habit` (the default) or `focus`.
    pub kind: Option<HabitKind>,
    pub minutes: u32,
    pub per: Option<HabitPeriod>,
    /// Shortest and longest session in minutes; null: one session of `minutes`.
    pub session: Option<(u32, u32)>,
    /// Its own windows, like `"mon-fri 18:00-22:00"`; give these or `hour_set`.
    pub windows: Vec<String>,
    pub hour_set: Option<String>,
    pub preferred: Option<TimeOfDay>,
    /// 1 (highest) to 4; default 2. Focus time is always planned last.
    pub priority: Option<u8>,
    pub project: Option<String>,
}

/// An hour set of the user's own as the settings dialog and `miraage-cli hours add` give it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct HourSetDraft {
    pub name: String,
    /// `["mon-thu 08:00-11:00", "sat 10:00-13:00"]`.
    pub windows: Vec<String>,
}

fn refused(s: String) -> ServiceError {
    ServiceError::Refused(s)
}

/// The habit a draft describes, keeping `base`'s id, pause and creation time.
fn from_draft(store: &Store, draft: &HabitDraft, base: Option<&Habit>) -> Result<Habit> {
    let per = draft.per.ok_or_else(|| refused("Say whether the minutes are per day or per week.".into()))?;
    let place = match (draft.windows.is_empty(), draft.hour_set.as_deref().map(str::trim).filter(|s| !s.is_empty())) {
        (false, None) => HabitPlace::Window(WeekWindows::parse(&draft.windows)?),
        (true, Some(set)) => {
            let settings = load_settings(store)?;
            let sets = miraage_scheduling::hour_sets(store, &settings)?;
            let found = miraage_scheduling::habits::find_set(&sets, set)
                .ok_or_else(|| miraage_scheduling::habits::unknown_set(set, &sets))?;
            HabitPlace::HourSet(found.name.clone())
        }
        (false, Some(_)) => return Err(refused("Give a habit its own window or an hour set, not both.".into())),
        (true, None) => {
            return Err(refused(
                "Say when the habit may be planned: a window like “mon-fri 18:00-22:00” or an hour set.".into(),
            ))
        }
    };
    let mut h = Habit::new(draft.title.trim(), draft.minutes, per, place);
    if let Some(b) = base {
        h.id.clone_from(&b.id);
        h.paused = b.paused;
        h.created = b.created;
    }
    h.kind = draft.kind.unwrap_or(HabitKind::Habit);
    (h.session_min, h.session_max) = draft.session.unwrap_or((draft.minutes, draft.minutes));
    h.preferred = draft.preferred;
    h.priority = Priority::new(draft.priority.unwrap_or(2))?;
    h.project = draft.project.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(str::to_string);
    let settings = load_settings(store)?;
    miraage_scheduling::check_habit(store, &settings, &h)?;
    Ok(h)
}

fn view_of(store: &Store, zone: Tz, now: DateTime<Utc>, id: &str) -> Result<HabitView> {
    miraage_scheduling::habit_views(store, zone, now)?
        .into_iter()
        .find(|v| v.id == id)
        .ok_or_else(|| ServiceError::NotFound("That habit was deleted meanwhile.".into()))
}

/// Adds a habit after checking it (a title, a session range with min not above max, no more
/// minutes than its window or hour set holds per period, a known hour set).
///
/// # Errors
///
/// [`crate::ErrorCode::Invalid`] with a sentence naming what is wrong; nothing is stored then.
pub fn add(store: &mut Store, zone: Tz, now: DateTime<Utc>, draft: &HabitDraft) -> Result<HabitView> {
    let h = from_draft(store, draft, None)?;
    if store.habits()?.iter().any(|o| o.title.eq_ignore_ascii_case(&h.title)) {
        return Err(refused(format!("There is already a habit called “{}”: choose another title.", h.title)));
    }
    record(store, Label::named("added the habit", &h.title), &[Key::habit(&h.id)], |store| Ok(store.save_habit(&h)?))?;
    view_of(store, zone, now, &h.id)
}

/// Replaces every field of the habit named `key` (its id or title) with the draft's.
///
/// # Errors
///
/// As [`add`]; [`crate::ErrorCode::NotFound`] when no habit has that id or title.
pub fn edit(store: &mut Store, zone: Tz, now: DateTime<Utc>, key: &str, draft: &HabitDraft) -> Result<HabitView> {
    let old = find(store, key)?;
    let h = from_draft(store, draft, Some(&old))?;
    if store.habits()?.iter().any(|o| o.id != h.id && o.title.eq_ignore_ascii_case(&h.title)) {
        return Err(refused(format!("There is already a habit called “{}”: choose another title.", h.title)));
    }
    record(store, Label::named("edited the habit", &old.title), &[Key::habit(&h.id)], |store| {
        Ok(store.save_habit(&h)?)
    })?;
    view_of(store, zone, now, &h.id)
}

/// Pauses (nothing planned for it) or resumes a habit.
///
/// # Errors
///
/// [`crate::ErrorCode::NotFound`] when no habit has that id or title.
pub fn set_paused(store: &mut Store, zone: Tz, now: DateTime<Utc>, key: &str, paused: bool) -> Result<HabitView> {
    let mut h = find(store, key)?;
    h.paused = paused;
    let label = Label::named(if paused { "paused the habit" } else { "resumed the habit" }, &h.title);
    record(store, label, &[Key::habit(&h.id)], |store| {
        store.save_habit(&h)?;
        if paused {
            // Its ghosts go with the pause; its accepted sessions stay in the calendar.
            let ghosts: Vec<_> = store
                .habit_blocks_in_state(miraage_domain::BlockState::Proposed)?
                .into_iter()
                .filter(|b| b.habit_id == h.id)
                .collect();
            for g in ghosts {
                store.reject_habit_block(&g.id)?;
            }
        }
        Ok(())
    })?;
    view_of(store, zone, now, &h.id)
}

/// Deletes a habit: its ghosts and the sessions that have not started go (with their calendar
/// events); the sessions that happened stay in the calendar. Returns its title.
///
/// # Errors
///
/// [`crate::ErrorCode::NotFound`] when no habit has that id or title.
pub fn delete(store: &mut Store, now: DateTime<Utc>, key: &str) -> Result<String> {
    let h = find(store, key)?;
    record(store, Label::named("deleted the habit", &h.title), &[Key::habit(&h.id)], |store| {
        Ok(store.delete_habit(&h.id, now)?)
    })?;
    Ok(h.title)
}

/// Every habit with its progress this period.
///
/// # Errors
///
/// Store failures.
pub fn list(store: &Store, zone: Tz, now: DateTime<Utc>) -> Result<Vec<HabitView>> {
    Ok(miraage_scheduling::habit_views(store, zone, now)?)
}

/// The habit with this id, or else this title (case-insensitive).
///
/// # Errors
///
/// [`crate::ErrorCode::NotFound`] naming what was looked for.
pub fn find(store: &Store, key: &str) -> Result<Habit> {
    let all = store.habits()?;
    let key = key.trim();
    all.iter()
        .find(|h| h.id == key)
        .or_else(|| all.iter().find(|h| h.title.eq_ignore_ascii_case(key)))
        .cloned()
        .ok_or_else(|| ServiceError::NotFound(format!("There is no habit called “{key}”: see `habits list`.")))
}

/// Every hour set, work and personal first.
///
/// # Errors
///
/// Store failures; invalid stored settings.
pub fn hour_sets(store: &Store) -> Result<Vec<HourSetView>> {
    Ok(miraage_scheduling::hour_set_views(store, &load_settings(store)?)?)
}

/// Adds one of the user's hour sets, or replaces the windows of the one with that name.
///
/// # Errors
///
/// [`crate::ErrorCode::Invalid`] for work or personal (edited in the planning settings), an
/// empty or over-long name, no windows, or overlapping, inverted or unreadable ones.
pub fn save_hour_set(store: &mut Store, draft: &HourSetDraft) -> Result<Vec<HourSetView>> {
    let name = draft.name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        return Err(refused("An hour set needs a name of 1 to 60 characters.".into()));
    }
    if BUILT_IN_HOUR_SETS.iter().any(|b| b.eq_ignore_ascii_case(name)) {
        return Err(refused(format!("“{name}” hours are set in the planning settings: choose another name.")));
    }
    if name.starts_with("habit:") {
        return Err(refused("An hour set's name may not start with “habit:”.".into()));
    }
    let windows = WeekWindows::parse(&draft.windows)?;
    if windows.is_empty() {
        return Err(refused(format!("Give “{name}” at least one window, like “mon-thu 08:00-11:00”.")));
    }
    let set = HourSet { name: name.to_string(), windows };
    record(store, Label::named("saved the hour set", name), &[Key::hour_set(name)], |store| {
        Ok(store.save_hour_set(&set)?)
    })?;
    hour_sets(store)
}

/// Deletes one of the user's hour sets; refused while a habit or an open task uses it.
///
/// # Errors
///
/// [`crate::ErrorCode::Invalid`] for work or personal or a set in use (naming who uses it);
/// [`crate::ErrorCode::NotFound`] when there is no such set.
pub fn delete_hour_set(store: &mut Store, name: &str) -> Result<Vec<HourSetView>> {
    let name = name.trim();
    if BUILT_IN_HOUR_SETS.iter().any(|b| b.eq_ignore_ascii_case(name)) {
        return Err(refused(format!("“{name}” hours cannot be deleted: change them in the planning settings.")));
    }
    // Named as stored ("Deep work"), whatever the case typed.
    let stored = store.hour_sets()?.into_iter().find(|s| s.name.eq_ignore_ascii_case(name)).map(|s| s.name);
    let name = stored.as_deref().unwrap_or(name);
    let mut users = store.hour_set_users(name)?;
    users.extend(project_hours::users(store, name)?);
    if !users.is_empty() {
        let named: Vec<String> = users
            .iter()
            .take(3)
            .map(|u| if u.starts_with("the project “") { u.clone() } else { format!("“{u}”") })
            .collect();
        return Err(refused(format!(
            "The hour set “{name}” is used by {}{}: choose other hours for them first.",
            named.join(", "),
            if users.len() > 3 { format!(" and {} more", users.len() - 3) } else { String::new() }
        )));
    }
    let gone = record(store, Label::named("deleted the hour set", name), &[Key::hour_set(name)], |store| {
        Ok(store.delete_hour_set(name)?)
    })?;
    if !gone {
        return Err(ServiceError::NotFound(format!("There is no hour set called “{name}”.")));
    }
    hour_sets(store)
}
