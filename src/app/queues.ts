import { AppError } from '../contract/errors'
import type { CreateQueueBody, UpdateQueueBody } from '../contract/queues'
import { assertValidCondition } from '../core/conditions'
import { routeTask } from '../core/routing/route-task'
import { describeChanges } from '../core/tasks/task-events'
import { type Database, type Queryable, withTransaction } from '../store/database'
import { loadOrgRules } from '../store/organizations'
import {
  deleteQueue,
  findQueue,
  insertQueue,
  lockQueueRules,
  nextQueuePosition,
  type QueueInput,
  type QueueRecord,
  updateQueue,
} from '../store/queues'
import { findMisroutedTasks, unpinTasksFromQueue } from '../store/routing'
import { lockTasks, updateTasks } from '../store/tasks'
import { orgContext } from './org-context'

/** Who edits the queues of which organization. */
export interface QueueContext {
  db: Database
  orgUid: string
  actorUid: string | null
}

/** How many re-routed tasks are written per statement. */
const REROUTE_CHUNK = 500

const MATCH_ALL = { combinator: 'and' as const, conditions: [] }

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
      .map((before) => ({ before, after: routeTask(before, org.routing) }))
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

function refuseInvalidCondition(input: { condition?: unknown }): void {
  if (input.condition) {
    assertValidCondition(input.condition as QueueInput['condition'], '/body/condition')
  }
}

/** Creates a queue and pulls in the open tasks it now wins. */
export async function createQueue(
  context: QueueContext,
  body: CreateQueueBody,
): Promise<QueueRecord> {
  refuseInvalidCondition(body)
  return withTransaction(context.db, async (client) => {
    await lockQueueRules(client, context.orgUid)
    const queue = await insertQueue(client, context.orgUid, {
      name: body.name,
      description: body.description ?? '',
      position: body.position ?? (await nextQueuePosition(client, context.orgUid)),
      condition: body.condition ?? MATCH_ALL,
      skills: body.skills ?? [],
      sla_policy: body.sla_policy ?? null,
      priority: body.priority ?? null,
    })
    if (!queue) {
      throw new AppError('name_taken', 'A queue with this name already exists.')
    }
    await rerouteOpenTasks(client, context)
    return queue
  })
}

/** Changes a queue; a new condition, position or SLA re-routes the open tasks. */
export async function editQueue(
  context: QueueContext,
  uid: string,
  body: UpdateQueueBody,
): Promise<QueueRecord> {
  refuseInvalidCondition(body)
  return withTransaction(context.db, async (client) => {
    await lockQueueRules(client, context.orgUid)
    const current = await findQueue(client, context.orgUid, uid)
    if (!current) {
      throw new AppError('not_found', 'No queue with this uid in your organization.')
    }
    const queue = await updateQueue(client, context.orgUid, uid, { ...current, ...body })
    if (!queue) {
      throw new AppError('not_found', 'No queue with this uid in your organization.')
    }
    await rerouteOpenTasks(client, context)
    return queue
  })
}

/** Deletes a queue; its open tasks go to the next matching queue, or to none. */
export async function removeQueue(context: QueueContext, uid: string): Promise<void> {
  await withTransaction(context.db, async (client) => {
    await lockQueueRules(client, context.orgUid)
    if (!(await deleteQueue(client, context.orgUid, uid))) {
      throw new AppError('not_found', 'No queue with this uid in your organization.')
    }
    // Tasks put in this queue by hand have nowhere to stay: the rules take them over again.
    await unpinTasksFromQueue(client, context.orgUid, uid)
    await rerouteOpenTasks(client, context)
  })
}
