-- A named calendar, a queue whose business-hours policy uses it, and a task with its deadlines.
INSERT INTO calendars (org_uid, uid, name, calendar, created_at, updated_at)
VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000001701',
   'Montréal',
   '{"time_zone": "America/Montreal", "weekly_hours": {"mon": [{"start": "09:00", "end": "17:00"}], "tue": [], "wed": [], "thu": [], "fri": [], "sat": [], "sun": []}, "holidays": ["2024-12-25"]}',
   '2024-08-01 00:00:00+00', '2024-08-01 00:00:00+00');

UPDATE queues SET sla_policy =
  '{"clock": "business", "calendar_uid": "00000000-0000-4000-8000-000000001701", "first_response_minutes": 60, "resolution_minutes": 480, "pause": {"while_snoozed": true}}'
WHERE org_uid = '00000000-0000-4000-8000-000000000001'
  AND uid = (SELECT uid FROM queues WHERE org_uid = '00000000-0000-4000-8000-000000000001'
             ORDER BY position, uid LIMIT 1);

UPDATE tasks SET
  first_response_due_at = '2024-08-05 14:00:00.123+00',
  resolution_due_at = '2024-08-12 17:00:00.123+00',
  sla_due_at = '2024-08-05 14:00:00.123+00',
  sla_paused_ms = 3600000
WHERE org_uid = '00000000-0000-4000-8000-000000000001'
  AND uid = (SELECT uid FROM tasks WHERE org_uid = '00000000-0000-4000-8000-000000000001'
             ORDER BY uid LIMIT 1);
