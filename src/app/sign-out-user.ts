import { AppError } from '../contract/errors'
import { hasRole } from '../core/auth/roles'
import { withTransaction } from '../store/database'
import { deleteUserSessions, listUserSessions } from '../store/sessions'
import { findUser } from '../store/users'
import type { Actor } from './actor'
import { recordAudit } from './record-audit'

/**
 * Signs a user out everywhere (`POST /users/{uid}/sign-out`): every web session of theirs
 * ends. Their API tokens stay (revoke those one by one); deactivating them ends both. No
 * one may sign out a user whose role is above their own. Answers how many sessions ended.
 */
export async function signOutUser(actor: Actor, uid: string): Promise<number> {
  return withTransaction(actor.db, async (client) => {
    const user = await findUser(client, actor.orgUid, uid)
    if (!user) {
      throw new AppError('not_found', 'No user with this uid in your organization.')
    }
    if (!hasRole(actor.role, user.role)) {
      throw new AppError('forbidden', `A ${actor.role} cannot sign out a ${user.role}.`)
    }
    const ended = (await listUserSessions(client, actor.orgUid, uid)).length
    await deleteUserSessions(client, actor.orgUid, uid)
    await recordAudit(client, actor, {
      action: 'user.signed_out',
      object: { kind: 'user', uid },
      before: { sessions: ended },
      after: { sessions: 0 },
    })
    return ended
  })
}
