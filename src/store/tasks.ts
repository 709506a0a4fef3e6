import type { TaskEventDraft } from '../core/tasks/task-events'
import type { TaskState } from '../core/tasks/task-state'
import { changedColumns } from './changed-columns'
import type { Queryable } from './database'

/** A task row as stored. */
export interface TaskRecord extends TaskState {
  updated_at: Date
  /**
   * Sub-tasks, kept by a trigger in the statement that writes a child. A record built from a
   * write carries the counts read before it (a new task: none, so undefined).
   */
  num_children?: number
  num_children_done?: number
}

/** Columns of {@link TaskRecord}, qualified by the alias `t`. */
export const TASK_COLUMNS = `t.uid, t.status, t.archived, t.fields, t.due_at, t.created_at, t.updated_at,
  t.started_at, t.done_at, t.snooze_expires_at, t.queue_uid, t.queue_updated_by, t.queued_at,
  t.assignee_uid, t.assignee_updated_by, t.assigned_at, t.played_at, t.skills, t.parent_uid,
  t.sla_breach_at, t.sla_breach_business_at, t.first_response_due_at, t.resolution_due_at,
  t.sla_due_at, t.sla_paused_ms, t.sla_paused_since, t.work_started_at, t.work_ms, t.work_business_ms,
  t.tags, t.case_uid, t.participants, t.form_data, t.metadata_form_uid, t.review_status,
  t.task_type, t.external_id, t.external_status, t.external_status_updated_at,
  t.external_assignee_uid, t.external_created_at, t.external_updated_at, t.num_children,
  t.num_children_done`

/**
 * Every column of a task's state, with its SQL type, in the table's order: the insert's
 * column list, and the recordset of each write, are read from here.
 */
const STATE_TYPES = [
  ['uid', 'uuid'],
  ['status', 'text'],
  ['archived', 'boolean'],
  ['fields', 'jsonb'],
  ['due_at', 'timestamptz'],
  ['created_at', 'timestamptz'],
  ['started_at', 'timestamptz'],
  ['done_at', 'timestamptz'],
  ['snooze_expires_at', 'timestamptz'],
  ['queue_uid', 'uuid'],
  ['queue_updated_by', 'uuid'],
  ['queued_at', 'timestamptz'],
  ['assignee_uid', 'uuid'],
  ['assignee_updated_by', 'uuid'],
  ['assigned_at', 'timestamptz'],
  ['played_at', 'timestamptz'],
  ['skills', 'text[]'],
  ['parent_uid', 'uuid'],
  ['sla_breach_at', 'timestamptz'],
  ['sla_breach_business_at', 'timestamptz'],
  ['first_response_due_at', 'timestamptz'],
  ['resolution_due_at', 'timestamptz'],
  ['sla_due_at', 'timestamptz'],
  ['sla_paused_ms', 'bigint'],
  ['sla_paused_since', 'timestamptz'],
  ['work_started_at', 'timestamptz'],
  ['work_ms', 'bigint'],
  ['work_business_ms', 'bigint'],
  ['tags', 'text[]'],
  ['case_uid', 'uuid'],
  ['participants', 'jsonb'],
  ['form_data', 'jsonb'],
  ['metadata_form_uid', 'uuid'],
  ['review_status', 'text'],
  ['task_type', 'text'],
  ['external_id', 'text'],
  ['external_status', 'text'],
  ['external_status_updated_at', 'timestamptz'],
  ['external_assignee_uid', 'text'],
  ['external_created_at', 'timestamptz'],
  ['external_updated_at', 'timestamptz'],
] as const satisfies readonly (readonly [keyof TaskState, string])[]

// A column added to TaskState and not to the list above would never be written: refused here.
type Unlisted = Exclude<keyof TaskState, (typeof STATE_TYPES)[number][0]>
const _everyColumnListed: [Unlisted] extends [never] ? true : Unlisted = true

/** Each column of a state with its type. */
const COLUMN_TYPES: ReadonlyMap<keyof TaskState, string> = new Map(STATE_TYPES)

/** A column that a write of an existing task may set: all but its identity and birth. */
type WritableColumn = Exclude<keyof TaskState, 'uid' | 'created_at'>

