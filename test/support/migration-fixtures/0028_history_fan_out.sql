-- 0028 replaces the history's three triggers with one: a history entry written after it, of
-- a type the fixture's active webhook subscribes to, queues its delivery through the new one.
INSERT INTO task_events (org_uid, task_uid, type, actor_uid, data, created_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000002601',
   'fields_changed', NULL, '{"fields": {"claim": "AB-13"}}', '2024-11-04 00:00:00+00');
