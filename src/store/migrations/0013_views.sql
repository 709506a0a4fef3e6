-- Up Migration

-- Saved views of the backlog (issue 14): a filter, columns and a sort, private to their
-- owner or shared with the organization, optionally pinned in the sidebar.
CREATE TABLE views (
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  uid uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_uid uuid NOT NULL REFERENCES users (uid),
  name text NOT NULL,
  filter jsonb NOT NULL DEFAULT '{}',
  columns jsonb NOT NULL DEFAULT '[]',
  sort text,
  shared boolean NOT NULL DEFAULT false,
  pinned boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  updated_at timestamptz NOT NULL DEFAULT tessera_now(),
  PRIMARY KEY (org_uid, uid)
);

-- What GET /views reads: the caller's own views and the organization's shared ones.
CREATE INDEX views_by_owner ON views (org_uid, owner_uid);
CREATE INDEX views_shared ON views (org_uid) WHERE shared;
