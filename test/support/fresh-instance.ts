import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DatabaseLocation } from '../../src/store/database'
import type { EngineUnderTest } from './engines'
import { createThrowawayDatabase } from './throwaway-database'

/** An empty database of one engine, nobody else's, that no server has touched yet. */
export interface FreshInstance {
  engine: EngineUnderTest['name']
  location: DatabaseLocation
  /** `--data DIR` or `--database-url URL`, for the CLI and `startServer`. */
  args: string[]
  drop: () => Promise<void>
}

/**
 * A new PGlite data directory (not created yet: the first process to open it does), or a
 * new database on the PostgreSQL server `adminUrl` points at.
 */
export async function createFreshInstance(
  engine: EngineUnderTest['name'],
  adminUrl: string | undefined,
  prefix: string,
): Promise<FreshInstance> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), `tessera-${prefix}-`))
    const dataDir = join(dir, 'data')
    return {
      engine,
      location: { dataDir },
      args: ['--data', dataDir],
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    }
  }
  if (!adminUrl) {
    throw new Error('A PostgreSQL instance needs TEST_DATABASE_URL')
  }
  const database = await createThrowawayDatabase(adminUrl, `tessera_${prefix}`)
  return {
    engine,
    location: { databaseUrl: database.url },
    args: ['--database-url', database.url],
    drop: database.drop,
  }
}
