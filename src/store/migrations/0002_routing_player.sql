-- Up Migration

-- Organization-wide settings of the player and the business calendar (see src/contract).
ALTER TABLE organizations
  ADD COLUMN settings jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN calendar jsonb;

ALTER TABLE users
  ADD COLUMN skills text[] NOT NULL DEFAULT '{}',
  ADD COLUMN active boolean NOT NULL DEFAULT true;

CREATE TABLE queues (
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  uid uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  position integer NOT NULL,
  condition jsonb NOT NULL,
  skills text[] NOT NULL DEFAULT '{}',
  sla_policy jsonb,
  priority jsonb,
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  updated_at timestamptz NOT NULL DEFAULT tessera_now(),
  PRIMARY KEY (org_uid, uid),
  UNIQUE (org_uid, name)
);

ALTER TABLE tasks
  ADD COLUMN queue_updated_by uuid,
  ADD COLUMN queued_at timestamptz,
  ADD COLUMN assignee_updated_by uuid,
  ADD COLUMN assigned_at timestamptz,
  ADD COLUMN played_at timestamptz,
  ADD COLUMN sla_breach_at timestamptz,
  ADD COLUMN sla_breach_business_at timestamptz,
  -- Work time: closed intervals are summed here; the running one starts at work_started_at.
  ADD COLUMN work_started_at timestamptz,
  ADD COLUMN work_ms bigint NOT NULL DEFAULT 0,
  ADD COLUMN work_business_ms bigint NOT NULL DEFAULT 0;

-- Dispatch: the open, unassigned tasks of one queue, in the default priority order.
CREATE INDEX tasks_dispatch ON tasks (org_uid, queue_uid, sla_breach_at, due_at, created_at, uid)
  WHERE status = 'TODO' AND assignee_uid IS NULL AND NOT archived;
-- An operator's own tasks (paused, snoozed, started).
CREATE INDEX tasks_by_assignee ON tasks (org_uid, assignee_uid) WHERE assignee_uid IS NOT NULL;
CREATE INDEX tasks_by_queue ON tasks (org_uid, queue_uid, status);

-- Every change of every task, with who made it: the history and the webhook source.
CREATE TABLE task_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_uid uuid NOT NULL,
  task_uid uuid NOT NULL,
  type text NOT NULL,
  actor_uid uuid,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT tessera_now()
);
CREATE INDEX task_events_by_task ON task_events (org_uid, task_uid, id);

-- Who is playing which queues (null: every queue they may work).
CREATE TABLE player_sessions (
  org_uid uuid NOT NULL,
  user_uid uuid NOT NULL REFERENCES users (uid),
  queue_uids uuid[],
  started_at timestamptz NOT NULL DEFAULT tessera_now(),
  completed integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_uid, user_uid)
);
