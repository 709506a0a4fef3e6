-- Settings and a calendar, skills, queues with routing and SLAs, history, a player session.
UPDATE organizations
SET settings = '{"skip_mode": "snooze", "snooze_minutes": 30, "allow_parallel_tasks": false}',
    calendar = '{"time_zone": "Europe/Paris", "holidays": ["2030-12-25"], "weekly_hours": {
      "mon": [{"start": "09:00", "end": "18:00"}], "tue": [{"start": "09:00", "end": "18:00"}],
      "wed": [{"start": "09:00", "end": "12:00"}, {"start": "13:00", "end": "18:00"}],
      "thu": [{"start": "09:00", "end": "18:00"}], "fri": [{"start": "09:00", "end": "17:00"}],
      "sat": [], "sun": []}}'
WHERE uid = '00000000-0000-4000-8000-000000000001';

UPDATE users SET skills = '{fr,de}' WHERE uid = '00000000-0000-4000-8000-000000000102';
UPDATE users SET active = false WHERE uid = '00000000-0000-4000-8000-000000000103';

INSERT INTO queues
  (org_uid, uid, name, description, position, condition, skills, sla_policy, priority,
   created_at, updated_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000501', 'France',
   'French claims', 0,
   '{"combinator": "and", "conditions": [{"field": "country", "operator": "==", "value": "FR"}]}',
   '{fr}', '{"resolution_minutes": 240}', NULL,
   '2024-03-10 00:00:00+00', '2024-03-10 00:00:00+00'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000502', 'Germany', '',
   1,
   '{"combinator": "and", "conditions": [{"field": "country", "operator": "==", "value": "DE"}]}',
   '{}', NULL, '[{"field": "amount", "direction": "descending"}]',
   '2024-03-10 00:00:01+00', '2024-03-10 00:00:01+00');

UPDATE tasks
SET queue_uid = '00000000-0000-4000-8000-000000000501', queued_at = '2024-03-10 00:00:00+00',
    sla_breach_at = '2024-03-01 14:00:00.123+00',
    sla_breach_business_at = '2024-03-01 14:00:00.123+00'
WHERE uid = '00000000-0000-4000-8000-000000000301';

UPDATE tasks
SET queue_uid = '00000000-0000-4000-8000-000000000502', queued_at = '2024-03-10 00:00:01+00',
    assignee_updated_by = '00000000-0000-4000-8000-000000000102',
    assigned_at = '2024-03-10 01:00:00+00', played_at = '2024-03-10 01:00:00+00',
    work_started_at = '2024-03-10 01:00:00+00', work_ms = 3600000, work_business_ms = 1800000
WHERE uid = '00000000-0000-4000-8000-000000000302';

INSERT INTO tasks
  (org_uid, uid, status, fields, due_at, created_at, updated_at, queue_uid, queued_at,
   queue_updated_by) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000304', 'TODO',
   '{"title": "Routed by hand", "country": "IT"}', '2030-07-01 00:00:00+00',
   '2024-03-11 00:00:00+00', '2024-03-11 00:00:00+00', '00000000-0000-4000-8000-000000000502',
   '2024-03-11 00:00:00+00', '00000000-0000-4000-8000-000000000101');

INSERT INTO task_events (org_uid, task_uid, type, actor_uid, data, created_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000301', 'created',
   '00000000-0000-4000-8000-000000000101', '{}', '2024-03-01 10:00:00.123+00'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000301', 'routed',
   NULL, '{"queue_uid": "00000000-0000-4000-8000-000000000501", "previous": null}',
   '2024-03-10 00:00:00+00'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000302', 'assigned',
   '00000000-0000-4000-8000-000000000102',
   '{"assignee_uid": "00000000-0000-4000-8000-000000000102"}', '2024-03-10 01:00:00+00'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000302', 'started',
   '00000000-0000-4000-8000-000000000102', '{}', '2024-03-10 01:00:00+00'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000303', 'completed',
   '00000000-0000-4000-8000-000000000101', '{"note": null}', '2024-03-04 10:00:00+00');

INSERT INTO player_sessions (org_uid, user_uid, queue_uids, started_at, completed) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000102',
   '{00000000-0000-4000-8000-000000000502}', '2024-03-10 00:59:00+00', 3);
