-- 0030 shortens the pending lists of the field, tag and search indexes: a task of the fixture
-- organization written after it, with a custom field, tags and a title those indexes hold.
INSERT INTO tasks (org_uid, uid, status, fields, due_at, created_at, updated_at, tags) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000003001', 'TODO',
   '{"title": "Written after the short pending lists", "country": "DE"}',
   '2030-12-03 00:00:00+00', '2024-11-03 00:00:00+00', '2024-11-03 00:00:00+00', '{per-org}');
