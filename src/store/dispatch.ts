import type { Sort } from '../contract/conditions'
import { compileSorts } from '../core/conditions'
import type { Queryable } from './database'
import { ORG_RULES_COLUMNS, type OrgRules, type OrgRulesRow, toOrgRules } from './organizations'
import { TASK_COLUMNS, type TaskRecord } from './tasks'

/** The default dispatch order, matching the partial index tasks_dispatch. */
export const DEFAULT_PRIORITY_SQL =
  't.sla_due_at ASC NULLS LAST, t.due_at ASC, t.created_at ASC, t.uid ASC'

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

/** What a player action needs to know about its operator, read under the operator's lock. */
export interface PlayerFacts {
  /** False when the user is deactivated (or gone). */
  active: boolean
  skills: string[]
  rules: OrgRules
  /** The queues of the operator's session; null: all they may work, or no session. */
  sessionQueueUids: string[] | null
}

// The statements are built once, at load: pg compares a named statement's text with the one
// it prepared on every use, which a string built afresh makes a full comparison.

// NO KEY UPDATE: serialises the operator's player calls without blocking the foreign-key
// checks of rows that merely reference the user (comments, tokens, sessions).
const lockPlayerText = (withRules: boolean) => `SELECT u.active, u.skills,
    s.queue_uids AS session_queue_uids${withRules ? `, ${ORG_RULES_COLUMNS}` : ''}
  FROM users u
  ${withRules ? 'JOIN organizations o ON o.uid = u.org_uid' : ''}
  LEFT JOIN player_sessions s ON s.org_uid = u.org_uid AND s.user_uid = u.uid
  WHERE u.org_uid = $1 AND u.uid = $2
  FOR NO KEY UPDATE OF u`
const LOCK_PLAYER = lockPlayerText(true)
// Without the rules, for a caller that has them already (from its token's cache).
const LOCK_OPERATOR_FACTS = lockPlayerText(false)

/**
 * Locks the operator for the rest of the transaction and reads, in the same round trip, the
 * user, the organization's rules (unless given: `known`) and the session. Every player action
 * of one operator takes this lock first, so two `next` calls of the same person (two tabs,
 * two servers) run one after the other and can never both start a task.
 *
 * The operator's tasks are read by the next statement, not this one: a statement that had
 * to wait for the lock still reads from the snapshot it started with, which would not show
 * the task the other call has just started.
 */
export async function lockPlayer(
  q: Queryable,
  orgUid: string,
  userUid: string,
  known?: OrgRules,
): Promise<PlayerFacts> {
  const result = await q.query<
    Partial<OrgRulesRow> & {
      active: boolean
      skills: string[]
      session_queue_uids: string[] | null
    }
  >(
    known
      ? { name: 'tessera.lockOperatorFacts', text: LOCK_OPERATOR_FACTS, values: [orgUid, userUid] }
      : { name: 'tessera.lockPlayer', text: LOCK_PLAYER, values: [orgUid, userUid] },
  )
  const row = result.rows[0]
  return {
    active: row?.active ?? false,
    skills: row?.skills ?? [],
    rules: known ?? toOrgRules(row),
    sessionQueueUids: row?.session_queue_uids ?? null,
  }
}

const operatorTasks = (lock: string) => `SELECT ${TASK_COLUMNS} FROM tasks t
  WHERE t.org_uid = $1 AND t.assignee_uid = $2 AND t.status = ANY($3::text[]) AND NOT t.archived
  ORDER BY t.played_at DESC NULLS LAST, t.uid
  ${lock}`
const LOCK_OPERATOR_TASKS = operatorTasks('FOR UPDATE')
const OPERATOR_TASKS = operatorTasks('')

/** The operator's tasks in the given statuses, most recently played first, locked unless told. */
export async function lockOperatorTasks(
  q: Queryable,
  orgUid: string,
  userUid: string,
  statuses: string[],
  forUpdate = true,
): Promise<TaskRecord[]> {
  const result = await q.query<TaskRecord>({
    name: forUpdate ? 'tessera.lockOperatorTasks' : 'tessera.operatorTasks',
    text: forUpdate ? LOCK_OPERATOR_TASKS : OPERATOR_TASKS,
    values: [orgUid, userUid, statuses],
  })
  return result.rows
}

/** Matches when the operator ($2) skipped the task `t` in their session. */
const SKIPPED_BY_OPERATOR =
  'SELECT 1 FROM player_skips k WHERE k.org_uid = $1 AND k.user_uid = $2 AND k.task_uid = t.uid'

