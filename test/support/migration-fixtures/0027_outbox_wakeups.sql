-- 0027 adds triggers only (an insert into an outbox announces itself to the servers' loops):
-- one more message queued for the fixture's email channel fires one, and must stay as written.
INSERT INTO notification_outbox (org_uid, uid, channel_uid, subject, body, recipients, created_at)
VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000002012',
   '00000000-0000-4000-8000-000000002002', 'Queued after 0027', 'Fixture body',
   '{ops@example.com}', '2024-09-03 00:00:00+00');
