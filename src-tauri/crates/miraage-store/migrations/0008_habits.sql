-- Habits, study goals and focus time; the user's own hour sets; a task's hour set; the
-- blocks planned for habits (a habit block is no task's, so it has its own table).
CREATE TABLE hour_sets (
    name        TEXT PRIMARY KEY COLLATE NOCASE,
    windows     TEXT NOT NULL,   -- JSON: seven lists of [start, end] minutes, Monday first
    created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE habits (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('habit', 'focus')),
    minutes      INTEGER NOT NULL CHECK (minutes > 0),
    per          TEXT NOT NULL CHECK (per IN ('day', 'week')),
    session_min  INTEGER NOT NULL CHECK (session_min > 0),
    session_max  INTEGER NOT NULL CHECK (session_max >= session_min),
    windows      TEXT,           -- JSON as in hour_sets, or NULL when it uses an hour set
    hour_set     TEXT,
    preferred    TEXT CHECK (preferred IN ('morning', 'afternoon', 'evening')),
    priority     INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),
    project      TEXT,
    paused       INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    CHECK ((windows IS NULL) != (hour_set IS NULL))
) STRICT;

CREATE TABLE habit_blocks (
    id          TEXT PRIMARY KEY,
    habit_id    TEXT NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    period      TEXT NOT NULL,   -- 2026-11-23 (a day) or 2026-W48 (an ISO week)
    start_utc   INTEGER NOT NULL,
    end_utc     INTEGER NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'locked')),
    event_id    TEXT REFERENCES events (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    CHECK (end_utc > start_utc)
) STRICT;
CREATE INDEX habit_blocks_habit ON habit_blocks (habit_id, period);

-- A task planned in one of the user's hour sets (work and personal stay as they were: the
-- `personal` tag or project).
CREATE TABLE task_hours (
    task_id     TEXT PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
    hour_set    TEXT NOT NULL
) STRICT, WITHOUT ROWID;
