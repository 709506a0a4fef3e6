import { Type } from '@sinclair/typebox'
import type { FastifyReply } from 'fastify'
import { signIn } from '../../app/sign-in'
import { SignInBody, WebSession } from '../../contract/auth'
import { ErrorResponse } from '../../contract/common'
import { AppError } from '../../contract/errors'
import { presentAccount } from '../../presenters/account'
import { authenticateSession, deleteSession, SESSION_IDLE_DAYS } from '../../store/sessions'
import { SESSION_COOKIE } from '../plugins/session'
import type { Api, RouteDeps } from '../types'

/** Sign-in attempts allowed per client IP and minute: enough for typos, not for guessing. */
const SIGN_IN_ATTEMPTS_PER_MINUTE = 10

function setSessionCookie(reply: FastifyReply, secret: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: SESSION_IDLE_DAYS * 86_400,
  })
}

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
        response: { 200: WebSession, 401: ErrorResponse, 422: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const session = await signIn(db, request.body)
      const found = await authenticateSession(db.pool, session.secret)
      if (!found) {
        throw new Error('a new session could not be read back')
      }
      setSessionCookie(reply, session.secret, request.protocol === 'https')
      return {
        account: presentAccount(found.principal),
        csrf_token: found.csrfToken,
      }
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
    async (request) => {
      const secret = request.cookies[SESSION_COOKIE]
      const found = secret ? await authenticateSession(db.pool, secret) : null
      if (!found) {
        throw new AppError('unauthorized', 'Not signed in.')
      }
      return {
        account: presentAccount(found.principal),
        csrf_token: found.csrfToken,
      }
    },
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
      const secret = request.cookies[SESSION_COOKIE]
      if (secret) {
        await deleteSession(db.pool, secret)
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.code(204).send(null)
    },
  )
}
