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

/** A task as the floor in Tessera's round trips reads, writes and answers it. */
export type FloorTask = { uid: string } & Record<string, unknown>

/**
 * What the floor in Tessera's round trips reads and answers: each statement's text, named so
 * that every shape is prepared once per connection. The claim reads `columns` of the first free
 * task; each write returns `written` (and the row version), merged into the task as read.
 */
export interface ClaimShape {
  name: string
  firstFree: string
  start: string
  complete: string
  /** The operator's lock, the claim, the write and its history: one autocommitted statement. */
  claimAtOnce: string
}

/** A {@link ClaimShape} reading `columns` and returning the columns `written` from each write. */
export function claimShape(name: string, columns: string, written: string[]): ClaimShape {
  const answered = written.join(', ')
  // The completion's history names the assignee, so its write returns it even when not asked.
  const completed = [...new Set([...written, 'assignee_uid'])].join(', ')
  return {
    name,
    firstFree: FIRST_FREE.replace('SELECT t.uid FROM', `SELECT ${columns} FROM`),
    start: `WITH written AS (
    UPDATE tasks SET status = 'STARTED', assignee_uid = $3, started_at = now()
    WHERE org_uid = $1 AND uid = $2 RETURNING ${answered}, xmin::text AS row_version), ${CLAIM_HISTORY}
  SELECT ${answered}, row_version FROM written`,
    // Compare-and-set on the row version read before (xmin), as the store's moves do.
    complete: `WITH written AS (
    UPDATE tasks SET status = 'DONE', done_at = now()
    WHERE org_uid = $1 AND uid = $2 AND xmin::text = $3 RETURNING ${completed}), ${COMPLETE_HISTORY}
  SELECT ${answered} FROM written`,
    // The operator's lock is taken in the statement's own CTE, the claim refused without it.
    claimAtOnce: `WITH operator AS (
    SELECT 1 FROM users WHERE org_uid = $1 AND uid = $3 FOR NO KEY UPDATE
  ), written AS (
    UPDATE tasks t SET status = 'STARTED', assignee_uid = $3, started_at = now()
    WHERE t.org_uid = $1 AND EXISTS (SELECT 1 FROM operator) AND t.uid = (${FIRST_FREE})
    RETURNING ${columns}, t.xmin::text AS row_version), ${CLAIM_HISTORY}
  SELECT * FROM written`,
  }
}

/** The uid alone: what a route needs to name the task it handed out. */
export const UID_ONLY = claimShape('bench.inShape', 't.uid', ['uid'])

/**
 * Each task an in-shape claim wrote, as written, and its row version: as Tessera remembers the
 * tasks it hands out.
 */
const remembered = new Map<string, { task: FloorTask; version: string }>()

/**
 * A claim in the shape of Tessera's `next`, with raw statements: in one transaction, lock the
 * operator (their calls run one at a time), lock the first free task, then write it with its
 * history: the decision between the read and the write is the domain core's, so they are two
 * statements. On a pipelined pool (`pipeline: true`) BEGIN, the lock and the claim leave in
 * one write (the claim runs once the lock is held), and COMMIT with the write: two round
 * trips, as the store makes. Answers the task as read, with what the write changed.
 */
export async function rawClaimInShape(
  pool: pg.Pool,
  input: { orgUid: string; queueUid: string; userUid: string },
  shape: ClaimShape = UID_ONLY,
): Promise<FloorTask> {
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
        client.query<FloorTask>({
          name: `${shape.name}.firstFree`,
          text: shape.firstFree,
          values: [input.orgUid, input.queueUid],
        }),
      ]),
    )
    const read = found.rows[0]
    if (!read) {
      throw new Error('the queue ran dry: raise --tasks')
    }
    const [started] = await Promise.all(
      together(client, () => [
        client.query<{ row_version: string }>({
          name: `${shape.name}.start`,
          text: shape.start,
          values: [input.orgUid, read.uid, input.userUid],
        }),
        client.query('COMMIT'),
      ]),
    )
    const { row_version: version = '', ...written } = started.rows[0] ?? {}
    const task = { ...read, ...written }
    remembered.set(task.uid, { task, version })
    return task
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}

/**
 * A claim in one round trip and one statement, as no design can undercut while it keeps what
 * Tessera's `next` guarantees: the operator locked (their calls one at a time), the first free
 * task locked and written with its history, and the task answered as written. Remembered as
 * {@link rawClaimInShape} remembers it, for the completion.
 */
export async function rawClaimAtOnce(
  pool: pg.Pool,
  input: { orgUid: string; queueUid: string; userUid: string },
  shape: ClaimShape,
): Promise<FloorTask> {
  const result = await pool.query<FloorTask & { row_version: string }>({
    name: `${shape.name}.claimAtOnce`,
    text: shape.claimAtOnce,
    values: [input.orgUid, input.queueUid, input.userUid],
  })
  const row = result.rows[0]
  if (!row) {
    throw new Error('the queue ran dry: raise --tasks')
  }
  const { row_version: version, ...task } = row
  remembered.set(task.uid, { task, version })
  return task
}

/**
 * A completion in the shape of Tessera's `complete` of a task its server handed out: the core
 * decides on the task as written by the claim, and the write checks that its row version is
 * still that one. One round trip; two (read, then write) for a task not remembered. Answers
 * the task as remembered, with what the write changed.
 */
export async function rawCompleteInShape(
  pool: pg.Pool,
  orgUid: string,
  uid: string,
  shape: ClaimShape = UID_ONLY,
): Promise<FloorTask> {
  let known = remembered.get(uid)
  remembered.delete(uid)
  if (known === undefined) {
    const read = await pool.query<FloorTask & { row_version: string }>({
      name: 'bench.readTask',
      text: 'SELECT t.*, t.xmin::text AS row_version FROM tasks t WHERE t.org_uid = $1 AND t.uid = $2',
      values: [orgUid, uid],
    })
    const row = read.rows[0]
    if (row === undefined) {
      throw new Error(`task ${uid} vanished`)
    }
    const { row_version: version, ...task } = row
    known = { task, version }
  }
  const done = await pool.query<FloorTask>({
    name: `${shape.name}.complete`,
    text: shape.complete,
    values: [orgUid, uid, known.version],
  })
  return { ...known.task, ...done.rows[0] }
}
