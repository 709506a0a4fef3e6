import { AppError } from '../contract/errors'
import { DECOY_HASH, verifyPassword } from '../core/auth/passwords'
import type { Database } from '../store/database'
import { insertSession, type NewSession } from '../store/sessions'
import { findUsersByEmail } from '../store/users'

/**
 * Checks an email and password and opens a session. Unknown emails cost the same scrypt time
 * as wrong passwords, and both get the same answer, so neither can be told from the other.
 * An email used in several organizations needs the organization's name.
 */
export async function signIn(
  db: Database,
  input: { email: string; password: string; organization?: string },
): Promise<NewSession> {
  const candidates = await findUsersByEmail(db.pool, input.email, input.organization)
  if (candidates.length > 1) {
    throw new AppError('validation_failed', 'This email belongs to several organizations.', [
      { path: '/body/organization', message: 'is required for this email' },
    ])
  }
  const user = candidates[0]
  const matches = await verifyPassword(input.password, user?.password_hash ?? DECOY_HASH)
  if (!user || !matches || !user.active) {
    throw new AppError('unauthorized', 'The email or password is wrong.')
  }
  return insertSession(db.pool, { orgUid: user.org_uid, userUid: user.uid })
}
