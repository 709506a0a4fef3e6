import { AppError } from '../contract/errors'
import type { CreateQueueBody } from '../contract/queues'
import { assertValidCondition } from '../core/conditions'
import { withTransaction } from '../store/database'
import { insertQueue, lockQueueRules, nextQueuePosition, type QueueRecord } from '../store/queues'
import { type QueueContext, rerouteOpenTasks } from './reroute-open-tasks'

const MATCH_ALL = { combinator: 'and' as const, conditions: [] }

/** Creates a queue and pulls in the open tasks it now wins. */
export async function createQueue(
  context: QueueContext,
  body: CreateQueueBody,
): Promise<QueueRecord> {
  if (body.condition) {
    assertValidCondition(body.condition, '/body/condition')
  }
  return withTransaction(context.db, async (client) => {
    await lockQueueRules(client, context.orgUid)
    const queue = await insertQueue(client, context.orgUid, {
      name: body.name,
      description: body.description ?? '',
      position: body.position ?? (await nextQueuePosition(client, context.orgUid)),
      condition: body.condition ?? MATCH_ALL,
      skills: body.skills ?? [],
      sla_policy: body.sla_policy ?? null,
      priority: body.priority ?? null,
    })
    if (!queue) {
      throw new AppError('name_taken', 'A queue with this name already exists.')
    }
    await rerouteOpenTasks(client, context)
    return queue
  })
}
