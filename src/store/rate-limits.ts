import type { Queryable } from './database'

/**
 * Counts one hit for `key` in the current fixed window of `windowMs` and tells how many hits
 * the window has had and how long it has left. The window is aligned on the database clock,
 * so every server process on this database counts into the same bucket.
 */
export async function hitRateLimit(
  q: Queryable,
  key: string,
  windowMs: number,
): Promise<{ hits: number; ttlMs: number }> {
  const result = await q.query<{ hits: number; ttl_ms: number }>({
    name: 'tessera.hitRateLimit',
    text: `WITH w AS (
       SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) * 1000 / $2) * $2 / 1000.0) AS start
     )
     INSERT INTO rate_limit_hits AS r (key, window_start, hits)
     SELECT $1, w.start, 1 FROM w
     ON CONFLICT (key, window_start) DO UPDATE SET hits = r.hits + 1
     RETURNING r.hits,
       greatest(0, ceil(extract(epoch FROM (r.window_start - clock_timestamp())) * 1000 + $2))::int AS ttl_ms`,
    values: [key, windowMs],
  })
  const row = result.rows[0]
  if (!row) {
    throw new Error('rate limit upsert returned nothing')
  }
  return { hits: row.hits, ttlMs: row.ttl_ms }
}

/** Drops the counters of windows that ended before `before`. */
export async function pruneRateLimits(q: Queryable, before: Date): Promise<number> {
  const result = await q.query('DELETE FROM rate_limit_hits WHERE window_start < $1', [before])
  return result.rowCount ?? 0
}
