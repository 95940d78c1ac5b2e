//! Habits, the user's own hour sets and a task's hour set.

use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::rows::{from_epoch, now_epoch, to_epoch};
use miraage_domain::{Habit, HabitKind, HabitPeriod, HabitPlace, HourSet, Priority, TaskId, TimeOfDay, WeekWindows};
use rusqlite::{params, OptionalExtension};

const HABIT_COLUMNS: &str =
    "id, title, kind, minutes, per, session_min, session_max, windows, hour_set, preferred, priority, project, paused, created_at";

fn windows_json(w: &WeekWindows) -> Result<String> {
    serde_json::to_string(w).map_err(|e| StoreError::Invalid(e.to_string()))
}

fn windows_from(text: &str, whose: &str) -> Result<WeekWindows> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("windows of {whose}: {e}")))
}

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("habit {what} {value:?}"))
}

impl Store {
    /// Adds a habit, or replaces the one with its id (an edit), as given (checked by the
    /// caller against its windows). Its blocks stay.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written.
    pub fn save_habit(&mut self, h: &Habit) -> Result<()> {
        save_habit_in(&self.conn, h)
    }

    /// Every habit, paused ones included, in the order they were made.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read; [`StoreError::Corrupt`] when a
    /// stored habit no longer reads.
    pub fn habits(&self) -> Result<Vec<Habit>> {
        habits_in(&self.conn, "1", [])
    }

    /// Deletes a habit with its blocks: ghosts and accepted blocks that have not started go
    /// with their calendar events; blocks that already started stay in the calendar as what
    /// happened. Returns whether it existed.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written. Nothing is changed then.
    pub fn delete_habit(&mut self, id: &str, now: chrono::DateTime<chrono::Utc>) -> Result<bool> {
        let tx = self.conn.transaction()?;
        // A locked session ahead goes too: the lock kept it from re-plans, not from this.
        tx.execute(
            "UPDATE habit_blocks SET state = 'accepted' WHERE habit_id = ?1 AND state = 'locked' AND start_utc >= ?2",
            params![id, to_epoch(now)],
        )?;
        let future: Vec<String> = tx
            .prepare_cached(
                "SELECT id FROM habit_blocks WHERE habit_id = ?1 AND state != 'proposed' AND start_utc >= ?2",
            )?
            .query_map(params![id, to_epoch(now)], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        for b in future {
            crate::plan::drop_accepted_in(&tx, "habit_blocks", &miraage_domain::PlanBlockId::from_string(b))?;
        }
        let n = tx.execute("DELETE FROM habits WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(n > 0)
    }

    /// Adds or replaces one of the user's hour sets (by name, case-insensitive).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written.
    pub fn save_hour_set(&mut self, set: &HourSet) -> Result<()> {
        self.conn.execute(
            "INSERT INTO hour_sets (name, windows, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET name = excluded.name, windows = excluded.windows",
            params![set.name, windows_json(&set.windows)?, now_epoch()],
        )?;
        Ok(())
    }

    /// The user's own hour sets (not work and personal, which are settings), oldest first.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read; [`StoreError::Corrupt`] when a
    /// stored set no longer reads.
    pub fn hour_sets(&self) -> Result<Vec<HourSet>> {
        let mut stmt = self.conn.prepare_cached("SELECT name, windows FROM hour_sets ORDER BY created_at, name")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (name, windows) = row?;
            out.push(HourSet { windows: windows_from(&windows, &name)?, name });
        }
        Ok(out)
    }

    /// Deletes one of the user's hour sets by name; returns whether it existed.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written.
    pub fn delete_hour_set(&mut self, name: &str) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM hour_sets WHERE name = ?1", [name])? > 0)
    }

