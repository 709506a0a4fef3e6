import { AppError, viewNotFound } from '../contract/errors'
import { MAX_VIEWS_PER_USER } from '../contract/views'
import { hasRole } from '../core/auth/roles'
import type { Queryable } from '../store/database'
import { findView, type ViewRecord } from '../store/views'
import type { Actor } from './actor'
import { foundOr } from './found'

export { MAX_VIEWS_PER_USER }

/**
 * The view `uid` if the actor may change it: their own, or a shared one when they are an
 * admin. A view they cannot see is a 404; a shared view of someone else's, a 403.
 */
export async function viewToChange(q: Queryable, actor: Actor, uid: string): Promise<ViewRecord> {
  const view = foundOr(await findView(q, actor.orgUid, actor.actorUid, uid), viewNotFound)
  if (view.owner_uid !== actor.actorUid && !hasRole(actor.role, 'admin')) {
    throw new AppError('forbidden', 'Only its owner or an admin may change a shared view.')
  }
  return view
}
