-- A task with accents and punctuation in its fields: search folds them (`muller`, `zx 81`).
INSERT INTO tasks (org_uid, uid, status, fields, due_at, created_at, updated_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000001101', 'TODO',
   '{"title": "Café Müller: espresso machine broken", "ref": "ZX-81"}', '2030-11-01 00:00:00+00',
   '2024-06-01 00:00:00+00', '2024-06-01 00:00:00+00');
