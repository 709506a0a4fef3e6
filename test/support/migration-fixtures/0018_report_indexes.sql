-- Indexes only; rows a report reads through them: a task completed by an operator after
-- some work, and a skip of it with its reason.
INSERT INTO tasks
  (org_uid, uid, status, fields, due_at, created_at, updated_at, done_at, assignee_uid,
   work_ms, work_business_ms) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000001801', 'DONE',
   '{"title": "Reported"}', '2030-09-01 00:00:00+00', '2024-09-02 08:00:00.123+00',
   '2024-09-02 10:00:00.456+00', '2024-09-02 10:00:00.456+00',
   '00000000-0000-4000-8000-000000000102', 600000, 540000);

INSERT INTO task_events (org_uid, task_uid, type, actor_uid, data, created_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000001801', 'skipped',
   '00000000-0000-4000-8000-000000000101', '{"reason": "Customer unreachable"}',
   '2024-09-02 09:00:00.789+00');
