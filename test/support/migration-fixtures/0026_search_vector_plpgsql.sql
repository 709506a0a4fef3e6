-- 0026 rewrites the functions that make a task's search vector: a task written after it,
-- with an accented title and punctuated fields, whose vector the new functions make.
INSERT INTO tasks (org_uid, uid, status, fields, due_at, created_at, updated_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000002601', 'TODO',
   '{"title": "Réclamation de Zoë", "claim": "AB-12", "email": "zoe@example.com"}',
   '2030-12-03 00:00:00+00', '2024-11-03 00:00:00+00', '2024-11-03 00:00:00+00');