/**
 * The states of a write as a recordset of the uid and `columns`, from parameter $2: a whole
 * batch travels as one jsonb parameter and is unpacked by jsonb_to_recordset, one statement
 * and one round trip whatever the batch size.
 */
const recordsetOf = (columns: readonly (keyof TaskState)[], extra = '') =>
  `jsonb_to_recordset($2::jsonb) AS x(uid uuid${columns
    .filter((column) => column !== 'uid')
    .map((column) => `, ${column} ${COLUMN_TYPES.get(column)}`)
    .join('')}${extra})`

const STATE_COLUMNS = STATE_TYPES.map(([column]) => column)

/**
 * The states as the recordset parameter: the uid and `columns` of each, null ones left out
 * (jsonb_to_recordset reads a missing key as NULL). Leaving out a new task's dozen empty
 * columns cut, per 1,000 tasks, Node's JSON.stringify from 5.9 to 3.1 ms and PostgreSQL's
 * parsing from 14 to 10 ms. A loop over the shared column list makes no array per state,
 * which was most of that saving. `extras` adds keys of each state's own (by position).
 */
function recordsetJson(
  states: TaskState[],
  columns: readonly (keyof TaskState)[],
  extras?: Record<string, unknown>[],
): string {
  return JSON.stringify(
    states.map((state, i) => {
      const present: Record<string, unknown> = extras
        ? { ...extras[i], uid: state.uid }
        : { uid: state.uid }
      for (const column of columns) {
        const value = state[column]
        if (value !== null) {
          present[column] = value
        }
      }
      return present
    }),
  )
}

// History entries are written by the same statement as the rows they describe, and only
// for rows that statement actually wrote. Their actor is $4, or each entry's own where one
// statement writes for several actors (combined-writes.ts).
const EVENTS_FROM = (written: string, actors: 'one' | 'each' = 'one') => `events AS (
  INSERT INTO task_events (org_uid, task_uid, type, actor_uid, data)
  SELECT $1, e.task_uid, e.type, ${actors === 'one' ? '$4' : 'e.actor_uid'}, e.data
  FROM ROWS FROM (jsonb_to_recordset($3::jsonb) AS (task_uid uuid, type text${actors === 'one' ? '' : ', actor_uid uuid'}, data jsonb))
    WITH ORDINALITY AS e(task_uid, type${actors === 'one' ? '' : ', actor_uid'}, data, n)
  JOIN ${written} w ON w.uid = e.task_uid
  ORDER BY e.n
)`

/** The history of several writes, each entry with the actor of its own write. */
function eventsOfEach(writes: { events: TaskEventDraft[]; actorUid: string | null }[]): string {
  return JSON.stringify(
    writes.flatMap(({ events, actorUid }) =>
      events.map((event) => ({ ...event, actor_uid: actorUid })),
    ),
  )
}

const WRITTEN_COLUMNS = 't.uid, t.updated_at'

/** What the database decides of a row it writes; the rest is the state that was written. */
interface WrittenRow {
  uid: string
  updated_at: Date
}

/**
 * The records of the rows a write returned (`RETURNING uid, updated_at`): the state written,
 * stamped. Writes return only what the database decides: reading every column back (eight
 * timestamps to parse per row) was a large share of the server's CPU on the batch path.
 */
function stamped(states: TaskState[], rows: WrittenRow[]): TaskRecord[] {
  const byUid = new Map(states.map((state) => [state.uid, state]))
  return rows.map((row) => {
    const state = byUid.get(row.uid)
    if (!state) {
      throw new Error(`the database wrote a task it was not given: ${row.uid}`)
    }
    return { ...state, updated_at: row.updated_at }
  })
}

