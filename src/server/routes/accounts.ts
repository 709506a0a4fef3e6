import { Account } from '../../contract/accounts'
import { ErrorResponse } from '../../contract/common'
import { principalOf } from '../plugins/auth'
import type { Api } from '../types'

/** `GET /accounts/me`: who the token acts as. */
export function registerAccountRoutes(api: Api): void {
  api.get(
    '/accounts/me',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The account behind the token',
        tags: ['accounts'],
        response: { 200: Account, 401: ErrorResponse },
      },
    },
    async (request) => {
      const p = principalOf(request)
      return {
        organization: { uid: p.orgUid, name: p.orgName },
        user: { uid: p.userUid, email: p.userEmail, name: p.userName, role: p.userRole },
        token: { uid: p.tokenUid, name: p.tokenName, role: p.role },
        role: p.role,
      }
    },
  )
}
