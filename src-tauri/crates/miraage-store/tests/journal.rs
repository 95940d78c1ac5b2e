//! The undo journal over a real SQLite file.

use miraage_store::{Direction, Snapshot, Store};

#[test]
fn an_unreadable_journal_entry_is_dropped_and_the_older_ones_still_undo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("miraage.db");
    let mut store = Store::open(&path).unwrap();
    store.journal_push("added “A”", Snapshot::default(), Snapshot::default()).unwrap();
    store.journal_push("added “B”", Snapshot::default(), Snapshot::default()).unwrap();
    drop(store);
    // The newest entry as another version (or a damaged file) left it.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE undo_journal SET before = '{\"kind\": 7' WHERE label = 'added “B”'", []).unwrap();
    drop(conn);

    let store = Store::open(&path).unwrap();
    let top = store.journal_top(Direction::Undo).unwrap().expect("the older entry is still there");
    assert_eq!(top.label, "added “A”");
    assert_eq!(store.journal_depth().unwrap(), (1, 0), "the unreadable entry is gone");
}
