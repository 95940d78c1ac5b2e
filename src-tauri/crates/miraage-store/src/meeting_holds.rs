//! Tentative holds of shared free times: the events that hold one share's times, written and
//! released together with their rows, so a meeting booked in one frees the others.

use crate::error::Result;
use crate::event_edit::delete_item_in;
use crate::events::{import_in, queue_edits, UidScope};
use crate::open::Store;
use crate::rows::now_epoch;
use miraage_domain::{CalendarId, Event};
use rusqlite::params;

/// A hold as stored: its event (calendar and UID) and the share it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingHold {
    pub calendar_id: CalendarId,
    pub uid: String,
    pub share_id: String,
}

impl Store {
    /// Stores the hold events of share `share_id` (queued to be sent on a synced calendar) and
    /// their hold rows, in one transaction.
    ///
    /// # Errors
    ///
    /// [`crate::StoreError::ReadOnly`] for a read-only calendar; database failures. Nothing is
    /// written then.
    pub fn add_meeting_holds(&mut self, share_id: &str, events: &[Event]) -> Result<()> {
        let tx = self.conn.transaction()?;
        import_in(&tx, events, &[], UidScope::Rows)?;
        queue_edits(&tx, events, &[])?;
        let at = now_epoch();
        for e in events {
            tx.execute(
                "INSERT INTO meeting_holds (calendar_id, event_uid, share_id, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![e.calendar_id.as_str(), e.uid, share_id, at],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every hold whose event is still stored, oldest share first.
    ///
    /// # Errors
    ///
    /// [`crate::StoreError::Sqlite`] when the database cannot be read.
    pub fn meeting_holds(&self) -> Result<Vec<MeetingHold>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.calendar_id, h.event_uid, h.share_id FROM meeting_holds h
             WHERE EXISTS (SELECT 1 FROM events e WHERE e.calendar_id = h.calendar_id AND e.uid = h.event_uid)
             ORDER BY h.created_at, h.share_id, h.rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(MeetingHold {
                calendar_id: CalendarId::from_string(r.get::<_, String>(0)?),
                uid: r.get(1)?,
                share_id: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Deletes the hold events (queued as deletes on a synced calendar) and their rows, in one
    /// transaction.
    ///
    /// # Errors
    ///
    /// Database failures; nothing is deleted then.
    pub fn release_meeting_holds(&mut self, holds: &[MeetingHold]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for h in holds {
            delete_item_in(&tx, &h.calendar_id, &h.uid)?;
            tx.execute(
                "DELETE FROM meeting_holds WHERE calendar_id = ?1 AND event_uid = ?2",
                params![h.calendar_id.as_str(), h.uid],
            )?;
        }
        // Rows whose event went elsewhere (deleted on another device) go too.
        tx.execute(
            "DELETE FROM meeting_holds WHERE NOT EXISTS
                 (SELECT 1 FROM events e WHERE e.calendar_id = meeting_holds.calendar_id AND e.uid = meeting_holds.event_uid)",
            [],
        )?;
        tx.commit()?;
        Ok(())
    }
}
