-- Up Migration

-- Each endpoint's health: failures back off and pause the endpoint on its own, so a dead
-- receiver never holds up another's deliveries (docs/WEBHOOKS.md, "Failing endpoints").
ALTER TABLE webhooks
  -- Failed attempts since the last success; any success sets it back to 0.
  ADD COLUMN consecutive_failures integer NOT NULL DEFAULT 0,
  -- No attempt to this endpoint before this moment: it backs off alone.
  ADD COLUMN backoff_until timestamptz,
  -- Set when the endpoint was paused after too many consecutive failures; an admin resumes it.
  ADD COLUMN paused_at timestamptz,
  ADD COLUMN last_success_at timestamptz,
  ADD COLUMN last_error text,
  ADD COLUMN last_error_at timestamptz;

-- The claim looks at each endpoint's own due deliveries, oldest first.
CREATE INDEX webhook_deliveries_endpoint_due
  ON webhook_deliveries (webhook_uid, next_attempt_at, id) WHERE status = 'pending';
