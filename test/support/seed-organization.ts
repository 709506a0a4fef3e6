import { issueToken } from '../../src/app/issue-token'
import { type DatabaseLocation, openDatabase } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'

/** An organization seeded straight into a database, before any server runs on it. */
export interface SeededOrganization {
  orgUid: string
  adminToken: string
  operators: { email: string; userUid: string; token: string }[]
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
    const operators: SeededOrganization['operators'] = []
    for (let i = 0; i < operatorCount; i++) {
      const email = `op${i}@${orgName}.test`
      const issued = await issueToken(db, {
        orgName,
        tokenName: email,
        role: 'operator',
        userEmail: email,
      })
      operators.push({ email, userUid: issued.user.uid, token: issued.raw })
    }
    return { orgUid: admin.organization.uid, adminToken: admin.raw, operators }
  } finally {
    await db.close()
  }
}
