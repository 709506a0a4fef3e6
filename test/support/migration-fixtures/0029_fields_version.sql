-- 0029 gives each organization a fields version, moved on by any change to its field
-- definitions, forms or queues' forms: a third definition added after it moves the fixture's
-- on, and both the definition and the version must stay as written.
INSERT INTO field_definitions
  (org_uid, uid, key, label, type, options, currency, help_text, required_for_completion,
   shown_in_backlog, position, created_at, updated_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000002901', 'reviewer',
   'Reviewer', 'text', NULL, NULL, '', false, false, 2,
   '2024-12-01 00:00:00+00', '2024-12-01 00:00:00+00');
