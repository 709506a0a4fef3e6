import { queueNotFound } from '../contract/errors'
import { findQueue, type QueueRecord, listQueues as readQueues } from '../store/queues'
import type { OrgScope } from './actor'
import { foundOr } from './found'

/** The organization's queues, in routing order. */
export function listQueues(scope: OrgScope): Promise<QueueRecord[]> {
  return readQueues(scope.db.pool, scope.orgUid)
}

/** One queue of the organization; 404 for any other uid. */
export async function getQueue(scope: OrgScope, uid: string): Promise<QueueRecord> {
  return foundOr(await findQueue(scope.db.pool, scope.orgUid, uid), queueNotFound)
}
