//! Creating, editing and deleting events as the window and the CLI ask: input as typed
//! (times as text, a calendar by title), checked, turned into rows by [`series`] and
//! written in one transaction with its outbox entries, so a synced calendar's change is sent
//! at the next sync and a retry never duplicates it.

use super::series::{self, Change, Item, Outcome, Scope};
use super::times::{resolve, TimeInput};
use super::{check_title, details, find_calendar};
use crate::error::{Result, ServiceError};
use crate::undo::{short, Key, Label};
use chrono_tz::Tz;
use miraage_domain::zone::resolve_zone;
use miraage_domain::{CalendarId, Event, EventDetailsView, EventKind, EventTime, Recurrence, RecurrenceId};
use miraage_store::{EventEdit, Store, StoreError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A new event as the window's editor or a drag on empty time describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventDraft {
    pub title: String,
    /// An RFC 3339 instant, a local `YYYY-MM-DDTHH:MM` (in `time_zone`) or a date (all day).
    pub start: String,
    /// In the same forms; null: an hour later (the next day for an all-day event).
    pub end: Option<String>,
    /// Null: all-day when `start` is a date.
    pub all_day: Option<bool>,
    /// An IANA zone; null: the user's zone.
    pub time_zone: Option<String>,
    /// A calendar by id or title; null: the calendar for new items.
    pub calendar: Option<String>,
    pub location: Option<String>,
    pub description: Option<String>,
    /// An RFC 5545 RRULE value (`FREQ=WEEKLY;BYDAY=MO`); null: does not repeat.
    pub rrule: Option<String>,
}

/// What an edit changes; null leaves a field as it is. An empty `location`, `description`
/// or `rrule` clears it (an empty `rrule`: the event no longer repeats).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventChanges {
    pub title: Option<String>,
    /// The occurrence's new start: an RFC 3339 instant, a local `YYYY-MM-DDTHH:MM` in the
    /// event's zone, or a date (makes it all-day).
    pub start: Option<String>,
    pub end: Option<String>,
    pub all_day: Option<bool>,
    pub time_zone: Option<String>,
    /// Another calendar, by id or title: the event (series) moves there.
    pub calendar: Option<String>,
    pub location: Option<String>,
    pub description: Option<String>,
    pub rrule: Option<String>,
}

/// Which event, which occurrence, and which of its series an edit or delete covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventTarget {
    pub uid: String,
    /// The occurrence's original start (`recurrence_id` of the occurrence shown); null: the
    /// one-off event or the whole series.
    pub occurrence: Option<String>,
    /// Null: `this` when an occurrence is given, else `all`.
    pub scope: Option<Scope>,
    /// The calendar's id, when the same UID is in several calendars.
    pub calendar_id: Option<String>,
}

/// An edit as the window sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventUpdate {
    pub target: EventTarget,
    pub changes: EventChanges,
}

/// What an edit or delete did: every row of the items it touched before and after, for an
/// undo journal (writing `before` back is the inverse edit), and where the occurrence
/// edited is now.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub before: Vec<Event>,
    pub after: Vec<Event>,
    /// Items (calendar, UID) that no longer exist.
    pub deleted: Vec<(CalendarId, String)>,
    pub focus: Option<(String, Option<RecurrenceId>)>,
}

/// Creates an event from a draft; `zone` reads local times when the draft names none.
///
/// # Errors
/// [`ServiceError::Refused`] / [`ServiceError::Invalid`] for a bad title, time, zone or rule;
/// [`ServiceError::NotFound`] for an unknown calendar; [`ServiceError::ReadOnly`] for a
/// read-only one. Nothing is written then.
pub fn create_event(store: &mut Store, zone: Tz, draft: EventDraft) -> Result<EventDetailsView> {
    let zone = draft.time_zone.as_deref().map(resolve_zone).transpose()?.unwrap_or(zone);
    let start = TimeInput::parse("start", &draft.start)?;
    let end = draft.end.as_deref().filter(|e| !e.trim().is_empty()).map(|e| TimeInput::parse("end", e)).transpose()?;
    // The base a new event's defaults come from: an hour (a day) from its start.
    let base = match start {
        TimeInput::Date(d) => EventTime::AllDay { start: d, end: d + chrono::Duration::days(1) },
        other => {
            let s = other.instant(zone)?;
            EventTime::Timed { start: s, end: s + chrono::Duration::hours(1), zone }
        }
    };
    let time = resolve(&base, Some(start), end, draft.all_day, Some(zone), zone)?;
    let mut event = super::new_event(
        store,
        super::EventInput { title: draft.title, time, calendar: draft.calendar, rrule: draft.rrule },
    )?;
    event.location = draft.location.map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
    event.description = draft.description.map(|d| d.trim().to_string()).filter(|d| !d.is_empty());
    super::store_new(store, &event)?;
    details(store, zone, &event.uid, None, Some(event.calendar_id.as_str()))
}

