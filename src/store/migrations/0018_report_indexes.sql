-- Up Migration

-- Reports read the tasks completed in a period and the player's skips in a period. Without
-- these, the first walked every task written since the period began (tasks_by_updated, the
-- newer ones included: a report of last month read this month too) and the second every
-- history entry of the organization. Both indexes are partial, so they hold only the rows a
-- report reads: done, unarchived tasks, and `skipped` entries (a small share of the history).
-- Built in the migration's transaction, so writes to tasks and task_events wait until built.
CREATE INDEX tasks_by_done ON tasks (org_uid, done_at) WHERE status = 'DONE' AND NOT archived;
CREATE INDEX task_events_skips ON task_events (org_uid, created_at) WHERE type = 'skipped';
