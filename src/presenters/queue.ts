import type { QueueStats } from '../contract/queue-stats'
import type { Queue } from '../contract/queues'
import type { QueueStatsRecord } from '../store/queue-stats'
import type { QueueRecord } from '../store/queues'

/** A queue with its rules, SLA policy and dispatch order. */
export function presentQueue(queue: QueueRecord): Queue {
  return {
    ...queue,
    sla_policy: queue.sla_policy ?? null,
    priority: queue.priority ?? null,
    form_uid: queue.form_uid ?? null,
    created_at: queue.created_at.toISOString(),
    updated_at: queue.updated_at.toISOString(),
  }
}

/** A queue's backlog figures. */
export function presentQueueStats(stats: QueueStatsRecord): QueueStats {
  return { ...stats, measured_at: stats.measured_at.toISOString() }
}
