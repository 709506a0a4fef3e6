import { Account } from '../../contract/accounts'
import { ErrorResponse } from '../../contract/common'
import { presentAccount } from '../../presenters/account'
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
    async (request) => presentAccount(principalOf(request)),
  )
}
