//! Event rows written several to a statement, for batches (imports, sync pages).

use crate::error::Result;
use crate::rows::*;
use miraage_domain::{Event, EventKind};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Transaction};

/// Event rows written per INSERT. Each statement costs, besides its rows, a statement
/// journal and cursors on the table, its two indexes and the span index: with one row per
/// statement that was a fifth to a quarter of an import's time (128 rows gain nothing more).
const ROWS_PER_INSERT: usize = 32;

const EVENT_ROW_COLUMNS: usize = 22;

/// Rows waiting to be written by one multi-row upsert.
pub(crate) struct EventRows<'t> {
    tx: &'t Transaction<'t>,
    values: Vec<Value>,
}

impl<'t> EventRows<'t> {
    pub(crate) fn new(tx: &'t Transaction<'t>) -> Self {
        EventRows { tx, values: Vec::with_capacity(ROWS_PER_INSERT * EVENT_ROW_COLUMNS) }
    }

    /// Queues one event under `id` (the stored row's id when there is one); writes when a
    /// statement's worth is queued. The event is checked here, so a bad one fails the batch.
    pub(crate) fn push(&mut self, e: &Event, id: &str, recurrence_id: &str) -> Result<()> {
        let (all_day, start, end, zone) = time_columns(&e.time);
        let (kind, rrules, rdates, exdates, span_end) = match &e.kind {
            EventKind::Single => ("single", None, None, None, None),
            EventKind::Override { .. } => ("override", None, None, None, None),
            EventKind::Master { recurrence } => {
                recurrence.validate(&e.time)?;
                let last = recurrence.last_end(&e.time)?;
                (
                    "master",
                    Some(serde_json::to_string(&recurrence.rules).expect("strings serialise")),
                    Some(ids_to_json(&recurrence.rdates)),
                    Some(ids_to_json(&recurrence.exdates)),
                    Some(last.map(minute_ceil).unwrap_or(SPAN_ENDLESS)),
                )
            }
        };
        let (lo, hi) = e.time.index_bounds();
        let span_start = span_coord(minute_floor(lo));
        let span_end = span_coord(span_end.unwrap_or_else(|| minute_ceil(hi)).max(minute_ceil(hi)));
        let text = |s: &str| Value::Text(s.to_string());
        let optional = |s: Option<String>| s.map_or(Value::Null, Value::Text);
        self.values.extend([
            text(id),
            text(e.calendar_id.as_str()),
            text(&e.uid),
            text(kind),
            text(recurrence_id),
            Value::Integer(all_day.into()),
            Value::Integer(start),
            Value::Integer(end),
            optional(zone),
            optional(rrules),
            optional(rdates),
            optional(exdates),
            text(&e.summary),
            optional(e.description.clone()),
            optional(e.location.clone()),
            text(e.status.as_str()),
            Value::Integer(e.busy.into()),
            Value::Integer(span_start),
            Value::Integer(span_end),
            Value::Integer(now_epoch()),
            optional(e.origin.to_property()),
            optional((!e.people.is_empty()).then(|| serde_json::to_string(&e.people).expect("people serialise"))),
        ]);
        if self.values.len() == ROWS_PER_INSERT * EVENT_ROW_COLUMNS {
            self.write()?;
        }
        Ok(())
    }

    /// Writes what is queued: a full statement, or the rest row by row (two statement shapes,
    /// both kept prepared). Rows of one UID may share a statement: SQLite applies the upsert
    /// row by row, as separate statements would.
    fn write(&mut self) -> Result<()> {
        let rows = if self.values.len() == ROWS_PER_INSERT * EVENT_ROW_COLUMNS { ROWS_PER_INSERT } else { 1 };
        for chunk in self.values.chunks(rows * EVENT_ROW_COLUMNS) {
            self.tx.prepare_cached(&upsert_sql(rows))?.execute(params_from_iter(chunk))?;
        }
        self.values.clear();
        Ok(())
    }

    /// Writes the rows still queued.
    pub(crate) fn finish(mut self) -> Result<()> {
        self.write()
    }
}

fn upsert_sql(rows: usize) -> String {
    let row = format!("({})", vec!["?"; EVENT_ROW_COLUMNS].join(", "));
    format!(
        "INSERT INTO events (id, calendar_id, uid, kind, recurrence_id, all_day, start_utc, end_utc, zone,
                             rrules, rdates, exdates, summary, description, location, status, busy,
                             span_start_min, span_end_min, updated_at, origin, people)
         VALUES {}
         ON CONFLICT (calendar_id, uid, recurrence_id) DO UPDATE SET
             kind = excluded.kind, all_day = excluded.all_day, start_utc = excluded.start_utc,
             end_utc = excluded.end_utc, zone = excluded.zone, rrules = excluded.rrules,
             rdates = excluded.rdates, exdates = excluded.exdates, summary = excluded.summary,
             description = excluded.description, location = excluded.location,
             status = excluded.status, busy = excluded.busy,
             span_start_min = excluded.span_start_min, span_end_min = excluded.span_end_min,
             updated_at = excluded.updated_at, origin = excluded.origin,
             people = excluded.people",
        vec![row; rows].join(", ")
    )
}
