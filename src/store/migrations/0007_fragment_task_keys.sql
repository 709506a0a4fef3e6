-- Up Migration

-- The rest of Fragment's task object: what its integrations send and read (issue 13).
-- Every added column has a constant default or none, so adding it rewrites no row.
ALTER TABLE tasks
  ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
  ADD COLUMN case_uid uuid,
  ADD COLUMN participants jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN form_data jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN review_status text,
  ADD COLUMN task_type text,
  ADD COLUMN external_id text,
  ADD COLUMN external_status text,
  ADD COLUMN external_status_updated_at timestamptz,
  ADD COLUMN external_assignee_uid text,
  ADD COLUMN external_created_at timestamptz,
  ADD COLUMN external_updated_at timestamptz,
  -- Kept by the trigger below, never by the application: non-archived sub-tasks, and those DONE.
  ADD COLUMN num_children integer NOT NULL DEFAULT 0,
  ADD COLUMN num_children_done integer NOT NULL DEFAULT 0;

-- List filters Fragment's clients use (?parent_uid=, ?case_uid=, ?tags=).
CREATE INDEX tasks_by_parent ON tasks (org_uid, parent_uid) WHERE parent_uid IS NOT NULL;
CREATE INDEX tasks_by_case ON tasks (org_uid, case_uid) WHERE case_uid IS NOT NULL;
CREATE INDEX tasks_tags ON tasks USING gin (tags);

-- Moves a child's weight between parents in the statement that writes the child, so the
-- counters are exact under any concurrency: each change is an increment under the parent's
-- row lock, which concurrent writers take in turn (READ COMMITTED re-reads the row). A
-- child counts when it has a parent and is not archived; it counts as done when DONE.
-- Updating a parent touches only its counters, which fire no trigger (see WHEN below).
CREATE FUNCTION tessera_count_children() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  old_parent uuid;
  old_n integer := 0;
  old_done integer := 0;
  new_n integer := 0;
  new_done integer := 0;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.parent_uid IS NOT NULL AND NOT OLD.archived THEN
    old_parent := OLD.parent_uid;
    old_n := 1;
    old_done := CASE WHEN OLD.status = 'DONE' THEN 1 ELSE 0 END;
  END IF;
  IF NEW.parent_uid IS NOT NULL AND NOT NEW.archived THEN
    new_n := 1;
    new_done := CASE WHEN NEW.status = 'DONE' THEN 1 ELSE 0 END;
  END IF;
  UPDATE tasks t SET num_children = t.num_children + d.n,
    num_children_done = t.num_children_done + d.done
  FROM (
    SELECT v.parent, sum(v.n)::integer AS n, sum(v.done)::integer AS done
    FROM (VALUES (old_parent, -old_n, -old_done), (NEW.parent_uid, new_n, new_done))
      AS v (parent, n, done)
    WHERE v.parent IS NOT NULL
    GROUP BY v.parent
    HAVING sum(v.n) <> 0 OR sum(v.done) <> 0
  ) d
  WHERE t.org_uid = NEW.org_uid AND t.uid = d.parent;
  RETURN NULL;
END
$$;

CREATE TRIGGER tasks_count_children_insert AFTER INSERT ON tasks
  FOR EACH ROW WHEN (NEW.parent_uid IS NOT NULL)
  EXECUTE FUNCTION tessera_count_children();
CREATE TRIGGER tasks_count_children_update AFTER UPDATE OF parent_uid, status, archived ON tasks
  FOR EACH ROW WHEN (OLD.parent_uid IS DISTINCT FROM NEW.parent_uid
    OR (NEW.parent_uid IS NOT NULL
      AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.archived IS DISTINCT FROM NEW.archived)))
  EXECUTE FUNCTION tessera_count_children();

-- Counters of the sub-tasks that exist already.
UPDATE tasks p SET num_children = c.n, num_children_done = c.done
FROM (
  SELECT org_uid, parent_uid, count(*)::integer AS n,
    count(*) FILTER (WHERE status = 'DONE')::integer AS done
  FROM tasks WHERE parent_uid IS NOT NULL AND NOT archived
  GROUP BY org_uid, parent_uid
) c
WHERE p.org_uid = c.org_uid AND p.uid = c.parent_uid;
