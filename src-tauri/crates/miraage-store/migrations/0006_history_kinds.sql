-- The tray and reminders record what the user did with a block: started, skipped, snoozed.
-- SQLite cannot change a CHECK in place: the table is rebuilt with its rows and index.
CREATE TABLE history_new (
    id          INTEGER PRIMARY KEY,
    task_id     TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('planned', 'done', 'missed', 'started', 'skipped', 'snoozed')),
    start_utc   INTEGER NOT NULL,
    end_utc     INTEGER NOT NULL,
    actual_min  INTEGER CHECK (actual_min >= 0),
    recorded_at INTEGER NOT NULL,
    CHECK (end_utc >= start_utc)
) STRICT;
INSERT INTO history_new (id, task_id, kind, start_utc, end_utc, actual_min, recorded_at)
    SELECT id, task_id, kind, start_utc, end_utc, actual_min, recorded_at FROM history;
DROP TABLE history;
ALTER TABLE history_new RENAME TO history;
CREATE INDEX history_task ON history (task_id, start_utc);
