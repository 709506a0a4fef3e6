import { PGlite } from '@electric-sql/pglite'
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import pg from 'pg'

/** Where one engine's data lives. */
export type EngineTarget =
  | { engine: 'pglite'; dataDir: string }
  | { engine: 'postgres'; databaseUrl: string }

/**
 * A node-postgres pool straight to the database. PGlite runs in this thread, where the server
 * gives it a thread of its own: the baselines measure the engine driven directly.
 */
export interface DirectDb {
  pool: pg.Pool
  close(): Promise<void>
}

/**
 * Opens the engine's database in this process through `pg`, the driver Tessera uses. For
 * PGlite that means the data directory itself, so the server must be stopped first (one
 * process per directory); like the server, it gets a pool of one connection.
 */
export async function openDirect(target: EngineTarget, poolSize: number): Promise<DirectDb> {
  if (target.engine === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: poolSize })
    return { pool, close: () => pool.end() }
  }
  // The field and tag indexes are btree_gin's (migration 0024), and the search vector's
  // trigger folds accents with unaccent (0011): a statement that plans or writes through
  // them fails on a PGlite that has not loaded both, as the server does.
  const lite = await PGlite.create({
    dataDir: target.dataDir,
    extensions: { btree_gin, unaccent },
  })
  const pool = new pg.Pool({ ...createPgConfig(lite), max: 1 })
  return {
    pool,
    close: async () => {
      await pool.end()
      await lite.close()
    },
  }
}