// The statements are built once, at load, not per call: the insert's column list alone was a
// regular expression run on every create, and pg compares a named statement's text with the
// one it prepared on every use, which a string built afresh makes a full comparison.
const insertTasksText = (actors: 'one' | 'each') => `WITH written AS (
  INSERT INTO tasks AS t (org_uid, ${STATE_COLUMNS.join(', ')})
  SELECT $1, ${STATE_COLUMNS.map((column) => `x.${column}`).join(', ')}
  FROM ${recordsetOf(STATE_COLUMNS)}
  -- Sub-tasks update their parents' counters in insertion order: one order for every
  -- writer, so two batches of children of the same parents cannot deadlock.
  ORDER BY x.parent_uid NULLS FIRST
  ON CONFLICT (org_uid, uid) DO NOTHING
  RETURNING ${WRITTEN_COLUMNS}
), ${EVENTS_FROM('written', actors)}
SELECT * FROM written`
const INSERT_TASKS = insertTasksText('one')
const INSERT_TASKS_OF_EACH = insertTasksText('each')

/** One caller's insert of tasks: see {@link insertTasks}. */
export interface TaskInsert {
  orgUid: string
  tasks: TaskState[]
  events: TaskEventDraft[]
  actorUid: string | null
}

/**
 * Several callers' inserts into one organization in one statement, each with its own actor;
 * the answers in the order of `inserts`, each what {@link insertTasks} would answer it alone.
 * No uid may be in two of them.
 */
export async function insertTasksOfEach(
  q: Queryable,
  inserts: TaskInsert[],
): Promise<TaskRecord[][]> {
  const tasks = inserts.flatMap((insert) => insert.tasks)
  const result = await q.query<WrittenRow>({
    name: 'tessera.insertTasksOfEach',
    text: INSERT_TASKS_OF_EACH,
    values: [inserts[0]?.orgUid, recordsetJson(tasks, STATE_COLUMNS), eventsOfEach(inserts)],
  })
  const written = new Map(stamped(tasks, result.rows).map((task) => [task.uid, task]))
  return inserts.map((insert) =>
    insert.tasks.flatMap((task) => {
      const record = written.get(task.uid)
      return record ? [record] : []
    }),
  )
}

/**
 * Inserts tasks and their history; a uid that already exists in the organization is
 * skipped, not overwritten, and gets no history. The sub-task counters of their parents
 * follow in the same statement (a trigger).
 *
 * @returns the inserted tasks (in no particular order); missing uids were conflicts
 */
export async function insertTasks(
  q: Queryable,
  orgUid: string,
  tasks: TaskState[],
  events: TaskEventDraft[],
  actorUid: string | null,
): Promise<TaskRecord[]> {
  const result = await q.query<WrittenRow>({
    name: 'tessera.insertTasks',
    text: INSERT_TASKS,
    values: [orgUid, recordsetJson(tasks, STATE_COLUMNS), JSON.stringify(events), actorUid],
  })
  return stamped(tasks, result.rows)
}

const WRITABLE_COLUMNS = STATE_COLUMNS.filter(
  (column): column is WritableColumn => column !== 'uid' && column !== 'created_at',
)

/**
 * The uids of the recordset ($2), as an array the primary key can be searched with. Without
 * it the uid is only a join condition, and a plan made for any organization ($1 unknown,
 * the plan pg keeps after five runs of a prepared statement) expected each organization to
 * hold the average number of tasks: where tenants differ in size, it scanned all of a large
 * organization's tasks to write one (about 4.7 ms for every player write in bench:scale,
 * where that organization held 10,000 open tasks and a hundred was the average).
 */
const RECORDSET_UIDS = `ARRAY(SELECT (r ->> 'uid')::uuid FROM jsonb_array_elements($2::jsonb) AS r)`

/** The SET list of an UPDATE of `columns` from the recordset `x`, stamping updated_at. */
const setFromRecordset = (columns: readonly WritableColumn[]) =>
  [...columns.map((column) => `${column} = x.${column}`), 'updated_at = tessera_now()'].join(', ')

/**
 * The UPDATE of tasks to the states in the recordset, with their history; `alsoWhere` narrows
 * the rows it may write and `alsoWith` adds statements that run only if it wrote one. It sets
 * `columns` (and updated_at) alone, from a recordset of those alone.
 */
