import { getQueueStats, listQueueStats } from '../../app/read-queue-stats'
import { errorResponses, UidParams } from '../../contract/common'
import { QueueStats, QueueStatsList } from '../../contract/queue-stats'
import { presentQueueStats } from '../../presenters/queue'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 422)

const FIGURES =
  'Open, started, overdue and SLA-breaching tasks, the age of the oldest open one, completions in the last hour and day, and median resolution, wait and work times (seconds) over the last 24 hours. Archived tasks count nowhere; a completed task counts in the queue it was completed in.'

/**
 * Backlog figures per queue. `/queues/stats` is a static route, which Fastify's router always
 * prefers to the parametric `/queues/:uid`, whatever the registration order.
 */
export function registerQueueStatsRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/queues/stats',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Backlog figures of every queue',
        description: `${FIGURES} The last item (queue_uid null) covers the tasks in no queue, which the player never hands out.`,
        tags: ['queues'],
        response: { 200: QueueStatsList, ...errors },
      },
    },
    async (request) => ({
      items: (await listQueueStats(actingAs(request, db))).map(presentQueueStats),
    }),
  )

  api.get(
    '/queues/:uid/stats',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Backlog figures of a queue',
        description: FIGURES,
        tags: ['queues'],
        params: UidParams,
        response: { 200: QueueStats, ...errors },
      },
    },
    async (request) =>
      presentQueueStats(await getQueueStats(actingAs(request, db), request.params.uid)),
  )
}
