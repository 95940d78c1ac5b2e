-- The undo journal: each edit made through Miraage's use cases with the state of what it
-- touched before and after (JSON snapshots of task rows, event objects by UID and plan
-- blocks). Undo writes the before-state as a new edit (queued for the servers like any
-- other) and moves the entry to the redo stack; a new edit clears the redo stack.
CREATE TABLE undo_journal (
    id          INTEGER PRIMARY KEY,   -- order within a stack: the highest is the top
    stack       TEXT NOT NULL CHECK (stack IN ('undo', 'redo')),
    label       TEXT NOT NULL,         -- what the user reads ("deleted “Write report”")
    before      TEXT NOT NULL,         -- JSON
    after       TEXT NOT NULL,         -- JSON
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX undo_journal_stack ON undo_journal (stack, id);
