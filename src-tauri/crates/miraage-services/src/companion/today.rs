//! Now / Next: the current and the next plan block or event, as the tray's menu and tooltip
//! show them, at a given instant.

use super::{clock_time, short_title};
use crate::error::Result;
use chrono::{DateTime, Days, Duration, Utc};
use chrono_tz::Tz;
use miraage_domain::time::local_midnight;
use miraage_domain::{BlockState, EventId, OccurrenceView, PlanItemKind, TimeRange};
use miraage_store::{CalendarScope, Store};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// One plan block or event of the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AgendaItem {
    /// The plan block it stands for; `None` for an event.
    pub block_id: Option<String>,
    pub event_id: String,
    pub title: String,
    pub calendar: String,
    pub calendar_id: String,
    /// RFC 3339 UTC instants.
    pub start: String,
    pub end: String,
    /// "Write report, 10:00–11:00", in the user's zone.
    pub label: String,
    /// Focus time planned for a habit of kind focus: notifications keep quiet during it.
    pub focus: bool,
    /// A habit's session (focus time included): Start / Done / Snooze / Skip and Lock act on
    /// it as on a task's block.
    pub habit: bool,
}

/// An agenda item with its start and end.
pub type Timed = (DateTime<Utc>, DateTime<Utc>, AgendaItem);

/// What the tray shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CompanionView {
    /// The block or event under way (a plan block first when several are).
    pub now: Option<AgendaItem>,
    /// The next one to start, today or tomorrow.
    pub next: Option<AgendaItem>,
    /// The plan block Start, Done, Snooze and Skip act on: the current one, else the next
    /// one today.
    pub target: Option<AgendaItem>,
    /// When the last account sync finished (RFC 3339), `None` if never.
    pub last_sync_at: Option<String>,
    /// Menu lines: "Now: Write report, 10:00–11:00", "Next: Standup, 11:30–11:45",
    /// "Sync now (last 10:42)".
    pub now_line: String,
    pub next_line: String,
    pub sync_line: String,
    /// One line for the tray icon's tooltip.
    pub tooltip: String,
}

/// The Now / Next view at `now`.
///
/// # Errors
/// Store failures.
pub fn now_next(store: &Store, zone: Tz, now: DateTime<Utc>) -> Result<CompanionView> {
    let today = now.with_timezone(&zone).date_naive();
    let end_of = |days: u64| local_midnight(today.checked_add_days(Days::new(days)).unwrap_or(today), zone);
    // From a day back (a long event under way) to the end of tomorrow.
    let items = agenda(store, zone, now, now - Duration::days(1), end_of(2))?;

    let current = items
        .iter()
        .filter(|(s, e, _)| *s <= now && now < *e)
        .max_by_key(|(s, _, i)| (i.block_id.is_some(), *s))
        .map(|(_, _, i)| i.clone());
    let upcoming = || items.iter().filter(|(s, _, _)| *s > now);
    let next = upcoming().min_by_key(|(s, _, i)| (*s, i.block_id.is_none())).map(|(_, _, i)| i.clone());
    let target = current
        .clone()
        .filter(|i| i.block_id.is_some())
        .or_else(|| upcoming().find(|(s, _, i)| i.block_id.is_some() && *s < end_of(1)).map(|(_, _, i)| i.clone()));

    let accounts = store.account_statuses()?;
    let last_sync_at = accounts.iter().filter_map(|a| a.last_sync_at).max();
    let has_accounts = !accounts.is_empty();
    let last_sync = last_sync_at.and_then(|t| DateTime::from_timestamp(t, 0));
    let sync_line = match (has_accounts, last_sync) {
        (false, _) => "Sync now (no accounts yet)".to_string(),
        (true, None) => "Sync now (not synced yet)".to_string(),
        (true, Some(t)) => format!("Sync now (last {})", clock_time(t, now, zone)),
    };
    let tooltip = match (&current, &next) {
        (Some(c), Some(n)) => {
            format!("Miraage: {} until {}; next {}", c.title, end_time(c, now, zone), at(n, now, zone))
        }
        (Some(c), None) => format!("Miraage: {} until {}", c.title, end_time(c, now, zone)),
        (None, Some(n)) => format!("Miraage: free now; next {}", at(n, now, zone)),
        (None, None) => "Miraage: nothing planned".to_string(),
    };
    Ok(CompanionView {
        now_line: match &current {
            Some(i) => format!("Now: {}", i.label),
            None => "Now: free".to_string(),
        },
        next_line: match &next {
            Some(i) => format!("Next: {}", i.label),
            None => "Next: nothing until the day after tomorrow".to_string(),
        },
        now: current,
        next,
        target,
        last_sync_at: last_sync.map(miraage_domain::time::format_instant),
        sync_line,
        tooltip,
    })
}

