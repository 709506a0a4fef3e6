import type pg from 'pg'
import { FILTER_STATEMENTS, filterParams } from './raw-sql'

/** EXPLAIN ANALYZE of the filtered list's page and count statements, for the README. */
export async function explainFilter(pool: pg.Pool, orgUid: string): Promise<string> {
  const params = filterParams(orgUid)
  const out: string[] = []
  for (const name of ['page', 'count'] as const) {
    const result = await pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${FILTER_STATEMENTS[name]}`,
      params[name],
    )
    out.push(`-- ${name}`, ...result.rows.map((row) => row['QUERY PLAN']))
  }
  return out.join('\n')
}
