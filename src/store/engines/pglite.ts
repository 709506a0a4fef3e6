import { PGlite } from '@electric-sql/pglite'
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import pg from 'pg'
import { lockDataDir } from '../data-dir-lock'
import type { Database } from '../database'
import { keepTaskStatisticsFresh } from '../table-statistics'

/** PGlite, PostgreSQL compiled to WebAssembly, in this process, on `dataDir`. */
export async function openPglite(dataDir: string): Promise<Database> {
  const release = lockDataDir(dataDir)
  try {
    // Search folds accents with `unaccent` (migration 0011) and the field and tag indexes
    // lead with org_uid through `btree_gin` (migration 0024); PGlite loads contrib
    // extensions only when asked to.
    const lite = await PGlite.create({ dataDir, extensions: { unaccent, btree_gin } })
    // The same node-postgres code runs on both engines; PGlite has a single connection,
    // so the pool has one client and serialises transactions for us.
    const pool = new pg.Pool({ ...createPgConfig(lite), max: 1 })
    // PGlite runs no autovacuum: without this the planner never learns the tasks table grew.
    const statistics = keepTaskStatisticsFresh(pool)
    return {
      engine: 'pglite',
      pool,
      description: `pglite ${dataDir}`,
      async listen(channel, onMessage) {
        const unlisten = await lite.listen(channel, onMessage)
        return async () => {
          await unlisten()
        }
      },
      async close() {
        await statistics.stop()
        await pool.end()
        await lite.close()
        release()
      },
    }
  } catch (error) {
    release()
    throw error
  }
}
