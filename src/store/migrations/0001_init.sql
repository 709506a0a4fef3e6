-- Up Migration

-- Timestamps are kept at millisecond precision so that every value the API prints
-- (JavaScript Date, ISO 8601 with milliseconds) round-trips exactly, which keyset
-- pagination cursors rely on.
CREATE FUNCTION tessera_now() RETURNS timestamptz
  LANGUAGE sql STABLE AS $$ SELECT date_trunc('milliseconds', statement_timestamp()) $$;

CREATE TABLE organizations (
  uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT tessera_now()
);

CREATE TABLE users (
  uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('super_admin', 'admin', 'operator', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  UNIQUE (org_uid, email)
);

CREATE TABLE api_tokens (
  uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  user_uid uuid NOT NULL REFERENCES users (uid),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('super_admin', 'admin', 'operator', 'viewer')),
  token_hash text NOT NULL UNIQUE,
  last4 text NOT NULL,
  rate_limit_per_minute integer CHECK (rate_limit_per_minute > 0),
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_org ON api_tokens (org_uid, created_at);

CREATE TABLE tasks (
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  uid uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('TODO', 'STARTED', 'DONE')),
  archived boolean NOT NULL DEFAULT false,
  fields jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'object'),
  due_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  updated_at timestamptz NOT NULL DEFAULT tessera_now(),
  started_at timestamptz,
  done_at timestamptz,
  snooze_expires_at timestamptz,
  queue_uid uuid,
  assignee_uid uuid,
  skills text[] NOT NULL DEFAULT '{}',
  parent_uid uuid,
  PRIMARY KEY (org_uid, uid)
);
-- One btree per sortable key: a page of the list is an index range scan, whatever the sort.
CREATE INDEX tasks_by_due ON tasks (org_uid, archived, due_at, uid);
CREATE INDEX tasks_by_created ON tasks (org_uid, archived, created_at, uid);
CREATE INDEX tasks_by_updated ON tasks (org_uid, archived, updated_at, uid);
-- Ad-hoc custom-field equality filters (?country=FR) compile to `fields @> …`.
CREATE INDEX tasks_fields ON tasks USING gin (fields jsonb_path_ops);

CREATE TABLE task_comments (
  uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_uid uuid NOT NULL,
  task_uid uuid NOT NULL,
  author_uid uuid NOT NULL REFERENCES users (uid),
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  FOREIGN KEY (org_uid, task_uid) REFERENCES tasks (org_uid, uid)
);
CREATE INDEX task_comments_by_task ON task_comments (org_uid, task_uid, created_at);

-- Counters for the shared rate limiter. UNLOGGED: they are worthless after a crash,
-- and a transaction that writes only unlogged rows commits without waiting for fsync.
CREATE UNLOGGED TABLE rate_limit_hits (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (key, window_start)
);
