//! "Every occurrence in this range": the query behind the week view and `miraage-cli events`.

use crate::error::Result;
use crate::events::read_event;
use crate::open::Store;
use crate::rows::{minute_ceil, minute_floor, span_coord};
use chrono_tz::Tz;
use miraage_domain::time::format_instant;
use miraage_domain::{Event, EventKind, EventStatus, EventTime, OccurrenceView, RecurrenceId, TimeRange};
use std::collections::HashSet;

/// Which calendars a query covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarScope {
    All,
    VisibleOnly,
}

struct Found {
    event: Event,
    calendar: String,
    color: String,
}

impl Store {
    /// Occurrences overlapping `range` (as seen from `view_zone`, which decides where all-day
    /// events begin), sorted by start then summary: one-off events, instances of series
    /// expanded in their own zone, and overrides in place of the instances they replace.
    /// Cancelled events and instances are left out.
    pub fn occurrences(&self, range: &TimeRange, view_zone: Tz, scope: CalendarScope) -> Result<Vec<OccurrenceView>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.calendar_id, e.uid, e.kind, e.recurrence_id, e.all_day, e.start_utc, e.end_utc,
                    e.zone, e.rrules, e.rdates, e.exdates, e.summary, e.description, e.location,
                    e.status, e.busy, c.name, c.color
             FROM event_spans s
             JOIN events e ON e.seq = s.seq
             JOIN calendars c ON c.id = e.calendar_id
             WHERE s.span_end_min >= ?1 AND s.span_start_min <= ?2 AND (?3 = 0 OR c.visible = 1)",
        )?;
        let from = span_coord(minute_floor(range.start));
        let to = span_coord(minute_ceil(range.end));
        let visible_only = scope == CalendarScope::VisibleOnly;
        let rows = stmt.query_map(rusqlite::params![from, to, visible_only], |r| {
            Ok((read_event(r), r.get::<_, String>(17)?, r.get::<_, String>(18)?))
        })?;
        let mut found = Vec::new();
        for row in rows {
            let (event, calendar, color) = row?;
            found.push(Found { event: event?, calendar, color });
        }

        let mut out = Vec::new();
        for f in &found {
            if f.event.status == EventStatus::Cancelled {
                continue;
            }
            match &f.event.kind {
                EventKind::Override { recurrence_id } if self.excluded_by_master(&f.event, recurrence_id)? => {}
                EventKind::Single | EventKind::Override { .. } => {
                    if f.event.time.overlaps(range, view_zone) {
                        out.push(view(f, f.event.recurrence_id(), &f.event.time));
                    }
                }
                EventKind::Master { recurrence } => {
                    let overridden = self.overridden_instances(&f.event)?;
                    for instance in recurrence.expand(&f.event.time, range, view_zone)? {
                        if !overridden.contains(&instance.recurrence_id) {
                            out.push(view(f, Some(instance.recurrence_id), &instance.time));
                        }
                    }
                }
            }
        }
        out.sort_by_cached_key(|o| (sort_instant(o, view_zone), o.summary.clone(), o.uid.clone()));
        Ok(out)
    }

    /// Whether the master of an override excludes its instance (EXDATE): a deleted instance
    /// stays deleted even when a stale override of it remains, as Apple Calendar leaves them.
    fn excluded_by_master(&self, over: &Event, id: &RecurrenceId) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT exdates FROM events WHERE calendar_id = ?1 AND uid = ?2 AND kind = 'master'",
        )?;
        let exdates: Option<Option<String>> =
            rusqlite::OptionalExtension::optional(stmt.query_row([over.calendar_id.as_str(), over.uid.as_str()], |r| r.get(0)))?;
        let Some(exdates) = exdates else { return Ok(false) };
        Ok(crate::rows::ids_from_json(exdates)?.iter().any(|x| match (x, id) {
            (a, b) if a == b => true,
            // A date excludes the instance on that date whatever its time.
            (RecurrenceId::Date(d), RecurrenceId::Instant(t)) => t.date_naive() == *d,
            _ => false,
        }))
    }

    /// Recurrence ids of a master's overrides (moved, changed or cancelled instances).
    fn overridden_instances(&self, master: &Event) -> Result<HashSet<RecurrenceId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT recurrence_id FROM events WHERE calendar_id = ?1 AND uid = ?2 AND recurrence_id <> ''",
        )?;
        let ids = stmt.query_map([master.calendar_id.as_str(), master.uid.as_str()], |r| r.get::<_, String>(0))?;
        let mut set = HashSet::new();
        for id in ids {
            set.insert(same_kind_as_master(RecurrenceId::parse(&id?)?, &master.time));
        }
        Ok(set)
    }
}

/// An override may name its instance by a date-time where the series is all-day, or by a
/// date where it is timed (files in the wild do both); compare in the master's terms.
fn same_kind_as_master(id: RecurrenceId, master: &EventTime) -> RecurrenceId {
    match (id, *master) {
        (RecurrenceId::Instant(t), EventTime::AllDay { .. }) => RecurrenceId::Date(t.date_naive()),
        (RecurrenceId::Date(d), EventTime::Timed { start, zone, .. }) => {
            let time_of_day = start.with_timezone(&zone).time();
            RecurrenceId::Instant(miraage_domain::time::local_to_utc(d.and_time(time_of_day), zone))
        }
        (id, _) => id,
    }
}

fn view(f: &Found, recurrence_id: Option<RecurrenceId>, time: &EventTime) -> OccurrenceView {
    let (start, end, all_day, zone) = match *time {
        EventTime::Timed { start, end, zone } => (format_instant(start), format_instant(end), false, Some(zone.name().to_string())),
        EventTime::AllDay { start, end } => (start.format("%Y-%m-%d").to_string(), end.format("%Y-%m-%d").to_string(), true, None),
    };
    OccurrenceView {
        event_id: f.event.id.to_string(),
        uid: f.event.uid.clone(),
        recurrence_id: recurrence_id.map(|r| r.to_string()),
        calendar_id: f.event.calendar_id.to_string(),
        calendar: f.calendar.clone(),
        color: f.color.clone(),
        start,
        end,
        all_day,
        summary: f.event.summary.clone(),
        location: f.event.location.clone(),
        time_zone: zone,
    }
}

fn sort_instant(o: &OccurrenceView, view_zone: Tz) -> i64 {
    if o.all_day {
        chrono::NaiveDate::parse_from_str(&o.start, "%Y-%m-%d")
            .map(|d| miraage_domain::time::local_midnight(d, view_zone).timestamp())
            .unwrap_or(0)
    } else {
        chrono::DateTime::parse_from_rfc3339(&o.start).map(|t| t.timestamp()).unwrap_or(0)
    }
}
