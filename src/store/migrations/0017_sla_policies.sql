-- Up Migration

-- SLA policies (issue 15). Named business calendars: a team in another time zone has its
-- own hours and holidays; a queue's SLA policy names one (or none: the organization's).
CREATE TABLE calendars (
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  uid uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  calendar jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  updated_at timestamptz NOT NULL DEFAULT tessera_now(),
  PRIMARY KEY (org_uid, uid)
);
CREATE UNIQUE INDEX calendars_name ON calendars (org_uid, lower(name));

-- The deadlines of a task's policy, computed in src/core/metrics/sla-deadlines.ts on every
-- write: first response (to the first STARTED) and resolution (to DONE), each on the
-- policy's clock, moved later by the time the clock was paused. sla_due_at is the one the
-- task has to meet next (null while its clock is stopped): lists, counts and dispatch use it.
ALTER TABLE tasks
  ADD COLUMN first_response_due_at timestamptz,
  ADD COLUMN resolution_due_at timestamptz,
  ADD COLUMN sla_due_at timestamptz,
  -- Paused time on the policy's clock (ms), a snooze counted in full from its start.
  ADD COLUMN sla_paused_ms bigint NOT NULL DEFAULT 0,
  -- Start of the pause now running because the policy's pause condition holds.
  ADD COLUMN sla_paused_since timestamptz;

-- A policy without a clock is a wall-clock policy, which is what sla_breach_at was: the
-- deadlines of existing tasks are their breach times.
UPDATE tasks SET resolution_due_at = sla_breach_at, sla_due_at = sla_breach_at
  WHERE sla_breach_at IS NOT NULL;

-- Dispatch order by the policy's deadline (replaces the wall-clock one), and lists sorted or
-- filtered by it.
DROP INDEX tasks_dispatch;
CREATE INDEX tasks_dispatch ON tasks (org_uid, queue_uid, sla_due_at, due_at, created_at, uid)
  WHERE status = 'TODO' AND assignee_uid IS NULL AND NOT archived;
CREATE INDEX tasks_by_sla_due ON tasks (org_uid, archived, sla_due_at, uid);
