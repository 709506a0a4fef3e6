import { AppError } from '../contract/errors'
import { hasRole } from '../core/auth/roles'
import { withTransaction } from '../store/database'
import { findToken, type TokenRecord, revokeToken as writeRevocation } from '../store/tokens'
import type { Actor } from './actor'
import { recordAudit } from './record-audit'

/**
 * Revokes a token of the actor's organization (`DELETE /tokens/:uid`): it stops working on
 * the very next request, on every server. No one may revoke a token above their own role.
 * Revoking twice answers the same token.
 */
export async function revokeToken(actor: Actor, tokenUid: string): Promise<TokenRecord> {
  return withTransaction(actor.db, async (client) => {
    const target = await findToken(client, actor.orgUid, tokenUid)
    if (target && !hasRole(actor.role, target.role)) {
      throw new AppError('forbidden', `A ${actor.role} cannot revoke a ${target.role} token.`)
    }
    const token = target && (await writeRevocation(client, actor.orgUid, tokenUid))
    if (!token) {
      throw new AppError('not_found', 'No token with this uid in your organization.')
    }
    await recordAudit(client, actor, {
      action: 'token.revoked',
      object: { kind: 'token', uid: token.uid },
      before: target,
      after: token,
    })
    return token
  })
}
