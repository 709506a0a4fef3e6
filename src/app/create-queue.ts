import { AppError } from '../contract/errors'
import type { CreateQueueBody } from '../contract/queues'
import { insertQueue, nextQueuePosition, type QueueRecord } from '../store/queues'
import { checkedSlaPolicy } from './calendar-rules'
import { changeQueues, formOfQueue, type QueueContext } from './change-queues'
import { recordAudit } from './record-audit'

const MATCH_ALL = { combinator: 'and' as const, conditions: [] }

/** Creates a queue and pulls in the open tasks it now wins. */
export async function createQueue(
  context: QueueContext,
  body: CreateQueueBody,
): Promise<QueueRecord> {
  return changeQueues(context, body.condition, async (q) => {
    const queue = await insertQueue(q, context.orgUid, {
      name: body.name,
      description: body.description ?? '',
      position: body.position ?? (await nextQueuePosition(q, context.orgUid)),
      condition: body.condition ?? MATCH_ALL,
      skills: body.skills ?? [],
      sla_policy: (await checkedSlaPolicy(q, context.orgUid, body.sla_policy)) ?? null,
      priority: body.priority ?? null,
      form_uid: await formOfQueue(q, context.orgUid, body.form_uid ?? null),
    })
    if (!queue) {
      throw new AppError('name_taken', 'A queue with this name already exists.')
    }
    await recordAudit(q, context, {
      action: 'queue.created',
      object: { kind: 'queue', uid: queue.uid },
      after: queue,
    })
    return queue
  })
}
