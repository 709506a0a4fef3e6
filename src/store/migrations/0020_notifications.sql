-- Up Migration

-- Where an organization's notifications go: a Slack incoming webhook, an SMTP server, or the
-- web app's bell. `settings` holds what may be shown (SMTP host, port, TLS mode, user, from,
-- recipients); `secret_sealed` what may not (the Slack webhook URL, the SMTP password),
-- sealed with the key ring (src/core/secrets) and listed in SEALED_COLUMNS. The health
-- columns work as the webhooks' (0009): a failing channel backs off and pauses alone.
CREATE TABLE notification_channels (
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  uid uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('slack', 'email', 'in_app')),
  name text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}',
  secret_sealed text,
  active boolean NOT NULL DEFAULT true,
  consecutive_failures integer NOT NULL DEFAULT 0,
  backoff_until timestamptz,
  paused_at timestamptz,
  last_success_at timestamptz,
  last_error text,
  last_error_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  updated_at timestamptz NOT NULL DEFAULT tessera_now(),
  PRIMARY KEY (org_uid, uid)
);

-- The outbox of Slack and email messages, written in the transaction of whatever raised the
-- notification; the dispatcher of any server process claims a row (SKIP LOCKED) and holds it
-- by lease while it sends, as webhook deliveries do.
CREATE TABLE notification_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uid uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  org_uid uuid NOT NULL,
  channel_uid uuid NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  task_uid uuid,
  -- Email: the addresses of the users named, when users were named; else the channel's own.
  recipients text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT tessera_now(),
  locked_until timestamptz,
  last_error text,
  finished_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  FOREIGN KEY (org_uid, channel_uid) REFERENCES notification_channels (org_uid, uid)
    ON DELETE CASCADE
);
CREATE INDEX notification_outbox_due ON notification_outbox (channel_uid, next_attempt_at, id)
  WHERE status = 'pending';
CREATE INDEX notification_outbox_finished ON notification_outbox (finished_at)
  WHERE status <> 'pending';

-- The web app's bell: one item per user.
CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uid uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  user_uid uuid NOT NULL REFERENCES users (uid) ON DELETE CASCADE,
  subject text NOT NULL,
  body text NOT NULL,
  task_uid uuid,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT tessera_now()
);
-- A user's items newest first, and their unread count.
CREATE INDEX notifications_user ON notifications (org_uid, user_uid, id);
CREATE INDEX notifications_unread ON notifications (org_uid, user_uid) WHERE read_at IS NULL;
-- Retention sweeps of read items.
CREATE INDEX notifications_read ON notifications (read_at) WHERE read_at IS NOT NULL;
