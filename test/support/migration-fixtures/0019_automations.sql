-- A time rule (disabled, so that the migrated server does not act on the fixture's tasks)
-- with its counters, and one firing of it.
INSERT INTO automations (org_uid, uid, name, enabled, trigger, kind, condition, actions,
  created_by, created_at, updated_at, fires_since, runs, last_run_at, skipped_loops)
VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000001901',
   'Warn before breach', false,
   '{"kind": "time", "anchor": "sla_due_at", "offset_minutes": -60}', 'time',
   '{"field": "status", "operator": "!=", "value": "DONE"}',
   '[{"type": "add_comment", "text": "An hour left"}, {"type": "set_field", "field": "urgent", "value": true}]',
   '00000000-0000-4000-8000-000000000101', '2024-09-01 00:00:00+00', '2024-09-01 00:00:00+00',
   '2024-09-01 00:00:00+00', 3, '2024-09-02 00:00:00+00', 1);

INSERT INTO automation_firings (org_uid, automation_uid, task_uid, moment, fired_at)
SELECT '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000001901', uid,
  '2024-09-02 00:00:00.123+00', '2024-09-02 00:00:01+00'
FROM tasks WHERE org_uid = '00000000-0000-4000-8000-000000000001' ORDER BY uid LIMIT 1;

