import type { ApiToken } from '../contract/tokens'
import type { TokenRecord } from '../store/tokens'
import { isoOrNull } from './iso'

/** A token as listed: never its hash, never the raw value. */
export function presentToken(token: TokenRecord): ApiToken {
  return {
    uid: token.uid,
    name: token.name,
    role: token.role,
    last4: token.last4,
    user_uid: token.user_uid,
    rate_limit_per_minute: token.rate_limit_per_minute,
    created_at: token.created_at.toISOString(),
    expires_at: isoOrNull(token.expires_at),
    last_used_at: isoOrNull(token.last_used_at),
    revoked_at: isoOrNull(token.revoked_at),
  }
}
