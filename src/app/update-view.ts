import { viewNotFound } from '../contract/errors'
import type { UpdateViewBody } from '../contract/views'
import { checkView } from '../core/views/check-view'
import { withTransaction } from '../store/database'
import { type ViewRecord, updateView as writeView } from '../store/views'
import type { Actor } from './actor'
import { viewToChange } from './change-views'
import { foundOr } from './found'
import { recordAudit } from './record-audit'

/** Changes a view: the caller's own, or a shared one as an admin. */
export async function updateView(
  actor: Actor,
  uid: string,
  body: UpdateViewBody,
): Promise<ViewRecord> {
  const changes = body as Partial<Pick<ViewRecord, 'filter' | 'columns' | 'sort'>> & UpdateViewBody
  checkView(changes)
  return withTransaction(actor.db, async (q) => {
    const current = await viewToChange(q, actor, uid)
    const { uid: _uid, owner_uid: _owner, created_at: _c, updated_at: _u, ...kept } = current
    const view = foundOr(
      await writeView(q, actor.orgUid, uid, { ...kept, ...changes }),
      viewNotFound,
    )
    if (current.shared || view.shared) {
      await recordAudit(q, actor, {
        action: 'view.updated',
        object: { kind: 'view', uid },
        before: current,
        after: view,
      })
    }
    return view
  })
}
