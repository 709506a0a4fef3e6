import { AppError } from '../contract/errors'
import { DECOY_HASH, verifyPassword } from '../core/auth/passwords'
import type { Database } from '../store/database'
import {
  authenticateSession,
  insertSession,
  SESSION_IDLE_DAYS,
  type SessionOrigin,
} from '../store/sessions'
import { passwordSignInRefused } from '../store/sso'
import type { Principal } from '../store/tokens'
import { findUsersByEmail } from '../store/users'

/** A web session: the raw secret goes in the cookie, the CSRF token to the page. */
export interface SignedInSession {
  principal: Principal
  csrfToken: string
}

/** A session just opened, with how long its cookie may live without use. */
export interface OpenedSession extends SignedInSession {
  secret: string
  maxAgeSeconds: number
}

/**
 * Checks an email and password and opens a session. Unknown emails cost the same scrypt time
 * as wrong passwords, and both get the same answer, so neither can be told from the other.
 * An email used in several organizations needs the organization's name. An organization that
 * requires single sign-on refuses passwords, but for its break-glass super admin; that is
 * said only after the password proved right, so it tells a guesser nothing.
 */
export async function signIn(
  db: Database,
  input: { email: string; password: string; organization?: string },
  origin: SessionOrigin = {},
): Promise<OpenedSession> {
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
  if (await passwordSignInRefused(db.pool, user.org_uid, user.uid)) {
    throw new AppError(
      'forbidden',
      'Your organization signs in with single sign-on: use “Sign in with SSO”.',
    )
  }
  const { secret } = await insertSession(db.pool, {
    orgUid: user.org_uid,
    userUid: user.uid,
    ...origin,
    method: 'password',
  })
  const session = await authenticateSession(db.pool, secret)
  if (!session) {
    throw new Error('a new session could not be read back')
  }
  return { ...session, secret, maxAgeSeconds: SESSION_IDLE_DAYS * 86_400 }
}

/** The session behind a cookie; 401 when there is none, or it expired or was ended. */
export async function readSession(
  db: Database,
  secret: string | undefined,
): Promise<SignedInSession> {
  const session = secret ? await authenticateSession(db.pool, secret) : null
  if (!session) {
    throw new AppError('unauthorized', 'Not signed in.')
  }
  return session
}
