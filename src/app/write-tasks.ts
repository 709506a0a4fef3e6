import { v7 as uuidv7 } from 'uuid'
import { AppError, type FieldError, TASK_NOT_FOUND } from '../contract/errors'
import type { CreateTaskBody, UpdateTaskBody } from '../contract/tasks'
import type { Role } from '../core/auth/roles'
import { fieldValueErrors } from '../core/fields/task-values'
import { routeTask } from '../core/routing/route-task'
import { changedKeys, IN_PROGRESS } from '../core/tasks/bulk-action'
import {
  type Assignable,
  applyHandChanges,
  assigneeFor,
  assigneeRef,
  type HandChanges,
  type HandKeys,
  queueFor,
  refuseHandChangesBelowAdmin,
  refuseStartedWithoutAssignee,
} from '../core/tasks/hand-changes'
import { describeChanges } from '../core/tasks/task-events'
import {
  newTaskState,
  patchTaskState,
  replaceTaskState,
  type TaskState,
} from '../core/tasks/task-state'
import { insertTasksCombined } from '../store/combined-writes'
import { type Database, type Queryable, withTransaction } from '../store/database'
import { listDefinedFields } from '../store/fields'
import { loadOrgRules, type OrgRules } from '../store/organizations'
import { insertTasks, lockTasks, type TaskRecord, updateTasks } from '../store/tasks'
import { findUsersByRef } from '../store/tasks-links'
import { type ItemResult, resultsInOrder } from './batch-result'
import { type OrgContext, orgContext } from './org-context'
import { secondStarts } from './second-starts'

/** Who is writing, and in which organization. */
export interface WriteContext {
  db: Database
  orgUid: string
  /** The user behind the request, recorded in the history. */
  actorUid: string | null
  /** The organization's rules, when the caller has already read them (with the token). */
  rules?: OrgRules
  /** The automation rule making the change: its history entries name it (`automation_uid`). */
  automationUid?: string
}

/** A task write by a user acting with a role, which decides who may assign and route. */
export interface TaskWriteContext extends WriteContext {
  role: Role
}

/** Where an item's keys are in the request: `/body` for one task, `/body/items/3` in a batch. */
export type ItemPath = (index: number) => string

const batchPath: ItemPath = (index) => `/body/items/${index}`

/** Runs `check` on every item and throws once, naming every wrong field of every item. */
function checkEach<T, R>(items: T[], check: (item: T, index: number) => R): R[] {
  const fields: FieldError[] = []
  let failure: AppError | null = null
  const results = items.map((item, index) => {
    try {
      return check(item, index)
    } catch (error) {
      if (!(error instanceof AppError)) {
        throw error
      }
      // A 403 outranks a 422: the role question comes before the data's.
      if (!failure || (error.status === 403 && failure.status !== 403)) {
        failure = error
        fields.length = 0
      }
      if (error.code === (failure as AppError).code) {
        fields.push(...error.fields)
      }
      return undefined as R
    }
  })
  if (failure) {
    throw new AppError((failure as AppError).code, (failure as AppError).message, fields)
  }
  return results
}

/**
 * Resolves the assignees and queues the bodies name: one read of the users they name (none
 * when no body names one), queues from the organization's rules. Every unknown, deactivated
 * or viewer user and every unknown queue is a 422 naming its key.
 */
async function resolveHandChanges(
  q: Queryable,
  context: WriteContext,
  org: OrgContext,
  bodies: HandKeys[],
  pathOf: ItemPath,
): Promise<HandChanges[]> {
  const refs = checkEach(bodies, (body, index) => assigneeRef(body, pathOf(index)))
  const uids = refs.flatMap((ref) => (ref?.key === 'assignee_uid' ? [ref.uid] : []))
  const emails = refs.flatMap((ref) => (ref?.key === 'assignee_email' ? [ref.email] : []))
  const users: Assignable[] = await findUsersByRef(q, context.orgUid, { uids, emails })
  return checkEach(bodies, (body, index) => {
    const ref = refs[index]
    // Both keys are checked, so that a body wrong in both is told of both.
    const [assignee, queue] = [
      attempt(() => (ref ? assigneeFor(ref, users, pathOf(index)).uid : ref)),
      attempt(() => queueFor(body.queue_uid, org.rules.queues, pathOf(index))),
    ]
    const fields = [assignee, queue].flatMap((outcome) =>
      'error' in outcome ? outcome.error.fields : [],
    )
    if ('error' in assignee || 'error' in queue) {
      throw new AppError(
        'validation_failed',
        'The assignee or queue named does not exist here.',
        fields,
      )
    }
    return { assigneeUid: assignee.value, queue: queue.value }
  })
}

