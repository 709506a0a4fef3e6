import type { Condition } from '../contract/conditions'
import { AppError } from '../contract/errors'
import { assertValidCondition } from '../core/conditions'
import { routeTask } from '../core/routing/route-task'
import { changedKeys } from '../core/tasks/bulk-action'
import { describeChanges } from '../core/tasks/task-events'
import { type Queryable, withTransaction } from '../store/database'
import { holdForm } from '../store/forms'
import { loadOrgRules } from '../store/organizations'
import { lockQueueRules } from '../store/queues'
import { findMisroutedTasks, openTasksOfQueue } from '../store/routing'
import { lockTasks, updateTasks } from '../store/tasks'
import type { OrgScope } from './actor'
import { orgContext } from './org-context'

/** Who edits the queues of which organization (no actor: the system). */
export interface QueueContext extends OrgScope {
  actorUid: string | null
}

/** How many re-routed tasks are written per statement. */
const REROUTE_CHUNK = 500

/**
 * Re-routes every open task that the current rules would place elsewhere, in chunks, inside
 * the caller's transaction. Each move is written with a `routed` history entry.
 *
 * @returns how many tasks changed queue
 */
export async function rerouteOpenTasks(q: Queryable, context: QueueContext): Promise<number> {
  let moved = 0
  for (;;) {
    const org = orgContext(await loadOrgRules(q, context.orgUid))
    const uids = await findMisroutedTasks(q, context.orgUid, org.rules.queues, REROUTE_CHUNK)
    if (uids.length === 0) {
      return moved
    }
    const tasks = await lockTasks(q, context.orgUid, uids)
    const changes = tasks
      .map((before) => ({ before, after: org.settle(before, routeTask(before, org.routing)) }))
      .filter(({ before, after }) => before.queue_uid !== after.queue_uid)
    const events = changes.flatMap(({ before, after }) => describeChanges(before, after))
    await updateTasks(
      q,
      context.orgUid,
      changes.map(({ after }) => after),
      events,
      context.actorUid,
    )
    moved += changes.length
    // Fewer than a chunk, or rows the SQL flagged but routing kept (they would come back
    // forever): either way, nothing is left to move.
    if (uids.length < REROUTE_CHUNK || changes.length === 0) {
      return moved
    }
  }
}

/**
 * Settles again the SLA deadlines of a queue's open tasks, in chunks, inside the caller's
 * transaction: after its policy changed, they follow the new one. No history entry: the
 * task itself did not change.
 *
 * @returns how many tasks got other deadlines
 */
export async function resettleQueueTasks(
  q: Queryable,
  context: QueueContext,
  queueUid: string,
): Promise<number> {
  const org = orgContext(await loadOrgRules(q, context.orgUid))
  let changed = 0
  let after: string | null = null
  for (;;) {
    const uids = await openTasksOfQueue(q, context.orgUid, queueUid, after, REROUTE_CHUNK)
    if (uids.length === 0) {
      return changed
    }
    after = uids[uids.length - 1] ?? null
    const tasks = await lockTasks(q, context.orgUid, uids)
    const settled = tasks
      .map((before) => ({ before, after: org.settle(before, before) }))
      .filter(({ before, after: next }) => changedKeys(before, next).length > 0)
      .map(({ after: next }) => next)
    if (settled.length > 0) {
      await updateTasks(q, context.orgUid, settled, [], context.actorUid)
    }
    changed += settled.length
    if (uids.length < REROUTE_CHUNK) {
      return changed
    }
  }
}

/**
 * The form a queue write names, lower-cased, once checked to be one of the organization's
 * (422 at `/body/form_uid` otherwise) and held until the transaction ends; null stays null.
 */
export async function formOfQueue(
  q: Queryable,
  orgUid: string,
  formUid: string | null,
): Promise<string | null> {
  if (formUid === null) {
    return null
  }
  const uid = formUid.toLowerCase()
  if (!(await holdForm(q, orgUid, uid))) {
    throw new AppError('validation_failed', 'No such form.', [
      { path: '/body/form_uid', message: 'is not a form of your organization (GET /forms)' },
    ])
  }
  return uid
}

/**
 * Changes the organization's queues in one transaction, under its queue lock (so concurrent
 * changes apply one after the other), then re-routes every open task by the new rules. A new
 * routing condition is checked first: one the language does not know changes nothing.
 */
export async function changeQueues<T>(
  context: QueueContext,
  condition: Condition | undefined,
  change: (q: Queryable) => Promise<T>,
): Promise<T> {
  if (condition) {
    assertValidCondition(condition, '/body/condition')
  }
  return withTransaction(context.db, async (client) => {
    await lockQueueRules(client, context.orgUid)
    const result = await change(client)
    await rerouteOpenTasks(client, context)
    return result
  })
}
