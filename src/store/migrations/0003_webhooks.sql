-- Up Migration

-- Webhook subscriptions. The secret signs every delivery, so it is kept as is (unlike API
-- tokens, which are only compared and therefore stored hashed).
CREATE TABLE webhooks (
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  uid uuid NOT NULL DEFAULT gen_random_uuid(),
  url text NOT NULL,
  description text NOT NULL DEFAULT '',
  events text[] NOT NULL CHECK (cardinality(events) > 0),
  active boolean NOT NULL DEFAULT true,
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  updated_at timestamptz NOT NULL DEFAULT tessera_now(),
  PRIMARY KEY (org_uid, uid)
);
CREATE INDEX webhooks_active ON webhooks (org_uid) WHERE active;

-- The outbox: one row per (history entry, subscribed webhook), written by the trigger below
-- in the transaction that records the entry, so no committed change is ever left unsent.
-- `id` orders a task's deliveries; `uid` is the public delivery id.
CREATE TABLE webhook_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uid uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  org_uid uuid NOT NULL,
  webhook_uid uuid NOT NULL,
  task_uid uuid NOT NULL,
  event_id bigint NOT NULL,
  event_type text NOT NULL,
  type text NOT NULL,
  actor_uid uuid,
  info jsonb NOT NULL,
  -- The task row right after the change (to_jsonb of `tasks`): a later change must not leak
  -- into the payload of an earlier event.
  task jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  -- When a pending delivery is due; NULL while its webhook is inactive. A delivery queued
  -- behind an earlier one of its task is moved along with that one's retries, so that a
  -- long outage does not leave thousands of blocked rows due on every look.
  next_attempt_at timestamptz DEFAULT tessera_now(),
  -- Set while an attempt is in flight: the sender's lease. Should the sender die, another
  -- process takes the delivery over when it ends.
  locked_until timestamptz,
  last_attempt_at timestamptz,
  last_response_status integer,
  last_error text,
  finished_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  FOREIGN KEY (org_uid, webhook_uid) REFERENCES webhooks (org_uid, uid) ON DELETE CASCADE
);
-- What the dispatcher looks for: due pending deliveries, oldest first…
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id)
  WHERE status = 'pending';
-- …that have no earlier pending delivery of the same task to the same webhook.
CREATE INDEX webhook_deliveries_chain ON webhook_deliveries (webhook_uid, task_uid, id)
  WHERE status = 'pending';
-- The delivery log of one webhook, newest first.
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_uid, id);
-- Retention sweeps of finished deliveries.
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (finished_at)
  WHERE status <> 'pending';

-- History entry type → webhook event type. Mirrored by src/core/webhooks/event-types.ts,
-- whose unit test checks that both say the same. NULL: not sent.
CREATE FUNCTION tessera_webhook_type(event_type text) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE event_type
    WHEN 'created' THEN 'task.created'
    WHEN 'fields_changed' THEN 'task.updated'
    WHEN 'updated' THEN 'task.updated'
    WHEN 'routed' THEN 'task.updated'
    WHEN 'assigned' THEN 'task.assigned'
    WHEN 'unassigned' THEN 'task.unassigned'
    WHEN 'started' THEN 'task.started'
    WHEN 'paused' THEN 'task.paused'
    WHEN 'skipped' THEN 'task.skipped'
    WHEN 'snoozed' THEN 'task.updated'
    WHEN 'completed' THEN 'task.completed'
    WHEN 'reopened' THEN 'task.updated'
    WHEN 'archived' THEN 'task.updated'
    WHEN 'unarchived' THEN 'task.updated'
    WHEN 'commented' THEN 'task.updated'
  END
$$;

-- Fans history entries out to the outbox. A statement-level trigger sees every entry a
-- statement wrote, and runs after the whole statement, so the task rows it reads already
-- hold that statement's changes.
CREATE FUNCTION tessera_enqueue_webhooks() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  -- The common case, an organization without webhooks, costs one indexed probe.
  IF NOT EXISTS (
    SELECT 1 FROM new_events e
    JOIN webhooks w ON w.org_uid = e.org_uid AND w.active
      AND tessera_webhook_type(e.type) = ANY (w.events)
  ) THEN
    RETURN NULL;
  END IF;
  -- Task writes lock their rows already, but comments do not. Locking here makes concurrent
  -- writers of one task number their deliveries in commit order, which the dispatcher's
  -- per-task ordering relies on. NO KEY UPDATE does not conflict with the KEY SHARE lock a
  -- comment's foreign key takes, so two comments cannot deadlock by upgrading it.
  PERFORM 1 FROM tasks t
  WHERE (t.org_uid, t.uid) IN (SELECT e.org_uid, e.task_uid FROM new_events e)
  ORDER BY t.org_uid, t.uid
  FOR NO KEY UPDATE;
  INSERT INTO webhook_deliveries
    (org_uid, webhook_uid, task_uid, event_id, event_type, type, actor_uid, info, task,
     occurred_at)
  SELECT e.org_uid, w.uid, e.task_uid, e.id, e.type, tessera_webhook_type(e.type), e.actor_uid,
    e.data, to_jsonb(t), e.created_at
  FROM new_events e
  JOIN webhooks w ON w.org_uid = e.org_uid AND w.active
    AND tessera_webhook_type(e.type) = ANY (w.events)
  JOIN tasks t ON t.org_uid = e.org_uid AND t.uid = e.task_uid
  ORDER BY e.id, w.uid;
  RETURN NULL;
END
$$;

CREATE TRIGGER task_events_enqueue_webhooks
  AFTER INSERT ON task_events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION tessera_enqueue_webhooks();
