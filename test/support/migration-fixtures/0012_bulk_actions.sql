-- A bulk action by a filter, half walked, that set a field on one task: its undo record.
INSERT INTO bulk_actions
  (org_uid, uid, actor_uid, request, position, finished, processed, changed, unchanged,
   created_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000901',
   '00000000-0000-4000-8000-000000000101',
   '{"filter": {"country": "FR"}, "action": {"type": "set_field", "key": "country", "value": "BE"}}',
   '00000000-0000-4000-8000-000000000301', false, 1, 1, 0, '2024-06-02 00:00:00+00');

INSERT INTO bulk_action_tasks (org_uid, bulk_uid, task_uid, before, updated_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000901',
   '00000000-0000-4000-8000-000000000301', '{"fields": {"country": ["FR"]}}',
   '2024-06-02 00:00:00.123+00');
