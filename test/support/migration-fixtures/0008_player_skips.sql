-- An operator who skipped a task in their session.
INSERT INTO player_skips (org_uid, user_uid, task_uid, skipped_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000102',
   '00000000-0000-4000-8000-000000000301', '2024-03-10 02:00:00+00');
