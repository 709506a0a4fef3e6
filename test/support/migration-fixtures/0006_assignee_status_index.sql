-- An index only: the rows of the fixtures before it must come through unchanged.
SELECT 1;
