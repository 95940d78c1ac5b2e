//! An import into the calendar a file names, created in the same transaction as its events:
//! an import that fails leaves no empty calendar behind.

use crate::error::{Result, StoreError};
use crate::events::{import_in, queue_edits, ImportOutcome, UidScope};
use crate::open::Store;
use miraage_domain::{Calendar, Event, Task};
use rusqlite::{Transaction, TransactionBehavior};

impl Store {
    /// Writes `events` into the local calendar called `calendar` (created if there is none of
    /// that name) or, without a name, into the local default calendar, and `tasks` as
    /// [`Store::import`] does; the events' calendar is set to it. All in one transaction: on
    /// any error nothing is written, not even the calendar.
    ///
    /// # Errors
    ///
    /// [`StoreError::ReadOnly`] when the calendar is read-only or the database file is
    /// write-protected; [`StoreError::Invalid`] when
    /// the name is blank or a task depends on a task that does not exist;
    /// [`StoreError::Sqlite`] when the database cannot be written.
    pub fn import_into_calendar(
        &mut self,
        calendar: Option<&str>,
        events: &mut [Event],
        tasks: &[Task],
    ) -> Result<(Calendar, ImportOutcome)> {
        if self.is_read_only() {
            let shown = self.path().map_or_else(|| "the database".into(), |p| format!("the database {}", p.display()));
            return Err(StoreError::ReadOnly { what: format!("{shown} (the file is write-protected)") });
        }
        let default = self.local_defaults()?.calendar;
        // Begun on the shared connection so that the calendar helpers run inside it; dropping
        // it on an error rolls everything back.
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let calendar = match calendar {
            Some(name) => self.ensure_local_calendar(name)?,
            None => self.calendar(&default)?,
        };
        if calendar.read_only {
            return Err(StoreError::ReadOnly { what: format!("calendar {:?}", calendar.name) });
        }
        for e in events.iter_mut() {
            e.calendar_id = calendar.id.clone();
        }
        let outcome = import_in(&tx, events, tasks, UidScope::Whole)?;
        queue_edits(&tx, events, tasks)?;
        tx.commit()?;
        Ok((calendar, outcome))
    }
}
