import type { Queryable } from './database'

/**
 * How long, in seconds, the oldest transaction of another session on this database has been
 * holding the xmin horizon (0: none). While it lasts, no row version deleted or updated
 * after its snapshot can be vacuumed away: the dispatch index fills with entries `next` must
 * step over. Vacuum workers are left out (their snapshots do not hold the horizon back);
 * sessions of other roles are visible only to a role with pg_read_all_stats.
 */
export async function oldestTransactionSeconds(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ seconds: number }>({
    name: 'tessera.oldestTransactionSeconds',
    text: `SELECT coalesce(extract(epoch FROM now() - min(xact_start)), 0)::float8 AS seconds
     FROM pg_stat_activity
     WHERE backend_xmin IS NOT NULL AND backend_type = 'client backend'
       AND datname = current_database() AND pid <> pg_backend_pid()`,
  })
  return Math.round(rows[0]?.seconds ?? 0)
}
