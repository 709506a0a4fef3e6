import type { Queryable } from './database'

/**
 * Refreshes the planner's statistics of the tasks table and tells how many rows it now
 * counts. Without statistics the planner scans a whole organization for a custom-field
 * filter instead of using its indexes (measured: 52 ms against 3 ms at 100,000 tasks).
 */
export async function analyzeTasks(q: Queryable): Promise<number> {
  await q.query('ANALYZE tasks')
  const result = await q.query<{ rows: number }>(
    "SELECT greatest(reltuples, 0)::bigint AS rows FROM pg_class WHERE oid = 'tasks'::regclass",
  )
  return result.rows[0]?.rows ?? 0
}