/// The timed plan blocks (accepted or pinned; a task's or a habit's) and events of every
/// calendar in `[from, to)`, by start, labelled as seen at `now`. Invitations the user
/// declined are left out: they are neither Now nor Next, and get no reminder.
///
/// # Errors
/// Store failures; `to` before `from`.
pub fn agenda(
    store: &Store,
    zone: Tz,
    now: DateTime<Utc>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Timed>> {
    let range = TimeRange::new(from, to)?;
    let mut blocks: HashMap<String, String> = store
        .plan_blocks(&range)?
        .into_iter()
        .filter(|b| b.state != BlockState::Proposed)
        .filter_map(|b| b.event_id.map(|e| (e.to_string(), b.id.to_string())))
        .collect();
    // A habit's accepted sessions are blocks too: Start / Done / Snooze / Skip act on them.
    blocks.extend(
        store
            .habit_sessions_between(from, to)?
            .into_iter()
            .filter_map(|b| b.event_id.map(|e| (e.to_string(), b.id.to_string()))),
    );
    let own = crate::accounts::own_addresses(store)?;
    let mut out = Vec::new();
    for o in store.occurrences(&range, zone, CalendarScope::All)? {
        if o.all_day || (o.plan.is_none() && declined(store, &o.event_id, &own)?) {
            continue;
        }
        out.extend(item(o, &blocks, now, zone));
    }
    Ok(out)
}

/// Whether the user declined the event with id `event_id` (its attendees' answers).
fn declined(store: &Store, event_id: &str, own: &[String]) -> Result<bool> {
    Ok(store.event(&EventId::from_string(event_id))?.people.declined_by_user(own))
}

fn item(o: OccurrenceView, blocks: &HashMap<String, String>, now: DateTime<Utc>, zone: Tz) -> Option<Timed> {
    let start = DateTime::parse_from_rfc3339(&o.start).ok()?.with_timezone(&Utc);
    let end = DateTime::parse_from_rfc3339(&o.end).ok()?.with_timezone(&Utc);
    let title = short_title(&o.summary);
    let end_text = if end.with_timezone(&zone).date_naive() == start.with_timezone(&zone).date_naive() {
        end.with_timezone(&zone).format("%H:%M").to_string()
    } else {
        clock_time(end, now, zone)
    };
    let label = format!("{title}, {}–{end_text}", clock_time(start, now, zone));
    let block_id = if o.recurrence_id.is_none() { blocks.get(&o.event_id).cloned() } else { None };
    let focus = o.plan.as_ref().is_some_and(|p| p.kind == PlanItemKind::Focus);
    let habit = o.plan.as_ref().is_some_and(|p| p.kind != PlanItemKind::Task);
    Some((
        start,
        end,
        AgendaItem {
            block_id,
            event_id: o.event_id,
            title,
            calendar: o.calendar,
            calendar_id: o.calendar_id,
            start: o.start,
            end: o.end,
            label,
            focus,
            habit,
        },
    ))
}

fn end_time(i: &AgendaItem, now: DateTime<Utc>, zone: Tz) -> String {
    DateTime::parse_from_rfc3339(&i.end).map(|t| clock_time(t.with_timezone(&Utc), now, zone)).unwrap_or_default()
}

fn at(i: &AgendaItem, now: DateTime<Utc>, zone: Tz) -> String {
    let start = DateTime::parse_from_rfc3339(&i.start).map(|t| clock_time(t.with_timezone(&Utc), now, zone));
    format!("{} at {}", i.title, start.unwrap_or_default())
}
