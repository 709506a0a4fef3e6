-- Up Migration

-- The tasks each operator skipped in their playing session. `next` passes over them while
-- other work is available to that operator, whatever skip_mode says: without this, a task
-- skipped back to the pool was handed straight back to the operator who skipped it. Rows live
-- in the database, not in a server's memory, so every server process sees the same skips; they
-- are deleted when the operator starts or stops playing (a session is their lifetime).
CREATE TABLE player_skips (
  org_uid uuid NOT NULL,
  user_uid uuid NOT NULL REFERENCES users (uid) ON DELETE CASCADE,
  task_uid uuid NOT NULL,
  skipped_at timestamptz NOT NULL DEFAULT tessera_now(),
  PRIMARY KEY (org_uid, user_uid, task_uid),
  FOREIGN KEY (org_uid, task_uid) REFERENCES tasks (org_uid, uid) ON DELETE CASCADE
);
