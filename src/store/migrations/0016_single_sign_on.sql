-- Up Migration

-- OpenID Connect single sign-on, one provider per organization (docs/SSO.md). The client
-- secret is kept sealed (src/core/secrets), never in clear and never returned by the API.
CREATE TABLE sso_settings (
  org_uid uuid PRIMARY KEY REFERENCES organizations (uid),
  issuer text NOT NULL,
  client_id text NOT NULL,
  client_secret_sealed text NOT NULL,
  scopes text[] NOT NULL DEFAULT '{openid,email,profile}',
  -- Lower-case domains; a user's email must end in one of them.
  allowed_domains text[] NOT NULL,
  -- The claim read for the role (`groups`, or a custom one) and, per role, the claim values
  -- that give it: {"admin": ["tessera-admins"], "operator": […], "viewer": […]}.
  role_claim text NOT NULL,
  role_values jsonb NOT NULL,
  -- Password sign-in refused for everyone but the break-glass super admin.
  sso_required boolean NOT NULL DEFAULT false,
  break_glass_user_uid uuid REFERENCES users (uid),
  created_at timestamptz NOT NULL DEFAULT tessera_now(),
  updated_at timestamptz NOT NULL DEFAULT tessera_now(),
  CHECK (NOT sso_required OR break_glass_user_uid IS NOT NULL)
);
CREATE INDEX sso_settings_domains ON sso_settings USING gin (allowed_domains);

-- Sign-ins under way: written when the browser leaves for the provider, consumed (deleted)
-- by the callback, so a `state` works once, on any server process, within its lifetime.
-- Only hashes of `state` and of the browser-binding cookie are kept.
CREATE TABLE sso_logins (
  state_hash text PRIMARY KEY,
  org_uid uuid NOT NULL REFERENCES organizations (uid),
  browser_hash text NOT NULL,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  redirect_uri text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sso_logins_expiry ON sso_logins (expires_at);

-- What a user sees of their sessions: where each was opened from.
ALTER TABLE sessions ADD COLUMN user_agent text;
ALTER TABLE sessions ADD COLUMN ip text;
ALTER TABLE sessions ADD COLUMN method text NOT NULL DEFAULT 'password'
  CHECK (method IN ('password', 'sso'));
