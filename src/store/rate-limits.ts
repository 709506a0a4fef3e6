import type { Queryable } from './database'

/** A key's hits in the current window, and how long the window has left. */
export interface RateLimitHit {
  hits: number
  ttlMs: number
}

/**
 * The upsert that counts one hit for each `key` that `source` (a FROM item with a column
 * `key`) yields, in the fixed window of `windowParam` ms, returning `hits` and `ttl_ms`. The
 * window is aligned on the database clock, so every server process on this database counts
 * into the same bucket. Shared with the authentication statement, which counts as it reads.
 */
export function countHitSql(source: string, windowParam: string, hits = '1'): string {
  const windowMs = `${windowParam}::bigint`
  return `INSERT INTO rate_limit_hits AS r (key, window_start, hits)
     SELECT s.key, to_timestamp(floor(extract(epoch FROM clock_timestamp()) * 1000 / ${windowMs}) * ${windowMs} / 1000.0), ${hits}
     FROM ${source} AS s
     ON CONFLICT (key, window_start) DO UPDATE SET hits = r.hits + EXCLUDED.hits
     RETURNING r.hits,
       greatest(0, ceil(extract(epoch FROM (r.window_start - clock_timestamp())) * 1000 + ${windowMs}))::int AS ttl_ms`
}

/**
 * Counts `count` hits for `key` in the current fixed window of `windowMs` (several when a
 * process reserves hits ahead: src/server/plugins/rate-lease.ts).
 */
export async function hitRateLimit(
  q: Queryable,
  key: string,
  windowMs: number,
  count = 1,
): Promise<RateLimitHit> {
  const result = await q.query<{ hits: number; ttl_ms: number }>({
    name: 'tessera.hitRateLimit',
    text: countHitSql('(SELECT $1::text AS key)', '$2', '$3::int'),
    values: [key, windowMs, count],
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
