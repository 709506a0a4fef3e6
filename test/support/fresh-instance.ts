import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { issueToken } from '../../src/app/issue-token'
import { type DatabaseLocation, openDatabase } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'
import { embeddedDatabaseUrl } from './embedded-url'
import type { EngineUnderTest } from './engines'
import { makeTempDir } from './temp-dir'
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
 * A new data directory of the engine (not created yet: the first process to open it does),
 * or a new database on the PostgreSQL server `adminUrl` points at.
 */
export async function createFreshInstance(
  engine: EngineUnderTest['name'],
  adminUrl: string | undefined,
  prefix: string,
): Promise<FreshInstance> {
  if (engine !== 'postgres') {
    const dir = makeTempDir(`tessera-${prefix}-`)
    const dataDir = join(dir, 'data')
    const pglite = engine === 'pglite'
    return {
      engine,
      location: { dataDir, engine: pglite ? 'pglite' : 'postgres' },
      args: ['--data', dataDir, ...(pglite ? ['--engine', 'pglite'] : [])],
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

/**
 * Arguments for one more server process on the same database, or null on PGlite, whose data
 * directory belongs to one process. The embedded PostgreSQL is shared through its socket.
 */
export function sharedServerArgs(instance: FreshInstance): string[] | null {
  const { location } = instance
  if ('databaseUrl' in location) {
    return instance.args
  }
  return location.engine === 'pglite'
    ? null
    : ['--database-url', embeddedDatabaseUrl(location.dataDir)]
}

/**
 * A fresh instance, migrated, with an organization `orgName` and the raw admin token that
 * created it: what a test needs before it starts its own server on the instance.
 */
export async function createAdminInstance(
  engine: EngineUnderTest,
  prefix: string,
  orgName: string,
): Promise<{ instance: FreshInstance; token: string }> {
  const instance = await createFreshInstance(engine.name, engine.databaseUrl, prefix)
  const db = await openDatabase(instance.location)
  try {
    await migrate(db)
    const issued = await issueToken(db, { orgName, tokenName: 'admin', role: 'admin' })
    return { instance, token: issued.raw }
  } finally {
    await db.close()
  }
}
