import { compileSorts } from '../core/conditions'
import type { Queryable } from './database'
import {
  type ClaimQueue,
  DEFAULT_PRIORITY_SQL,
  FREE_IN_QUEUE,
  ownWaitingOf,
  startedCountOf,
} from './dispatch'
import { TASK_COLUMNS, type TaskRecord } from './tasks'

/**
 * The most free tasks one combined claim locks beyond one per operator, for operators who
 * skipped some of them: a bound on the rows it holds, not a tuning knob. An operator left
 * without a task by it claims again alone.
 */
const MOST_SPARE_CLAIMS = 64

/** What a combined claim knows of one operator, read under the operator's lock. */
export interface OperatorFacts {
  /** False when the user is deactivated (or gone). */
  active: boolean
  skills: string[]
  /** The queues of the operator's session; null: all they may work, or no session. */
  sessionQueueUids: string[] | null
  /** How many tasks the operator has started. */
  started: number
  /** The tasks the operator skipped in their session. */
  skipped: Set<string>
}

/** What several operators' `next` may hand out, read under their locks in one transaction. */
export interface ClaimsTogether {
  /** By user uid; a user who does not exist is missing. */
  operators: Map<string, OperatorFacts>
  /** The operators' own waiting tasks (paused, or back from a snooze), locked, most urgent first. */
  own: TaskRecord[]
  /** The most urgent free tasks of the queue that fit the skills, locked, most urgent first. */
  free: TaskRecord[]
}

// NO KEY UPDATE, as lockPlayer: serialises each operator's player calls without blocking the
// foreign-key checks of rows that merely reference the user. In uid order, the locks taken
// in the order of the sort: two combined claims sharing an operator wait, never deadlock.
const LOCK_OPERATORS = `SELECT u.uid, u.active, u.skills, s.queue_uids AS session_queue_uids
  FROM users u
  LEFT JOIN player_sessions s ON s.org_uid = u.org_uid AND s.user_uid = u.uid
  WHERE u.org_uid = $1 AND u.uid = ANY ($2::uuid[])
  ORDER BY u.uid
  FOR NO KEY UPDATE OF u`

// Read by statements of their own, sent after the lock: a statement that had to wait for a
// lock still reads from the snapshot it started with (see lockPlayer).
const OPERATOR_COUNTS = `SELECT o.uid::text AS user_uid, ${startedCountOf('o.uid')} AS started,
    ARRAY(SELECT k.task_uid::text FROM player_skips k
          WHERE k.org_uid = $1 AND k.user_uid = o.uid) AS skipped
  FROM unnest($2::uuid[]) AS o(uid)`

// Operator by operator, as claimNext reads one: each then finds their own tasks in the
// assignee index, where `assignee_uid = ANY (…)` was planned as a filter on every assigned task
// of the organization, done ones included.
const LOCK_OWN_WAITING = `SELECT own.* FROM unnest($2::uuid[]) AS o(uid)
  CROSS JOIN LATERAL (
    SELECT ${TASK_COLUMNS} FROM tasks t
    WHERE ${ownWaitingOf('o.uid', '$3')}
    ORDER BY ${DEFAULT_PRIORITY_SQL}
    FOR UPDATE
  ) AS own`

// One free task per operator, and one more for each task they skipped (up to a bound): an
// operator passes over what they skipped, and may then need a task further down.
const lockFreeText = (order: string) => `SELECT ${TASK_COLUMNS} FROM tasks t
  WHERE ${FREE_IN_QUEUE}
  ORDER BY ${order}
  LIMIT cardinality($2::uuid[]) + LEAST(${MOST_SPARE_CLAIMS}, (SELECT count(*) FROM player_skips k
    WHERE k.org_uid = $1 AND k.user_uid = ANY ($2::uuid[])))
  FOR UPDATE SKIP LOCKED`
const LOCK_FREE = lockFreeText(DEFAULT_PRIORITY_SQL)

/**
 * Locks several operators of one organization and reads, in one round trip, what their
 * `next` may hand them: their facts, their own waiting tasks, and enough of the most urgent
 * free tasks of `queue` that fit `skills` for each of them (FOR UPDATE SKIP LOCKED, as
 * claimNext). The caller hands out at most one task per operator and writes it in the same
 * transaction; the tasks it leaves are unlocked, unchanged, at its end.
 */
export async function claimTogether(
  q: Queryable,
  input: {
    orgUid: string
    userUids: string[]
    skills: string[]
    now: Date
    queue: ClaimQueue
  },
): Promise<ClaimsTogether> {
  const { orgUid, userUids, now } = input
  const freeValues: unknown[] = [orgUid, userUids, input.skills, now, input.queue.uid]
  const priority = input.queue.priority
  const order = priority?.length ? compileSorts(priority, freeValues.length) : null
  const [locked, counts, own, free] = await Promise.all([
    q.query<{
      uid: string
      active: boolean
      skills: string[]
      session_queue_uids: string[] | null
    }>({ name: 'tessera.lockOperators', text: LOCK_OPERATORS, values: [orgUid, userUids] }),
    q.query<{ user_uid: string; started: number; skipped: string[] }>({
      name: 'tessera.operatorCounts',
      text: OPERATOR_COUNTS,
      values: [orgUid, userUids],
    }),
    q.query<TaskRecord>({
      name: 'tessera.lockOwnWaiting',
      text: LOCK_OWN_WAITING,
      values: [orgUid, userUids, now],
    }),
    q.query<TaskRecord>({
      // Named for the default order only: a statement name must always stand for one text.
      name: order ? undefined : 'tessera.lockFree',
      text: order ? lockFreeText(order.sql) : LOCK_FREE,
      values: [...freeValues, ...(order?.params ?? [])],
    }),
  ])
  const countsOf = new Map(counts.rows.map((row) => [row.user_uid, row]))
  const operators = new Map<string, OperatorFacts>()
  for (const row of locked.rows) {
    const count = countsOf.get(row.uid)
    operators.set(row.uid, {
      active: row.active,
      skills: row.skills,
      sessionQueueUids: row.session_queue_uids,
      started: count?.started ?? 0,
      skipped: new Set(count?.skipped ?? []),
    })
  }
  return { operators, own: own.rows, free: free.rows }
}
