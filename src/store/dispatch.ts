import type { CompiledSql } from '../core/conditions'
import type { Queryable } from './database'
import { TASK_COLUMNS, type TaskRecord } from './tasks'

/** The default dispatch order, matching the partial index tasks_dispatch. */
export const DEFAULT_PRIORITY_SQL =
  't.sla_breach_at ASC NULLS LAST, t.due_at ASC, t.created_at ASC, t.uid ASC'

/**
 * Locks the operator for the rest of the transaction. Every player action of one operator
 * takes this lock first, so two `next` calls of the same person (two tabs, two servers)
 * run one after the other and can never both start a task.
 */
export async function lockOperator(q: Queryable, orgUid: string, userUid: string): Promise<void> {
  // NO KEY UPDATE: serialises the operator's player calls without blocking the foreign-key
  // checks of rows that merely reference the user (comments, tokens, sessions).
  await q.query('SELECT 1 FROM users WHERE org_uid = $1 AND uid = $2 FOR NO KEY UPDATE', [
    orgUid,
    userUid,
  ])
}

/** The operator's tasks in the given statuses, most recently played first, locked unless told. */
export async function lockOperatorTasks(
  q: Queryable,
  orgUid: string,
  userUid: string,
  statuses: string[],
  forUpdate = true,
): Promise<TaskRecord[]> {
  const result = await q.query<TaskRecord>(
    `SELECT ${TASK_COLUMNS} FROM tasks t
     WHERE t.org_uid = $1 AND t.assignee_uid = $2 AND t.status = ANY($3::text[]) AND NOT t.archived
     ORDER BY t.played_at DESC NULLS LAST, t.uid
     ${forUpdate ? 'FOR UPDATE' : ''}`,
    [orgUid, userUid, statuses],
  )
  return result.rows
}

/** The operator's most urgent own task that is waiting and awake (paused, or a woken snooze). */
export async function claimOwnTask(
  q: Queryable,
  orgUid: string,
  userUid: string,
  now: Date,
): Promise<TaskRecord | null> {
  const result = await q.query<TaskRecord>(
    `SELECT ${TASK_COLUMNS} FROM tasks t
     WHERE t.org_uid = $1 AND t.assignee_uid = $2 AND t.status = 'TODO' AND NOT t.archived
       AND (t.snooze_expires_at IS NULL OR t.snooze_expires_at <= $3)
     ORDER BY ${DEFAULT_PRIORITY_SQL}
     LIMIT 1
     FOR UPDATE`,
    [orgUid, userUid, now],
  )
  return result.rows[0] ?? null
}

/**
 * Claims the most urgent task of a queue that nobody holds and the operator has the skills
 * for. FOR UPDATE SKIP LOCKED: concurrent claimers each get a different row, and never wait
 * on one another.
 */
export async function claimPoolTask(
  q: Queryable,
  input: {
    orgUid: string
    queueUid: string
    skills: string[]
    now: Date
    /** The queue's own priority, compiled with its parameters numbered from $5. */
    order: CompiledSql | null
  },
): Promise<TaskRecord | null> {
  const params: unknown[] = [input.orgUid, input.queueUid, input.skills, input.now]
  const order = input.order?.sql ?? DEFAULT_PRIORITY_SQL
  const result = await q.query<TaskRecord>(
    `SELECT ${TASK_COLUMNS} FROM tasks t
     WHERE t.org_uid = $1 AND t.queue_uid = $2 AND t.status = 'TODO' AND t.assignee_uid IS NULL
       AND NOT t.archived AND t.skills <@ $3::text[]
       AND (t.snooze_expires_at IS NULL OR t.snooze_expires_at <= $4)
     ORDER BY ${order}
     LIMIT 1
     FOR UPDATE SKIP LOCKED`,
    [...params, ...(input.order?.params ?? [])],
  )
  return result.rows[0] ?? null
}
