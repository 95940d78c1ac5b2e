//! Events as the week view and `miraage-cli events` show them, and their editing:
//! [`edit`] (create, edit, delete with the recurring choices), [`series`] (what each choice
//! does to a series' rows), [`times`] (times as typed), [`details`] (the editor's view).

mod details;
pub mod edit;
pub mod series;
pub mod times;

pub use details::details;
pub use edit::{create_event, delete, edit, update_event, Applied, EventChanges, EventDraft, EventTarget, EventUpdate};
pub use series::Scope;

use crate::error::{Result, ServiceError};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::{CalendarId, CalendarView, Event, EventKind, EventTime, OccurrenceView, Recurrence, TimeRange};
use miraage_store::{CalendarScope, Store};

/// Longest title kept: a calendar title is a line, not a document.
const MAX_TITLE_CHARS: usize = 1000;

/// An event a face describes, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventInput {
    pub title: String,
    pub time: EventTime,
    /// A calendar by name or id; `None`: the calendar for new items (the plan calendar).
    pub calendar: Option<String>,
    /// An RFC 5545 RRULE value (without `RRULE:`).
    pub rrule: Option<String>,
}

/// Creates an event on a writable calendar, marked as made in Miraage; on a synced calendar
/// it is sent at the next sync.
///
/// # Errors
/// [`ServiceError::Invalid`] for an empty or huge title; [`ServiceError::NotFound`] for an
/// unknown calendar; [`crate::ErrorCode::ReadOnly`] for a read-only one; the domain's error
/// naming a rule the recurrence library refuses.
pub fn create(store: &mut Store, input: EventInput) -> Result<Event> {
    let event = new_event(store, input)?;
    store_new(store, &event)?;
    Ok(event)
}

/// Stores a new event, recorded for undo.
pub(crate) fn store_new(store: &mut Store, event: &Event) -> Result<()> {
    let label = crate::undo::Label::named("created", &event.summary);
    crate::undo::record(store, label, &[crate::undo::Key::event(&event.calendar_id, &event.uid)], |store| {
        store.upsert_events(std::slice::from_ref(event))?;
        Ok(())
    })
}

/// The event `input` describes, checked, not yet stored.
pub(crate) fn new_event(store: &mut Store, input: EventInput) -> Result<Event> {
    let title = check_title(&input.title)?;
    let calendar = match &input.calendar {
        Some(key) => CalendarId::from_string(find_calendar(store, key)?.id),
        None => {
            let settings = miraage_scheduling::load_settings(store)?;
            miraage_scheduling::plan_calendar(store, &settings, None)?
        }
    };
    edit::check_writable(store, &calendar)?;
    let mut event = Event::created_in_miraage(calendar, title, input.time);
    if let Some(rule) = input.rrule.filter(|r| !r.trim().is_empty()) {
        let recurrence =
            Recurrence { rules: vec![rule.trim().trim_start_matches("RRULE:").to_string()], ..Recurrence::default() };
        recurrence.validate(&event.time)?;
        event.kind = EventKind::Master { recurrence };
    }
    Ok(event)
}

/// A title as it is kept: trimmed, 1 to [`MAX_TITLE_CHARS`] characters.
fn check_title(title: &str) -> Result<String> {
    let trimmed = title.trim();
    if trimmed.is_empty() || trimmed.chars().count() > MAX_TITLE_CHARS {
        return Err(ServiceError::Invalid {
            what: "event title",
            value: trimmed.chars().take(60).collect(),
            expected: "a title of 1 to 1000 characters",
        });
    }
    Ok(trimmed.to_string())
}

/// A calendar by id or title (any case).
fn find_calendar(store: &Store, key: &str) -> Result<CalendarView> {
    store.calendars()?.into_iter().find(|c| c.id == key || c.name.eq_ignore_ascii_case(key)).ok_or_else(|| {
        ServiceError::NotFound(format!("There is no calendar named “{key}”: see `miraage-cli calendars`."))
    })
}

/// Every occurrence of every calendar in `[from, to)`, sorted by start, all-day days as seen
/// from `zone`.
///
/// # Errors
/// [`ServiceError::Domain`] when `to` is before `from`; store failures.
pub fn occurrences(store: &Store, zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<OccurrenceView>> {
    occurrences_noting_cuts(store, zone, from, to).map(|(found, _)| found)
}

/// [`occurrences`], and a sentence for each series a limit of the expansion cut in the range
/// (`"Tick": series too dense, showing the first 10000`), for a face to show.
///
/// # Errors
/// As [`occurrences`].
pub fn occurrences_noting_cuts(
    store: &Store,
    zone: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<(Vec<OccurrenceView>, Vec<String>)> {
    let range = TimeRange::new(from, to)?;
    let (found, cuts) = store.occurrences_noting_cuts(&range, zone, CalendarScope::All)?;
    Ok((found, cuts.iter().map(ToString::to_string).collect()))
}

/// An RFC 3339 instant a face was given, as UTC.
///
/// # Errors
/// [`ServiceError::Invalid`] naming `what`.
pub fn instant(what: &'static str, value: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value).map(|t| t.with_timezone(&Utc)).map_err(|_| ServiceError::Invalid {
        what,
        value: value.to_string(),
        expected: "an RFC 3339 instant",
    })
}
