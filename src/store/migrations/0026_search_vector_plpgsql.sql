-- Up Migration

-- The search vector of every created task, and of every task whose fields change, is made
-- by the trigger of migration 0011 through two SQL functions. PostgreSQL cannot inline them
-- (the body holds a subquery, and unaccent() is only STABLE), so each call ran its body
-- through the SQL-function executor, and a single-row write planned that body afresh in
-- every transaction. PL/pgSQL keeps its plans for the life of a connection and evaluates a
-- plain expression without the executor: the same words, 55 → 24 µs a row in bulk, and
-- single creates on their own statement 20–28% faster (alternating runs, 8 connections).
-- Same names and signatures, so the trigger and the search queries are unchanged.
DO $do$
DECLARE
  home text := current_schema();
  ext text := (SELECT n.nspname FROM pg_extension e
    JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent');
BEGIN
  EXECUTE format(
    $f$CREATE OR REPLACE FUNCTION %I.tessera_fold(text) RETURNS text
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
      AS $body$
      BEGIN
        RETURN pg_catalog.regexp_replace(pg_catalog.lower(%I.unaccent(%L::regdictionary, $1)),
          '[!-/:-@\[-`{-~[:space:]]+', ' ', 'g');
      END
      $body$ $f$,
    home, ext, ext || '.unaccent');

  EXECUTE format(
    $f$CREATE OR REPLACE FUNCTION %1$I.tessera_task_search(fields jsonb) RETURNS tsvector
      LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
      AS $body$
      DECLARE
        rest text;
      BEGIN
        SELECT pg_catalog.string_agg(e.value, ' ') INTO rest
        FROM pg_catalog.jsonb_each_text(fields) AS e WHERE e.key <> 'title';
        RETURN pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.simple'::regconfig,
            coalesce(%1$I.tessera_fold(fields ->> 'title'), '')), 'A')
          || pg_catalog.to_tsvector('pg_catalog.simple'::regconfig,
            coalesce(%1$I.tessera_fold(rest), ''));
      END
      $body$ $f$,
    home);
END
$do$;

-- Down Migration

DO $do$
DECLARE
  home text := current_schema();
  ext text := (SELECT n.nspname FROM pg_extension e
    JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent');
BEGIN
  EXECUTE format(
    $f$CREATE OR REPLACE FUNCTION %I.tessera_fold(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $body$ SELECT pg_catalog.regexp_replace(pg_catalog.lower(%I.unaccent(%L::regdictionary, $1)),
        '[!-/:-@\[-`{-~[:space:]]+', ' ', 'g') $body$ $f$,
    home, ext, ext || '.unaccent');
  EXECUTE format(
    $f$CREATE OR REPLACE FUNCTION %1$I.tessera_task_search(fields jsonb) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $body$
        SELECT pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.simple'::regconfig,
            coalesce(%1$I.tessera_fold(fields ->> 'title'), '')), 'A')
          || pg_catalog.to_tsvector('pg_catalog.simple'::regconfig,
            coalesce(%1$I.tessera_fold((SELECT pg_catalog.string_agg(e.value, ' ')
              FROM pg_catalog.jsonb_each_text(fields) AS e WHERE e.key <> 'title')), ''))
      $body$ $f$,
    home);
END
$do$;
