-- Up Migration

-- The custom-field and tag filters (`fields @> …`, `tags && …`) always come with
-- `org_uid = …` (every statement on a tenant table names its organization), yet their GIN
-- indexes held every organization's values: a filtered count took the organization's rows
-- from a btree and every organization's matches from the GIN index (100,000 row ids at
-- 1,000,000 tasks for an organization's 800), so one tenant's count grew with the others'
-- data (issue 17, bench/README.md, scale section). With org_uid as the first column of each
-- GIN index (btree_gin supplies GIN operator classes for uuid), a scan yields only the
-- organization's matches, and the indexes fit distribution by org_uid.
-- btree_gin is a trusted extension (PostgreSQL 13+): the database owner may create it.
-- PGlite only has it when the engine loads it (src/store/engines/pglite.ts).
CREATE EXTENSION IF NOT EXISTS btree_gin;

DROP INDEX tasks_fields;
CREATE INDEX tasks_fields ON tasks USING gin (org_uid, fields jsonb_path_ops);

DROP INDEX tasks_tags;
CREATE INDEX tasks_tags ON tasks USING gin (org_uid, tags);

-- Down Migration

DROP INDEX tasks_tags;
CREATE INDEX tasks_tags ON tasks USING gin (tags);

DROP INDEX tasks_fields;
CREATE INDEX tasks_fields ON tasks USING gin (fields jsonb_path_ops);
-- The extension stays: another schema object may have come to use it since.
