import { issueToken } from '../../src/app/issue-token'
import { type DatabaseLocation, openDatabase } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'
import { issueOperators, type TestOperator } from './operator-tokens'

/** An organization seeded straight into a database, before any server runs on it. */
export interface SeededOrganization {
  orgUid: string
  adminToken: string
  operators: TestOperator[]
}

/**
 * Migrates the database at `location` and creates an organization with an admin token and
 * `operatorCount` operators with a token each, as `tessera tokens create` would. On PGlite it
 * must run while no server holds the directory, and it releases the directory when done.
 */
export async function seedOrganization(
  location: DatabaseLocation,
  orgName: string,
  operatorCount: number,
): Promise<SeededOrganization> {
  const db = await openDatabase(location, { poolSize: 1 })
  try {
    await migrate(db)
    const admin = await issueToken(db, { orgName, tokenName: 'admin', role: 'admin' })
    const operators = await issueOperators(db, orgName, operatorCount)
    return { orgUid: admin.organization.uid, adminToken: admin.raw, operators }
  } finally {
    await db.close()
  }
}
