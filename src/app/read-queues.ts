import { AppError } from '../contract/errors'
import { findQueue, type QueueRecord, listQueues as readQueues } from '../store/queues'
import type { OrgScope } from './actor'

/** The organization's queues, in routing order. */
export function listQueues(scope: OrgScope): Promise<QueueRecord[]> {
  return readQueues(scope.db.pool, scope.orgUid)
}

/** One queue of the organization; 404 for any other uid. */
export async function getQueue(scope: OrgScope, uid: string): Promise<QueueRecord> {
  const queue = await findQueue(scope.db.pool, scope.orgUid, uid)
  if (!queue) {
    throw new AppError('not_found', 'No queue with this uid in your organization.')
  }
  return queue
}
