import { AppError, taskNotFound } from '../contract/errors'
import { assignTask, releaseTask } from '../core/player/transitions'
import { placeInQueue, routeTask } from '../core/routing/route-task'
import { assigneeFor } from '../core/tasks/hand-changes'
import { describeChanges } from '../core/tasks/task-events'
import type { TaskState } from '../core/tasks/task-state'
import { withTransaction } from '../store/database'
import { loadOrgRules } from '../store/organizations'
import { lockTasks, type TaskRecord, updateTasks } from '../store/tasks'
import { findUser } from '../store/users'
import { type OrgContext, orgContext } from './org-context'
import type { WriteContext } from './write-tasks'

/** Changes one task under lock, in a transaction, with its history. */
async function changeTask(
  context: WriteContext,
  taskUid: string,
  change: (
    task: TaskRecord,
    org: OrgContext,
    client: Parameters<typeof lockTasks>[0],
  ) => Promise<TaskState>,
): Promise<TaskRecord> {
  return withTransaction(context.db, async (client) => {
    const org = orgContext(await loadOrgRules(client, context.orgUid))
    const [task] = await lockTasks(client, context.orgUid, [taskUid])
    if (!task) {
      throw taskNotFound()
    }
    const after = org.settle(task, await change(task, org, client))
    const [written] = await updateTasks(
      client,
      context.orgUid,
      [after],
      describeChanges(task, after),
      context.actorUid,
    )
    if (!written) {
      throw new Error('a locked task vanished')
    }
    return written
  })
}

/** Assigns a task by hand to an active user of the organization who can work tasks. */
export function assignTaskTo(
  context: WriteContext,
  taskUid: string,
  assigneeUid: string,
): Promise<TaskRecord> {
  return changeTask(context, taskUid, async (task, org, client) => {
    const found = await findUser(client, context.orgUid, assigneeUid)
    // The same rule as the assignee keys of a task write: active, and operator or above.
    const user = assigneeFor(
      { key: 'assignee_uid', uid: assigneeUid.toLowerCase() },
      found ? [found] : [],
      '/body',
    )
    return assignTask(task, user.uid, context.actorUid ?? user.uid, org.clock)
  })
}

/** Takes a task away from whoever holds it: back to the pool. */
export function unassignTask(context: WriteContext, taskUid: string): Promise<TaskRecord> {
  return changeTask(context, taskUid, async (task, org) =>
    task.assignee_uid ? releaseTask(task, context.actorUid ?? task.assignee_uid, org.clock) : task,
  )
}

/**
 * Routes a task by hand into `queueUid` (or into no queue with null): the rules leave it
 * there from now on. `automatic` hands it back to the rules instead.
 */
export function routeTaskByHand(
  context: WriteContext,
  taskUid: string,
  target: { queueUid: string | null } | { automatic: true },
): Promise<TaskRecord> {
  return changeTask(context, taskUid, async (task, org) => {
    if ('automatic' in target) {
      return routeTask({ ...task, queue_updated_by: null }, org.routing)
    }
    const queue = target.queueUid
      ? org.rules.queues.find((candidate) => candidate.uid === target.queueUid?.toLowerCase())
      : null
    if (queue === undefined) {
      throw new AppError('validation_failed', 'No such queue.', [
        { path: '/body/queue_uid', message: 'is not a queue of your organization' },
      ])
    }
    const placed =
      task.queue_uid === (queue?.uid ?? null) ? task : placeInQueue(task, queue, org.routing)
    return { ...placed, queue_updated_by: context.actorUid }
  })
}
