import { AppError } from '../contract/errors'
import { hashPassword } from '../core/auth/passwords'
import type { Role } from '../core/auth/roles'
import { ensureOrganization } from '../store/accounts'
import { type Database, withTransaction } from '../store/database'
import { deleteUserSessions } from '../store/sessions'
import { findUsersByEmail, insertUser, setPasswordHash, type UserRecord } from '../store/users'

/** Shortest password accepted (NIST SP 800-63B asks for at least 8). */
export const MIN_PASSWORD_LENGTH = 8

/** Refuses a password too short to be one. */
export function assertPasswordStrength(password: string, path: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_failed', 'The password is too short.', [
      { path, message: `must have at least ${MIN_PASSWORD_LENGTH} characters` },
    ])
  }
}

/**
 * Creates a user who can sign in to the web app, or sets the password of an existing one
 * (signing them out everywhere). The first use for an organization creates it: this is how
 * the first super admin gets in.
 */
export async function createUserWithPassword(
  db: Database,
  input: { orgName: string; email: string; name: string; role: Role; password: string },
): Promise<{ user: Pick<UserRecord, 'uid' | 'email' | 'role'>; created: boolean }> {
  assertPasswordStrength(input.password, '--password')
  const passwordHash = await hashPassword(input.password)
  return withTransaction(db, async (client) => {
    const { organization } = await ensureOrganization(client, input.orgName)
    const [existing] = await findUsersByEmail(client, input.email, input.orgName)
    if (existing) {
      await setPasswordHash(client, organization.uid, existing.uid, passwordHash)
      await deleteUserSessions(client, existing.uid)
      return {
        user: { uid: existing.uid, email: input.email.toLowerCase(), role: input.role },
        created: false,
      }
    }
    const user = await insertUser(client, organization.uid, {
      email: input.email,
      name: input.name,
      role: input.role,
      skills: [],
    })
    if (!user) {
      throw new Error('the user appeared while being created')
    }
    await setPasswordHash(client, organization.uid, user.uid, passwordHash)
    return { user, created: true }
  })
}
