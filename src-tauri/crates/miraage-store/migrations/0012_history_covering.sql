-- The analytics view reads two years of outcomes (issue 17): indexes that hold every column
-- it reads, so SQLite answers from the index alone instead of looking up each row.

-- Planned against done by period: what one block says, in start order.
CREATE INDEX block_outcomes_span ON block_outcomes (planned_start, planned_end, outcome, actual_min, task_uid);
DROP INDEX block_outcomes_start;

-- The estimate learner: the minutes spent per task.
CREATE INDEX block_outcomes_spent ON block_outcomes (task_uid, outcome, actual_min);
DROP INDEX block_outcomes_task;