/**
 * The task `t` needs no skill the operator ($3) lacks: in the claim, and in the count of
 * skipped tasks that could be served (player-skips.ts). Said twice on purpose: where no task of
 * the organization asks for a skill (the usual case), ANALYZE finds no array elements to keep
 * statistics on, and the planner then guesses that `<@` keeps 0.5% of the rows. It expected the
 * claim to match almost nothing, read and sorted the whole queue for each `next`, instead of
 * taking the first match off the dispatch index. `skills = '{}'` is estimated from the column's
 * most common value, so the whole condition is known to keep (almost) every row.
 */
export const FITS_OPERATOR_SKILLS = `(t.skills = '{}' OR t.skills <@ $3::text[])`

/** How many tasks the operator `assignee` has started (SQL, for a statement on org $1). */
export const startedCountOf = (assignee: string) => `(SELECT count(*)::int FROM tasks s
          WHERE s.org_uid = $1 AND s.assignee_uid = ${assignee} AND s.status = 'STARTED'
            AND NOT s.archived)`

/**
 * The task `t` is one of the operator `assignee`'s own waiting tasks at `now`: paused, or
 * back from a snooze (SQL, for a statement on org $1).
 */
export const ownWaitingOf = (assignee: string, now: string) =>
  `t.org_uid = $1 AND t.assignee_uid = ${assignee} AND t.status = 'TODO' AND NOT t.archived
      AND (t.snooze_expires_at IS NULL OR t.snooze_expires_at <= ${now})`

/**
 * The task `t` is free in queue $5 at $4 for an operator with the skills $3 (SQL, for a
 * statement on org $1).
 */
export const FREE_IN_QUEUE = `t.org_uid = $1 AND t.queue_uid = $5 AND t.status = 'TODO' AND t.assignee_uid IS NULL
      AND NOT t.archived AND ${FITS_OPERATOR_SKILLS}
      AND (t.snooze_expires_at IS NULL OR t.snooze_expires_at <= $4)`

/** The claim of {@link claimNext}, with the pool taken in `order`. */
const claimNextText = (order: string) => `WITH own AS (
    SELECT ${TASK_COLUMNS} FROM tasks t
    WHERE ${ownWaitingOf('$2', '$4')}
      AND ($6 OR NOT EXISTS (${SKIPPED_BY_OPERATOR}))
    ORDER BY ${DEFAULT_PRIORITY_SQL}
    LIMIT 1
    FOR UPDATE
  ), pool AS (
    SELECT ${TASK_COLUMNS} FROM tasks t
    WHERE ${FREE_IN_QUEUE}
      AND ($6 OR NOT EXISTS (${SKIPPED_BY_OPERATOR}))
      AND NOT EXISTS (SELECT 1 FROM own)
    ORDER BY ${order}
    LIMIT 1
    FOR UPDATE SKIP LOCKED
  )
  SELECT ${startedCountOf('$2')} AS started_count, claimed.*
  FROM (SELECT 1) AS one
  LEFT JOIN (SELECT * FROM own UNION ALL SELECT * FROM pool) AS claimed ON true`
const CLAIM_NEXT = claimNextText(DEFAULT_PRIORITY_SQL)

/** A queue to claim from, with its own dispatch order (null or empty: the default one). */
export interface ClaimQueue {
  uid: string
  priority: readonly Sort[] | null
}

/**
 * A claim of `next`, in one statement: how many tasks the operator has started, and, locked,
 * their most urgent own waiting task or else the most urgent free task of `queue` that they
 * have the skills for (the pool is not even scanned when an own task waits). FOR UPDATE SKIP
 * LOCKED: concurrent claimers each get a different row and never wait on one another. Null
 * `queue`: own tasks only. Tasks the operator skipped in their session are passed over unless
 * `includeSkipped`.
 */
export async function claimNext(
  q: Queryable,
  input: {
    orgUid: string
    userUid: string
    skills: string[]
    now: Date
    queue: ClaimQueue | null
    includeSkipped: boolean
  },
): Promise<{ started: number; task: TaskRecord | null }> {
  const values: unknown[] = [
    input.orgUid,
    input.userUid,
    input.skills,
    input.now,
    input.queue?.uid ?? null,
    input.includeSkipped,
  ]
  // A queue's own order is compiled here, its parameters numbered after the claim's.
  const priority = input.queue?.priority
  const order = priority?.length ? compileSorts(priority, values.length) : null
  const result = await q.query<TaskRecord & { started_count: number }>({
    // Named for the default order only: a statement name must always stand for one text.
    name: order ? undefined : 'tessera.claimNext',
    text: order ? claimNextText(order.sql) : CLAIM_NEXT,
    values: [...values, ...(order?.params ?? [])],
  })
  const row = result.rows[0]
  if (!row) {
    throw new Error('claimNext returned no row')
  }
  const { started_count: started, ...task } = row
  return { started, task: task.uid ? (task as TaskRecord) : null }
}
