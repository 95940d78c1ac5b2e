//! Meeting types: named presets (duration, buffers, hour set, location) for finding a time.

use crate::error::Result;
use crate::open::Store;
use crate::rows::now_epoch;
use rusqlite::params;

/// A meeting type as stored; checked by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingType {
    pub name: String,
    pub duration_min: u32,
    pub buffer_before_min: u32,
    pub buffer_after_min: u32,
    /// `None`: the work hours.
    pub hour_set: Option<String>,
    pub location: Option<String>,
    pub may_use_focus: bool,
}

impl Store {
    /// Adds a meeting type, or replaces the one with its name.
    ///
    /// # Errors
    ///
    /// [`crate::StoreError::Sqlite`] when the database cannot be written (or a value is out of
    /// the table's bounds).
    pub fn save_meeting_type(&mut self, t: &MeetingType) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meeting_types (name, duration_min, buffer_before_min, buffer_after_min, hour_set, location,
                 may_use_focus, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (name) DO UPDATE SET name = excluded.name, duration_min = excluded.duration_min,
                 buffer_before_min = excluded.buffer_before_min, buffer_after_min = excluded.buffer_after_min,
                 hour_set = excluded.hour_set, location = excluded.location, may_use_focus = excluded.may_use_focus",
            params![
                t.name,
                t.duration_min,
                t.buffer_before_min,
                t.buffer_after_min,
                t.hour_set,
                t.location,
                t.may_use_focus,
                now_epoch()
            ],
        )?;
        Ok(())
    }

    /// Every meeting type, by name.
    ///
    /// # Errors
    ///
    /// [`crate::StoreError::Sqlite`] when the database cannot be read.
    pub fn meeting_types(&self) -> Result<Vec<MeetingType>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, duration_min, buffer_before_min, buffer_after_min, hour_set, location, may_use_focus
             FROM meeting_types ORDER BY name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(MeetingType {
                name: r.get(0)?,
                duration_min: r.get(1)?,
                buffer_before_min: r.get(2)?,
                buffer_after_min: r.get(3)?,
                hour_set: r.get(4)?,
                location: r.get(5)?,
                may_use_focus: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes the meeting type `name` (case-insensitive); false when there was none.
    ///
    /// # Errors
    ///
    /// [`crate::StoreError::Sqlite`] when the database cannot be written.
    pub fn delete_meeting_type(&mut self, name: &str) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM meeting_types WHERE name = ?1", params![name])? > 0)
    }

    /// The names of meeting types using the hour set `name`.
    ///
    /// # Errors
    ///
    /// [`crate::StoreError::Sqlite`] when the database cannot be read.
    pub fn meeting_types_using(&self, hour_set: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT name FROM meeting_types WHERE hour_set = ?1 COLLATE NOCASE")?;
        let rows = stmt.query_map(params![hour_set], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
