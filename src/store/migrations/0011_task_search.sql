-- Up Migration

-- Search as people expect it (issue 14): words in any order, accents and case ignored,
-- each word matched as a prefix while typing, over the values of every field. PostgreSQL's
-- full-text search does it with the `simple` configuration (no stemming, no stop words: ids
-- and names are not English prose) and `unaccent`, a contrib extension that PGlite, the
-- embedded server and every packaged PostgreSQL ship; it is trusted, so a database owner
-- without superuser rights may create it.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- The functions name each other with their schema: PostgreSQL 17 builds and maintains an
-- expression index with a search_path of pg_catalog alone, where unqualified names are not
-- found. Dynamic SQL, because the schemas are the installation's (Tessera's and the
-- extension's), not fixed names.
DO $do$
DECLARE
  home text := current_schema();
  ext text := (SELECT n.nspname FROM pg_extension e
    JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent');
BEGIN
  -- unaccent() is only STABLE, as its rules file could change under it; an index needs an
  -- IMMUTABLE function, so this wrapper names its dictionary. ASCII punctuation becomes a
  -- space, so `AB-12`, `ana@example.com` and a URL's path split into the words a person
  -- types; letters outside ASCII are kept.
  EXECUTE format(
    $f$CREATE FUNCTION %I.tessera_fold(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $body$ SELECT pg_catalog.regexp_replace(pg_catalog.lower(%I.unaccent(%L::regdictionary, $1)),
        '[!-/:-@\[-`{-~[:space:]]+', ' ', 'g') $body$ $f$,
    home, ext, ext || '.unaccent');

  -- What a task is found by: the values of its fields, the title weighted first.
  EXECUTE format(
    $f$CREATE FUNCTION %1$I.tessera_task_search(fields jsonb) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $body$
        SELECT pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.simple'::regconfig,
            coalesce(%1$I.tessera_fold(fields ->> 'title'), '')), 'A')
          || pg_catalog.to_tsvector('pg_catalog.simple'::regconfig,
            coalesce(%1$I.tessera_fold((SELECT pg_catalog.string_agg(e.value, ' ')
              FROM pg_catalog.jsonb_each_text(fields) AS e WHERE e.key <> 'title')), ''))
      $body$ $f$,
    home);

  -- A search box's text as a query: every word, folded the same way, as a prefix; all of
  -- them must match. NULL when the text holds no word at all.
  EXECUTE format(
    $f$CREATE FUNCTION %1$I.tessera_search_query(text) RETURNS tsquery
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $body$
        SELECT pg_catalog.to_tsquery('pg_catalog.simple'::regconfig,
          pg_catalog.string_agg(pg_catalog.quote_literal(w) || ':*', ' & '))
        FROM pg_catalog.regexp_split_to_table(pg_catalog.btrim(%1$I.tessera_fold($1)), ' +') AS w
        WHERE w <> ''
      $body$ $f$,
    home);
END
$do$;

-- The vector is stored, not only indexed: a query that reaches tasks another way (by
-- organization, or walking a sort order) then tests each row's stored vector instead of
-- folding its fields again (0.1 ms a row). A trigger keeps it, recomputing only when the
-- fields change: a generated column would be recomputed by every update, and the player
-- updates tasks far more often than anyone edits their fields.
ALTER TABLE tasks ADD COLUMN search tsvector;

CREATE FUNCTION tessera_keep_task_search() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := tessera_task_search(NEW.fields);
  RETURN NEW;
END
$$;

CREATE TRIGGER tasks_search_on_insert BEFORE INSERT ON tasks
  FOR EACH ROW EXECUTE FUNCTION tessera_keep_task_search();

-- The condition is the trigger's own: PostgreSQL tests it without calling the function, so
-- the player's updates (status, assignee, timers) pay a comparison, not a function call.
CREATE TRIGGER tasks_search_on_update BEFORE UPDATE ON tasks
  FOR EACH ROW WHEN (NEW.fields IS DISTINCT FROM OLD.fields OR NEW.search IS NULL)
  EXECUTE FUNCTION tessera_keep_task_search();

-- Existing tasks: the trigger fills in the missing vectors.
UPDATE tasks SET search = NULL;

CREATE INDEX tasks_search ON tasks USING gin (search);
