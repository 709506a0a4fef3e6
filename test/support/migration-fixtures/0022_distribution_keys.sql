-- Rows written through the keys 0022 rebuilt: a bell item and a comment of the fixture's own
-- user (the foreign keys to users now name the organization), and a token of the neighbour
-- organization (its hash is unique with the organization).
INSERT INTO notifications (org_uid, uid, user_uid, subject, body, created_at)
VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000002201',
   '00000000-0000-4000-8000-000000000102', 'Keyed by organization', 'Body',
   '2024-10-01 00:00:00+00');
INSERT INTO task_comments (uid, org_uid, task_uid, author_uid, text, created_at)
VALUES
  ('00000000-0000-4000-8000-000000002202', '00000000-0000-4000-8000-000000000001',
   '00000000-0000-4000-8000-000000000301', '00000000-0000-4000-8000-000000000102',
   'Written after 0022.', '2024-10-01 00:00:01+00');
INSERT INTO api_tokens (uid, org_uid, user_uid, name, role, token_hash, last4, created_at)
VALUES
  ('00000000-0000-4000-8000-000000002203', '00000000-0000-4000-8000-000000000002',
   '00000000-0000-4000-8000-000000000103', 'neighbour ci', 'admin', 'fixture-hash-2203', 'Nn22',
   '2024-10-01 00:00:00+00');
