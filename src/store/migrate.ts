import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runner } from 'node-pg-migrate'
import type { Database } from './database'

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations')

/**
 * Brings the schema up to date. Safe to call from several processes at once: node-pg-migrate
 * takes a PostgreSQL advisory lock, and each migration runs in one transaction together with
 * the row that records it, so a crash half-way leaves nothing half-applied.
 *
 * @returns the names of the migrations applied by this call
 */
export async function migrate(db: Database): Promise<string[]> {
  const client = await db.pool.connect()
  try {
    const applied = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'schema_migrations',
      checkOrder: true,
      // Servers started together wait for the first one's migration instead of failing.
      advisoryLockMode: 'wait',
      log: () => {},
    })
    return applied.map((migration) => migration.name)
  } finally {
    client.release()
  }
}
