//! The organiser's side, read from the store: their hours as instants, what a meeting may
//! never touch (their busy events, focus time, locked blocks), what it should avoid (accepted
//! plan blocks), and what their calendars say of attendees (meetings they are invited to).

use crate::error::Result;
use chrono::{Datelike, Days, Duration};
use chrono_tz::Tz;
use miraage_domain::time::local_to_utc;
use miraage_domain::{EventId, HourSet, Participation, PlanItemKind, TimeRange, WeekWindows};
use miraage_store::{CalendarScope, Store};
use std::collections::HashMap;

/// The hour set `name` (any case), or the work hours for `None`.
///
/// # Errors
///
/// [`crate::ErrorCode::Invalid`] naming the sets there are; invalid stored settings.
pub fn hour_set(store: &Store, name: Option<&str>) -> Result<HourSet> {
    let settings = miraage_scheduling::load_settings(store)?;
    let sets = miraage_scheduling::hour_sets(store, &settings)?;
    let name = name.unwrap_or("work");
    Ok(miraage_scheduling::habits::find_set(&sets, name)
        .cloned()
        .ok_or_else(|| miraage_scheduling::habits::unknown_set(name, &sets))?)
}

/// `windows` as instants over `range`, each local day's windows in `zone`.
pub fn expand(windows: &WeekWindows, zone: Tz, range: &TimeRange) -> Vec<TimeRange> {
    let first = range.start.with_timezone(&zone).date_naive() - Days::new(1);
    let last = range.end.with_timezone(&zone).date_naive();
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        for &(s, e) in &windows.days[day.weekday().num_days_from_monday() as usize] {
            let at =
                |m: u32| local_to_utc(day.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(m.into()), zone);
            let (start, end) = (at(s).max(range.start), at(e).min(range.end));
            if start < end {
                out.push(TimeRange { start, end });
            }
        }
        day = day + Days::new(1);
    }
    out
}

/// What the organiser's calendars hold in a range, for the slot finder.
#[derive(Debug, Default)]
pub struct OwnTimes {
    /// Their busy events, focus time (unless a type may use it) and locked blocks.
    pub never: Vec<TimeRange>,
    /// Accepted plan blocks (tasks and habits) that a meeting may displace.
    pub avoid: Vec<TimeRange>,
    /// Per attendee address (lower case): the meetings of theirs on the user's calendars.
    pub attending: HashMap<String, Vec<TimeRange>>,
}

/// The organiser's times over `range`; `skip` is an event (being extended) left out.
///
/// # Errors
///
/// Store failures.
pub fn own_times(store: &Store, range: &TimeRange, may_use_focus: bool, skip: Option<&str>) -> Result<OwnTimes> {
    // The plan marks (kind, locked) by event, from the occurrences the week view shows.
    let marks: HashMap<String, (PlanItemKind, bool)> = store
        .occurrences_noting_cuts(range, Tz::UTC, CalendarScope::All)?
        .0
        .into_iter()
        .filter_map(|o| o.plan.map(|p| (o.event_id, (p.kind, p.locked))))
        .collect();
    let mut out = OwnTimes::default();
    let mut people: HashMap<EventId, Vec<String>> = HashMap::new();
    for span in store.busy_spans(range)? {
        if skip == Some(span.event_id.as_str()) {
            continue;
        }
        let r = TimeRange { start: span.start, end: span.end };
        if !span.plan_block {
            out.never.push(r);
            if !people.contains_key(&span.event_id) {
                people.insert(span.event_id.clone(), guests(store, &span.event_id)?);
            }
            for who in people.get(&span.event_id).into_iter().flatten() {
                out.attending.entry(who.clone()).or_default().push(r);
            }
            continue;
        }
        match marks.get(span.event_id.as_str()) {
            Some((_, true)) => out.never.push(r),
            Some((PlanItemKind::Focus, _)) if !may_use_focus => out.never.push(r),
            _ => out.avoid.push(r),
        }
    }
    Ok(out)
}

/// The organizer and the attendees who have not declined of event `id`, lower case.
pub(crate) fn guests(store: &Store, id: &EventId) -> Result<Vec<String>> {
    let Some(event) = store.find_event(id)? else { return Ok(Vec::new()) };
    let attendees = event.people.attendees.iter().filter(|a| a.status != Participation::Declined).map(|a| &a.email);
    Ok(attendees
        .chain(event.people.organizer.iter().map(|o| &o.email))
        .map(|e| e.trim().to_ascii_lowercase())
        .collect())
}
