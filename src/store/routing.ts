import { compileCondition } from '../core/conditions'
import type { QueueRule } from '../core/routing/route-task'
import type { Queryable } from './database'

/**
 * The open, automatically routed tasks whose queue differs from what the rules now say,
 * found by one set-based statement: the queue conditions compile to a CASE that mirrors
 * `matchQueue` (same semantics, property-tested), so a rule change over many tasks costs
 * one scan instead of loading every task.
 */
export async function findMisroutedTasks(
  q: Queryable,
  orgUid: string,
  queues: QueueRule[],
  limit: number,
): Promise<string[]> {
  const params: unknown[] = [orgUid]
  const ordered = [...queues].sort((a, b) => a.position - b.position || a.uid.localeCompare(b.uid))
  const branches = ordered.map((queue) => {
    const compiled = compileCondition(queue.condition, params.length)
    params.push(...compiled.params, queue.uid)
    return `WHEN ${compiled.sql} THEN $${params.length}::uuid`
  })
  const target = branches.length > 0 ? `CASE ${branches.join(' ')} ELSE NULL END` : 'NULL::uuid'
  params.push(limit)
  const result = await q.query<{ uid: string }>(
    `SELECT t.uid FROM tasks t
     WHERE t.org_uid = $1 AND t.status <> 'DONE' AND NOT t.archived AND t.queue_updated_by IS NULL
       AND t.queue_uid IS DISTINCT FROM (${target})
     LIMIT $${params.length}`,
    params,
  )
  return result.rows.map((row) => row.uid)
}

/** Hands the tasks routed by hand into a queue back to the rules (before it is deleted). */
export async function unpinTasksFromQueue(
  q: Queryable,
  orgUid: string,
  queueUid: string,
): Promise<void> {
  await q.query(
    'UPDATE tasks SET queue_updated_by = NULL WHERE org_uid = $1 AND queue_uid = $2 AND queue_updated_by IS NOT NULL',
    [orgUid, queueUid],
  )
}

/** Open tasks of a queue after the uid `after` (null: from the first), in uid order. */
export async function openTasksOfQueue(
  q: Queryable,
  orgUid: string,
  queueUid: string,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const result = await q.query<{ uid: string }>(
    `SELECT t.uid FROM tasks t
     WHERE t.org_uid = $1 AND t.queue_uid = $2 AND t.status <> 'DONE' AND NOT t.archived
       AND ($3::uuid IS NULL OR t.uid > $3)
     ORDER BY t.uid LIMIT $4`,
    [orgUid, queueUid, after, limit],
  )
  return result.rows.map((row) => row.uid)
}
