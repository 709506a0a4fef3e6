-- Up Migration

-- Every server process keeps the tokens it has seen and their organizations' rules in memory
-- (src/server/auth-cache.ts), so that a request needs no round trip before its real work.
-- These triggers tell every process, in the transaction that changes them, what to forget:
-- NOTIFY is delivered at commit, to every listening session, in commit order. Only the
-- columns a cached entry carries notify: `last_used_at`, written in batches, must not.
-- Payloads: `token:<uid>`, `user:<uid>`, `org:<uid>` (the organization's rules or name).
CREATE FUNCTION tessera_notify_auth() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  row record;
BEGIN
  row := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  IF TG_TABLE_NAME = 'api_tokens' THEN
    PERFORM pg_notify('tessera_auth', 'token:' || row.uid);
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('tessera_auth', 'user:' || row.uid);
  ELSIF TG_TABLE_NAME = 'organizations' THEN
    PERFORM pg_notify('tessera_auth', 'org:' || row.uid);
  ELSE
    -- queues and calendars: part of the organization's routing rules.
    PERFORM pg_notify('tessera_auth', 'org:' || row.org_uid);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER api_tokens_notify_auth AFTER UPDATE ON api_tokens
  FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at
     OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
     OR OLD.role IS DISTINCT FROM NEW.role
     OR OLD.name IS DISTINCT FROM NEW.name
     OR OLD.rate_limit_per_minute IS DISTINCT FROM NEW.rate_limit_per_minute
     OR OLD.token_hash IS DISTINCT FROM NEW.token_hash
     OR OLD.user_uid IS DISTINCT FROM NEW.user_uid
     OR OLD.org_uid IS DISTINCT FROM NEW.org_uid)
  EXECUTE FUNCTION tessera_notify_auth();
CREATE TRIGGER api_tokens_notify_auth_delete AFTER DELETE ON api_tokens
  FOR EACH ROW EXECUTE FUNCTION tessera_notify_auth();

CREATE TRIGGER users_notify_auth AFTER UPDATE ON users
  FOR EACH ROW
  WHEN (OLD.active IS DISTINCT FROM NEW.active
     OR OLD.role IS DISTINCT FROM NEW.role
     OR OLD.email IS DISTINCT FROM NEW.email
     OR OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION tessera_notify_auth();
CREATE TRIGGER users_notify_auth_delete AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION tessera_notify_auth();

CREATE TRIGGER organizations_notify_auth AFTER UPDATE OR DELETE ON organizations
  FOR EACH ROW EXECUTE FUNCTION tessera_notify_auth();

CREATE TRIGGER queues_notify_auth AFTER INSERT OR UPDATE OR DELETE ON queues
  FOR EACH ROW EXECUTE FUNCTION tessera_notify_auth();

CREATE TRIGGER calendars_notify_auth AFTER INSERT OR UPDATE OR DELETE ON calendars
  FOR EACH ROW EXECUTE FUNCTION tessera_notify_auth();

-- Down Migration

DROP TRIGGER calendars_notify_auth ON calendars;
DROP TRIGGER queues_notify_auth ON queues;
DROP TRIGGER organizations_notify_auth ON organizations;
DROP TRIGGER users_notify_auth_delete ON users;
DROP TRIGGER users_notify_auth ON users;
DROP TRIGGER api_tokens_notify_auth_delete ON api_tokens;
DROP TRIGGER api_tokens_notify_auth ON api_tokens;
DROP FUNCTION tessera_notify_auth();
