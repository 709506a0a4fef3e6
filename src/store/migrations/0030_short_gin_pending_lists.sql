-- Up Migration

-- A GIN index takes new entries into an unsorted pending list, which every search reads
-- whole, until a vacuum (or autovacuum's analyze) or the list's size limit, 4 MB by default,
-- moves them into the index proper. Between two of those, a filtered list or count read up to
-- 4 MB of such entries for each request: at 40,000 tasks, counting a custom field one task
-- in ten has took 24 ms with the list full and 10 ms with it empty (bench/README.md, filtered
-- list, 2026-12-07). With a limit of 512 kB the count took 9 ms without any vacuum, and
-- loading the 40,000 tasks took no longer (12.9 s against 13.3): the writer that fills the
-- list moves it into the index in smaller, more frequent steps.
ALTER INDEX tasks_fields SET (gin_pending_list_limit = 512);
ALTER INDEX tasks_tags SET (gin_pending_list_limit = 512);
ALTER INDEX tasks_search SET (gin_pending_list_limit = 512);

-- Down Migration

ALTER INDEX tasks_search RESET (gin_pending_list_limit);
ALTER INDEX tasks_tags RESET (gin_pending_list_limit);
ALTER INDEX tasks_fields RESET (gin_pending_list_limit);
