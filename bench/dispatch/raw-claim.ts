import type pg from 'pg'

// The textbook queue claim (the one the project's first storage measurements used), on
// Tessera's table and its dispatch index: one statement, FOR UPDATE SKIP LOCKED, autocommit.
// A queue's default order, as its dispatch index sorts it: keep it equal to
// DEFAULT_PRIORITY_SQL in src/store/dispatch.ts (bench code talks to Tessera only through its
// API, so it cannot import it). An order no index sorts makes the raw claim sort the whole
// queue each time: a copy left at the order before migration 0017 (`sla_breach_at`) gave the
// floors 6 claims/s.
const DEFAULT_ORDER = 't.sla_due_at ASC NULLS LAST, t.due_at ASC, t.created_at ASC, t.uid ASC'

const RAW_CLAIM = `UPDATE tasks SET status = 'STARTED', assignee_uid = $3, started_at = now()
  WHERE org_uid = $1 AND uid = (
    SELECT t.uid FROM tasks t
    WHERE t.org_uid = $1 AND t.queue_uid = $2 AND t.status = 'TODO' AND t.assignee_uid IS NULL
      AND NOT t.archived
    ORDER BY ${DEFAULT_ORDER}
    LIMIT 1 FOR UPDATE SKIP LOCKED)
  RETURNING uid`

const RAW_COMPLETE = `UPDATE tasks SET status = 'DONE', done_at = now()
  WHERE org_uid = $1 AND uid = $2`

/** Claims the first free task of the queue for `userUid`; throws when the queue is empty. */
export async function rawClaim(
  pool: pg.Pool,
  input: { orgUid: string; queueUid: string; userUid: string },
): Promise<string> {
  const result = await pool.query<{ uid: string }>({
    name: 'bench.rawClaim',
    text: RAW_CLAIM,
    values: [input.orgUid, input.queueUid, input.userUid],
  })
  const uid = result.rows[0]?.uid
  if (!uid) {
    throw new Error('the queue ran dry: raise --tasks')
  }
  return uid
}

/** Marks a claimed task done. */
export async function rawComplete(pool: pg.Pool, orgUid: string, uid: string): Promise<void> {
  await pool.query({ name: 'bench.rawComplete', text: RAW_COMPLETE, values: [orgUid, uid] })
}
