//! "Every occurrence in this range": the query behind the week view and `miraage-cli events`.

use crate::error::Result;
use crate::events::read_event;
use crate::open::Store;
use crate::rows::{ids_from_json, minute_ceil, minute_floor, span_coord};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::recurrence::SeriesCut;
use miraage_domain::time::format_instant;
use miraage_domain::views::read_only_sentence;
use miraage_domain::{
    Event, EventKind, EventOrigin, EventStatus, EventTime, OccurrenceView, PlanItemKind, PlanMark, RecurrenceId,
    TimeRange,
};
use rusqlite::OptionalExtension;
use std::collections::{HashMap, HashSet};

/// Which calendars a query covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarScope {
    All,
    VisibleOnly,
}

struct Found {
    seq: i64,
    event: Event,
    calendar: String,
    color: String,
    /// For an override: its master's EXDATEs, which win over a stale override.
    master_exdates: Option<String>,
    /// Why the calendar cannot be edited; `None` when it can.
    read_only: Option<String>,
}

impl Store {
    /// Occurrences overlapping `range` (as seen from `view_zone`, which decides where all-day
    /// events begin), sorted by start then summary: one-off events, instances of series
    /// expanded in their own zone, and overrides in place of the instances they replace.
    /// Cancelled events and instances are left out.
    ///
    /// Two statements answer it: the rows whose span touches the range (through the R*Tree),
    /// and the overrides of the series among them.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read;
    /// [`StoreError::Corrupt`](crate::StoreError::Corrupt) or
    /// [`StoreError::Domain`](crate::StoreError::Domain) when a stored event no longer reads or its
    /// rule cannot be expanded.
    pub fn occurrences(&self, range: &TimeRange, view_zone: Tz, scope: CalendarScope) -> Result<Vec<OccurrenceView>> {
        self.occurrences_noting_cuts(range, view_zone, scope).map(|(out, _)| out)
    }

