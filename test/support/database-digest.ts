import { existsSync } from 'node:fs'
import pg from 'pg'
import { type DatabaseLocation, openDatabase } from '../../src/store/database'
import type { FreshInstance } from './fresh-instance'

/** Each table's row count and content digest, read straight from the database. */
export async function digestDatabase(location: DatabaseLocation): Promise<Record<string, string>> {
  const db = await openDatabase(location, { poolSize: 1 })
  try {
    // UNLOGGED tables hold rate-limit counters that any request moves.
    const tables = await db.pool.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class
       WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r' AND relpersistence = 'p'
       ORDER BY 1`,
    )
    const digest: Record<string, string> = {}
    for (const { name } of tables.rows) {
      const table = pg.escapeIdentifier(name)
      const row = await db.pool.query<{ digest: string }>(
        `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS digest
         FROM ${table} t`,
      )
      digest[name] = row.rows[0]?.digest ?? ''
    }
    return digest
  } finally {
    await db.close()
  }
}

/** Whether a fresh instance is still untouched: no directory, or a database with no tables. */
export async function isUntouched(instance: FreshInstance): Promise<boolean> {
  if ('dataDir' in instance.location) {
    return !existsSync(instance.location.dataDir)
  }
  const client = new pg.Client({ connectionString: instance.location.databaseUrl })
  await client.connect()
  try {
    const tables = await client.query(
      "SELECT 1 FROM pg_class WHERE relnamespace = 'public'::regnamespace",
    )
    return tables.rows.length === 0
  } finally {
    await client.end()
  }
}
