-- 0024 rebuilds the field and tag indexes with org_uid first: a task of the fixture
-- organization written after it, with a custom field and tags those indexes hold.
INSERT INTO tasks (org_uid, uid, status, fields, due_at, created_at, updated_at, tags) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000002401', 'TODO',
   '{"title": "Indexed by organization", "country": "FR"}', '2030-12-01 00:00:00+00',
   '2024-11-01 00:00:00+00', '2024-11-01 00:00:00+00', '{vip,per-org}');
