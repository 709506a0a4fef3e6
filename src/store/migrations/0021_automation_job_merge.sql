-- Up Migration

-- One job per task, depth and transaction (issue 15: the loop bound). Before, every
-- statement that wrote history queued a job of its own: a rule with two actions, or two
-- rules acting on one task in one job, queued two jobs one level deeper, each running the
-- rules again, so the work doubled at every level (two rules re-triggering each other ran
-- 14 times before the depth bound held them, not 6). Now the statements of one transaction
-- merge into one job per task and depth, whose event types are the union of theirs.
ALTER TABLE automation_jobs ADD COLUMN xact bigint;
-- Rows queued before this migration have none and stay separate (NULLs never conflict).
CREATE UNIQUE INDEX automation_jobs_one_per_change
  ON automation_jobs (org_uid, task_uid, depth, xact);

CREATE OR REPLACE FUNCTION tessera_enqueue_automation_jobs() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO automation_jobs (org_uid, task_uid, event_types, depth, xact)
  SELECT e.org_uid, e.task_uid, array_agg(DISTINCT e.type ORDER BY e.type),
    coalesce(nullif(current_setting('tessera.automation_depth', true), '')::integer + 1, 0),
    txid_current()
  FROM new_events e
  WHERE EXISTS (
    SELECT 1 FROM automations a WHERE a.kind = 'event' AND a.enabled AND a.org_uid = e.org_uid
  )
  GROUP BY e.org_uid, e.task_uid
  ON CONFLICT (org_uid, task_uid, depth, xact) DO UPDATE SET event_types = ARRAY(
    SELECT DISTINCT t FROM unnest(automation_jobs.event_types || EXCLUDED.event_types) AS t
    ORDER BY t
  );
  RETURN NULL;
END
$$;
