//! Full-text search (SQLite FTS5) over event titles, locations and descriptions and task
//! titles and notes; the index is kept in step by triggers (migration 0005).

use crate::error::Result;
use crate::events::read_event;
use crate::open::Store;
use crate::tasks::{read_task, TASK_COLUMNS};
use miraage_domain::{Event, Task};
use rusqlite::params;

/// Where a match is marked in a snippet.
pub const MARK_START: &str = "«";
pub const MARK_END: &str = "»";

/// An event row that matched, with its calendar's name.
#[derive(Debug, Clone, PartialEq)]
pub struct EventHit {
    pub event: Event,
    pub calendar: String,
    /// The matching text around the match, the match between « and ».
    pub snippet: String,
    /// FTS5's bm25 rank: lower is better.
    pub rank: f64,
}

/// A task that matched, with its list's name.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskHit {
    pub task: Task,
    pub list: String,
    pub snippet: String,
    pub rank: f64,
}

impl Store {
    /// Event rows matching an FTS5 query (the caller builds it: see `search` in the
    /// services), best first; a title match weighs more than a location, then a description.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read or
    /// FTS5 refuses the query (the services build it so that it never does).
    pub fn search_events(&self, fts_query: &str, limit: usize) -> Result<Vec<EventHit>> {
        let cols = crate::events::EVENT_COLUMNS.split(", ").map(|c| format!("e.{}", c.trim())).collect::<Vec<_>>();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {}, c.name, snippet(event_search, -1, '{MARK_START}', '{MARK_END}', '…', 12),
                    bm25(event_search, 10.0, 4.0, 1.0) AS score
             FROM event_search JOIN events e ON e.seq = event_search.rowid JOIN calendars c ON c.id = e.calendar_id
             WHERE event_search MATCH ?1 ORDER BY score LIMIT ?2",
            cols.join(", ")
        ))?;
        let n = cols.len();
        let rows = stmt.query_map(params![fts_query, limit as i64], |r| {
            Ok((read_event(r), r.get::<_, String>(n)?, r.get::<_, String>(n + 1)?, r.get::<_, f64>(n + 2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (event, calendar, snippet, rank) = row?;
            out.push(EventHit { event: event?, calendar, snippet, rank });
        }
        Ok(out)
    }

    /// Tasks matching an FTS5 query, best first (a title match weighs more than the notes).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read or
    /// FTS5 refuses the query (the services build it so that it never does).
    pub fn search_tasks(&self, fts_query: &str, limit: usize) -> Result<Vec<TaskHit>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {TASK_COLUMNS}, l.name, snippet(task_search, -1, '{MARK_START}', '{MARK_END}', '…', 12),
                    bm25(task_search, 10.0, 1.0) AS score
             FROM task_search JOIN tasks t ON t.id = task_search.task_id JOIN task_lists l ON l.id = t.list_id
             WHERE task_search MATCH ?1 ORDER BY score LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![fts_query, limit as i64], |r| {
            Ok((read_task(r), r.get::<_, String>(16)?, r.get::<_, String>(17)?, r.get::<_, f64>(18)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (task, list, snippet, rank) = row?;
            out.push(TaskHit { task: task?, list, snippet, rank });
        }
        Ok(out)
    }
}
