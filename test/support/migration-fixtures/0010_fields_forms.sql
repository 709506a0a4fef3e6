-- Two field definitions (one a select), a form using them, the French queue completed
-- through it, and a task last completed with it.
INSERT INTO field_definitions
  (org_uid, uid, key, label, type, options, currency, help_text, required_for_completion,
   shown_in_backlog, position, created_at, updated_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000701', 'amount',
   'Amount', 'money', NULL, 'EUR', 'Claimed, taxes included', false, true, 0,
   '2024-06-01 00:00:00+00', '2024-06-01 00:00:00+00'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000702', 'decision',
   'Decision', 'single_select',
   '[{"value": "accept", "label": "Accept"}, {"value": "refuse", "label": "Refuse"}]', NULL, '',
   true, false, 1, '2024-06-01 00:00:01+00', '2024-06-01 00:00:01+00');

INSERT INTO forms
  (org_uid, uid, name, description, task_type, sections, created_at, updated_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000801',
   'Claim review', 'Before closing a claim', 'claim',
   '[{"title": "Outcome", "help_text": "", "items": [{"key": "decision", "required": true},
     {"key": "amount", "required": false, "help_text": "As paid"}]}]',
   '2024-06-01 00:00:02+00', '2024-06-01 00:00:02+00');

UPDATE queues SET form_uid = '00000000-0000-4000-8000-000000000801'
WHERE org_uid = '00000000-0000-4000-8000-000000000001'
  AND uid = '00000000-0000-4000-8000-000000000501';

UPDATE tasks SET metadata_form_uid = '00000000-0000-4000-8000-000000000801',
  form_data = '{"decision": "accept"}'
WHERE org_uid = '00000000-0000-4000-8000-000000000001'
  AND uid = '00000000-0000-4000-8000-000000000302';
