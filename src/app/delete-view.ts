import { withTransaction } from '../store/database'
import { deleteView as removeView } from '../store/views'
import type { Actor } from './actor'
import { viewToChange } from './change-views'
import { recordAudit } from './record-audit'

/** Deletes a view: the caller's own, or a shared one as an admin. */
export async function deleteView(actor: Actor, uid: string): Promise<void> {
  await withTransaction(actor.db, async (q) => {
    const before = await viewToChange(q, actor, uid)
    await removeView(q, actor.orgUid, uid)
    if (before.shared) {
      await recordAudit(q, actor, { action: 'view.deleted', object: { kind: 'view', uid }, before })
    }
  })
}
