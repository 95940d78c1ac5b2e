//! The people seen in stored events (organizers and attendees), tallied by address and name.

use crate::error::Result;
use crate::open::Store;

/// One address (lower case) under one display name, as the stored events show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonSeen {
    pub email: String,
    pub name: Option<String>,
    /// How many events they are in under this name.
    pub events: u32,
    /// The start (Unix seconds) of the latest of those events.
    pub last_start: i64,
    /// An event marks this address as the calendar's own user.
    pub is_self: bool,
}

impl Store {
    /// Every organizer and attendee of the stored events (rooms and equipment left out),
    /// grouped by address and name, in one query over the events that have guests.
    ///
    /// # Errors
    ///
    /// [`crate::StoreError::Sqlite`] when the database cannot be read.
    pub fn people_seen(&self) -> Result<Vec<PersonSeen>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH guests AS (
                 SELECT e.seq, e.start_utc, a.value AS p FROM events e, json_each(e.people, '$.attendees') a
                 WHERE e.people IS NOT NULL AND coalesce(json_extract(a.value, '$.role'), '') <> 'resource'
                 UNION ALL
                 SELECT e.seq, e.start_utc, json_extract(e.people, '$.organizer') FROM events e
                 WHERE e.people IS NOT NULL AND json_extract(e.people, '$.organizer') IS NOT NULL
             )
             SELECT lower(trim(json_extract(p, '$.email'))) AS email,
                    nullif(trim(json_extract(p, '$.name')), '') AS name,
                    count(DISTINCT seq), max(start_utc), max(coalesce(json_extract(p, '$.is_self'), 0))
             FROM guests WHERE trim(coalesce(json_extract(p, '$.email'), '')) <> ''
             GROUP BY 1, 2",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(PersonSeen {
                email: r.get(0)?,
                name: r.get(1)?,
                events: r.get(2)?,
                last_start: r.get(3)?,
                is_self: r.get::<_, i64>(4)? != 0,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