const updateWithHistory = (
  columns: readonly WritableColumn[],
  alsoWhere = '',
  alsoWith = '',
  actors: 'one' | 'each' = 'one',
) => `WITH written AS (
  UPDATE tasks t SET ${setFromRecordset(columns)}
  FROM ${recordsetOf(columns)}
  WHERE t.org_uid = $1 AND t.uid = ANY (${RECORDSET_UIDS}) AND t.uid = x.uid${alsoWhere}
  RETURNING ${WRITTEN_COLUMNS}, t.xmin::text AS row_version
), ${EVENTS_FROM('written', actors)}${alsoWith}
SELECT * FROM written`

/**
 * The writes of existing tasks, one text per set of columns (and of checks), built on first
 * use: every column for a caller that gives no rows as read, else only those that changed.
 * A status change is never a HOT update, so the row is written whole either way; what this
 * saves is PostgreSQL parsing and converting every column of the recordset (41 of them, a
 * dozen timestamps) when a move changes five. Interleaved runs of
 * bench:compare, two each: +4% and +10% tasks/s at 8 operators, +7% and +13% at 40.
 * The first few dozen texts are named, so that each connection prepares them once; moves make
 * a handful. Any text beyond those is sent unnamed (parsed each time) rather than prepared on
 * every connection for good.
 */
const PARTIAL_WRITES = new Map<string, { name: string | undefined; text: string }>()
const NAMED_PARTIAL_WRITES = 64
/** Texts kept for reuse at most; past this, a new set of columns builds its text each time. */
const KEPT_PARTIAL_WRITES = 1024

function partialWrite(checks: string, columns: readonly WritableColumn[], build: () => string) {
  const key = `${checks}|${columns.join(',')}`
  const kept = PARTIAL_WRITES.get(key)
  if (kept) {
    return kept
  }
  // Short names: PostgreSQL cuts a prepared statement's name at 63 bytes.
  const n = PARTIAL_WRITES.size
  const statement = {
    name: n < NAMED_PARTIAL_WRITES ? `tessera.writeTask#${n}` : undefined,
    text: build(),
  }
  if (n < KEPT_PARTIAL_WRITES) {
    PARTIAL_WRITES.set(key, statement)
  }
  return statement
}

/** One task's write of {@link updateTasksVersionedOfEach}: the row as read and locked, and its new state. */
export interface LockedWrite {
  before: TaskState
  after: TaskState
  events: TaskEventDraft[]
  actorUid: string
}

/**
 * Writes locked tasks, each with its history under its own actor, in one statement; each
 * record comes with the version of the row written, for a later write that must find it
 * unchanged ({@link updateTaskIfUnchanged}). Only the columns that changed from the rows as
 * read are set. The answers are in the order of `writes`.
 */
export async function updateTasksVersionedOfEach(
  q: Queryable,
  orgUid: string,
  writes: LockedWrite[],
): Promise<VersionedTask[]> {
  const afters = writes.map((write) => write.after)
  const columns = changedColumns(
    writes.map((write) => write.before),
    afters,
    WRITABLE_COLUMNS,
  )
  const result = await q.query<WrittenRow & { row_version: string }>({
    ...partialWrite('each', columns, () => updateWithHistory(columns, '', '', 'each')),
    values: [orgUid, recordsetJson(afters, columns), eventsOfEach(writes)],
  })
  const written = new Map(result.rows.map((row) => [row.uid, row]))
  return afters.map((after) => {
    const row = written.get(after.uid)
    if (!row) {
      throw new Error('a locked task vanished')
    }
    return { task: { ...after, updated_at: row.updated_at }, version: row.row_version }
  })
}

/** Writes the new state of existing tasks, stamps their updated_at, and adds history. */
export async function updateTasks(
  q: Queryable,
  orgUid: string,
  tasks: TaskState[],
  events: TaskEventDraft[],
  actorUid: string | null,
): Promise<TaskRecord[]> {
  const result = await q.query<WrittenRow>({
    ...partialWrite('', WRITABLE_COLUMNS, () => updateWithHistory(WRITABLE_COLUMNS)),
    values: [orgUid, recordsetJson(tasks, WRITABLE_COLUMNS), JSON.stringify(events), actorUid],
  })
  return stamped(tasks, result.rows)
}

