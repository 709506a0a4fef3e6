-- A queued job of a change, as the merging trigger writes it (with its transaction), beside
-- which the jobs queued before the migration keep a null one.
INSERT INTO automation_jobs (org_uid, task_uid, event_types, depth, xact)
SELECT '00000000-0000-4000-8000-000000000001', uid, ARRAY['assigned', 'fields_changed'], 1, 2101
FROM tasks WHERE org_uid = '00000000-0000-4000-8000-000000000001' ORDER BY uid LIMIT 1;
