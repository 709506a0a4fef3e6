import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Database, type OpenDatabaseOptions, openDatabase } from '../../src/store/database'
import { createThrowawayDatabase } from './throwaway-database'

/** A database a store test opened, where it lives, and how to throw it away. */
export interface OpenedStore {
  db: Database
  /** The PostgreSQL server's URL of the database (not for PGlite). */
  url?: string
  dispose: () => Promise<void>
}

/** An engine a store test runs on, and how to open a fresh, empty database there. */
export interface StoreEngine {
  name: 'pglite' | 'postgres'
  open: () => Promise<OpenedStore>
}

/**
 * The engines a store test runs on, each opening a fresh database named after `prefix`:
 * PGlite in a temporary directory always, and a throwaway database on the server of
 * TEST_DATABASE_URL when it is set.
 */
export function storeEngines(prefix: string, options: OpenDatabaseOptions = {}): StoreEngine[] {
  const engines: StoreEngine[] = [
    {
      name: 'pglite',
      open: async () => {
        const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-`))
        const db = await openDatabase({ dataDir, engine: 'pglite' })
        return { db, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) }
      },
    },
  ]
  const adminUrl = process.env.TEST_DATABASE_URL
  if (adminUrl) {
    engines.push({
      name: 'postgres',
      open: async () => {
        const database = await createThrowawayDatabase(adminUrl, prefix.replaceAll('-', '_'))
        const db = await openDatabase({ databaseUrl: database.url }, options)
        return { db, url: database.url, dispose: database.drop }
      },
    })
  }
  return engines
}
