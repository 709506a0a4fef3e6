import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { deleteSsoSettings } from '../../app/delete-sso-settings'
import { finishSsoSignIn } from '../../app/finish-sso-sign-in'
import { readSsoSettings } from '../../app/read-sso-settings'
import { saveSsoSettings } from '../../app/save-sso-settings'
import { SSO_LOGIN_TTL_SECONDS, startSsoSignIn } from '../../app/start-sso-sign-in'
import { testSsoConnection } from '../../app/test-sso-connection'
import { ErrorResponse, errorResponses } from '../../contract/common'
import {
  PutSsoBody,
  SSO_ERRORS,
  SsoCallbackQuery,
  SsoSettings,
  SsoStartQuery,
  SsoTestResult,
  TestSsoBody,
} from '../../contract/sso'
import { SsoRefusal } from '../../core/sso/sso-refusal'
import { presentSsoSettings, type SsoLinks } from '../../presenters/sso'
import { setSessionCookie } from '../plugins/session'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 422)

/** The cookie that ties a sign-in under way to the browser that started it. */
const SSO_COOKIE = 'tessera_sso'
const SSO_PATH = '/api/v1/auth/sso'

/** Starts per client IP and minute: each writes a row, and a person needs one. */
const SSO_STARTS_PER_MINUTE = 30

const Redirect = Type.Null({
  description: `A redirect: to the provider, into the app, or to /login?sso_error=<code> (${SSO_ERRORS.join(', ')}).`,
})

/** Where the web app says why a single sign-on ended without a session. */
const refusalPage = (code: string) => `/login?sso_error=${encodeURIComponent(code)}`

/** Single sign-on: the organization's OpenID Connect provider, and signing in through it. */
export function registerSsoRoutes(api: Api, { db, config, keys }: RouteDeps): void {
  const options = { allowPrivate: config.allowPrivateSsoIssuers }
  const origin = (request: FastifyRequest) =>
    config.publicUrl ?? `${request.protocol}://${request.host}`
  const links = (request: FastifyRequest, orgName: string): SsoLinks => ({
    redirectUri: `${origin(request)}${SSO_PATH}/callback`,
    signInUrl: `${origin(request)}${SSO_PATH}/start?organization=${encodeURIComponent(orgName)}`,
  })
  const present = (request: FastifyRequest, record: Parameters<typeof presentSsoSettings>[0]) =>
    presentSsoSettings(record, links(request, request.principal?.orgName ?? ''))

  /** Ends a browser's sign-in on the login page, saying why; the reason goes to the log. */
  function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    if (!(error instanceof SsoRefusal)) {
      throw error
    }
    request.log.info({ sso: error.code, detail: error.detail }, 'single sign-on refused')
    reply.clearCookie(SSO_COOKIE, { path: SSO_PATH })
    return reply.redirect(refusalPage(error.code), 302)
  }

  api.get(
    '/sso',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Single sign-on settings',
        description: 'The client secret is never returned, only whether it is set.',
        tags: ['sso'],
        response: { 200: SsoSettings, ...errors },
      },
    },
    async (request) => present(request, await readSsoSettings(actingAs(request, db))),
  )

  api.put(
    '/sso',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Set up or change single sign-on (OpenID Connect)',
        description:
          'The client secret is write-only: sealed at rest, never returned. See docs/SSO.md.',
        tags: ['sso'],
        body: PutSsoBody,
        response: { 200: SsoSettings, ...errors },
      },
    },
    async (request) =>
      present(
        request,
        await saveSsoSettings({ ...actingAs(request, db), keys }, request.body, options),
      ),
  )

  api.delete(
    '/sso',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Turn single sign-on off',
        description: 'Password sign-in works again for everyone; open sessions stay.',
        tags: ['sso'],
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteSsoSettings(actingAs(request, db))
      return reply.code(204).send(null)
    },
  )

  api.post(
    '/sso/test',
    {
      config: { role: 'admin' },
      schema: {
        summary: "Fetch the provider's discovery document",
        description: 'ok is false, with the reason, when it cannot be fetched or is refused.',
        tags: ['sso'],
        body: Type.Optional(TestSsoBody),
        response: { 200: SsoTestResult, ...errors },
      },
    },
    async (request) => testSsoConnection(actingAs(request, db), request.body ?? {}, options),
  )

  api.get(
    '/auth/sso/start',
    {
      config: {
        public: true,
        rateLimit: {
          max: SSO_STARTS_PER_MINUTE,
          timeWindow: 60_000,
          keyGenerator: (request) => `sso-start:${request.ip}`,
        },
      },
      schema: {
        summary: 'Sign in with single sign-on: off to the provider',
        description:
          'Opened by the browser (a navigation, not a fetch). The organization is named, or found by the email’s domain among the organizations with SSO.',
        tags: ['auth'],
        security: [],
        querystring: SsoStartQuery,
        response: { 302: Redirect, 422: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      try {
        const started = await startSsoSignIn(db, options, {
          ...request.query,
          redirectUri: `${origin(request)}${SSO_PATH}/callback`,
        })
        reply.setCookie(SSO_COOKIE, started.browserBinding, {
          httpOnly: true,
          // Lax: the provider's redirect back is a cross-site top-level navigation.
          sameSite: 'lax',
          secure: request.protocol === 'https',
          path: SSO_PATH,
          maxAge: SSO_LOGIN_TTL_SECONDS,
        })
        return reply.redirect(started.authorizationUrl, 302)
      } catch (error) {
        return refuse(request, reply, error)
      }
    },
  )

  api.get(
    '/auth/sso/callback',
    {
      config: { public: true },
      schema: {
        summary: 'Where the provider sends the browser back',
        description:
          'Checks state (once, from the browser that started), the code and the ID token, opens a web session and redirects into the app; any refusal redirects to /login?sso_error=<code> and creates nothing.',
        tags: ['auth'],
        security: [],
        querystring: SsoCallbackQuery,
        response: { 302: Redirect, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      try {
        const session = await finishSsoSignIn(
          { db, keys },
          options,
          {
            search: request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '',
            state: request.query.state,
            error: request.query.error,
            browserBinding: request.cookies[SSO_COOKIE],
          },
          {
            userAgent: request.headers['user-agent'],
            ip: request.ip,
            requestId: request.id,
          },
        )
        reply.clearCookie(SSO_COOKIE, { path: SSO_PATH })
        setSessionCookie(reply, session, request.protocol === 'https')
        return reply.redirect('/', 302)
      } catch (error) {
        return refuse(request, reply, error)
      }
    },
  )
}
