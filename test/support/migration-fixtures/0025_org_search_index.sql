-- 0025 rebuilds the search index with org_uid first: a task of the fixture organization
-- written after it, whose title the index holds.
INSERT INTO tasks (org_uid, uid, status, fields, due_at, created_at, updated_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000002501', 'TODO',
   '{"title": "Searchable by organization"}', '2030-12-02 00:00:00+00',
   '2024-11-02 00:00:00+00', '2024-11-02 00:00:00+00');
