import type { Queryable } from './database'
import { FITS_OPERATOR_SKILLS } from './dispatch'

/** Records that the operator skipped the task in their session (again: the time moves on). */
export async function recordSkip(
  q: Queryable,
  orgUid: string,
  userUid: string,
  taskUid: string,
): Promise<void> {
  await q.query({
    name: 'tessera.recordSkip',
    text: `INSERT INTO player_skips (org_uid, user_uid, task_uid) VALUES ($1, $2, $3)
     ON CONFLICT (org_uid, user_uid, task_uid) DO UPDATE SET skipped_at = tessera_now()`,
    values: [orgUid, userUid, taskUid],
  })
}

/** Forgets that the operator skipped the task: it has been handed to them on purpose. */
export async function forgetSkip(
  q: Queryable,
  orgUid: string,
  userUid: string,
  taskUid: string,
): Promise<void> {
  await q.query('DELETE FROM player_skips WHERE org_uid = $1 AND user_uid = $2 AND task_uid = $3', [
    orgUid,
    userUid,
    taskUid,
  ])
}

/** Forgets every skip of the operator: their session starts afresh or ends. */
export async function forgetSkips(q: Queryable, orgUid: string, userUid: string): Promise<void> {
  await q.query('DELETE FROM player_skips WHERE org_uid = $1 AND user_uid = $2', [orgUid, userUid])
}

/**
 * How many tasks the operator skipped that `next` could hand them now: their own waiting
 * tasks (paused, or awake after a snooze) and free tasks of `queueUids` they have the skills for.
 */
export async function countSkippedAvailable(
  q: Queryable,
  input: { orgUid: string; userUid: string; skills: string[]; now: Date; queueUids: string[] },
): Promise<number> {
  const result = await q.query<{ count: number }>({
    name: 'tessera.countSkippedAvailable',
    text: `SELECT count(*)::int AS count
     FROM player_skips k
     JOIN tasks t ON t.org_uid = k.org_uid AND t.uid = k.task_uid
     WHERE k.org_uid = $1 AND k.user_uid = $2 AND t.status = 'TODO' AND NOT t.archived
       AND (t.snooze_expires_at IS NULL OR t.snooze_expires_at <= $4)
       AND (t.assignee_uid = $2
            OR (t.assignee_uid IS NULL AND t.queue_uid = ANY($5::uuid[]) AND ${FITS_OPERATOR_SKILLS}))`,
    values: [input.orgUid, input.userUid, input.skills, input.now, input.queueUids],
  })
  return result.rows[0]?.count ?? 0
}
