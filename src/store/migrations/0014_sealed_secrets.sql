-- Up Migration

-- Webhook signing secrets are kept sealed (AES-256-GCM with a key from the configuration,
-- src/core/secrets): `v1.<kid>.<iv>.<tag>.<ciphertext>`. SQL cannot seal them with that key,
-- so the plain `secret` of existing webhooks stays until a server starts: right after its
-- migrations it seals each one into `secret_sealed` and empties `secret`, in one transaction
-- (src/app/sealed-secrets.ts). New webhooks are written sealed. Exactly one of the two is set.
ALTER TABLE webhooks ADD COLUMN secret_sealed text;
ALTER TABLE webhooks ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE webhooks ADD CONSTRAINT webhooks_one_secret
  CHECK ((secret IS NULL) <> (secret_sealed IS NULL));
COMMENT ON COLUMN webhooks.secret IS
  'The plain secret of a webhook made before 0014, until a server seals it at start-up.';
