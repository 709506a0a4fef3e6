-- A webhook made after 0014: its secret sealed (whsec_fixture_sealed, with the tests' key,
-- test/support/secret-key.ts), the plain column empty. The webhooks of 0003 keep their plain
-- secrets until a server starts and seals them.
INSERT INTO webhooks
  (org_uid, uid, url, description, events, active, secret, secret_sealed, created_at,
   updated_at) VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000001401',
   'https://example.invalid/sealed', 'Sealed', '{task.created}', false, NULL,
   'v1.cl80vgIB_U8j.ww2xZrDnAj2d8A0z.nBlStTa4zWCQtgxqhhgJXw.HqysFosK6fahd6U8TWxBgV5PSoA',
   '2024-08-01 00:00:00+00', '2024-08-01 00:00:00+00');