/** Runs `work`, keeping an AppError it throws as a value instead. */
function attempt<T>(work: () => T): { value: T } | { error: AppError } {
  try {
    return { value: work() }
  } catch (error) {
    if (error instanceof AppError) {
      return { error }
    }
    throw error
  }
}

/**
 * The tasks whose write may move their parents' sub-task counters (a new parent, status or
 * archived flag), and the parents they name: locked with them, in one order (see lockTasks).
 */
function familiesOf(
  uids: string[],
  body: (uid: string) => Pick<UpdateTaskBody, 'parent_uid' | 'status' | 'archived'>,
): { childrenOf: string[]; parents: string[] } {
  const childrenOf = uids.filter((uid) => {
    const { parent_uid, status, archived } = body(uid)
    return parent_uid !== undefined || status !== undefined || archived !== undefined
  })
  const parents = childrenOf.flatMap((uid) => {
    const parent = body(uid).parent_uid
    return parent ? [parent.toLowerCase()] : []
  })
  return { childrenOf, parents }
}

/** Whether any body assigns or routes by hand: only then is there anything to resolve. */
function namesHandKeys(bodies: HandKeys[]): boolean {
  return bodies.some(
    (body) =>
      body.assignee_uid !== undefined ||
      body.assignee_email !== undefined ||
      body.queue_uid !== undefined,
  )
}

/** The organization's calendar, settings and queues: the caller's copy, or read now. */
async function rulesOf(q: Queryable, context: WriteContext): Promise<OrgContext> {
  return orgContext(context.rules ?? (await loadOrgRules(q, context.orgUid)))
}

/**
 * With the organization's `strict_fields` on, refuses (422) every value of the bodies'
 * `fields` that does not fit its definition, naming `<item path>/fields/<key>`; the
 * definitions are read once for the whole request, and not at all with the setting off.
 * Only the keys a body sends are checked: a PATCH is not refused for a value it leaves alone.
 */
async function refuseMisfitFields(
  q: Queryable,
  context: WriteContext,
  org: OrgContext,
  bodies: { fields?: Record<string, unknown> }[],
  pathOf: ItemPath,
): Promise<void> {
  if (!org.rules.settings.strict_fields) {
    return
  }
  const definitions = await listDefinedFields(q, context.orgUid)
  if (definitions.length === 0) {
    return
  }
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]))
  const errors = bodies.flatMap((body, index) =>
    body.fields ? fieldValueErrors(body.fields, byKey, `${pathOf(index)}/fields`) : [],
  )
  if (errors.length > 0) {
    throw new AppError(
      'validation_failed',
      'A custom field does not fit its definition (the organization has strict_fields on).',
      errors,
    )
  }
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
 */
async function refuseSecondStartedTask(
  q: Queryable,
  context: WriteContext,
  org: OrgContext,
  changes: { before: TaskState; after: TaskState }[],
): Promise<void> {
  if ((await secondStarts(q, context.orgUid, org, changes)).size > 0) {
    throw new AppError('task_in_progress', IN_PROGRESS.message)
  }
}

/**
 * Writes the `change` of each task, re-routed, with its history. A change that leaves a task
 * STARTED with nobody assigned is refused (422 at `pathOfUid`); creations are not checked, as
 * tasks moved in from elsewhere arrive STARTED by people who are no users here.
 */
async function writeChanges(
  q: Queryable,
  context: WriteContext,
  org: OrgContext,
  tasks: TaskRecord[],
  change: (before: TaskState) => TaskState,
  pathOfUid: (uid: string) => string,
): Promise<TaskRecord[]> {
  const afters = checkEach(tasks, (before) => {
    const after = change(before)
    refuseStartedWithoutAssignee(before, after, pathOfUid(before.uid))
    return after
  })
  const changes = tasks.map((before, i) => ({ before, after: afters[i] as TaskState }))
  await refuseSecondStartedTask(q, context, org, changes)
  const settled = changes.map(({ before, after }) => ({
    before,
    state: org.settle(before, routeTask(after, org.routing)),
  }))
  // A write that changes nothing (a field set to the value it has) leaves the row alone: no
  // new updated_at, no history, so no webhook, live update or rule is set off by it.
  const changed = settled.filter(({ before, state }) => changedKeys(before, state).length > 0)
  const unchanged = settled.filter(({ before, state }) => changedKeys(before, state).length === 0)
  const events = changed.flatMap(({ before, state }) =>
    describeChanges(before, state).map((event) =>
      context.automationUid
        ? { ...event, data: { ...event.data, automation_uid: context.automationUid } }
        : event,
    ),
  )
  const written =
    changed.length > 0
      ? await updateTasks(
          q,
          context.orgUid,
          changed.map(({ state }) => state),
          events,
          context.actorUid,
        )
      : []
  return [...written, ...unchanged.map(({ before }) => before)]
}

