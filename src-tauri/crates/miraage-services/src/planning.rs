//! Planning: the rolling plan, re-checks after a change, accepting and rejecting ghosts, and
//! the planning settings. The planning itself is `miraage-scheduling`'s; this is the face
//! every front end calls.

use crate::error::Result;
use crate::undo::{record, Key, Label};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::PlanBlockId;
use miraage_scheduling::{Draft, ForecastView, PlanPreview, PlanSettings, SettingsView, WeekLoadView};
use miraage_store::Store;

/// Plans the rolling horizon from `now` (whatever a view shows) and keeps the proposal.
///
/// # Errors
/// Store failures; invalid stored settings.
pub fn plan(store: &mut Store, zone: Tz, now: DateTime<Utc>) -> Result<PlanPreview> {
    let started = std::time::Instant::now();
    let preview = miraage_scheduling::plan_ahead(store, zone, now)?;
    tracing::info!(target: "miraage::plan", ghosts = preview.ghosts.len(),
        took_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX), "plan made");
    Ok(preview)
}

/// Plans `[max(now, from), to)` only (`miraage-cli preview --from --to`).
///
/// # Errors
/// As [`plan`].
pub fn plan_range(
    store: &mut Store,
    zone: Tz,
    now: DateTime<Utc>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<PlanPreview> {
    let started = std::time::Instant::now();
    let preview = miraage_scheduling::preview(store, zone, now, from, to)?;
    tracing::info!(target: "miraage::plan", ghosts = preview.ghosts.len(),
        took_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX), "plan made for a range");
    Ok(preview)
}

/// After a change: what a re-plan would move, `None` when every accepted block still fits.
/// Over `range` when given, else the rolling horizon.
///
/// # Errors
/// As [`plan`].
pub fn check(
    store: &mut Store,
    zone: Tz,
    now: DateTime<Utc>,
    range: Option<(DateTime<Utc>, DateTime<Utc>)>,
) -> Result<Option<PlanPreview>> {
    Ok(match range {
        Some((from, to)) => miraage_scheduling::check_changes(store, zone, now, from, to)?,
        None => miraage_scheduling::check_ahead(store, zone, now)?,
    })
}

/// The proposal the store holds now (another face may have replaced one shown).
///
/// # Errors
/// Store failures.
pub fn current(store: &Store) -> Result<Option<PlanPreview>> {
    Ok(miraage_scheduling::current_preview(store)?)
}

/// Accepts a ghost where it is (or at `start`), then re-plans the horizon around it.
///
/// # Errors
/// [`crate::ErrorCode::StalePlan`] when the proposal was replaced elsewhere; store failures.
pub fn accept(
    store: &mut Store,
    zone: Tz,
    now: DateTime<Utc>,
    ghost: &str,
    start: Option<DateTime<Utc>>,
) -> Result<PlanPreview> {
    let id = PlanBlockId::from_string(ghost.to_string());
    let label = block_label(store, Some(zone), "accepted", &id, start);
    record(store, label, &[Key::plan()], |store| {
        crate::locks::release_replaced(store, Some(ghost))?;
        miraage_scheduling::accept_ghost(store, zone, &id, start)?;
        plan(store, zone, now)
    })
}

/// "accepted a block of “Write report” (Tue 10:00)", as the undo toast names it.
fn block_label(store: &Store, zone: Option<Tz>, verb: &str, id: &PlanBlockId, start: Option<DateTime<Utc>>) -> Label {
    // A task's block, else a habit's session, by the title of what it is for.
    let found = match store.plan_block(id) {
        Ok(b) => Some((store.task(&b.task_id).map(|t| t.title).unwrap_or_default(), b.start)),
        Err(_) => store.habit_block(id).ok().flatten().map(|b| {
            let habit = store.habits().ok().and_then(|all| all.into_iter().find(|h| h.id == b.habit_id));
            (habit.map(|h| h.title).unwrap_or_default(), b.start)
        }),
    };
    let Some((title, block_start)) = found else { return Label::text(format!("{verb} a plan block")) };
    let at = zone.map(|z| format!(" ({})", start.unwrap_or(block_start).with_timezone(&z).format("%a %H:%M")));
    Label::text(format!("{verb} a block of “{}”{}", crate::undo::short(&title), at.unwrap_or_default()))
}

