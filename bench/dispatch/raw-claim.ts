import type pg from 'pg'

// The textbook queue claim (the one the project's first storage measurements used), on
// Tessera's table and its dispatch index: one statement, FOR UPDATE SKIP LOCKED, autocommit.
// A queue's default order, as its dispatch index sorts it: keep it equal to
// DEFAULT_PRIORITY_SQL in src/store/dispatch.ts (bench code talks to Tessera only through its
// API, so it cannot import it). An order no index sorts makes the raw claim sort the whole
// queue each time: a copy left at the order before migration 0017 (`sla_breach_at`) gave the
// floors 6 claims/s.
const DEFAULT_ORDER = 't.sla_due_at ASC NULLS LAST, t.due_at ASC, t.created_at ASC, t.uid ASC'

/** The queue's first free task, locked; $1 the organization, $2 the queue. */
const FIRST_FREE = `SELECT t.uid FROM tasks t
    WHERE t.org_uid = $1 AND t.queue_uid = $2 AND t.status = 'TODO' AND t.assignee_uid IS NULL
      AND NOT t.archived
    ORDER BY ${DEFAULT_ORDER}
    LIMIT 1 FOR UPDATE SKIP LOCKED`

const RAW_CLAIM = `UPDATE tasks SET status = 'STARTED', assignee_uid = $3, started_at = now()
  WHERE org_uid = $1 AND uid = (${FIRST_FREE})
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

// The history rows Tessera writes for a `next` (assigned, then started) and a `complete`,
// each by the statement that changes the task, as its store does: the cost of that
// guarantee, and of the triggers on task_events that feed webhooks, rules and live updates.
const CLAIM_HISTORY = `history AS (
    INSERT INTO task_events (org_uid, task_uid, type, actor_uid, data)
    SELECT $1, w.uid, e.type, $3, e.data FROM written w
    CROSS JOIN (VALUES (1, 'assigned', jsonb_build_object('assignee_uid', $3::uuid)),
                       (2, 'started', '{"from": "TODO", "to": "STARTED"}'::jsonb)) AS e(n, type, data)
    ORDER BY e.n)`

const COMPLETE_HISTORY = `history AS (
    INSERT INTO task_events (org_uid, task_uid, type, actor_uid, data)
    SELECT $1, w.uid, 'completed', w.assignee_uid, '{"from": "STARTED", "to": "DONE"}' FROM written w)`

const CLAIM_WITH_HISTORY = `WITH written AS (${RAW_CLAIM}), ${CLAIM_HISTORY}
  SELECT uid FROM written`

const COMPLETE_WITH_HISTORY = `WITH written AS (
    UPDATE tasks SET status = 'DONE', done_at = now()
    WHERE org_uid = $1 AND uid = $2 RETURNING uid, assignee_uid), ${COMPLETE_HISTORY}
  SELECT uid FROM written`

// Compare-and-set on the row version read before (xmin), as the store's moves do.
const COMPLETE_IF_UNCHANGED = `WITH written AS (
    UPDATE tasks SET status = 'DONE', done_at = now()
    WHERE org_uid = $1 AND uid = $2 AND xmin::text = $3 RETURNING uid, assignee_uid), ${COMPLETE_HISTORY}
  SELECT uid FROM written`

/** The raw claim and its history rows, one autocommitted statement. */
export async function rawClaimWithHistory(
  pool: pg.Pool,
  input: { orgUid: string; queueUid: string; userUid: string },
): Promise<string> {
  const result = await pool.query<{ uid: string }>({
    name: 'bench.rawClaimWithHistory',
    text: CLAIM_WITH_HISTORY,
    values: [input.orgUid, input.queueUid, input.userUid],
  })
  const uid = result.rows[0]?.uid
  if (!uid) {
    throw new Error('the queue ran dry: raise --tasks')
  }
  return uid
}

/** The raw completing UPDATE and its history row, one statement. */
export async function rawCompleteWithHistory(
  pool: pg.Pool,
  orgUid: string,
  uid: string,
): Promise<void> {
  await pool.query({
    name: 'bench.rawCompleteWithHistory',
    text: COMPLETE_WITH_HISTORY,
    values: [orgUid, uid],
  })
}

/** Sends what `send` sends in one socket write, as Tessera's store does on a pipelined pool. */
function together<T>(client: pg.PoolClient, send: () => T): T {
  client.connection.stream.cork()
  try {
    return send()
  } finally {
    client.connection.stream.uncork()
  }
}

const START_REMEMBERED = `WITH written AS (
    UPDATE tasks SET status = 'STARTED', assignee_uid = $3, started_at = now()
    WHERE org_uid = $1 AND uid = $2 RETURNING uid, xmin::text AS row_version), ${CLAIM_HISTORY}
  SELECT uid, row_version FROM written`

/** The row version each in-shape claim wrote, as Tessera remembers the tasks it hands out. */
const versions = new Map<string, string>()

/**
 * A claim in the shape of Tessera's `next`, with raw statements: in one transaction, lock the
 * operator (their calls run one at a time), lock the first free task, then write it with its
 * history: the decision between the read and the write is the domain core's, so they are two
 * statements. On a pipelined pool (`pipeline: true`) BEGIN, the lock and the claim leave in
 * one write (the claim runs once the lock is held), and COMMIT with the write: two round
 * trips, as the store makes.
 */
export async function rawClaimInShape(
  pool: pg.Pool,
  input: { orgUid: string; queueUid: string; userUid: string },
): Promise<string> {
  const client = await pool.connect()
  try {
    const [, , found] = await Promise.all(
      together(client, () => [
        client.query('BEGIN'),
        client.query({
          name: 'bench.lockOperator',
          text: 'SELECT 1 FROM users WHERE org_uid = $1 AND uid = $2 FOR NO KEY UPDATE',
          values: [input.orgUid, input.userUid],
        }),
        client.query<{ uid: string }>({
          name: 'bench.firstFree',
          text: FIRST_FREE,
          values: [input.orgUid, input.queueUid],
        }),
      ]),
    )
    const uid = found.rows[0]?.uid
    if (!uid) {
      throw new Error('the queue ran dry: raise --tasks')
    }
    const [started] = await Promise.all(
      together(client, () => [
        client.query<{ row_version: string }>({
          name: 'bench.startRemembered',
          text: START_REMEMBERED,
          values: [input.orgUid, uid, input.userUid],
        }),
        client.query('COMMIT'),
      ]),
    )
    versions.set(uid, started.rows[0]?.row_version ?? '')
    return uid
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}

/**
 * A completion in the shape of Tessera's `complete` of a task its server handed out: the core
 * decides on the task as written by the claim, and the write checks that its row version is
 * still that one. One round trip; two (read, then write) for a task not remembered.
 */
export async function rawCompleteInShape(
  pool: pg.Pool,
  orgUid: string,
  uid: string,
): Promise<void> {
  let version = versions.get(uid)
  versions.delete(uid)
  if (version === undefined) {
    const read = await pool.query<{ row_version: string }>({
      name: 'bench.readTask',
      text: 'SELECT t.*, t.xmin::text AS row_version FROM tasks t WHERE t.org_uid = $1 AND t.uid = $2',
      values: [orgUid, uid],
    })
    version = read.rows[0]?.row_version
    if (version === undefined) {
      throw new Error(`task ${uid} vanished`)
    }
  }
  await pool.query({
    name: 'bench.completeIfUnchanged',
    text: COMPLETE_IF_UNCHANGED,
    values: [orgUid, uid, version],
  })
}
