import { listTokens as readTokens, type TokenRecord } from '../store/tokens'
import type { OrgScope } from './actor'

/** The organization's tokens, newest first, revoked ones included. */
export function listTokens(scope: OrgScope): Promise<TokenRecord[]> {
  return readTokens(scope.db.pool, scope.orgUid)
}
