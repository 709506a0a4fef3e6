-- Up Migration

-- Web sign-in: a password per user (scrypt, see src/core/auth/passwords.ts) and sessions.
ALTER TABLE users ADD COLUMN password_hash text;

CREATE TABLE sessions (
  uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  user_uid uuid NOT NULL REFERENCES users (uid),
  -- The cookie holds the raw session secret; only its SHA-256 is stored.
  secret_hash text NOT NULL UNIQUE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  last_seen_at timestamptz NOT NULL DEFAULT tessera_now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_uid);

-- Live updates: every statement that records task history tells listening server processes
-- which tasks of which organization changed (LISTEN tessera_tasks). Large batches send no
-- uids, only that something changed, to stay under NOTIFY's 8,000-byte payload limit.
CREATE FUNCTION tessera_notify_task_events() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  change record;
BEGIN
  FOR change IN
    SELECT org_uid, array_agg(DISTINCT task_uid) AS uids, array_agg(DISTINCT type) AS types
    FROM new_events GROUP BY org_uid
  LOOP
    PERFORM pg_notify('tessera_tasks', json_build_object(
      'org_uid', change.org_uid,
      'task_uids', CASE WHEN cardinality(change.uids) <= 100 THEN change.uids ELSE '{}' END,
      'types', change.types
    )::text);
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER task_events_notify AFTER INSERT ON task_events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION tessera_notify_task_events();
