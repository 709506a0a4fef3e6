-- Up Migration

-- Search (`search @@ …`, migration 0011) always comes with `org_uid = …`, yet its GIN index
-- held every organization's words: a search returned every organization's matches from the
-- index before the organization's own were kept (11,112 row ids for one word at 1,000,000
-- tasks over 1,000 organizations, about 47 ms), so one tenant's search grew with the others'
-- data. As 0024 did for fields and tags, org_uid leads the index (btree_gin, created there).
DROP INDEX tasks_search;
CREATE INDEX tasks_search ON tasks USING gin (org_uid, search);

-- Down Migration

DROP INDEX tasks_search;
CREATE INDEX tasks_search ON tasks USING gin (search);