/// Applies an edit from the window and answers the edited occurrence as it is now.
///
/// # Errors
/// As [`edit`].
pub fn update_event(store: &mut Store, zone: Tz, update: EventUpdate) -> Result<EventDetailsView> {
    let applied = edit(store, zone, &update.target, &update.changes)?;
    let (uid, rid) = applied.focus.unwrap_or((update.target.uid.clone(), None));
    let calendar = applied.after.iter().find(|e| e.uid == uid).map(|e| e.calendar_id.to_string());
    details(store, zone, &uid, rid.map(|r| r.to_string()).as_deref(), calendar.as_deref())
}

/// Edits the event `target` names, in one transaction with its outbox entry.
///
/// # Errors
/// [`ServiceError::NotFound`] when the event (or occurrence) is gone, also when a sync
/// deleted or changed it meanwhile; [`ServiceError::ReadOnly`] for a read-only calendar
/// (the event's or the one it would move to) or a meeting organised by someone else where
/// the provider forbids guests' edits; [`ServiceError::Refused`] for an end before
/// the start, a local time that does not exist (a DST gap), a title over 1000 characters,
/// a rule the recurrence library refuses, or a change the scope cannot carry.
pub fn edit(store: &mut Store, zone: Tz, target: &EventTarget, changes: &EventChanges) -> Result<Applied> {
    let item = load(store, target)?;
    let rid = occurrence(&item, target)?;
    let scope = target.scope.unwrap_or(if rid.is_some() { Scope::This } else { Scope::All });
    let seen = item.occurrence(rid)?;
    check_event_writable(store, &seen)?;
    let change = resolve_changes(store, zone, &seen, changes)?;
    if let Some(calendar) = &change.calendar {
        check_writable(store, calendar)?;
    }
    let outcome = series::edit(&item, rid, scope, &change)?;
    let label = edit_label(&seen.summary, scope, changes, zone);
    apply(store, item, outcome, label)
}

/// Deletes the event `target` names (one occurrence: an EXDATE; following: the series ends
/// before it; all: the series), in one transaction with its outbox entry.
///
/// # Errors
/// [`ServiceError::NotFound`] when the event (or occurrence) is gone; [`ServiceError::ReadOnly`]
/// for a read-only calendar or someone else's meeting the provider forbids guests to change.
pub fn delete(store: &mut Store, target: &EventTarget) -> Result<Applied> {
    let item = load(store, target)?;
    let rid = occurrence(&item, target)?;
    let scope = target.scope.unwrap_or(if rid.is_some() { Scope::This } else { Scope::All });
    let seen = item.occurrence(rid)?;
    check_event_writable(store, &seen)?;
    let outcome = series::delete(&item, rid, scope)?;
    let label = Label::text(format!("deleted “{}”{}", short(&seen.summary), scope_words(rid.is_some(), scope)));
    apply(store, item, outcome, label)
}

pub(crate) fn apply(store: &mut Store, item: Item, outcome: Outcome, label: Label) -> Result<Applied> {
    let before = item.rows();
    let title = before[0].summary.clone();
    let edit = EventEdit { based_on: before.clone(), put: outcome.put, delete: outcome.delete };
    // Every item the edit touches goes in the undo journal: the edited one, a series split
    // off it, the item in another calendar it moved to.
    let keys: Vec<Key> = before
        .iter()
        .chain(&edit.put)
        .map(|e| (e.calendar_id.clone(), e.uid.clone()))
        .chain(edit.delete.iter().cloned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|(calendar, uid)| Key::event(&calendar, &uid))
        .collect();
    crate::undo::record(store, label, &keys, |store| match store.apply_event_edit(&edit) {
        Ok(()) => Ok(()),
        Err(StoreError::NotFound { .. }) => Err(gone(&title)),
        Err(e) => Err(e.into()),
    })?;
    Ok(Applied { before, after: edit.put, deleted: edit.delete, focus: outcome.focus })
}

/// "moved “Standup” to Tue 10:00", "edited “Standup” (this and following)", as the undo
/// toast names an edit.
fn edit_label(title: &str, scope: Scope, changes: &EventChanges, zone: Tz) -> Label {
    let title = short(changes.title.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or(title));
    let only_time = changes.start.is_some()
        && changes.title.is_none()
        && changes.location.is_none()
        && changes.description.is_none()
        && changes.rrule.is_none()
        && changes.calendar.is_none();
    let moved_to = changes.start.as_deref().and_then(|s| TimeInput::parse("start", s).ok()).and_then(|t| match t {
        TimeInput::Date(d) => Some(d.format("%a %-d %b").to_string()),
        other => other.instant(zone).ok().map(|i| i.with_timezone(&zone).format("%a %H:%M").to_string()),
    });
    let words = scope_words(true, scope);
    match moved_to.filter(|_| only_time) {
        Some(at) => Label::text(format!("moved “{title}” to {at}{words}")),
        None => Label::text(format!("edited “{title}”{words}")),
    }
}

fn scope_words(occurrence: bool, scope: Scope) -> &'static str {
    match (occurrence, scope) {
        (true, Scope::This) => " (this event)",
        (true, Scope::Following) => " (this and following)",
        _ => "",
    }
}

