-- Miraage store, schema version 1.
-- Instants are UTC epoch seconds; each timed event keeps its IANA zone beside them.

CREATE TABLE accounts (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    provider    TEXT NOT NULL CHECK (provider IN ('local', 'caldav', 'google', 'microsoft', 'ics')),
    created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE calendars (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    color       TEXT NOT NULL,
    visible     INTEGER NOT NULL DEFAULT 1 CHECK (visible IN (0, 1)),
    read_only   INTEGER NOT NULL DEFAULT 0 CHECK (read_only IN (0, 1)),
    UNIQUE (account_id, name)
) STRICT;

-- One row per one-off event, recurring master, or override of one instance.
CREATE TABLE events (
    seq             INTEGER PRIMARY KEY,   -- stable integer key for the span index
    id              TEXT NOT NULL UNIQUE,
    calendar_id     TEXT NOT NULL REFERENCES calendars (id) ON DELETE CASCADE,
    uid             TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('single', 'master', 'override')),
    -- The instance an override replaces ('' for single events and masters, so that the
    -- unique key below also holds for them: SQLite treats NULLs as distinct).
    recurrence_id   TEXT NOT NULL DEFAULT '',
    all_day         INTEGER NOT NULL CHECK (all_day IN (0, 1)),
    start_utc       INTEGER NOT NULL,      -- all-day: UTC midnight of the first date
    end_utc         INTEGER NOT NULL,      -- all-day: UTC midnight of the day after the last
    zone            TEXT,                  -- IANA zone of timed events, NULL when all-day
    rrules          TEXT,                  -- masters: JSON array of RRULE values
    rdates          TEXT,                  -- masters: JSON array of recurrence ids
    exdates         TEXT,                  -- masters: JSON array of recurrence ids
    summary         TEXT NOT NULL,
    description     TEXT,
    location        TEXT,
    status          TEXT NOT NULL CHECK (status IN ('confirmed', 'tentative', 'cancelled')),
    busy            INTEGER NOT NULL DEFAULT 1 CHECK (busy IN (0, 1)),
    -- Bounds in whole minutes of every instant the row can cover, for the span index:
    -- a master spans its whole series (NULL end: endless), all-day rows are widened by the
    -- largest UTC offsets.
    span_start_min  INTEGER NOT NULL,
    span_end_min    INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK (end_utc >= start_utc),
    CHECK ((kind = 'override') = (recurrence_id <> '')),
    CHECK ((kind = 'master') = (rrules IS NOT NULL)),
    CHECK ((all_day = 1) = (zone IS NULL)),
    UNIQUE (calendar_id, uid, recurrence_id)
) STRICT;

-- R*Tree over event spans: "everything that touches this week" without scanning the table.
CREATE VIRTUAL TABLE event_spans USING rtree_i32 (seq, span_start_min, span_end_min);

CREATE TRIGGER events_span_insert AFTER INSERT ON events BEGIN
    INSERT INTO event_spans (seq, span_start_min, span_end_min)
    VALUES (new.seq, new.span_start_min, new.span_end_min);
END;
CREATE TRIGGER events_span_update AFTER UPDATE OF span_start_min, span_end_min ON events BEGIN
    UPDATE event_spans SET span_start_min = new.span_start_min, span_end_min = new.span_end_min
    WHERE seq = new.seq;
END;
CREATE TRIGGER events_span_delete AFTER DELETE ON events BEGIN
    DELETE FROM event_spans WHERE seq = old.seq;
END;

CREATE TABLE task_lists (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    color       TEXT NOT NULL,
    UNIQUE (account_id, name)
) STRICT;

CREATE TABLE tasks (
    id              TEXT PRIMARY KEY,
    list_id         TEXT NOT NULL REFERENCES task_lists (id) ON DELETE CASCADE,
    uid             TEXT NOT NULL,
    title           TEXT NOT NULL,
    notes           TEXT,
    estimate_min    INTEGER CHECK (estimate_min > 0),
    due             TEXT,                  -- 'YYYY-MM-DD' or an RFC 3339 UTC instant
    hard_due        INTEGER NOT NULL DEFAULT 0 CHECK (hard_due IN (0, 1)),
    earliest_start  INTEGER,
    priority        INTEGER NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 4),
    min_chunk_min   INTEGER,
    max_chunk_min   INTEGER,
    project         TEXT,
    tags            TEXT NOT NULL DEFAULT '[]',   -- JSON array
    status          TEXT NOT NULL CHECK (status IN ('needs_action', 'in_progress', 'completed', 'cancelled')),
    completed_at    INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK ((min_chunk_min IS NULL) = (max_chunk_min IS NULL)),
    CHECK (min_chunk_min IS NULL OR (min_chunk_min >= 5 AND min_chunk_min <= max_chunk_min)),
    CHECK (hard_due = 0 OR due IS NOT NULL),
    UNIQUE (list_id, uid)
) STRICT;
CREATE INDEX tasks_open ON tasks (status, due);

CREATE TABLE task_dependencies (
    task_id     TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    depends_on  TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, depends_on),
    CHECK (task_id <> depends_on)
) STRICT, WITHOUT ROWID;

CREATE TABLE plan_blocks (
    id          TEXT PRIMARY KEY,
    task_id     TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    start_utc   INTEGER NOT NULL,
    end_utc     INTEGER NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'locked')),
    event_id    TEXT REFERENCES events (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    CHECK (end_utc > start_utc)
) STRICT;
CREATE INDEX plan_blocks_time ON plan_blocks (start_utc);
CREATE INDEX plan_blocks_task ON plan_blocks (task_id);

CREATE TABLE history (
    id          INTEGER PRIMARY KEY,
    task_id     TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('planned', 'done', 'missed')),
    start_utc   INTEGER NOT NULL,
    end_utc     INTEGER NOT NULL,
    actual_min  INTEGER CHECK (actual_min >= 0),
    recorded_at INTEGER NOT NULL,
    CHECK (end_utc >= start_utc)
) STRICT;
CREATE INDEX history_task ON history (task_id, start_utc);

CREATE TABLE settings (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL   -- JSON
) STRICT, WITHOUT ROWID;
