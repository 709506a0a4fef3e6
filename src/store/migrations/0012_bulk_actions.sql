-- Up Migration

-- Bulk actions of the backlog (issue 14): one row per action, shared by the requests of a
-- filter walked in chunks, and what its undo needs. Kept 7 days (pruned when the same
-- organization starts another bulk action; older ones cannot be undone or gone on with).
CREATE TABLE bulk_actions (
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  uid uuid NOT NULL DEFAULT gen_random_uuid(),
  -- Who started it; like task_events.actor_uid a record, not a key.
  actor_uid uuid,
  -- The filter and the action, as sent: a request going on with `after` must ask the same.
  request jsonb NOT NULL,
  -- The last task uid a filter's walk looked at (tasks are walked in uid order).
  position uuid,
  finished boolean NOT NULL DEFAULT false,
  processed integer NOT NULL DEFAULT 0,
  changed integer NOT NULL DEFAULT 0,
  unchanged integer NOT NULL DEFAULT 0,
  undone_at timestamptz,
  undo_processed integer NOT NULL DEFAULT 0,
  undo_restored integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  PRIMARY KEY (org_uid, uid)
);
CREATE INDEX bulk_actions_by_age ON bulk_actions (org_uid, created_at);

-- Each task a bulk action changed: the values it had before (only the keys the action
-- changed) and its updated_at right after, so an undo restores only tasks nobody changed
-- since. A row is deleted once its undo has restored or skipped the task.
CREATE TABLE bulk_action_tasks (
  org_uid uuid NOT NULL,
  bulk_uid uuid NOT NULL,
  task_uid uuid NOT NULL,
  before jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_uid, bulk_uid, task_uid),
  FOREIGN KEY (org_uid, bulk_uid) REFERENCES bulk_actions (org_uid, uid) ON DELETE CASCADE,
  -- Tasks are archived, never erased, so no index serves this key from the tasks' side.
  FOREIGN KEY (org_uid, task_uid) REFERENCES tasks (org_uid, uid) ON DELETE CASCADE
);
