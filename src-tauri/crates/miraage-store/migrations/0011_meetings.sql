-- Meeting types: named presets for finding a time and sharing availability.
CREATE TABLE meeting_types (
    name              TEXT PRIMARY KEY COLLATE NOCASE,
    duration_min      INTEGER NOT NULL CHECK (duration_min BETWEEN 5 AND 720),
    buffer_before_min INTEGER NOT NULL DEFAULT 0 CHECK (buffer_before_min BETWEEN 0 AND 240),
    buffer_after_min  INTEGER NOT NULL DEFAULT 0 CHECK (buffer_after_min BETWEEN 0 AND 240),
    hour_set          TEXT,           -- NULL: work hours
    location          TEXT,           -- a room, or a video link
    may_use_focus     INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL
) STRICT;
