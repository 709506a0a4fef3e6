import { issueToken } from '../../src/app/issue-token'
import { type DatabaseLocation, openDatabase } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'
import { issueOperators } from './operator-tokens'
import type { SeededOrganization } from './seed-organization'

/** An organization to seed: its name and how many operators with a token of their own. */
export interface OrganizationToSeed {
  name: string
  operators: number
}

/**
 * {@link seedOrganization} for many organizations at once: the database is opened and
 * migrated once (a thousand PGlite opens, or CLI starts, would take longer than the work).
 * On PGlite it must run while no server holds the directory.
 */
export async function seedOrganizations(
  location: DatabaseLocation,
  organizations: OrganizationToSeed[],
): Promise<SeededOrganization[]> {
  const db = await openDatabase(location, { poolSize: 1 })
  try {
    await migrate(db)
    const seeded: SeededOrganization[] = []
    for (const { name, operators } of organizations) {
      const admin = await issueToken(db, { orgName: name, tokenName: 'admin', role: 'admin' })
      seeded.push({
        orgUid: admin.organization.uid,
        adminToken: admin.raw,
        operators: operators > 0 ? await issueOperators(db, name, operators) : [],
      })
    }
    return seeded
  } finally {
    await db.close()
  }
}