const FIND_TASK = `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.org_uid = $1 AND t.uid = $2`

/** One task of the organization, or null. */
export async function findTask(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<TaskRecord | null> {
  const result = await q.query<TaskRecord>({
    name: 'tessera.findTask',
    text: FIND_TASK,
    values: [orgUid, uid],
  })
  return result.rows[0] ?? null
}

const LOCK_TASKS = `SELECT ${TASK_COLUMNS} FROM tasks t
  WHERE t.org_uid = $1 AND t.uid = ANY($2::uuid[])
  ORDER BY t.uid
  FOR UPDATE`

/**
 * Tasks of the organization by uid, locked until the transaction ends. With `family`, the
 * current parents of `family.childrenOf` and the tasks in `family.parents` are locked too, in
 * the same uid order: a write that moves a sub-task's counters then updates parents it holds
 * already, and cannot deadlock with a batch that writes a parent and its child together.
 * Only the tasks named by `uids` are returned.
 */
export async function lockTasks(
  q: Queryable,
  orgUid: string,
  uids: string[],
  family?: { childrenOf: string[]; parents: string[] },
): Promise<TaskRecord[]> {
  if (!family || (family.childrenOf.length === 0 && family.parents.length === 0)) {
    const result = await q.query<TaskRecord>({
      name: 'tessera.lockTasks',
      text: LOCK_TASKS,
      values: [orgUid, uids],
    })
    return result.rows
  }
  // The current parents are read before the children are locked: a write that moves one
  // of these children to another parent meanwhile leaves its new parent unlocked. Then the
  // locks taken here are given back (a savepoint) and taken again with that parent, in order.
  let parents = family.parents
  for (let attempt = 1; ; attempt++) {
    await q.query('SAVEPOINT lock_task_families')
    const rows = await lockFamilies(q, orgUid, uids, family.childrenOf, parents)
    const locked = new Set(rows.map((row) => row.uid))
    const moved = rows.flatMap((row) =>
      family.childrenOf.includes(row.uid) && row.parent_uid && !locked.has(row.parent_uid)
        ? [row.parent_uid]
        : [],
    )
    if (moved.length === 0 || attempt === MAX_FAMILY_LOCK_ATTEMPTS) {
      await q.query('RELEASE SAVEPOINT lock_task_families')
      const named = new Set(uids)
      return rows.filter((row) => named.has(row.uid))
    }
    await q.query('ROLLBACK TO SAVEPOINT lock_task_families')
    parents = [...parents, ...moved]
  }
}

/** Children moved again and again by other writers: after this, lock what was found. */
const MAX_FAMILY_LOCK_ATTEMPTS = 5

const LOCK_TASK_FAMILIES = `SELECT ${TASK_COLUMNS} FROM tasks t
  WHERE t.org_uid = $1 AND (t.uid = ANY($2::uuid[]) OR t.uid = ANY($4::uuid[])
    OR t.uid IN (SELECT c.parent_uid FROM tasks c
                 WHERE c.org_uid = $1 AND c.uid = ANY($3::uuid[])))
  ORDER BY t.uid
  FOR UPDATE`

async function lockFamilies(
  q: Queryable,
  orgUid: string,
  uids: string[],
  childrenOf: string[],
  parents: string[],
): Promise<TaskRecord[]> {
  const result = await q.query<TaskRecord>({
    name: 'tessera.lockTaskFamilies',
    text: LOCK_TASK_FAMILIES,
    values: [orgUid, uids, childrenOf, parents],
  })
  return result.rows
}

/**
 * A task as read, with the version of its row (PostgreSQL's `xmin`: every update writes a
 * new row version with a new one), so that a write can check nobody changed it since.
 */
export interface VersionedTask {
  task: TaskRecord
  version: string
}

type VersionedRow = TaskRecord & { row_version: string }

function versioned(row: VersionedRow | undefined): VersionedTask | null {
  if (!row) {
    return null
  }
  const { row_version: version, ...task } = row
  return { task, version }
}

const READ_TASK_VERSION = `SELECT ${TASK_COLUMNS}, t.xmin::text AS row_version FROM tasks t
  WHERE t.org_uid = $1 AND t.uid = $2`

const READ_STARTED_TASK_VERSION = `SELECT ${TASK_COLUMNS}, t.xmin::text AS row_version FROM tasks t
  WHERE t.org_uid = $1 AND t.assignee_uid = $2 AND t.status = 'STARTED' AND NOT t.archived
  ORDER BY t.played_at DESC NULLS LAST, t.uid
  LIMIT 1`

/** The task `uid`, or else the operator's most recently played started task; no lock taken. */
export async function readTaskVersion(
  q: Queryable,
  orgUid: string,
  target: { uid: string } | { startedBy: string },
): Promise<VersionedTask | null> {
  const result =
    'uid' in target
      ? await q.query<VersionedRow>({
          name: 'tessera.readTaskVersion',
          text: READ_TASK_VERSION,
          values: [orgUid, target.uid],
        })
      : await q.query<VersionedRow>({
          name: 'tessera.readStartedTaskVersion',
          text: READ_STARTED_TASK_VERSION,
          values: [orgUid, target.startedBy],
        })
  return versioned(result.rows[0])
}

/** The write's fields version ($7) is still the organization's: no definition or form changed. */
const SAME_FIELDS = `
  AND $7::bigint = (SELECT o.fields_version FROM organizations o WHERE o.uid = $1)`

/** No started task of the operator's was played after the one written. */
const STILL_CURRENT = `
  AND NOT EXISTS (
    SELECT 1 FROM tasks s
    WHERE s.org_uid = $1 AND s.assignee_uid = t.assignee_uid AND s.status = 'STARTED'
      AND NOT s.archived AND s.uid <> t.uid
      -- Before t in the order of READ_STARTED_TASK_VERSION (played_at DESC NULLS LAST, uid).
      AND ((s.played_at IS NOT NULL AND (t.played_at IS NULL OR s.played_at > t.played_at))
        OR (s.played_at IS NOT DISTINCT FROM t.played_at AND s.uid < t.uid)))`

const COUNT_COMPLETED = `, counted AS (
  UPDATE player_sessions SET completed = completed + 1
  WHERE org_uid = $1 AND user_uid = $6 AND EXISTS (SELECT 1 FROM written)
)`

/**
 * The compare-and-set write, one text (and one prepared statement) per combination of checks
 * (and of columns written, {@link partialWrite}).
 * Not one text whose parameters switch the checks off: pg keeps the generic plan of a
 * prepared statement only if it is estimated no dearer than the plans made for each call's
 * values, and a generic plan must carry the checks that a call's values would have dropped.
 * The completion's write was planned afresh on every call that way: 466 µs of planning per
 * completion in bench:dispatch, more than its execution.
 */
const casKey = (sameFields: boolean, stillCurrent: boolean) =>
  `${sameFields ? 'fields' : ''}:${stillCurrent ? 'current' : ''}`

/** One task's compare-and-set write: see {@link updateTaskIfUnchanged}. */
export interface UnchangedWrite {
  orgUid: string
  /** The task as read at `version`. */
  before: TaskState
  after: TaskState
  version: string
  events: TaskEventDraft[]
  actorUid: string
  countCompletedFor: string | null
  /** The fields version the move was decided on; null when it read no definitions. */
  fieldsVersion: string | null
  /** The task was taken as the operator's current one (no uid named). */
  asCurrent: boolean
}

/**
 * What decides whether two compare-and-set writes can share one statement: the same
 * organization, checks and columns ({@link updateTasksIfUnchanged}).
 */
export function unchangedWriteShape(input: UnchangedWrite): string {
  const columns = changedColumns([input.before], [input.after], WRITABLE_COLUMNS)
  return `${input.orgUid}|${casKey(input.fieldsVersion !== null, input.asCurrent)}|${columns.join(',')}`
}

/**
 * Several compare-and-set writes of one shape ({@link unchangedWriteShape}) in one
 * statement: each row is written, with its history and its operator's count, only if it is
 * still at its own version, exactly as {@link updateTaskIfUnchanged} would write it alone.
 * The answers are in the order of `inputs`; null where that row was not written.
 */
export async function updateTasksIfUnchanged(
  q: Queryable,
  inputs: UnchangedWrite[],
): Promise<(TaskRecord | null)[]> {
  const [first] = inputs
  if (!first) {
    return []
  }
  const sameFields = first.fieldsVersion !== null
  const columns = changedColumns([first.before], [first.after], WRITABLE_COLUMNS)
  const statement = partialWrite(`many${casKey(sameFields, first.asCurrent)}`, columns, () =>
    updateManyIfUnchanged(columns, sameFields, first.asCurrent),
  )
  // In uid order, as other multi-row writes lock theirs: two such statements sharing rows
  // then wait for one another rather than deadlock.
  const ordered = [...inputs].sort((a, b) => (a.after.uid < b.after.uid ? -1 : 1))
  const rows = recordsetJson(
    ordered.map((input) => input.after),
    columns,
    ordered.map((input) => ({
      version: input.version,
      count_for: input.countCompletedFor,
      fields_version: input.fieldsVersion,
    })),
  )
  const result = await q.query<WrittenRow>({
    ...statement,
    values: [first.orgUid, rows, eventsOfEach(ordered)],
  })
  const written = new Map(result.rows.map((row) => [row.uid, row]))
  return inputs.map((input) => {
    const row = written.get(input.after.uid)
    return row ? { ...input.after, updated_at: row.updated_at } : null
  })
}

/** The statement of {@link updateTasksIfUnchanged}: per-row versions, actors and counts. */
const updateManyIfUnchanged = (
  columns: readonly WritableColumn[],
  sameFields: boolean,
  asCurrent: boolean,
) => `WITH written AS (
  UPDATE tasks t SET ${setFromRecordset(columns)}
  FROM ${recordsetOf(columns, ', version text, count_for uuid, fields_version bigint')}
  WHERE t.org_uid = $1 AND t.uid = ANY (${RECORDSET_UIDS}) AND t.uid = x.uid
    AND t.xmin = x.version::xid${
      sameFields
        ? `
    AND x.fields_version = (SELECT o.fields_version FROM organizations o WHERE o.uid = $1)`
        : ''
    }${asCurrent ? STILL_CURRENT : ''}
  RETURNING ${WRITTEN_COLUMNS}, x.count_for
), ${EVENTS_FROM('written', 'each')}, counted AS (
  UPDATE player_sessions s SET completed = s.completed + c.n
  FROM (SELECT w.count_for, count(*)::int AS n FROM written w
        WHERE w.count_for IS NOT NULL GROUP BY w.count_for) AS c
  WHERE s.org_uid = $1 AND s.user_uid = c.count_for
)
SELECT uid, updated_at FROM written`

/**
 * Writes one task's new state and history in one statement, if its row is still at
 * `version`; with `countCompletedFor`, that operator's session counts one more completed
 * task in the same statement. Returns null, having written nothing, when someone changed the
 * task since it was read, or the definitions it was decided on, or (`asCurrent`) started
 * another task of the operator's after it: the caller reads again and decides again. Only the
 * columns that differ from `before` are set: the version check makes `before` the row as it
 * is.
 */
export async function updateTaskIfUnchanged(
  q: Queryable,
  input: UnchangedWrite,
): Promise<TaskRecord | null> {
  const sameFields = input.fieldsVersion !== null
  const columns = changedColumns([input.before], [input.after], WRITABLE_COLUMNS)
  const statement = partialWrite(casKey(sameFields, input.asCurrent), columns, () => {
    const checks = `${sameFields ? SAME_FIELDS : ''}${input.asCurrent ? STILL_CURRENT : ''}`
    return updateWithHistory(columns, ` AND t.xmin = $5::text::xid${checks}`, COUNT_COMPLETED)
  })
  const result = await q.query<WrittenRow>({
    ...statement,
    values: [
      input.orgUid,
      recordsetJson([input.after], columns),
      JSON.stringify(input.events),
      input.actorUid,
      input.version,
      input.countCompletedFor,
      ...(input.fieldsVersion === null ? [] : [input.fieldsVersion]),
    ],
  })
  return stamped([input.after], result.rows)[0] ?? null
}
