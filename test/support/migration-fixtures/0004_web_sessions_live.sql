-- A password and a web session.
UPDATE users
SET password_hash = 'scrypt$16384$8$1$c2FsdA$aGFzaA'
WHERE uid = '00000000-0000-4000-8000-000000000101';

INSERT INTO sessions
  (uid, org_uid, user_uid, secret_hash, csrf_token, created_at, last_seen_at, expires_at) VALUES
  ('00000000-0000-4000-8000-000000000801', '00000000-0000-4000-8000-000000000001',
   '00000000-0000-4000-8000-000000000101', 'fixture-session-hash', 'fixture-csrf',
   '2024-05-01 00:00:00+00', '2024-05-02 00:00:00+00', '2030-05-01 00:00:00+00');

INSERT INTO task_comments (uid, org_uid, task_uid, author_uid, text, created_at) VALUES
  ('00000000-0000-4000-8000-000000000403', '00000000-0000-4000-8000-000000000001',
   '00000000-0000-4000-8000-000000000302', '00000000-0000-4000-8000-000000000101',
   'Signed in from the web app.', '2024-05-01 00:01:00+00');
