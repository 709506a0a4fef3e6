-- A queue change by a web session, with its before/after, and a failed sign-in.
INSERT INTO audit_events
  (org_uid, uid, occurred_at, actor_kind, actor_uid, token_uid, actor_email, action,
   object_kind, object_uid, object_name, request_id, ip, changes)
VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000001501',
   '2024-08-01 00:00:00+00', 'user', '00000000-0000-4000-8000-000000000101', NULL,
   'admin@fixture.test', 'queue.updated', 'queue', '00000000-0000-4000-8000-000000000501',
   'France', 'req-1', '127.0.0.1', '{"before": {"name": "Claims"}, "after": {"name": "France"}}'),
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000001502',
   '2024-08-02 00:00:00+00', 'anonymous', NULL, NULL, 'someone@example.com', 'auth.sign_in_failed',
   'user', NULL, NULL, 'req-2', '::1', '{}');