    /// [`Store::occurrences`], and the series a limit of the expansion cut in this range
    /// (see `miraage_domain::recurrence::SeriesCut`), for a face to say so.
    ///
    /// # Errors
    ///
    /// As [`Store::occurrences`].
    pub fn occurrences_noting_cuts(
        &self,
        range: &TimeRange,
        view_zone: Tz,
        scope: CalendarScope,
    ) -> Result<(Vec<OccurrenceView>, Vec<DenseSeries>)> {
        let mut out: Vec<(i64, OccurrenceView)> = Vec::new();
        let cuts = self.each_occurrence(range, view_zone, scope, |f, id, time| {
            out.push((time.instants_in(view_zone).0.timestamp(), view(f, id, time)));
        })?;
        out.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.summary.cmp(&y.summary)).then_with(|| x.uid.cmp(&y.uid)));
        let mut out: Vec<OccurrenceView> = out.into_iter().map(|(_, o)| o).collect();
        self.fill_plan_projects(&mut out)?;
        self.fill_plan_locks(&mut out)?;
        Ok((out, cuts))
    }

    /// The project of each plan block's task, one lookup per task.
    fn fill_plan_projects(&self, out: &mut [OccurrenceView]) -> Result<()> {
        let mut projects: HashMap<String, Option<String>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached("SELECT project FROM tasks WHERE uid = ?1 LIMIT 1")?;
        for mark in out.iter_mut().filter_map(|o| o.plan.as_mut()) {
            if !projects.contains_key(&mark.task_uid) {
                let project: Option<Option<String>> = stmt.query_row([&mark.task_uid], |r| r.get(0)).optional()?;
                projects.insert(mark.task_uid.clone(), project.flatten());
            }
            mark.project = projects[&mark.task_uid].clone();
        }
        Ok(())
    }

    /// The time that occurrences in `range` make busy for planning, sorted by start: timed,
    /// opaque (TRANSP:OPAQUE) occurrences of every calendar, hidden ones included (hiding a
    /// calendar does not free its meetings). All-day events do not block hours. Plan blocks
    /// Miraage wrote are marked: the planner gets the ones it knows as the blocks they are,
    /// and must treat any other (a block of a finished task, one from another device) as busy.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read;
    /// [`StoreError::Corrupt`](crate::StoreError::Corrupt) or
    /// [`StoreError::Domain`](crate::StoreError::Domain) when a stored event no longer reads or its
    /// rule cannot be expanded.
    pub fn busy_spans(&self, range: &TimeRange) -> Result<Vec<BusySpan>> {
        let mut out = Vec::new();
        self.each_occurrence(range, chrono_tz::UTC, CalendarScope::All, |f, id, time| {
            if !f.event.busy {
                return;
            }
            if let EventTime::Timed { start, end, .. } = *time {
                if end > start && start < range.end && end > range.start {
                    let key = id.map_or_else(|| f.event.id.to_string(), |r| format!("{}/{r}", f.event.id));
                    out.push(BusySpan {
                        id: key,
                        event_id: f.event.id.clone(),
                        plan_block: matches!(f.event.origin, EventOrigin::PlanBlock { .. }),
                        start,
                        end,
                        summary: f.event.summary.clone(),
                    });
                }
            }
        })?;
        out.sort_by(|a, b| (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id)));
        Ok(out)
    }

    /// Calls `visit` with every occurrence overlapping `range` (unsorted).
    fn each_occurrence(
        &self,
        range: &TimeRange,
        view_zone: Tz,
        scope: CalendarScope,
        mut visit: impl FnMut(&Found, Option<RecurrenceId>, &EventTime),
    ) -> Result<Vec<DenseSeries>> {
        let mut cuts = Vec::new();
        let from = span_coord(minute_floor(range.start));
        let to = span_coord(minute_ceil(range.end));
        let visible_only = scope == CalendarScope::VisibleOnly;
        let params = rusqlite::params![from, to, visible_only];

        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.calendar_id, e.uid, e.kind, e.recurrence_id, e.all_day, e.start_utc, e.end_utc,
                    e.zone, e.rrules, e.rdates, e.exdates, e.summary, e.description, e.location,
                    e.status, e.busy, e.origin, e.people, c.name, c.color, e.seq, m.exdates, c.read_only, a.provider
             FROM event_spans s
             JOIN events e ON e.seq = s.seq
             JOIN calendars c ON c.id = e.calendar_id
             JOIN accounts a ON a.id = c.account_id
             LEFT JOIN events m ON e.kind = 'override' AND m.calendar_id = e.calendar_id
                                AND m.uid = e.uid AND m.recurrence_id = '' AND m.kind = 'master'
             WHERE s.span_end_min >= ?1 AND s.span_start_min <= ?2 AND (?3 = 0 OR c.visible = 1)",
        )?;
        let rows = stmt.query_map(params, |r| {
            // Columns 0-18 are read_event's (EVENT_COLUMNS order, people last).
            Ok((
                read_event(r),
                r.get::<_, String>(19)?,
                r.get::<_, String>(20)?,
                r.get::<_, i64>(21)?,
                r.get::<_, Option<String>>(22)?,
                r.get::<_, bool>(23)?,
                r.get::<_, String>(24)?,
            ))
        })?;
        let mut found = Vec::new();
        // One sentence per read-only calendar, shared by its occurrences.
        let mut reasons: HashMap<String, String> = HashMap::new();
        for row in rows {
            let (event, calendar, color, seq, master_exdates, read_only, provider) = row?;
            let event = event?;
            let read_only = read_only
                .then(|| {
                    reasons.entry(calendar.clone()).or_insert_with(|| read_only_sentence(&calendar, &provider)).clone()
                })
                .or_else(|| event.people.read_only_reason());
            found.push(Found { seq, event, calendar, color, master_exdates, read_only });
        }

        // Overrides of every series in range, by the master's row.
        let mut overrides: HashMap<i64, Vec<String>> = HashMap::new();
        if found.iter().any(|f| matches!(f.event.kind, EventKind::Master { .. })) {
            let mut stmt = self.conn.prepare_cached(
                "SELECT m.seq, o.recurrence_id
                 FROM event_spans s
                 JOIN events m ON m.seq = s.seq AND m.kind = 'master'
                 JOIN calendars c ON c.id = m.calendar_id
                 JOIN events o ON o.calendar_id = m.calendar_id AND o.uid = m.uid AND o.recurrence_id > ''
                 WHERE s.span_end_min >= ?1 AND s.span_start_min <= ?2 AND (?3 = 0 OR c.visible = 1)",
            )?;
            let rows = stmt.query_map(params, |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (seq, id) = row?;
                overrides.entry(seq).or_default().push(id);
            }
        }

        let mut push = |f: &Found, id: Option<RecurrenceId>, time: &EventTime| visit(f, id, time);
        for f in &found {
            if f.event.status == EventStatus::Cancelled {
                continue;
            }
            match &f.event.kind {
                EventKind::Override { recurrence_id } if excluded(f.master_exdates.clone(), recurrence_id)? => {}
                EventKind::Single | EventKind::Override { .. } => {
                    if f.event.time.overlaps(range, view_zone) {
                        push(f, f.event.recurrence_id(), &f.event.time);
                    }
                }
                EventKind::Master { recurrence } => {
                    let overridden: HashSet<RecurrenceId> = overrides
                        .get(&f.seq)
                        .into_iter()
                        .flatten()
                        .map(|id| RecurrenceId::parse(id).map(|id| same_kind_as_master(id, &f.event.time)))
                        .collect::<Result<_, _>>()?;
                    let expansion = recurrence.expand_bounded(&f.event.time, range, view_zone)?;
                    if let Some(cut) = expansion.cut {
                        cuts.push(DenseSeries { summary: f.event.summary.clone(), cut });
                    }
                    for instance in expansion.instances {
                        if !overridden.contains(&instance.recurrence_id) {
                            push(f, Some(instance.recurrence_id), &instance.time);
                        }
                    }
                }
            }
        }
        Ok(cuts)
    }
}

