import { randomUUID } from 'node:crypto'
import { AppError, type FieldError, TASK_NOT_FOUND } from '../contract/errors'
import type { CreateTaskBody, UpdateTaskBody } from '../contract/tasks'
import { routeTask } from '../core/routing/route-task'
import { describeChanges } from '../core/tasks/task-events'
import {
  newTaskState,
  patchTaskState,
  replaceTaskState,
  type TaskState,
} from '../core/tasks/task-state'
import { type Database, type Queryable, withTransaction } from '../store/database'
import { lockOperator, lockOperatorTasks } from '../store/dispatch'
import { loadOrgRules, type OrgRules } from '../store/organizations'
import { insertTasks, lockTasks, type TaskRecord, updateTasks } from '../store/tasks'
import { type ItemResult, resultsInOrder } from './batch-result'
import { type OrgContext, orgContext } from './org-context'

/** Who is writing, and in which organization. */
export interface WriteContext {
  db: Database
  orgUid: string
  /** The user behind the request, recorded in the history. */
  actorUid: string | null
  /** The organization's rules, when the caller has already read them (with the token). */
  rules?: OrgRules
}

/** The organization's calendar, settings and queues: the caller's copy, or read now. */
async function rulesOf(q: Queryable, context: WriteContext): Promise<OrgContext> {
  return orgContext(context.rules ?? (await loadOrgRules(q, context.orgUid)))
}

/** Refuses a batch that names a uid twice: its outcome would depend on item order. */
function refuseDuplicateUids(uids: (string | undefined)[]): void {
  const seen = new Map<string, number>()
  const errors: FieldError[] = []
  uids.forEach((uid, index) => {
    if (!uid) {
      return
    }
    const first = seen.get(uid.toLowerCase())
    if (first === undefined) {
      seen.set(uid.toLowerCase(), index)
    } else {
      errors.push({ path: `/body/items/${index}/uid`, message: `repeats item ${first}` })
    }
  })
  if (errors.length > 0) {
    throw new AppError('validation_failed', 'A batch may name each uid only once.', errors)
  }
}

function byUid(records: TaskRecord[], created: boolean) {
  return new Map(records.map((task) => [task.uid, { task, created }]))
}

/**
 * Refuses to start a task for someone who already has one started, unless the organization
 * allows parallel work: the rule `next` keeps holds for every other way of starting a task.
 * Each assignee concerned is locked as the player locks them, so this cannot race `next`.
 */
async function refuseSecondStartedTask(
  q: Queryable,
  context: WriteContext,
  org: OrgContext,
  changes: { before: TaskState; after: TaskState }[],
): Promise<void> {
  if (org.rules.settings.allow_parallel_tasks) {
    return
  }
  const starting = changes.filter(
    ({ before, after }) =>
      after.status === 'STARTED' && before.status !== 'STARTED' && after.assignee_uid,
  )
  const assignees = [...new Set(starting.map(({ after }) => after.assignee_uid as string))].sort()
  for (const assignee of assignees) {
    await lockOperator(q, context.orgUid, assignee)
    const started = await lockOperatorTasks(q, context.orgUid, assignee, ['STARTED'])
    const mine = starting.filter(({ after }) => after.assignee_uid === assignee)
    if (started.length + mine.length > 1) {
      throw new AppError('task_in_progress', 'The assignee already has a task in progress.')
    }
  }
}

/** Writes the `change` of each task, re-routed, with its history. */
async function writeChanges(
  q: Queryable,
  context: WriteContext,
  org: OrgContext,
  tasks: TaskState[],
  change: (before: TaskState) => TaskState,
): Promise<TaskRecord[]> {
  const changes = tasks.map((before) => ({ before, after: change(before) }))
  await refuseSecondStartedTask(q, context, org, changes)
  const states = changes.map(({ after }) => routeTask(after, org.routing))
  const events = changes.flatMap(({ before }, i) => describeChanges(before, states[i] as TaskState))
  return updateTasks(q, context.orgUid, states, events, context.actorUid)
}

