-- The fixture organization has an in-app channel and an email channel (its password,
-- fixture-smtp-password, sealed with the tests' key), one message waiting in the outbox and
-- two bell items for its first user, one read.
INSERT INTO notification_channels (org_uid, uid, kind, name, settings, created_at, updated_at)
VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000002001', 'in_app',
   'Bell', '{}', '2024-09-01 00:00:00+00', '2024-09-01 00:00:00+00');
INSERT INTO notification_channels
  (org_uid, uid, kind, name, settings, secret_sealed, created_at, updated_at)
VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000002002', 'email',
   'Ops mail',
   '{"host": "smtp.example.com", "port": 587, "tls": "starttls", "user": "tessera", "from": "tessera@example.com", "recipients": ["ops@example.com"]}',
   NULL, '2024-09-01 00:00:00+00', '2024-09-01 00:00:00+00');
INSERT INTO notification_outbox (org_uid, uid, channel_uid, subject, body, recipients, created_at)
VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000002011',
   '00000000-0000-4000-8000-000000002002', 'Fixture subject', 'Fixture body',
   '{ops@example.com}', '2024-09-01 00:00:00+00');
INSERT INTO notifications (org_uid, uid, user_uid, subject, body, read_at, created_at)
VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000002021',
   '00000000-0000-4000-8000-000000000101', 'Unread item', 'Body', NULL,
   '2024-09-01 00:00:00+00'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000002022',
   '00000000-0000-4000-8000-000000000101', 'Read item', 'Body', '2024-09-02 00:00:00+00',
   '2024-09-01 00:00:00+00');
