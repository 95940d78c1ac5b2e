//! Accounts, calendars and task lists, and the built-in local account.

use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::rows::now_epoch;
use miraage_domain::{AccountId, Calendar, CalendarId, CalendarView, TaskList, TaskListId};
use rusqlite::{params, OptionalExtension};

/// The built-in local account, its calendar and its task list. Their ids are fixed so that
/// creating them is idempotent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalDefaults {
    pub account: AccountId,
    pub calendar: CalendarId,
    pub task_list: TaskListId,
}

const LOCAL_ACCOUNT: &str = "local";
const LOCAL_CALENDAR: &str = "local-calendar";
const LOCAL_TASKS: &str = "local-tasks";

/// Colours given to new calendars in turn (readable on light and dark backgrounds).
const PALETTE: &[&str] = &["#3b82f6", "#10b981", "#f59e0b", "#ef4444", "#8b5cf6", "#ec4899", "#14b8a6", "#6366f1"];

/// The palette colour for the `n`th calendar.
pub(crate) fn palette(n: usize) -> &'static str {
    PALETTE[n % PALETTE.len()]
}

impl Store {
    /// Makes sure the local account with its calendar "Personal" and task list "Tasks"
    /// exists, and returns their ids.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written.
    pub fn local_defaults(&mut self) -> Result<LocalDefaults> {
        let defaults = LocalDefaults {
            account: AccountId::from_string(LOCAL_ACCOUNT),
            calendar: CalendarId::from_string(LOCAL_CALENDAR),
            task_list: TaskListId::from_string(LOCAL_TASKS),
        };
        // A write-protected database was opened (and so created) by Miraage before: they exist.
        if self.is_read_only() {
            return Ok(defaults);
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR IGNORE INTO accounts (id, name, provider, created_at) VALUES (?1, 'Local', 'local', ?2)",
            params![LOCAL_ACCOUNT, now_epoch()],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO calendars (id, account_id, name, color) VALUES (?1, ?2, 'Personal', ?3)",
            params![LOCAL_CALENDAR, LOCAL_ACCOUNT, PALETTE[0]],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO task_lists (id, account_id, name, color) VALUES (?1, ?2, 'Tasks', ?3)",
            params![LOCAL_TASKS, LOCAL_ACCOUNT, PALETTE[1]],
        )?;
        tx.commit()?;
        Ok(defaults)
    }

    /// Every calendar of every account, ordered by account then name.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn calendars(&self) -> Result<Vec<CalendarView>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.account_id, a.name, a.provider, c.name, c.color, c.visible, c.read_only
             FROM calendars c JOIN accounts a ON a.id = c.account_id
             ORDER BY a.provider = 'local' DESC, a.name, c.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(CalendarView {
                id: r.get(0)?,
                account_id: r.get(1)?,
                account_name: r.get(2)?,
                provider: r.get(3)?,
                name: r.get(4)?,
                color: r.get(5)?,
                visible: r.get(6)?,
                read_only: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The calendar with this id.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no calendar has this id; [`StoreError::Sqlite`] when the
    /// database cannot be read.
    pub fn calendar(&self, id: &CalendarId) -> Result<Calendar> {
        self.conn
            .query_row(
                "SELECT id, account_id, name, color, visible, read_only FROM calendars WHERE id = ?1",
                [id.as_str()],
                |r| {
                    Ok(Calendar {
                        id: CalendarId::from_string(r.get::<_, String>(0)?),
                        account_id: AccountId::from_string(r.get::<_, String>(1)?),
                        name: r.get(2)?,
                        color: r.get(3)?,
                        visible: r.get(4)?,
                        read_only: r.get(5)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound { what: "calendar", id: id.to_string() })
    }

    /// Finds a calendar by name (case-insensitive); when several accounts have one of that
    /// name, the local account's wins.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn calendar_by_name(&self, name: &str) -> Result<Option<Calendar>> {
        let id: Option<String> = self
            .conn
            .query_row(
                "SELECT c.id FROM calendars c JOIN accounts a ON a.id = c.account_id
                 WHERE c.name = ?1 COLLATE NOCASE ORDER BY a.provider = 'local' DESC LIMIT 1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        id.map(|id| self.calendar(&CalendarId::from_string(id))).transpose()
    }

    /// The local calendar called `name`, created with the next palette colour if missing.
    ///
    /// # Errors
    ///
    /// [`StoreError::Invalid`] when `name` is empty or blank; [`StoreError::Sqlite`] when the
    /// database cannot be read or written.
    pub fn ensure_local_calendar(&self, name: &str) -> Result<Calendar> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("a calendar name cannot be empty".into()));
        }
        if let Some(existing) = self.calendar_by_name(name)? {
            return Ok(existing);
        }
        let count: i64 = self.conn.query_row("SELECT count(*) FROM calendars", [], |r| r.get(0))?;
        let color = PALETTE[count as usize % PALETTE.len()];
        let id = CalendarId::new();
        self.conn.execute(
            "INSERT INTO calendars (id, account_id, name, color) VALUES (?1, ?2, ?3, ?4)",
            params![id.as_str(), LOCAL_ACCOUNT, name, color],
        )?;
        self.calendar(&id)
    }

    /// Shows or hides a calendar's events in the views (and in what the planner sees as busy).
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no calendar has this id; [`StoreError::Sqlite`] when the
    /// database cannot be written.
    pub fn set_calendar_visible(&mut self, id: &CalendarId, visible: bool) -> Result<()> {
        let n = self.conn.execute("UPDATE calendars SET visible = ?2 WHERE id = ?1", params![id.as_str(), visible])?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "calendar", id: id.to_string() });
        }
        Ok(())
    }

    /// Every task list of every account, by name.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn task_lists(&self) -> Result<Vec<TaskList>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, account_id, name, color FROM task_lists ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(TaskList {
                id: TaskListId::from_string(r.get::<_, String>(0)?),
                account_id: AccountId::from_string(r.get::<_, String>(1)?),
                name: r.get(2)?,
                color: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
