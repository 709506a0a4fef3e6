-- A shared, pinned view with a filter, columns and a sort, and a private one.
INSERT INTO views
  (org_uid, uid, owner_uid, name, filter, columns, sort, shared, pinned, created_at, updated_at)
VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000001301',
   '00000000-0000-4000-8000-000000000101', 'French claims',
   '{"country": ["FR"], "status": "TODO,STARTED", "q": "claim"}',
   '[{"key": "fields.title", "width": 320}, {"key": "queue_name"}]', '-created_at', true, true,
   '2024-07-01 00:00:00+00', '2024-07-01 00:00:00+00'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000001302',
   '00000000-0000-4000-8000-000000000102', 'Mine', '{}', '[]', NULL, false, false,
   '2024-07-02 00:00:00+00', '2024-07-02 00:00:00+00');
