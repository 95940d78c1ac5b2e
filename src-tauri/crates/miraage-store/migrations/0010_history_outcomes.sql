-- What happened to every accepted block (issue 17), in tables of their own: no foreign key to
-- tasks or plan_blocks, so deleting a task (or a block moving) keeps its history.

-- The task as it was when its blocks were recorded: the history names it by this title, and
-- the estimate learner groups by its project and tags.
CREATE TABLE history_tasks (
    task_uid     TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    project      TEXT,
    tags         TEXT NOT NULL DEFAULT '[]',   -- JSON array
    estimate_min INTEGER CHECK (estimate_min > 0),
    completed_at INTEGER
) STRICT, WITHOUT ROWID;

-- One row per block, never two: an outcome, or NULL while the gentle review asked about the
-- block and the user has not answered yet (asked_at says when; it is never asked again).
CREATE TABLE block_outcomes (
    block_id      TEXT PRIMARY KEY,
    task_uid      TEXT NOT NULL REFERENCES history_tasks (task_uid),
    planned_start INTEGER NOT NULL,
    planned_end   INTEGER NOT NULL,
    outcome       TEXT CHECK (outcome IN ('done', 'partly', 'skipped', 'missed')),
    actual_min    INTEGER CHECK (actual_min >= 0),
    asked_at      INTEGER,
    recorded_at   INTEGER NOT NULL,
    CHECK (planned_end > planned_start)
) STRICT;
CREATE INDEX block_outcomes_start ON block_outcomes (planned_start);
CREATE INDEX block_outcomes_task ON block_outcomes (task_uid);

-- The one running timer (Start / Stop), by block.
CREATE TABLE block_timers (
    block_id   TEXT PRIMARY KEY,
    started_at INTEGER NOT NULL
) STRICT;
