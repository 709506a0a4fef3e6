import { afterAll, beforeAll } from 'vitest'
import { type Database, openDatabase } from '../../src/store/database'

/**
 * The test server's own database, opened beside it with one connection for the tests of the
 * enclosing describe block (from beforeAll to afterAll): `beside.db` inside a test.
 */
export function databaseBeside(databaseUrl: string): { readonly db: Database } {
  let opened: Database | undefined
  beforeAll(async () => {
    opened = await openDatabase({ databaseUrl }, { poolSize: 1 })
  })
  afterAll(async () => {
    await opened?.close()
  })
  return {
    get db() {
      if (!opened) {
        throw new Error('the database opens in beforeAll: use it inside a test')
      }
      return opened
    },
  }
}
