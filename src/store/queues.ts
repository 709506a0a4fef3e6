import type { SlaPolicy } from '../contract/calendar'
import type { Condition, Sort } from '../contract/conditions'
import type { Queryable } from './database'

/** A queue row as stored. */
export interface QueueRecord {
  uid: string
  name: string
  description: string
  position: number
  condition: Condition
  skills: string[]
  sla_policy: SlaPolicy | null
  priority: Sort[] | null
  /** The form the player asks for before Complete. */
  form_uid: string | null
  created_at: Date
  updated_at: Date
}

const QUEUE_COLUMNS = `uid, name, description, position, condition, skills, sla_policy, priority,
  form_uid, created_at, updated_at`

/** What a queue is made of, minus bookkeeping. */
export type QueueInput = Omit<QueueRecord, 'uid' | 'created_at' | 'updated_at'>

/** The organization's queues, in routing order. */
export async function listQueues(q: Queryable, orgUid: string): Promise<QueueRecord[]> {
  const result = await q.query<QueueRecord>(
    `SELECT ${QUEUE_COLUMNS} FROM queues WHERE org_uid = $1 ORDER BY position, uid`,
    [orgUid],
  )
  return result.rows
}

/** One queue of the organization, or null. */
export async function findQueue(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<QueueRecord | null> {
  const result = await q.query<QueueRecord>(
    `SELECT ${QUEUE_COLUMNS} FROM queues WHERE org_uid = $1 AND uid = $2`,
    [orgUid, uid],
  )
  return result.rows[0] ?? null
}

/** The position after the organization's last queue. */
export async function nextQueuePosition(q: Queryable, orgUid: string): Promise<number> {
  const result = await q.query<{ next: number }>(
    'SELECT coalesce(max(position) + 1, 0) AS next FROM queues WHERE org_uid = $1',
    [orgUid],
  )
  return result.rows[0]?.next ?? 0
}

/** Creates a queue; null when the name is taken. */
export async function insertQueue(
  q: Queryable,
  orgUid: string,
  input: QueueInput,
): Promise<QueueRecord | null> {
  const result = await q.query<QueueRecord>(
    `INSERT INTO queues (org_uid, name, description, position, condition, skills, sla_policy, priority,
       form_uid)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (org_uid, name) DO NOTHING
     RETURNING ${QUEUE_COLUMNS}`,
    [
      orgUid,
      input.name,
      input.description,
      input.position,
      JSON.stringify(input.condition),
      input.skills,
      input.sla_policy ? JSON.stringify(input.sla_policy) : null,
      input.priority ? JSON.stringify(input.priority) : null,
      input.form_uid,
    ],
  )
  return result.rows[0] ?? null
}

/** Replaces a queue's definition; null when it does not exist. */
export async function updateQueue(
  q: Queryable,
  orgUid: string,
  uid: string,
  input: QueueInput,
): Promise<QueueRecord | null> {
  const result = await q.query<QueueRecord>(
    `UPDATE queues SET name = $3, description = $4, position = $5, condition = $6, skills = $7,
       sla_policy = $8, priority = $9, form_uid = $10, updated_at = tessera_now()
     WHERE org_uid = $1 AND uid = $2
     RETURNING ${QUEUE_COLUMNS}`,
    [
      orgUid,
      uid,
      input.name,
      input.description,
      input.position,
      JSON.stringify(input.condition),
      input.skills,
      input.sla_policy ? JSON.stringify(input.sla_policy) : null,
      input.priority ? JSON.stringify(input.priority) : null,
      input.form_uid,
    ],
  )
  return result.rows[0] ?? null
}

/** Deletes a queue; false when it does not exist. Its tasks are re-routed by the caller. */
export async function deleteQueue(q: Queryable, orgUid: string, uid: string): Promise<boolean> {
  const result = await q.query('DELETE FROM queues WHERE org_uid = $1 AND uid = $2', [orgUid, uid])
  return (result.rowCount ?? 0) > 0
}

/** Serialises queue edits of one organization, so concurrent edits re-route in turn. */
export async function lockQueueRules(q: Queryable, orgUid: string): Promise<void> {
  await q.query("SELECT pg_advisory_xact_lock(hashtextextended('queues:' || $1, 0))", [orgUid])
}
