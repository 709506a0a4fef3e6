import cookie from '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { OpenedSession } from '../../app/sign-in'
import { AppError } from '../../contract/errors'
import type { Database } from '../../store/database'
import { authenticateSession } from '../../store/sessions'
import type { Principal } from '../../store/tokens'

/** The web session cookie: httpOnly, SameSite=Strict, holding the session secret. */
export const SESSION_COOKIE = 'tessera_session'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Hands a new session to the browser, however it was opened (password or single sign-on). */
export function setSessionCookie(reply: FastifyReply, session: OpenedSession, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, session.secret, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: session.maxAgeSeconds,
  })
}

/** Registers cookie parsing, for the web app's session. */
export async function registerCookies(app: FastifyInstance): Promise<void> {
  await app.register(cookie)
}

/**
 * The principal of a request made with the web session cookie, or null without one.
 * Unsafe methods must echo the session's CSRF token in `x-csrf-token`: a cross-site form or
 * script cannot read it, so it cannot forge the request even where SameSite does not apply.
 */
export async function authenticateCookie(
  request: FastifyRequest,
  db: Database,
): Promise<Principal | null> {
  const secret = request.cookies[SESSION_COOKIE]
  if (!secret) {
    return null
  }
  const found = await authenticateSession(db.pool, secret)
  if (!found) {
    return null
  }
  if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== found.csrfToken) {
    throw new AppError('forbidden', 'Send the session’s CSRF token in the x-csrf-token header.')
  }
  return found.principal
}
