import { viewNotFound } from '../contract/errors'
import { parseListFilter } from '../core/tasks/list-filter'
import { countTasks } from '../store/task-list'
import { findView, listViews, type ViewRecord } from '../store/views'
import type { Actor } from './actor'
import { foundOr } from './found'

/** A view and, when asked for, how many tasks it matches now. */
export interface CountedView extends ViewRecord {
  count?: number
}

/** The caller's views and the organization's shared ones, pinned first. */
export async function readViews(actor: Actor, withCounts: boolean): Promise<CountedView[]> {
  const views = await listViews(actor.db.pool, actor.orgUid, actor.actorUid)
  if (!withCounts) {
    return views
  }
  // One count per view, in turn: a sidebar holds a handful, and PGlite has one connection.
  const counted: CountedView[] = []
  for (const view of views) {
    const count = await countTasks(actor.db.pool, actor.orgUid, parseListFilter(view.filter))
    counted.push({ ...view, count })
  }
  return counted
}

/** One view the caller may see. */
export async function readView(actor: Actor, uid: string): Promise<ViewRecord> {
  return foundOr(await findView(actor.db.pool, actor.orgUid, actor.actorUid, uid), viewNotFound)
}
