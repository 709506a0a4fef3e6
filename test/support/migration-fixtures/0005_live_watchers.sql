-- A server process watching the organization for live updates.
INSERT INTO live_watchers (org_uid, watcher, expires_at) VALUES
  ('00000000-0000-4000-8000-000000000001', 'fixture-host:1234:abcd', '2030-01-01 00:00:00+00');
