import { AppError } from '../contract/errors'
import { withTransaction } from '../store/database'
import { deleteSessionOf } from '../store/sessions'
import type { Actor } from './actor'
import { recordAudit } from './record-audit'

/**
 * Ends one of the acting user's own web sessions (`DELETE /sessions/{uid}`): the browser
 * holding it is signed out at its next request. Someone else's session is a 404.
 */
export async function endOwnSession(actor: Actor, uid: string): Promise<void> {
  await withTransaction(actor.db, async (client) => {
    if (!(await deleteSessionOf(client, actor.orgUid, actor.actorUid, uid))) {
      throw new AppError('not_found', 'You have no session with this uid.')
    }
    await recordAudit(client, actor, {
      action: 'session.ended',
      object: { kind: 'session', uid },
      before: { user_uid: actor.actorUid },
    })
  })
}
