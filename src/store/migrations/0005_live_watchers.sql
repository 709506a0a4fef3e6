-- Up Migration

-- Live updates without serialising commits. A transaction that sends NOTIFY takes a
-- database-wide lock from its commit until its WAL is flushed, so notifying on every task
-- write made all writing transactions commit one at a time. Now each server process records
-- which organizations its live clients watch, and history is only announced for those.
-- UNLOGGED: the rows are re-announced every 30 s, and losing them in a crash costs nothing.
CREATE UNLOGGED TABLE live_watchers (
  org_uid uuid NOT NULL,
  -- One server process ("<host>:<pid>:<random>").
  watcher text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (org_uid, watcher)
);

CREATE OR REPLACE FUNCTION tessera_notify_task_events() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  change record;
BEGIN
  FOR change IN
    SELECT org_uid, array_agg(DISTINCT task_uid) AS uids, array_agg(DISTINCT type) AS types
    FROM new_events e
    WHERE EXISTS (SELECT 1 FROM live_watchers w
                  WHERE w.org_uid = e.org_uid AND w.expires_at > now())
    GROUP BY org_uid
  LOOP
    PERFORM pg_notify('tessera_tasks', json_build_object(
      'org_uid', change.org_uid,
      'task_uids', CASE WHEN cardinality(change.uids) <= 100 THEN change.uids ELSE '{}' END,
      'types', change.types
    )::text);
  END LOOP;
  RETURN NULL;
END $$;
