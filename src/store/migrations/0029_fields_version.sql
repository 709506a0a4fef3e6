-- Up Migration

-- What a completion is checked against (the organization's field definitions and the forms of
-- its queues) carries a version, moved on by every change to it, so that a completion decided
-- on definitions read earlier (a server's memory of them, src/app/player-memory.ts) writes
-- only if they are still the current ones: the write compares the version in its statement.
ALTER TABLE organizations ADD COLUMN fields_version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION tessera_bump_fields_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organizations SET fields_version = fields_version + 1
  WHERE uid = CASE WHEN TG_OP = 'DELETE' THEN OLD.org_uid ELSE NEW.org_uid END;
  RETURN NULL;
END $$;

CREATE TRIGGER field_definitions_bump_fields_version
  AFTER INSERT OR UPDATE OR DELETE ON field_definitions
  FOR EACH ROW EXECUTE FUNCTION tessera_bump_fields_version();
CREATE TRIGGER forms_bump_fields_version AFTER INSERT OR UPDATE OR DELETE ON forms
  FOR EACH ROW EXECUTE FUNCTION tessera_bump_fields_version();
-- A queue's form is the one its tasks are completed with.
CREATE TRIGGER queues_bump_fields_version AFTER INSERT OR DELETE OR UPDATE OF form_uid ON queues
  FOR EACH ROW EXECUTE FUNCTION tessera_bump_fields_version();

-- Down Migration

DROP TRIGGER queues_bump_fields_version ON queues;
DROP TRIGGER forms_bump_fields_version ON forms;
DROP TRIGGER field_definitions_bump_fields_version ON field_definitions;
DROP FUNCTION tessera_bump_fields_version();
ALTER TABLE organizations DROP COLUMN fields_version;
