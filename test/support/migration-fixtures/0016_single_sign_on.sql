-- The fixture organization signs in through a provider (its client secret,
-- sso-fixture-client-secret, sealed with the tests' key, test/support/secret-key.ts); one
-- session came through it.
INSERT INTO sso_settings
  (org_uid, issuer, client_id, client_secret_sealed, allowed_domains, role_claim, role_values,
   sso_required, break_glass_user_uid, created_at, updated_at)
VALUES
  ('00000000-0000-4000-8000-000000000001', 'https://idp.example.com/', 'tessera',
   'v1.cl80vgIB_U8j.G9dmN_Abeod9nEtm.yo6rozs669f1lz4LBODOQQ.yDMPvRJTeZV3QPrFZliyM-P2PxQeIbvidA',
   '{example.com}', 'groups',
   '{"admin": ["tessera-admins"], "operator": ["ops"], "viewer": []}', true,
   '00000000-0000-4000-8000-000000000101', '2024-08-01 00:00:00+00', '2024-08-01 00:00:00+00');
INSERT INTO sessions
  (org_uid, user_uid, secret_hash, csrf_token, expires_at, user_agent, ip, method)
VALUES
  ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000102',
   'fixture-sso-session', 'fixture-csrf', '2099-01-01 00:00:00+00', 'Mozilla/5.0', '203.0.113.7',
   'sso');