    /// Who uses an hour set: the titles of habits and open tasks planned in it.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn hour_set_users(&self, name: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT title FROM habits WHERE hour_set = ?1 COLLATE NOCASE
             UNION ALL
             SELECT t.title FROM task_hours h JOIN tasks t ON t.id = h.task_id
              WHERE h.hour_set = ?1 COLLATE NOCASE AND t.status NOT IN ('completed', 'cancelled')",
        )?;
        let titles = stmt.query_map([name], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
        Ok(titles)
    }

    /// Plans a task in one of the user's hour sets, or (`None`) in work or personal hours
    /// again.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written (also when the task does not
    /// exist).
    pub fn set_task_hour_set(&mut self, task: &TaskId, set: Option<&str>) -> Result<()> {
        match set {
            Some(s) => self.conn.execute(
                "INSERT INTO task_hours (task_id, hour_set) VALUES (?1, ?2)
                 ON CONFLICT (task_id) DO UPDATE SET hour_set = excluded.hour_set",
                params![task.as_str(), s],
            )?,
            None => self.conn.execute("DELETE FROM task_hours WHERE task_id = ?1", [task.as_str()])?,
        };
        Ok(())
    }

    /// The user's hour set a task is planned in, if any.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn task_hour_set(&self, task: &TaskId) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT hour_set FROM task_hours WHERE task_id = ?1", [task.as_str()], |r| r.get(0))
            .optional()?)
    }

    /// Every task planned in one of the user's hour sets: (task id, set name).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn task_hour_sets(&self) -> Result<Vec<(TaskId, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT task_id, hour_set FROM task_hours")?;
        let rows = stmt.query_map([], |r| Ok((TaskId::from_string(r.get::<_, String>(0)?), r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// Writes a habit inside the caller's connection or transaction: an upsert, not `INSERT OR
/// REPLACE`, whose delete would take the habit's blocks with it (`ON DELETE CASCADE`).
pub(crate) fn save_habit_in(conn: &rusqlite::Connection, h: &Habit) -> Result<()> {
    let (windows, hour_set) = match &h.place {
        HabitPlace::Window(w) => (Some(windows_json(w)?), None),
        HabitPlace::HourSet(n) => (None, Some(n.as_str())),
    };
    conn.prepare_cached(&format!(
        "INSERT INTO habits ({HABIT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, kind = excluded.kind, minutes = excluded.minutes,
             per = excluded.per, session_min = excluded.session_min, session_max = excluded.session_max,
             windows = excluded.windows, hour_set = excluded.hour_set, preferred = excluded.preferred,
             priority = excluded.priority, project = excluded.project, paused = excluded.paused,
             created_at = excluded.created_at"
    ))?
    .execute(params![
        h.id,
        h.title,
        h.kind.as_str(),
        h.minutes,
        h.per.as_str(),
        h.session_min,
        h.session_max,
        windows,
        hour_set,
        h.preferred.map(TimeOfDay::as_str),
        h.priority.get(),
        h.project,
        h.paused,
        to_epoch(h.created),
    ])?;
    Ok(())
}

/// The habits that meet an SQL `condition` on the habits table, in the order they were made.
pub(crate) fn habits_in(
    conn: &rusqlite::Connection,
    condition: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<Habit>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {HABIT_COLUMNS} FROM habits WHERE {condition} ORDER BY created_at, id"))?;
    let rows = stmt.query_map(params, |r| {
        Ok((
            (r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, u32>(3)?),
            (r.get::<_, String>(4)?, r.get::<_, u32>(5)?, r.get::<_, u32>(6)?),
            (r.get::<_, Option<String>>(7)?, r.get::<_, Option<String>>(8)?, r.get::<_, Option<String>>(9)?),
            (r.get::<_, u8>(10)?, r.get::<_, Option<String>>(11)?, r.get::<_, bool>(12)?, r.get::<_, i64>(13)?),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let ((id, title, kind, minutes), (per, session_min, session_max), (windows, hour_set, preferred), rest) = row?;
        let (priority, project, paused, created) = rest;
        let place = match (windows, hour_set) {
            (Some(w), _) => HabitPlace::Window(windows_from(&w, &title)?),
            (None, Some(n)) => HabitPlace::HourSet(n),
            (None, None) => return Err(corrupt("place of", &title)),
        };
        out.push(Habit {
            kind: HabitKind::parse(&kind).map_err(|_| corrupt("kind", &kind))?,
            per: HabitPeriod::parse(&per).map_err(|_| corrupt("period", &per))?,
            preferred: preferred.map(|p| TimeOfDay::parse(&p).map_err(|_| corrupt("time of day", &p))).transpose()?,
            priority: Priority::new(priority).map_err(|_| corrupt("priority", &priority.to_string()))?,
            created: from_epoch(created)?,
            id,
            title,
            minutes,
            session_min,
            session_max,
            place,
            project,
            paused,
        });
    }
    Ok(out)
}
