import { Type } from '@sinclair/typebox'
import { issueToken } from '../../app/issue-token'
import { listTokens } from '../../app/read-tokens'
import { revokeToken } from '../../app/revoke-token'
import { errorResponses, UidParams } from '../../contract/common'
import { ApiToken, CreatedToken, CreateTokenBody } from '../../contract/tokens'
import { presentToken } from '../../presenters/token'
import { actingAs } from '../request-context'
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
    async (request) => ({ items: (await listTokens(actingAs(request, db))).map(presentToken) }),
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
      const { token, raw } = await issueToken(db, {
        issuer: actingAs(request, db),
        tokenName: request.body.name,
        role: request.body.role,
        rateLimitPerMinute: request.body.rate_limit_per_minute,
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
    async (request) => presentToken(await revokeToken(actingAs(request, db), request.params.uid)),
  )
}
