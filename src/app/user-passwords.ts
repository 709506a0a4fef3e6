import { AppError } from '../contract/errors'
import { MIN_PASSWORD_LENGTH } from '../contract/users'
import { hashPassword } from '../core/auth/passwords'
import type { Queryable } from '../store/database'
import { deleteUserSessions } from '../store/sessions'
import { setPasswordHash } from '../store/users'

/**
 * Hashes a password for storage, refusing one too short to be one. `path` names the input in
 * the error: the API's schema refuses short passwords first, the CLI's flags may not.
 */
export async function hashNewPassword(password: string, path: string): Promise<string> {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_failed', 'The password is too short.', [
      { path, message: `must have at least ${MIN_PASSWORD_LENGTH} characters` },
    ])
  }
  return hashPassword(password)
}

/** Replaces a user's password hash and signs them out everywhere, in the caller's transaction. */
export async function replacePassword(
  q: Queryable,
  orgUid: string,
  userUid: string,
  passwordHash: string,
): Promise<void> {
  await setPasswordHash(q, orgUid, userUid, passwordHash)
  await deleteUserSessions(q, orgUid, userUid)
}
