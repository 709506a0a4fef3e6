import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../../contract/errors'
import { hasRole, type Role } from '../../core/auth/roles'
import { hashToken, isTokenShaped } from '../../core/auth/token-format'
import type { Database } from '../../store/database'
import { loadOrgRules, type OrgRules } from '../../store/organizations'
import type { RateLimitHit } from '../../store/rate-limits'
import { type AuthenticateOptions, authenticateToken, type Principal } from '../../store/tokens'
import { type AuthCache, changesAuthData } from '../auth-cache'
import { authenticateCookie } from './session'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Least role the route needs; omit only for public routes listed in `public: true`. */
    role?: Role
    /** A route anyone may call without a token (health, OpenAPI, docs). */
    public?: boolean
    /** The route writes tasks: read the organization's rules along with the token. */
    orgRules?: boolean
  }
  interface FastifyRequest {
    principal: Principal | null
    /** The organization's rules, read with the token on routes that ask for them. */
    orgRules: OrgRules | null
    /** The token's rate-limit count, when the authentication statement counted the hit. */
    rateLimitHit: RateLimitHit | null
    /** Why the request may not go on (401 or 403), thrown once it has been rate limited. */
    authError: AppError | null
  }
}

/** The bearer token of a request's Authorization header, if it has one. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) {
    return null
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match?.[1] ?? null
}

/** The caller of an authenticated route; throws if the route forgot to require one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new Error('route reached without authentication')
  }
  return request.principal
}

/** Options of the authentication plugin. */
export interface AuthOptions {
  /** Count each token's rate-limit hit in the authentication statement, in windows this long. */
  countRateLimitWindowMs?: number
  /** The process's memory of tokens and rules; without it every request asks the database. */
  cache?: AuthCache
}

/**
 * The caller of a known token from the process's memory, with the organization's rules when
 * the route asks for them: no round trip, or one for rules not seen yet. Null: ask the
 * database (unknown here, or the cache is not current).
 */
async function fromCache(
  request: FastifyRequest,
  db: Database,
  cache: AuthCache,
  hash: string,
): Promise<Principal | null> {
  const principal = cache.principal(hash)
  if (!principal) {
    return null
  }
  if (request.routeOptions.config.orgRules === true) {
    let rules = cache.orgRules(principal.orgUid)
    if (!rules) {
      const ticket = cache.ticket()
      rules = await loadOrgRules(db.pool, principal.orgUid)
      cache.rememberRules(ticket, principal.orgUid, rules)
    }
    request.orgRules = rules
  }
  return principal
}

/** The caller, from a bearer token, or else from the web session cookie. */
async function resolvePrincipal(
  request: FastifyRequest,
  db: Database,
  options: AuthOptions,
): Promise<Principal | AppError> {
  const raw = bearerToken(request)
  if (raw) {
    if (!isTokenShaped(raw)) {
      return new AppError('unauthorized', 'The token is unknown, revoked or expired.')
    }
    const { cache } = options
    const hash = hashToken(raw)
    const cached = cache ? await fromCache(request, db, cache, hash) : null
    if (cached) {
      return cached
    }
    const asked: AuthenticateOptions = {
      countHitWindowMs: options.countRateLimitWindowMs,
      withRules: request.routeOptions.config.orgRules === true,
    }
    const ticket = cache?.ticket() ?? null
    const found = await authenticateToken(db.pool, raw, asked)
    if (!found) {
      return new AppError('unauthorized', 'The token is unknown, revoked or expired.')
    }
    cache?.remember(ticket, hash, found.principal, found.expiresAt)
    if (found.rules) {
      cache?.rememberRules(ticket, found.principal.orgUid, found.rules)
    }
    request.rateLimitHit = found.hit
    request.orgRules = found.rules
    return found.principal
  }
  try {
    const principal = await authenticateCookie(request, db)
    if (principal) {
      return principal
    }
  } catch (error) {
    if (error instanceof AppError) {
      return error
    }
    throw error
  }
  return new AppError(
    'unauthorized',
    'Send an API token as "Authorization: Bearer <token>", or sign in to the web app.',
  )
}

/**
 * Adds `bindings` to every line the request logs. Fastify gives each request a child logger
 * of its own already; binding onto it, where the logger can (pino's `setBindings`), saves a
 * second child per request, which cost 4–5% of a cached GET's server time.
 */
function bindToRequestLog(request: FastifyRequest, bindings: Record<string, string>): void {
  const log: FastifyBaseLogger & { setBindings?: (bindings: Record<string, string>) => void } =
    request.log
  if (log.setBindings) {
    log.setBindings(bindings)
  } else {
    request.log = log.child(bindings)
  }
}

async function authenticate(
  request: FastifyRequest,
  db: Database,
  options: AuthOptions,
): Promise<AppError | null> {
  const principal = await resolvePrincipal(request, db, options)
  if (principal instanceof AppError) {
    return principal
  }
  request.principal = principal
  bindToRequestLog(request, { token: principal.tokenName, org: principal.orgName })
  const least = request.routeOptions.config.role ?? 'super_admin'
  if (!hasRole(principal.role, least)) {
    return new AppError(
      'forbidden',
      `This needs the ${least} role or above; the token is ${principal.role}.`,
    )
  }
  return null
}

/**
 * Authenticates every non-public route from its bearer token and checks the route's least
 * role.
 *
 * The token is resolved first (onRequest) so that the rate limiter, a route-level onRequest
 * hook that runs next, counts by token. A refusal is only thrown afterwards (preParsing):
 * requests with a missing or wrong token are then rate limited per client IP too, and still
 * cost no body parsing.
 */
export function registerAuth(app: FastifyInstance, db: Database, options: AuthOptions = {}): void {
  app.decorateRequest('principal', null)
  app.decorateRequest('orgRules', null)
  app.decorateRequest('rateLimitHit', null)
  app.decorateRequest('authError', null)
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config
    // Only the API is guarded: the web app's page and assets are public files, and the app
    // signs in through the API.
    if (config.public || request.is404 || !request.url.startsWith('/api/')) {
      return
    }
    request.authError = await authenticate(request, db, options)
    if (request.authError?.code === 'unauthorized') {
      // RFC 9110: a 401 names the scheme the client should use.
      reply.header('www-authenticate', 'Bearer')
    }
  })
  app.addHook('preParsing', (request, _reply, payload, done) => {
    if (request.authError) {
      done(request.authError)
    } else {
      done(null, payload)
    }
  })
  const { cache } = options
  if (cache) {
    // The change's NOTIFY reaches this process too, but maybe after the caller has its answer
    // and has sent the next request: a revocation takes effect at once where it was made.
    app.addHook('onSend', (request, reply, payload, done) => {
      if (reply.statusCode < 400 && changesAuthData(request.method, request.routeOptions.url)) {
        cache.forget()
      }
      done(null, payload)
    })
  }
}
