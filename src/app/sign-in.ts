import { AppError } from '../contract/errors'
import { DECOY_HASH, verifyPassword } from '../core/auth/passwords'
import { type Database, withTransaction } from '../store/database'
import {
  authenticateSession,
  insertSession,
  SESSION_IDLE_DAYS,
  type SessionOrigin,
} from '../store/sessions'
import { passwordSignInRefused } from '../store/sso'
import type { Principal } from '../store/tokens'
import { findUsersByEmail } from '../store/users'
import type { RequestMeta } from './actor'
import { recordAudit } from './record-audit'

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
  request: Pick<RequestMeta, 'requestId' | 'ip'> = {},
): Promise<OpenedSession> {
  const candidates = await findUsersByEmail(db.pool, input.email, input.organization)
  if (candidates.length > 1) {
    throw new AppError('validation_failed', 'This email belongs to several organizations.', [
      { path: '/body/organization', message: 'is required for this email' },
    ])
  }
  const user = candidates[0]
  const matches = await verifyPassword(input.password, user?.password_hash ?? DECOY_HASH)
  // A failure is recorded in the organization of the user it names (an email no one has
  // belongs to no organization's log); the password never is.
  const failed = (reason: string) =>
    user
      ? recordAudit(
          db.pool,
          { orgUid: user.org_uid, ...request },
          {
            action: 'auth.sign_in_failed',
            object: { kind: 'user', uid: user.uid, name: input.email.toLowerCase() },
            actorEmail: input.email.toLowerCase(),
            after: { reason },
          },
        )
      : Promise.resolve()
  if (!user || !matches || !user.active) {
    await failed(matches ? 'inactive' : 'wrong_password')
    throw new AppError('unauthorized', 'The email or password is wrong.')
  }
  if (await passwordSignInRefused(db.pool, user.org_uid, user.uid)) {
    await failed('sso_required')
    throw new AppError(
      'forbidden',
      'Your organization signs in with single sign-on: use “Continue with SSO”.',
    )
  }
  const { secret } = await withTransaction(db, async (client) => {
    const opened = await insertSession(client, {
      orgUid: user.org_uid,
      userUid: user.uid,
      ...origin,
      method: 'password',
    })
    await recordAudit(
      client,
      { orgUid: user.org_uid, actorUid: user.uid, ...request },
      {
        action: 'auth.signed_in',
        object: { kind: 'user', uid: user.uid, name: input.email.toLowerCase() },
        after: { method: 'password' },
      },
    )
    return opened
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
