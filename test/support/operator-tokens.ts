import { issueToken } from '../../src/app/issue-token'
import { type Database, openDatabase } from '../../src/store/database'

/** An operator made for a test: their user uid and raw API token. */
export interface TestOperator {
  email: string
  userUid: string
  token: string
}

/**
 * Creates `count` operators (`op<i>@<org>.test`) in an organization, each with a token of
 * their own, through an open database.
 */
export async function issueOperators(
  db: Database,
  orgName: string,
  count: number,
): Promise<TestOperator[]> {
  const operators: TestOperator[] = []
  for (let i = 0; i < count; i++) {
    const email = `op${i}@${orgName}.test`
    const issued = await issueToken(db, {
      orgName,
      tokenName: email,
      role: 'operator',
      userEmail: email,
    })
    operators.push({ email, userUid: issued.user.uid, token: issued.raw })
  }
  return operators
}

/**
 * Creates `count` operators in an organization, each with a token of their own. The API only
 * issues tokens to the caller's own user, so this does what `tessera tokens create --user`
 * does, in-process (PostgreSQL only: PGlite belongs to its server process) and without
 * paying for one CLI start per operator.
 */
export async function createOperators(
  databaseUrl: string,
  orgName: string,
  count: number,
): Promise<TestOperator[]> {
  const db = await openDatabase({ databaseUrl }, { poolSize: 1 })
  try {
    return await issueOperators(db, orgName, count)
  } finally {
    await db.close()
  }
}