/** Inserts new tasks, routed, with their history; taken uids are skipped. */
async function writeNew(
  q: Queryable,
  context: WriteContext,
  org: OrgContext,
  fresh: TaskState[],
): Promise<TaskRecord[]> {
  const states = fresh.map((state) => org.settle(null, routeTask(state, org.routing)))
  const events = states.flatMap((state) => describeChanges(null, state))
  // Outside a transaction (on the pool itself), the insert may share a statement with other
  // inserts into the organization that wait for a connection (store/combined-writes.ts).
  return q === context.db.pool
    ? insertTasksCombined(context.db, {
        orgUid: context.orgUid,
        tasks: states,
        events,
        actorUid: context.actorUid,
      })
    : insertTasks(q, context.orgUid, states, events, context.actorUid)
}

/**
 * Creates tasks; an item whose uid exists already is a 409 and changes nothing. A task
 * created STARTED for someone is checked against their other started task, in a transaction.
 */
export async function createTasks(
  context: TaskWriteContext,
  bodies: CreateTaskBody[],
  pathOf: ItemPath = batchPath,
): Promise<ItemResult[]> {
  refuseDuplicateUids(bodies.map((body) => body.uid))
  const create = async (q: Queryable, org: OrgContext) => {
    await refuseMisfitFields(q, context, org, bodies, pathOf)
    const hand = namesHandKeys(bodies)
      ? await resolveHandChanges(q, context, org, bodies, pathOf)
      : null
    const states = checkEach(bodies, (body, index) => {
      const fresh = newTaskState(body, org.clock, uuidv7())
      const changes = hand?.[index]
      if (!changes) {
        return fresh
      }
      refuseHandChangesBelowAdmin(context.role, null, changes, body, pathOf(index))
      const by = context.actorUid ?? changes.assigneeUid ?? fresh.uid
      return applyHandChanges(fresh, changes, body.status, by, org.clock, org.routing)
    })
    const startedForSomeone = states.some(
      (state) => state.status === 'STARTED' && state.assignee_uid,
    )
    if (startedForSomeone) {
      const changes = states.map((after) => ({
        before: { ...after, status: 'TODO' as const },
        after,
      }))
      await refuseSecondStartedTask(q, context, org, changes)
    }
    return { states, inserted: await writeNew(q, context, org, states) }
  }
  const assignsStarted = bodies.some(
    (body) =>
      body.status === 'STARTED' && (body.assignee_uid != null || body.assignee_email != null),
  )
  const { states, inserted } = assignsStarted
    ? await withOrgRules(context, create)
    : await create(context.db.pool, await rulesOf(context.db.pool, context))
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
 * Applies each body's assignment and routing to the task it changes, after checking the
 * actor may: the same rules as the assign and route calls, for every write of a task.
 */
function withHandChanges(
  context: TaskWriteContext,
  org: OrgContext,
  hand: Map<
    string,
    { changes: HandChanges; body: HandKeys & { status?: TaskState['status'] }; path: string }
  >,
): (before: TaskState, after: TaskState) => TaskState {
  return (before, after) => {
    const entry = hand.get(before.uid)
    if (!entry) {
      return after
    }
    refuseHandChangesBelowAdmin(context.role, before, entry.changes, entry.body, entry.path)
    const by = context.actorUid ?? entry.changes.assigneeUid ?? before.uid
    return applyHandChanges(after, entry.changes, entry.body.status, by, org.clock, org.routing)
  }
}

/** Resolves the hand changes of a batch's bodies, keyed by uid (none when no body has any). */
async function handChangesByUid<T extends HandKeys & { status?: TaskState['status'] }>(
  q: Queryable,
  context: WriteContext,
  org: OrgContext,
  uids: string[],
  body: (uid: string) => T,
  pathOf: ItemPath,
): Promise<Map<string, { changes: HandChanges; body: T; path: string }>> {
  const bodies = uids.map(body)
  if (!namesHandKeys(bodies)) {
    return new Map()
  }
  const resolved = await resolveHandChanges(q, context, org, bodies, pathOf)
  return new Map(
    uids.map((uid, index) => [
      uid,
      { changes: resolved[index] as HandChanges, body: bodies[index] as T, path: pathOf(index) },
    ]),
  )
}

/**
 * Creates or replaces tasks by uid (PUT). Runs in one transaction: existing rows are locked
 * first, so concurrent upserts of one uid serialise instead of losing a write.
 */
export async function upsertTasks(
  context: TaskWriteContext,
  items: (CreateTaskBody & { uid: string })[],
  pathOf: ItemPath = batchPath,
): Promise<ItemResult[]> {
  const { uids, byUid: bodies } = itemsByUid(items)
  const body = (uid: string) => bodies.get(uid) as CreateTaskBody
  const written = await withOrgRules(context, async (q, org) => {
    await refuseMisfitFields(q, context, org, items, pathOf)
    const hand = await handChangesByUid(q, context, org, uids, body, pathOf)
    const handApplied = withHandChanges(context, org, hand)
    const existing = await lockTasks(q, context.orgUid, uids, familiesOf(uids, body))
    const fresh = uids.filter((uid) => !existing.some((task) => task.uid === uid))
    const states = checkEach(fresh, (uid) => {
      const state = newTaskState(body(uid), org.clock, uid)
      return handApplied({ ...state, assignee_uid: null, queue_uid: null }, state)
    })
    await refuseSecondStartedTask(
      q,
      context,
      org,
      states.map((after) => ({ before: { ...after, status: 'TODO' as const }, after })),
    )
    const inserted = await writeNew(q, context, org, states)
    // A uid inserted by someone else since the lock above is replaced like any other.
    const raced = fresh.filter((uid) => !inserted.some((task) => task.uid === uid))
    const toReplace = [...existing, ...(await lockTasks(q, context.orgUid, raced))]
    const replaced = await writeChanges(
      q,
      context,
      org,
      toReplace,
      (before) => handApplied(before, replaceTaskState(before, body(before.uid), org.clock)),
      (uid) => pathOf(uids.indexOf(uid)),
    )
    return new Map([...byUid(inserted, true), ...byUid(replaced, false)])
  })
  return resultsInOrder(uids, written, () => {
    throw new Error('upsert left a uid unwritten')
  })
}

/** Updates existing tasks (PATCH); an unknown uid is a 404 and changes nothing. */
export async function patchTasks(
  context: TaskWriteContext,
  items: (UpdateTaskBody & { uid: string })[],
  pathOf: ItemPath = batchPath,
): Promise<ItemResult[]> {
  const uids = items.map((item) => item.uid.toLowerCase())
  const written = await withTransaction(context.db, (q) =>
    patchTasksWithin(q, context, items, pathOf),
  )
  return resultsInOrder(uids, written, () => ({
    status: 404,
    code: 'not_found',
    message: TASK_NOT_FOUND,
  }))
}

/**
 * The PATCH of {@link patchTasks} inside the caller's transaction `q` (an automation runs
 * it with its job's or firing's bookkeeping): the written records by uid.
 */
export async function patchTasksWithin(
  q: Queryable,
  context: TaskWriteContext,
  items: (UpdateTaskBody & { uid: string })[],
  pathOf: ItemPath = batchPath,
): Promise<Map<string, { task: TaskRecord; created: boolean }>> {
  const { uids, byUid: bodies } = itemsByUid(items)
  const body = (uid: string) => bodies.get(uid) as UpdateTaskBody
  const org = await rulesOf(q, context)
  await refuseMisfitFields(q, context, org, items, pathOf)
  const hand = await handChangesByUid(q, context, org, uids, body, pathOf)
  const handApplied = withHandChanges(context, org, hand)
  const current = await lockTasks(q, context.orgUid, uids, familiesOf(uids, body))
  const updated = await writeChanges(
    q,
    context,
    org,
    current,
    (before) => handApplied(before, patchTaskState(before, body(before.uid), org.clock)),
    (uid) => pathOf(uids.indexOf(uid)),
  )
  return byUid(updated, false)
}
