import { queueNotFound } from '../contract/errors'
import { findQueue, deleteQueue as removeQueue } from '../store/queues'
import { unpinTasksFromQueue } from '../store/routing'
import { changeQueues, type QueueContext } from './change-queues'
import { recordAudit } from './record-audit'

/** Deletes a queue; its open tasks go to the next matching queue, or to none. */
export async function deleteQueue(context: QueueContext, uid: string): Promise<void> {
  await changeQueues(context, undefined, async (q) => {
    const before = await findQueue(q, context.orgUid, uid)
    if (!before || !(await removeQueue(q, context.orgUid, uid))) {
      throw queueNotFound()
    }
    await recordAudit(q, context, {
      action: 'queue.deleted',
      object: { kind: 'queue', uid: before.uid },
      before,
    })
    // Tasks put in this queue by hand have nowhere to stay: the rules take them over again.
    await unpinTasksFromQueue(q, context.orgUid, uid)
  })
}