/// A series whose expansion a limit cut in the range asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DenseSeries {
    /// The series' title.
    pub summary: String,
    pub cut: SeriesCut,
}

impl std::fmt::Display for DenseSeries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.summary, self.cut)
    }
}

/// Time an occurrence keeps busy (see [`Store::busy_spans`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusySpan {
    /// The event's id, with the instance's recurrence id for an instance of a series.
    pub id: String,
    pub event_id: miraage_domain::EventId,
    /// A block Miraage planned for a task (its event's origin says so).
    pub plan_block: bool,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
}

/// Whether a master's EXDATEs exclude an override's instance: a deleted instance stays
/// deleted even when a stale override of it remains, as Apple Calendar leaves them.
fn excluded(master_exdates: Option<String>, id: &RecurrenceId) -> Result<bool> {
    Ok(ids_from_json(master_exdates)?.iter().any(|x| match (x, id) {
        (a, b) if a == b => true,
        // A date excludes the instance on that date whatever its time.
        (RecurrenceId::Date(d), RecurrenceId::Instant(t)) => t.date_naive() == *d,
        _ => false,
    }))
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
        EventTime::Timed { start, end, zone } => {
            (format_instant(start), format_instant(end), false, Some(zone.name().to_string()))
        }
        EventTime::AllDay { start, end } => {
            (start.format("%Y-%m-%d").to_string(), end.format("%Y-%m-%d").to_string(), true, None)
        }
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
        plan: match &f.event.origin {
            EventOrigin::PlanBlock { task_uid } => Some(PlanMark {
                task_uid: task_uid.clone(),
                kind: PlanItemKind::of_mark(task_uid),
                project: None,
                locked: false,
            }),
            _ => None,
        },
        read_only: f.read_only.clone(),
    }
}
