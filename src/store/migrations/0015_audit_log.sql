-- Up Migration

-- The audit log (issue 16): who changed the organization's configuration and people, when,
-- from which request, and the before/after of what changed (secrets redacted before they get
-- here). Written by the use cases in the transaction of the change itself.
CREATE TABLE audit_events (
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  -- Time-ordered (UUID v7) as the app writes it: entries of one millisecond keep their order.
  uid uuid NOT NULL DEFAULT gen_random_uuid(),
  occurred_at timestamptz NOT NULL DEFAULT tessera_now(),
  -- user: a web session; token: an API token; cli: the tessera command on the database;
  -- anonymous: nobody signed in (a failed sign-in); system: the server itself.
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'token', 'cli', 'anonymous', 'system')),
  -- No foreign keys to users or tokens: an entry outlives whatever it names.
  actor_uid uuid,
  token_uid uuid,
  -- The actor's email as it was then, or the email a failed sign-in tried.
  actor_email text,
  action text NOT NULL,
  object_kind text NOT NULL,
  object_uid text,
  -- What the object was called then (a queue's name, a user's email), for people reading.
  object_name text,
  request_id text,
  ip text,
  changes jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (org_uid, uid)
);

-- GET /audit reads newest first, keyset by (occurred_at, uid) like GET /tasks; the other
-- filters narrow an organization's entries.
CREATE INDEX audit_events_by_time ON audit_events (org_uid, occurred_at DESC, uid DESC);
CREATE INDEX audit_events_by_object ON audit_events (org_uid, object_uid, occurred_at DESC);
CREATE INDEX audit_events_by_actor ON audit_events (org_uid, actor_uid, occurred_at DESC);

-- Append-only in the database too: no UPDATE ever, and DELETE only by the retention prune,
-- which says so for its own transaction (SET LOCAL tessera.audit_prune = 'on'). A restore
-- turns user triggers off while it inserts, which is all it does here.
CREATE FUNCTION audit_events_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('tessera.audit_prune', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_events_append_only
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
