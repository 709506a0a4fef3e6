import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { DatabaseLocation } from '../../src/store/database'
import type { EngineUnderTest } from './engines'

/** An empty database of one engine, nobody else's, that no server has touched yet. */
export interface FreshInstance {
  engine: EngineUnderTest['name']
  location: DatabaseLocation
  /** `--data DIR` or `--database-url URL`, for the CLI and `startServer`. */
  args: string[]
  drop: () => Promise<void>
}

async function runAdmin(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(sql)
  } finally {
    await admin.end()
  }
}

let made = 0

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
  made += 1
  const name = `tessera_${prefix}_${process.pid}_${Date.now()}_${made}`
  await runAdmin(adminUrl, `CREATE DATABASE ${pg.escapeIdentifier(name)}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    engine,
    location: { databaseUrl: url.toString() },
    args: ['--database-url', url.toString()],
    drop: () =>
      runAdmin(adminUrl, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
  }
}
