-- Up Migration

-- Automations (issue 15): rules per organization. `trigger` says when (an event, or a
-- moment relative to a task's timestamp), `condition` if (the condition language), `actions`
-- then. Shapes are checked by src/contract/automations.ts; the database keeps them as given.
CREATE TABLE automations (
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  uid uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  trigger jsonb NOT NULL,
  -- 'event' or 'time', copied from trigger->>'kind' so the engine's scans use an index.
  kind text NOT NULL CHECK (kind IN ('event', 'time')),
  condition jsonb,
  actions jsonb NOT NULL,
  -- Who made it: a comment the rule adds is written in their name (comments need a user).
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  updated_at timestamptz NOT NULL DEFAULT tessera_now(),
  -- A time rule fires for moments from here on: a new or re-timed rule does not fire for
  -- every moment of the past, but one that passed while no server ran fires on start-up.
  fires_since timestamptz NOT NULL DEFAULT tessera_now(),
  -- Reported on the page: the loop and rate bounds say how often they held the rule back.
  runs bigint NOT NULL DEFAULT 0,
  last_run_at timestamptz,
  skipped_loops bigint NOT NULL DEFAULT 0,
  skipped_rate bigint NOT NULL DEFAULT 0,
  rate_window_start timestamptz,
  rate_window_runs integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_uid, uid)
);
CREATE INDEX automations_enabled ON automations (kind, org_uid) WHERE enabled;

-- Event rules run right after the change, through this outbox: the trigger below writes a
-- job in the transaction of every task change of an organization that has enabled event
-- rules, so nothing acknowledged is lost; any server process claims jobs (SKIP LOCKED) and
-- runs the rules in one transaction with the job's deletion.
CREATE TABLE automation_jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_uid uuid NOT NULL,
  task_uid uuid NOT NULL,
  -- The history entry types of the change: created, fields_changed, assigned, commented…
  event_types text[] NOT NULL,
  -- 0 for a change by a person or a program; n + 1 for a change made by a rule at depth n.
  depth integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT tessera_now()
);

CREATE FUNCTION tessera_enqueue_automation_jobs() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO automation_jobs (org_uid, task_uid, event_types, depth)
  SELECT e.org_uid, e.task_uid, array_agg(DISTINCT e.type ORDER BY e.type),
    coalesce(nullif(current_setting('tessera.automation_depth', true), '')::integer + 1, 0)
  FROM new_events e
  WHERE EXISTS (
    SELECT 1 FROM automations a WHERE a.kind = 'event' AND a.enabled AND a.org_uid = e.org_uid
  )
  GROUP BY e.org_uid, e.task_uid;
  RETURN NULL;
END
$$;

CREATE TRIGGER task_events_enqueue_automations
  AFTER INSERT ON task_events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION tessera_enqueue_automation_jobs();

-- Time rules: each (rule, task, moment) fires once. A firing is inserted in the transaction
-- that runs the rule's actions, while that transaction holds the rule's row (FOR UPDATE SKIP
-- LOCKED), so two processes never fire one moment twice. A moment that moves (a new
-- deadline) is a new moment and fires again.
CREATE TABLE automation_firings (
  org_uid uuid NOT NULL,
  automation_uid uuid NOT NULL,
  task_uid uuid NOT NULL,
  moment timestamptz NOT NULL,
  fired_at timestamptz NOT NULL DEFAULT tessera_now(),
  PRIMARY KEY (org_uid, automation_uid, task_uid, moment),
  FOREIGN KEY (org_uid, automation_uid) REFERENCES automations (org_uid, uid) ON DELETE CASCADE
);

-- Time rules scan tasks by their anchor: tasks_by_due (0001) and tasks_by_sla_due (0017)
-- serve due_at and sla_due_at; the other anchors scan the organization's tasks.
