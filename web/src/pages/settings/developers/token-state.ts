import type { ApiToken } from '../../../api'

export type TokenState = 'active' | 'revoked' | 'expired'

/** Whether a token still opens the API at `now`: revocation wins over expiry. */
export function tokenState(token: ApiToken, now: Date): TokenState {
  if (token.revoked_at) {
    return 'revoked'
  }
  if (token.expires_at && new Date(token.expires_at).getTime() <= now.getTime()) {
    return 'expired'
  }
  return 'active'
}

export const TOKEN_STATE_LABELS: Record<TokenState, string> = {
  active: 'Active',
  revoked: 'Revoked',
  expired: 'Expired',
}
