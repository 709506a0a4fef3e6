import { AppError } from '../contract/errors'
import type { UpdateQueueBody } from '../contract/queues'
import { assertValidCondition } from '../core/conditions'
import { withTransaction } from '../store/database'
import {
  findQueue,
  lockQueueRules,
  type QueueRecord,
  updateQueue as writeQueue,
} from '../store/queues'
import { type QueueContext, rerouteOpenTasks } from './reroute-open-tasks'

/** Changes a queue; a new condition, position or SLA re-routes the open tasks. */
export async function updateQueue(
  context: QueueContext,
  uid: string,
  body: UpdateQueueBody,
): Promise<QueueRecord> {
  if (body.condition) {
    assertValidCondition(body.condition, '/body/condition')
  }
  return withTransaction(context.db, async (client) => {
    await lockQueueRules(client, context.orgUid)
    const current = await findQueue(client, context.orgUid, uid)
    if (!current) {
      throw new AppError('not_found', 'No queue with this uid in your organization.')
    }
    const queue = await writeQueue(client, context.orgUid, uid, { ...current, ...body })
    if (!queue) {
      throw new AppError('not_found', 'No queue with this uid in your organization.')
    }
    await rerouteOpenTasks(client, context)
    return queue
  })
}
