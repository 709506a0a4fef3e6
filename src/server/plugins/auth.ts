import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../../contract/errors'
import { hasRole, type Role } from '../../core/auth/roles'
import { isTokenShaped } from '../../core/auth/token-format'
import type { Database } from '../../store/database'
import { authenticateToken, type Principal } from '../../store/tokens'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Least role the route needs; omit only for public routes listed in `public: true`. */
    role?: Role
    /** A route anyone may call without a token (health, OpenAPI, docs). */
    public?: boolean
  }
  interface FastifyRequest {
    principal: Principal | null
  }
}

function bearerToken(request: FastifyRequest): string | null {
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

/**
 * Authenticates every non-public route from its bearer token and checks the route's least
 * role. Runs first (onRequest), so an unauthenticated request costs no body parsing.
 */
export function registerAuth(app: FastifyInstance, db: Database): void {
  app.decorateRequest('principal', null)
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config
    if (config.public || request.is404) {
      return
    }
    const raw = bearerToken(request)
    if (!raw) {
      throw new AppError('unauthorized', 'Send an API token as "Authorization: Bearer <token>".')
    }
    const principal = isTokenShaped(raw) ? await authenticateToken(db.pool, raw) : null
    if (!principal) {
      throw new AppError('unauthorized', 'The token is unknown, revoked or expired.')
    }
    request.principal = principal
    request.log = request.log.child({ token: principal.tokenName, org: principal.orgName })
    const least = config.role ?? 'super_admin'
    if (!hasRole(principal.role, least)) {
      throw new AppError(
        'forbidden',
        `This needs the ${least} role or above; the token is ${principal.role}.`,
      )
    }
  })
}
