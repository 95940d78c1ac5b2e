-- Miraage store, schema version 2: remote accounts and the sync engine's state.

-- Where an account lives. Never credentials: passwords and tokens are in the OS keyring,
-- under the account's id.
ALTER TABLE accounts ADD COLUMN url TEXT;        -- CalDAV server or ICS subscription URL
ALTER TABLE accounts ADD COLUMN username TEXT;   -- CalDAV user, OAuth account e-mail

-- Who made an event: NULL for the calendar's own, 'miraage' for events made in Miraage,
-- 'plan:<task uid>' for plan blocks (the X-MIRAAGE-ORIGIN value).
ALTER TABLE events ADD COLUMN origin TEXT;

-- A remote collection (CalDAV calendar, Google calendar or task list, Graph calendar or
-- To Do list, ICS URL) and where its last sync stopped. One collection may feed a
-- calendar, a task list or both (a CalDAV collection holding VEVENTs and VTODOs).
CREATE TABLE collections (
    id            INTEGER PRIMARY KEY,
    account_id    TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    remote_id     TEXT NOT NULL,            -- href, calendar id, list id or URL
    calendar_id   TEXT REFERENCES calendars (id) ON DELETE SET NULL,
    task_list_id  TEXT REFERENCES task_lists (id) ON DELETE SET NULL,
    cursor        TEXT,                     -- the provider's own cursor; NULL: sync all
    last_sync_at  INTEGER,
    last_error    TEXT,                     -- never holds credentials
    UNIQUE (account_id, remote_id)
) STRICT;

-- Which server object holds which local UID, with its version tag. Kept until a delete is
-- confirmed, so that a pending delete still knows where and what to delete.
CREATE TABLE remote_items (
    collection_id  INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    remote_id      TEXT NOT NULL,           -- CalDAV href, Google/Graph object id
    item_kind      TEXT NOT NULL CHECK (item_kind IN ('event', 'task')),
    uid            TEXT NOT NULL,
    recurrence_id  TEXT NOT NULL DEFAULT '',-- '' when the object holds the whole UID
    etag           TEXT,
    PRIMARY KEY (collection_id, remote_id),
    UNIQUE (collection_id, item_kind, uid, recurrence_id)
) STRICT;

-- Local edits not yet confirmed by the server, written in the same transaction as the
-- edit. The body is not stored: it is made from the current local rows when sent, so
-- several edits of one object collapse into one write of its latest state.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,   -- send order
    collection_id    INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    item_kind        TEXT NOT NULL CHECK (item_kind IN ('event', 'task')),
    uid              TEXT NOT NULL,
    op               TEXT NOT NULL CHECK (op IN ('put', 'delete')),
    origin           TEXT,                  -- events.origin of the item when edited
    revision         INTEGER NOT NULL DEFAULT 0,  -- bumped by each edit: a send confirms
                                                  -- only the revision it sent
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,      -- epoch seconds
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    UNIQUE (collection_id, item_kind, uid)
) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_at);

-- Conflicts the engine resolved, for the user to review.
CREATE TABLE sync_conflicts (
    id             INTEGER PRIMARY KEY,
    collection_id  INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    item_kind      TEXT NOT NULL CHECK (item_kind IN ('event', 'task')),
    uid            TEXT NOT NULL,
    summary        TEXT NOT NULL,
    resolution     TEXT NOT NULL CHECK (resolution IN ('server_kept', 'local_kept', 'replan')),
    detected_at    INTEGER NOT NULL,
    seen           INTEGER NOT NULL DEFAULT 0 CHECK (seen IN (0, 1))
) STRICT;