fn gone(title: &str) -> ServiceError {
    ServiceError::NotFound(format!(
        "“{title}” was changed or deleted meanwhile (perhaps by a sync); nothing was changed. Reload it and try again."
    ))
}

/// The stored rows of the item `target` names.
pub(crate) fn load(store: &Store, target: &EventTarget) -> Result<Item> {
    let mut rows = store.events_by_uid(&target.uid)?;
    if let Some(calendar) = &target.calendar_id {
        rows.retain(|e| e.calendar_id.as_str() == calendar);
    }
    let Some(first) = rows.first() else {
        return Err(ServiceError::NotFound(
            "This event no longer exists (it was deleted, perhaps by a sync); nothing was changed.".into(),
        ));
    };
    let calendar = first.calendar_id.clone();
    if rows.iter().any(|e| e.calendar_id != calendar) {
        // The same UID in two calendars (an invitation seen in both): the writable one.
        let writable: Vec<CalendarId> =
            store.calendars()?.into_iter().filter(|c| !c.read_only).map(|c| CalendarId::from_string(c.id)).collect();
        let chosen = rows.iter().map(|e| e.calendar_id.clone()).find(|c| writable.contains(c)).unwrap_or(calendar);
        rows.retain(|e| e.calendar_id == chosen);
    }
    Ok(Item::new(rows))
}

pub(crate) fn occurrence(item: &Item, target: &EventTarget) -> Result<Option<RecurrenceId>> {
    let rid = target.occurrence.as_deref().filter(|o| !o.trim().is_empty()).map(|o| RecurrenceId::parse(o.trim()));
    let rid = rid.transpose().map_err(|_| ServiceError::Invalid {
        what: "occurrence",
        value: target.occurrence.clone().unwrap_or_default(),
        expected: "the recurrence id of an occurrence (an RFC 3339 instant or a date)",
    })?;
    if rid.is_none()
        && item.main.as_ref().is_some_and(|m| m.recurrence().is_some())
        && matches!(target.scope, Some(Scope::This | Scope::Following))
    {
        return Err(ServiceError::Refused("Say which occurrence of the series to change (its original start).".into()));
    }
    Ok(rid.map(|r| item.normalize(r)))
}

/// Refuses changes to a read-only calendar with the sentence the window shows.
pub(crate) fn check_writable(store: &Store, calendar: &CalendarId) -> Result<()> {
    let found = store.calendars()?.into_iter().find(|c| c.id == calendar.as_str());
    match found.and_then(|c| c.read_only_reason()) {
        Some(reason) => Err(ServiceError::ReadOnly(reason)),
        None => Ok(()),
    }
}

/// Refuses changes to an event of a read-only calendar, or to a meeting the provider lets
/// only its organizer change, with the sentence the window shows.
fn check_event_writable(store: &Store, event: &Event) -> Result<()> {
    check_writable(store, &event.calendar_id)?;
    match event.people.read_only_reason() {
        Some(reason) => Err(ServiceError::ReadOnly(reason)),
        None => Ok(()),
    }
}

/// The change as text resolved against the occurrence `seen`.
fn resolve_changes(store: &Store, zone: Tz, seen: &Event, c: &EventChanges) -> Result<Change> {
    let clear_or = |v: &Option<String>| v.as_ref().map(|s| Some(s.trim().to_string()).filter(|s| !s.is_empty()));
    let title = c.title.as_deref().map(check_title).transpose()?;
    let start =
        c.start.as_deref().filter(|s| !s.trim().is_empty()).map(|s| TimeInput::parse("start", s)).transpose()?;
    let end = c.end.as_deref().filter(|s| !s.trim().is_empty()).map(|s| TimeInput::parse("end", s)).transpose()?;
    let new_zone = c.time_zone.as_deref().filter(|z| !z.trim().is_empty()).map(resolve_zone).transpose()?;
    let time = if start.is_some() || end.is_some() || c.all_day.is_some() || new_zone.is_some() {
        Some(resolve(&seen.time, start, end, c.all_day, new_zone, zone)?)
    } else {
        None
    };
    let rrule = clear_or(&c.rrule).map(|r| r.map(|r| r.trim_start_matches("RRULE:").to_string()));
    if let (Some(Some(rule)), Some(t)) = (&rrule, time.or(Some(seen.time))) {
        Recurrence { rules: vec![rule.clone()], ..Recurrence::default() }.validate(&t)?;
    }
    let calendar = match c.calendar.as_deref().filter(|k| !k.trim().is_empty()) {
        Some(key) => Some(CalendarId::from_string(find_calendar(store, key)?.id)),
        None => None,
    };
    Ok(Change { title, time, location: clear_or(&c.location), description: clear_or(&c.description), rrule, calendar })
}

/// Whether an event is one of a series (a master or an override).
pub(crate) fn is_series(item: &Item) -> bool {
    item.main.as_ref().is_none_or(|m| !matches!(m.kind, EventKind::Single))
}
