import { AppError } from '../contract/errors'
import { withTransaction } from '../store/database'
import { lockQueueRules, deleteQueue as removeQueue } from '../store/queues'
import { unpinTasksFromQueue } from '../store/routing'
import { type QueueContext, rerouteOpenTasks } from './reroute-open-tasks'

/** Deletes a queue; its open tasks go to the next matching queue, or to none. */
export async function deleteQueue(context: QueueContext, uid: string): Promise<void> {
  await withTransaction(context.db, async (client) => {
    await lockQueueRules(client, context.orgUid)
    if (!(await removeQueue(client, context.orgUid, uid))) {
      throw new AppError('not_found', 'No queue with this uid in your organization.')
    }
    // Tasks put in this queue by hand have nowhere to stay: the rules take them over again.
    await unpinTasksFromQueue(client, context.orgUid, uid)
    await rerouteOpenTasks(client, context)
  })
}
