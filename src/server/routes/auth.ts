import { Type } from '@sinclair/typebox'
import { readSession, type SignedInSession, signIn } from '../../app/sign-in'
import { signOut } from '../../app/sign-out'
import { SignInBody, WebSession } from '../../contract/auth'
import { ErrorResponse } from '../../contract/common'
import { presentAccount } from '../../presenters/account'
import { SESSION_COOKIE, setSessionCookie } from '../plugins/session'
import type { Api, RouteDeps } from '../types'

/** Sign-in attempts allowed per client IP and minute: enough for typos, not for guessing. */
const SIGN_IN_ATTEMPTS_PER_MINUTE = 10

/** The session as the web app reads it: who is signed in, and the CSRF token for writes. */
const presentSession = (session: SignedInSession) => ({
  account: presentAccount(session.principal),
  csrf_token: session.csrfToken,
})

/** Web sign-in with email and password; the session lives in an httpOnly cookie. */
export function registerAuthRoutes(api: Api, { db }: RouteDeps): void {
  api.post(
    '/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          max: SIGN_IN_ATTEMPTS_PER_MINUTE,
          timeWindow: 60_000,
          keyGenerator: (request) => `sign-in:${request.ip}`,
        },
      },
      schema: {
        summary: 'Sign in to the web app',
        description: `Sets the httpOnly, SameSite=Strict session cookie. ${SIGN_IN_ATTEMPTS_PER_MINUTE} attempts per minute per client.`,
        tags: ['auth'],
        security: [],
        body: SignInBody,
        response: {
          200: WebSession,
          401: ErrorResponse,
          403: ErrorResponse,
          422: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const session = await signIn(
        db,
        request.body,
        { userAgent: request.headers['user-agent'], ip: request.ip },
        { requestId: request.id, ip: request.ip },
      )
      setSessionCookie(reply, session, request.protocol === 'https')
      return presentSession(session)
    },
  )

  api.get(
    '/auth/session',
    {
      config: { public: true },
      schema: {
        summary: 'The web session behind the cookie, with its CSRF token',
        tags: ['auth'],
        security: [],
        response: { 200: WebSession, 401: ErrorResponse },
      },
    },
    async (request) => presentSession(await readSession(db, request.cookies[SESSION_COOKIE])),
  )

  api.post(
    '/auth/logout',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Sign out: ends the session',
        tags: ['auth'],
        response: { 204: Type.Null(), 401: ErrorResponse },
      },
    },
    async (request, reply) => {
      await signOut(db, request.cookies[SESSION_COOKIE])
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.code(204).send(null)
    },
  )
}
