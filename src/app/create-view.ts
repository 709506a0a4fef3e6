import { AppError } from '../contract/errors'
import type { CreateViewBody } from '../contract/views'
import { checkView } from '../core/views/check-view'
import { withTransaction } from '../store/database'
import { countOwnViews, insertView, type ViewRecord } from '../store/views'
import type { Actor } from './actor'
import { MAX_VIEWS_PER_USER } from './change-views'
import { recordAudit } from './record-audit'

/** Saves a view for the caller. */
export async function createView(actor: Actor, body: CreateViewBody): Promise<ViewRecord> {
  const view = {
    name: body.name,
    filter: (body.filter ?? {}) as Record<string, string | string[]>,
    columns: body.columns ?? [],
    sort: body.sort ?? null,
    shared: body.shared ?? false,
    pinned: body.pinned ?? false,
  }
  checkView(view)
  return withTransaction(actor.db, async (q) => {
    if ((await countOwnViews(q, actor.orgUid, actor.actorUid)) >= MAX_VIEWS_PER_USER) {
      throw new AppError(
        'validation_failed',
        `You have ${MAX_VIEWS_PER_USER} views, the most one user may keep: delete one first.`,
        [{ path: '/body', message: `at most ${MAX_VIEWS_PER_USER} views per user` }],
      )
    }
    const created = await insertView(q, actor.orgUid, actor.actorUid, view)
    // Only shared views are the organization's configuration; private ones are preferences.
    if (created.shared) {
      await recordAudit(q, actor, {
        action: 'view.created',
        object: { kind: 'view', uid: created.uid },
        after: created,
      })
    }
    return created
  })
}
