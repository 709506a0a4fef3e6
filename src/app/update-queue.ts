import { queueNotFound } from '../contract/errors'
import type { UpdateQueueBody } from '../contract/queues'
import { findQueue, type QueueRecord, updateQueue as writeQueue } from '../store/queues'
import { checkedSlaPolicy } from './calendar-rules'
import { changeQueues, formOfQueue, type QueueContext, resettleQueueTasks } from './change-queues'
import { foundOr } from './found'
import { recordAudit } from './record-audit'

/** Changes a queue; a new condition, position or SLA re-routes the open tasks. */
export async function updateQueue(
  context: QueueContext,
  uid: string,
  body: UpdateQueueBody,
): Promise<QueueRecord> {
  return changeQueues(context, body.condition, async (q) => {
    const current = foundOr(await findQueue(q, context.orgUid, uid), queueNotFound)
    const form_uid =
      body.form_uid === undefined
        ? current.form_uid
        : await formOfQueue(q, context.orgUid, body.form_uid)
    const sla_policy =
      body.sla_policy === undefined
        ? current.sla_policy
        : ((await checkedSlaPolicy(q, context.orgUid, body.sla_policy)) ?? null)
    const queue = await writeQueue(q, context.orgUid, uid, {
      ...current,
      ...body,
      form_uid,
      sla_policy,
    })
    const updated = foundOr(queue, queueNotFound)
    // A new policy applies to the tasks already in the queue, not only to those to come.
    if (JSON.stringify(current.sla_policy) !== JSON.stringify(updated.sla_policy)) {
      await resettleQueueTasks(q, context, updated.uid)
    }
    await recordAudit(q, context, {
      action: 'queue.updated',
      object: { kind: 'queue', uid: updated.uid },
      before: current,
      after: updated,
    })
    return updated
  })
}