/// Accepts every ghost where it is; returns how many became events.
///
/// # Errors
/// Store failures.
pub fn accept_all(store: &mut Store, zone: Tz) -> Result<usize> {
    record(store, Label::text("accepted every proposed block"), &[Key::plan()], |store| {
        crate::locks::release_replaced(store, None)?;
        Ok(miraage_scheduling::accept_all(store, zone)?)
    })
}

/// Rejects one ghost.
///
/// # Errors
/// [`crate::ErrorCode::StalePlan`] when the proposal was replaced elsewhere.
pub fn reject(store: &mut Store, ghost: &str) -> Result<()> {
    let id = PlanBlockId::from_string(ghost.to_string());
    let label = block_label(store, None, "rejected", &id, None);
    record(store, label, &[Key::plan()], |store| Ok(miraage_scheduling::reject_ghost(store, &id)?))
}

/// Removes every ghost; the calendar stays as it was.
///
/// # Errors
/// Store failures.
pub fn reject_all(store: &mut Store) -> Result<()> {
    record(store, Label::text("rejected every proposed block"), &[Key::plan()], |store| {
        Ok(miraage_scheduling::reject_all(store)?)
    })
}

/// The settings with what the settings form offers.
///
/// # Errors
/// Store failures.
pub fn settings(store: &mut Store) -> Result<SettingsView> {
    Ok(miraage_scheduling::settings_view(store)?)
}

/// Checks and saves the settings.
///
/// # Errors
/// [`crate::ErrorCode::Invalid`] naming the setting.
pub fn save_settings(store: &mut Store, settings: &PlanSettings) -> Result<SettingsView> {
    miraage_scheduling::save_settings(store, settings)?;
    self::settings(store)
}

/// When a task typed in quick add (`"Write report 3h by Friday"`) would be done if it were
/// added now: a real plan of the current problem with it added; nothing is written.
///
/// # Errors
/// [`crate::ErrorCode::Invalid`] when the line has no title yet; store failures.
pub fn forecast_text(store: &Store, zone: Tz, now: DateTime<Utc>, text: &str) -> Result<ForecastView> {
    let parsed = miraage_quickadd::parse(text, now, zone);
    let (input, _) = crate::quick_add::task_input(&parsed, zone);
    if input.title.trim().is_empty() {
        return Err(crate::ServiceError::Refused("Type what the task is first: the line has no title yet.".into()));
    }
    let personal = input.project.iter().chain(&input.tags).any(|t| t.eq_ignore_ascii_case("personal"));
    let draft = Draft {
        title: input.title,
        estimate_min: input.estimate_min,
        due: input.due,
        priority: input.priority.unwrap_or(3),
        personal,
        project: input.project,
    };
    Ok(miraage_scheduling::forecast_draft(store, zone, now, &draft)?)
}

/// When the open task `key` (id, id prefix or exact title) would be done if planned now.
///
/// # Errors
/// Not found when `key` names no task; store failures.
pub fn forecast_task(store: &Store, zone: Tz, now: DateTime<Utc>, key: &str) -> Result<ForecastView> {
    let task = store.find_task(key)?;
    Ok(miraage_scheduling::forecast_task(store, zone, now, &task.id)?)
}

/// The week's planned time against its free time ("31 h planned of 38 h free this week").
///
/// # Errors
/// Store failures; invalid stored settings.
pub fn week_load(store: &Store, zone: Tz, now: DateTime<Utc>) -> Result<WeekLoadView> {
    Ok(miraage_scheduling::week_load(store, zone, now)?)
}
