//! Versioned schema migrations, tracked in SQLite's `user_version`.
//!
//! Each migration is a SQL file applied in one transaction. Never edit a released migration:
//! add the next one.

use rusqlite_migration::{Migrations, M};
use std::sync::LazyLock;

const MIGRATION_SQL: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_sync.sql"),
    include_str!("../migrations/0004_undo_journal.sql"),
    include_str!("../migrations/0005_search.sql"),
    include_str!("../migrations/0006_history_kinds.sql"),
    include_str!("../migrations/0007_event_people.sql"),
    include_str!("../migrations/0010_history_outcomes.sql"),
    include_str!("../migrations/0008_habits.sql"),
    include_str!("../migrations/0011_meetings.sql"),
    include_str!("../migrations/0014_outbox_create_sent.sql"),
    // Numbered when it was planned; applied after 0014, which landed first.
    include_str!("../migrations/0012_history_covering.sql"),
    include_str!("../migrations/0015_meeting_holds.sql"),
    include_str!("../migrations/0016_event_people_index.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATION_SQL.len() as i64;

pub(crate) static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect()));

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::MIGRATIONS.validate().is_ok());
    }
}
