-- 0023 adds triggers only (they announce changes to the servers' authentication caches):
-- a change of the fixture organization's settings fires one, and must leave its rows as they are.
UPDATE organizations SET settings = settings WHERE uid = '00000000-0000-4000-8000-000000000001';
