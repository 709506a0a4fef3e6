import { queueNotFound } from '../contract/errors'
import type { UpdateQueueBody } from '../contract/queues'
import { findQueue, type QueueRecord, updateQueue as writeQueue } from '../store/queues'
import { changeQueues, type QueueContext } from './change-queues'
import { foundOr } from './found'

/** Changes a queue; a new condition, position or SLA re-routes the open tasks. */
export async function updateQueue(
  context: QueueContext,
  uid: string,
  body: UpdateQueueBody,
): Promise<QueueRecord> {
  return changeQueues(context, body.condition, async (q) => {
    const current = await findQueue(q, context.orgUid, uid)
    const queue = current && (await writeQueue(q, context.orgUid, uid, { ...current, ...body }))
    return foundOr(queue, queueNotFound)
  })
}
