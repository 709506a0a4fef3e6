import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runner } from 'node-pg-migrate'
import pg from 'pg'
import type { Database } from './database'

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations')

/** Names of every migration this code knows (file names without `.sql`), oldest first. */
export function listMigrations(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => file.slice(0, -'.sql'.length))
    .sort()
}

/** Options for {@link migrate}. */
export interface MigrateOptions {
  /**
   * Stop after this migration (a name from {@link listMigrations}) instead of the latest:
   * a restore first rebuilds the schema its backup was taken at.
   */
  target?: string
}

/**
 * Brings the schema up to date. Safe to call from several processes at once: node-pg-migrate
 * takes a PostgreSQL advisory lock, and each migration runs in one transaction together with
 * the row that records it, so a crash half-way leaves nothing half-applied.
 *
 * @returns the names of the migrations applied by this call
 */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<string[]> {
  let upTo: number | undefined
  if (options.target !== undefined) {
    if (!listMigrations().includes(options.target)) {
      throw new Error(`No migration named ${options.target}.`)
    }
    // With `timestamp`, node-pg-migrate runs the pending migrations whose numeric prefix is
    // at most `count`: the target and the ones before it.
    upTo = Number.parseInt(options.target, 10)
  }
  // A connection of its own on a server: the pool's query timeout is meant for requests, and
  // one statement of a migration may rightly take minutes on a large table.
  const own = db.server ? new pg.Client(db.server) : null
  const pooled = own ? null : await db.pool.connect()
  await own?.connect()
  const client: pg.ClientBase = own ?? (pooled as pg.PoolClient)
  try {
    const applied = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'schema_migrations',
      checkOrder: true,
      ...(upTo === undefined ? {} : { count: upTo, timestamp: true }),
      // Servers started together wait for the first one's migration instead of failing.
      advisoryLockMode: 'wait',
      log: () => {},
    })
    return applied.map((migration) => migration.name)
  } finally {
    await own?.end()
    pooled?.release()
  }
}