/** Inserts new tasks, routed, with their history; taken uids are skipped. */
async function writeNew(
  q: Queryable,
  context: WriteContext,
  org: OrgContext,
  fresh: TaskState[],
): Promise<TaskRecord[]> {
  const states = fresh.map((state) => routeTask(state, org.routing))
  const events = states.flatMap((state) => describeChanges(null, state))
  return insertTasks(q, context.orgUid, states, events, context.actorUid)
}

/** Creates tasks; an item whose uid exists already is a 409 and changes nothing. */
export async function createTasks(
  context: WriteContext,
  bodies: CreateTaskBody[],
): Promise<ItemResult[]> {
  refuseDuplicateUids(bodies.map((body) => body.uid))
  const org = await rulesOf(context.db.pool, context)
  const states = bodies.map((body) => newTaskState(body, org.clock, randomUUID()))
  const inserted = await writeNew(context.db.pool, context, org, states)
  return resultsInOrder(
    states.map((state) => state.uid),
    byUid(inserted, true),
    () => ({ status: 409, code: 'uid_taken', message: 'A task with this uid already exists.' }),
  )
}

/** A batch's items by lower-cased uid, in request order; a uid named twice is refused. */
function itemsByUid<T extends { uid: string }>(
  items: T[],
): { uids: string[]; byUid: Map<string, T> } {
  refuseDuplicateUids(items.map((item) => item.uid))
  const uids = items.map((item) => item.uid.toLowerCase())
  return { uids, byUid: new Map(uids.map((uid, index) => [uid, items[index] as T])) }
}

/** Runs `work` in one transaction with the organization's rules, read in it if not given. */
function withOrgRules<T>(
  context: WriteContext,
  work: (q: Queryable, org: OrgContext) => Promise<T>,
): Promise<T> {
  return withTransaction(context.db, async (client) => work(client, await rulesOf(client, context)))
}

/**
 * Creates or replaces tasks by uid (PUT). Runs in one transaction: existing rows are locked
 * first, so concurrent upserts of one uid serialise instead of losing a write.
 */
export async function upsertTasks(
  context: WriteContext,
  items: (CreateTaskBody & { uid: string })[],
): Promise<ItemResult[]> {
  const { uids, byUid: bodies } = itemsByUid(items)
  const body = (uid: string) => bodies.get(uid) as CreateTaskBody
  const written = await withOrgRules(context, async (q, org) => {
    const existing = await lockTasks(q, context.orgUid, uids)
    const fresh = uids.filter((uid) => !existing.some((task) => task.uid === uid))
    const states = fresh.map((uid) => newTaskState(body(uid), org.clock, uid))
    const inserted = await writeNew(q, context, org, states)
    // A uid inserted by someone else since the lock above is replaced like any other.
    const raced = fresh.filter((uid) => !inserted.some((task) => task.uid === uid))
    const toReplace = [...existing, ...(await lockTasks(q, context.orgUid, raced))]
    const replaced = await writeChanges(q, context, org, toReplace, (before) =>
      replaceTaskState(before, body(before.uid), org.clock),
    )
    return new Map([...byUid(inserted, true), ...byUid(replaced, false)])
  })
  return resultsInOrder(uids, written, () => {
    throw new Error('upsert left a uid unwritten')
  })
}

/** Updates existing tasks (PATCH); an unknown uid is a 404 and changes nothing. */
export async function patchTasks(
  context: WriteContext,
  items: (UpdateTaskBody & { uid: string })[],
): Promise<ItemResult[]> {
  const { uids, byUid: bodies } = itemsByUid(items)
  const written = await withOrgRules(context, async (q, org) => {
    const current = await lockTasks(q, context.orgUid, uids)
    const updated = await writeChanges(q, context, org, current, (before) =>
      patchTaskState(before, bodies.get(before.uid) as UpdateTaskBody, org.clock),
    )
    return byUid(updated, false)
  })
  return resultsInOrder(uids, written, () => ({
    status: 404,
    code: 'not_found',
    message: TASK_NOT_FOUND,
  }))
}
