import { AUTOMATION_FIRED_EVENT } from '../contract/automations'
import type { Queryable } from './database'

/** Tables an automation's action may name a row of, by uid. */
type NamedTable = 'notification_channels' | 'webhooks'

/** Which of these uids name rows of `table` (active or not) in the organization. */
export async function existingUids(
  q: Queryable,
  table: NamedTable,
  orgUid: string,
  uids: string[],
): Promise<Set<string>> {
  if (uids.length === 0) {
    return new Set()
  }
  const result = await q.query<{ uid: string }>(
    `SELECT uid FROM ${table} WHERE org_uid = $1 AND uid = ANY ($2::uuid[])`,
    [orgUid, uids],
  )
  return new Set(result.rows.map((row) => row.uid))
}

/** The task's assignee, or null (unassigned, or no such task). */
export async function assigneeOfTask(
  q: Queryable,
  orgUid: string,
  taskUid: string,
): Promise<string | null> {
  const result = await q.query<{ assignee_uid: string | null }>(
    'SELECT assignee_uid FROM tasks WHERE org_uid = $1 AND uid = $2',
    [orgUid, taskUid],
  )
  return result.rows[0]?.assignee_uid ?? null
}

/**
 * Queues an `automation.fired` delivery of the task, as it is now, to one webhook of the
 * organization through the webhook outbox, so the dispatcher signs, retries and schedules it
 * with the endpoint's other deliveries (after the task's earlier ones). Its `event_id` and
 * `event_type` are the task's latest history entry: the state the snapshot shows. Nothing
 * is queued for an inactive or deleted webhook.
 *
 * @returns the delivery's uid, or null when none was queued
 */
export async function insertAutomationDelivery(
  q: Queryable,
  orgUid: string,
  input: { webhookUid: string; taskUid: string; info: Record<string, unknown> },
): Promise<string | null> {
  // As the history trigger does: concurrent writers of one task number its deliveries in
  // commit order, which the dispatcher's per-task ordering relies on.
  await q.query('SELECT 1 FROM tasks WHERE org_uid = $1 AND uid = $2 FOR NO KEY UPDATE', [
    orgUid,
    input.taskUid,
  ])
  const result = await q.query<{ uid: string }>(
    `INSERT INTO webhook_deliveries
       (org_uid, webhook_uid, task_uid, event_id, event_type, type, actor_uid, info, task,
        occurred_at)
     SELECT w.org_uid, w.uid, t.uid, e.id, e.type, $5, NULL, $4::jsonb, to_jsonb(t),
       tessera_now()
     FROM webhooks w
     JOIN tasks t ON t.org_uid = w.org_uid AND t.uid = $3
     CROSS JOIN LATERAL (
       SELECT id, type FROM task_events
       WHERE org_uid = t.org_uid AND task_uid = t.uid ORDER BY id DESC LIMIT 1
     ) e
     WHERE w.org_uid = $1 AND w.uid = $2 AND w.active
     RETURNING uid`,
    [orgUid, input.webhookUid, input.taskUid, JSON.stringify(input.info), AUTOMATION_FIRED_EVENT],
  )
  return result.rows[0]?.uid ?? null
}
