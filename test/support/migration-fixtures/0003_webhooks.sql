-- Webhooks, a finished delivery, and history written while a webhook listens (the trigger
-- queues its delivery). The receiver address refuses connections: deliveries stay pending.
INSERT INTO webhooks
  (org_uid, uid, url, description, events, active, secret, created_at, updated_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000601',
   'http://127.0.0.1:9/hooks', 'ERP', '{task.created,task.updated,task.completed}', true,
   'whsec_fixture_1', '2024-04-01 00:00:00+00', '2024-04-01 00:00:00+00'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000602',
   'https://example.invalid/paused', '', '{task.assigned}', false, 'whsec_fixture_2',
   '2024-04-01 00:00:01+00', '2024-04-02 00:00:00+00');

INSERT INTO webhook_deliveries
  (uid, org_uid, webhook_uid, task_uid, event_id, event_type, type, actor_uid, info, task,
   occurred_at, status, attempts, next_attempt_at, last_attempt_at, last_response_status,
   finished_at, created_at) VALUES
  ('00000000-0000-4000-8000-000000000701', '00000000-0000-4000-8000-000000000001',
   '00000000-0000-4000-8000-000000000601', '00000000-0000-4000-8000-000000000303', 5,
   'completed', 'task.completed', '00000000-0000-4000-8000-000000000101', '{}',
   '{"uid": "00000000-0000-4000-8000-000000000303", "status": "DONE"}',
   '2024-03-04 10:00:00+00', 'delivered', 2, NULL, '2024-04-01 00:00:02+00', 200,
   '2024-04-01 00:00:02+00', '2024-04-01 00:00:00+00');

INSERT INTO task_events (org_uid, task_uid, type, actor_uid, data, created_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000304',
   'fields_changed', '00000000-0000-4000-8000-000000000101',
   '{"changed": {"country": "IT"}}', '2024-04-02 00:00:00+00');
