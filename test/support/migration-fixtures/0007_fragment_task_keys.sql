-- Fragment's remaining task keys, and a parent whose sub-task counters the trigger keeps:
-- two counted children (one DONE) and an archived one that does not count.
INSERT INTO tasks
  (org_uid, uid, status, fields, due_at, created_at, updated_at, tags, case_uid, participants,
   form_data, review_status, task_type, external_id, external_status,
   external_status_updated_at, external_assignee_uid, external_created_at,
   external_updated_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000701', 'TODO',
   '{"title": "Case parent"}', '2030-08-01 00:00:00+00', '2024-04-01 00:00:00+00',
   '2024-04-01 00:00:00+00', '{vip,"with space"}', '00000000-0000-4000-8000-000000000799',
   '{"watchers": ["a@fixture.test"]}', '{"answer": 42}', 'pending', 'kyc', 'HS-1', 'open',
   '2024-04-01 00:00:00+00', 'hubspot-7', '2024-03-31 00:00:00+00', '2024-03-31 12:00:00+00');

INSERT INTO tasks
  (org_uid, uid, status, archived, fields, due_at, created_at, updated_at, done_at,
   parent_uid, case_uid) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000702', 'DONE', false,
   '{"title": "Child done"}', '2030-08-02 00:00:00+00', '2024-04-02 00:00:00+00',
   '2024-04-02 00:00:00+00', '2024-04-02 00:00:00+00', '00000000-0000-4000-8000-000000000701',
   '00000000-0000-4000-8000-000000000799'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000703', 'TODO', false,
   '{"title": "Child open"}', '2030-08-03 00:00:00+00', '2024-04-03 00:00:00+00',
   '2024-04-03 00:00:00+00', NULL, '00000000-0000-4000-8000-000000000701', NULL),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000704', 'TODO', true,
   '{"title": "Child archived"}', '2030-08-04 00:00:00+00', '2024-04-04 00:00:00+00',
   '2024-04-04 00:00:00+00', NULL, '00000000-0000-4000-8000-000000000701', NULL);
