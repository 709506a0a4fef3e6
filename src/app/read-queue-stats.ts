import { queueNotFound } from '../contract/errors'
import { type QueueStatsRecord, queueStats } from '../store/queue-stats'
import type { OrgScope } from './actor'
import { foundOr } from './found'

/** The backlog figures of every queue, measured now, and of the tasks in no queue last. */
export function listQueueStats(scope: OrgScope): Promise<QueueStatsRecord[]> {
  return queueStats(scope.db.pool, scope.orgUid, new Date())
}

/** The backlog figures of one queue, measured now; 404 for a uid of no queue of ours. */
export async function getQueueStats(scope: OrgScope, queueUid: string): Promise<QueueStatsRecord> {
  const [row] = await queueStats(scope.db.pool, scope.orgUid, new Date(), queueUid.toLowerCase())
  return foundOr(row, queueNotFound)
}
