import { Type } from '@sinclair/typebox'
import { errorResponses, UidParams } from '../../contract/common'
import { AppError } from '../../contract/errors'
import { ApiToken, CreatedToken, CreateTokenBody } from '../../contract/tokens'
import { hasRole } from '../../core/auth/roles'
import { presentToken } from '../../presenters/token'
import { insertToken, listTokens, revokeToken } from '../../store/tokens'
import { principalOf } from '../plugins/auth'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 422)

/** API tokens of the organization (Settings > Developers): admins and above. */
export function registerTokenRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/tokens',
    {
      config: { role: 'admin' },
      schema: {
        summary: "The organization's API tokens",
        tags: ['tokens'],
        response: { 200: Type.Object({ items: Type.Array(ApiToken) }), ...errors },
      },
    },
    async (request) => ({
      items: (await listTokens(db.pool, principalOf(request).orgUid)).map(presentToken),
    }),
  )

  api.post(
    '/tokens',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Create an API token',
        description: 'The raw token is in the response and nowhere else: it is stored hashed.',
        tags: ['tokens'],
        body: CreateTokenBody,
        response: { 200: CreatedToken, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const role = request.body.role ?? principal.role
      if (!hasRole(principal.role, role)) {
        throw new AppError('forbidden', `A ${principal.role} token cannot create a ${role} token.`)
      }
      const { token, raw } = await insertToken(db.pool, {
        orgUid: principal.orgUid,
        userUid: principal.userUid,
        name: request.body.name,
        role,
        rateLimitPerMinute: request.body.rate_limit_per_minute ?? null,
        expiresAt: request.body.expires_at ? new Date(request.body.expires_at) : null,
      })
      return { ...presentToken(token), token: raw }
    },
  )

  api.delete(
    '/tokens/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Revoke an API token (takes effect at once)',
        tags: ['tokens'],
        params: UidParams,
        response: { 200: ApiToken, ...errors },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const target = (await listTokens(db.pool, principal.orgUid)).find(
        (token) => token.uid === request.params.uid.toLowerCase(),
      )
      if (target && !hasRole(principal.role, target.role)) {
        throw new AppError('forbidden', `A ${principal.role} cannot revoke a ${target.role} token.`)
      }
      const token = await revokeToken(db.pool, principal.orgUid, request.params.uid)
      if (!token) {
        throw new AppError('not_found', 'No token with this uid in your organization.')
      }
      return presentToken(token)
    },
  )
}
