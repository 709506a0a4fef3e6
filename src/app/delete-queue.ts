import { queueNotFound } from '../contract/errors'
import { deleteQueue as removeQueue } from '../store/queues'
import { unpinTasksFromQueue } from '../store/routing'
import { changeQueues, type QueueContext } from './change-queues'

/** Deletes a queue; its open tasks go to the next matching queue, or to none. */
export async function deleteQueue(context: QueueContext, uid: string): Promise<void> {
  await changeQueues(context, undefined, async (q) => {
    if (!(await removeQueue(q, context.orgUid, uid))) {
      throw queueNotFound()
    }
    // Tasks put in this queue by hand have nowhere to stay: the rules take them over again.
    await unpinTasksFromQueue(q, context.orgUid, uid)
  })
}
