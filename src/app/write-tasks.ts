import { randomUUID } from 'node:crypto'
import { AppError, type FieldError } from '../contract/errors'
import type { CreateTaskBody, UpdateTaskBody } from '../contract/tasks'
import {
  newTaskState,
  patchTaskState,
  replaceTaskState,
  type TaskState,
} from '../core/tasks/task-state'
import { type Database, withTransaction } from '../store/database'
import { insertTasks, lockTasks, type TaskRecord, updateTasks } from '../store/tasks'
import { type ItemResult, resultsInOrder } from './batch-result'

/** Who is writing, and in which organization. */
export interface WriteContext {
  db: Database
  orgUid: string
  now?: Date
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

/** Creates tasks; an item whose uid exists already is a 409 and changes nothing. */
export async function createTasks(
  context: WriteContext,
  bodies: CreateTaskBody[],
): Promise<ItemResult[]> {
  refuseDuplicateUids(bodies.map((body) => body.uid))
  const now = context.now ?? new Date()
  const states = bodies.map((body) => newTaskState(body, now, randomUUID()))
  const inserted = await insertTasks(context.db.pool, context.orgUid, states)
  return resultsInOrder(
    states.map((state) => state.uid.toLowerCase()),
    byUid(inserted, true),
    () => ({ status: 409, code: 'conflict', message: 'A task with this uid already exists.' }),
  )
}

/**
 * Creates or replaces tasks by uid (PUT). Runs in one transaction: existing rows are locked
 * first, so concurrent upserts of one uid serialise instead of losing a write.
 */
export async function upsertTasks(
  context: WriteContext,
  items: (CreateTaskBody & { uid: string })[],
): Promise<ItemResult[]> {
  refuseDuplicateUids(items.map((item) => item.uid))
  const now = context.now ?? new Date()
  const uids = items.map((item) => item.uid.toLowerCase())
  const written = await withTransaction(context.db, async (client) => {
    const bodies = new Map(items.map((item) => [item.uid.toLowerCase(), item]))
    const existing = await lockTasks(client, context.orgUid, uids)
    const fresh = uids.filter((uid) => !existing.some((task) => task.uid === uid))
    const inserted = await insertTasks(
      client,
      context.orgUid,
      fresh.map((uid) => newTaskState({ ...(bodies.get(uid) as CreateTaskBody), uid }, now, uid)),
    )
    // A uid inserted by someone else since the lock above is replaced like any other.
    const raced = fresh.filter((uid) => !inserted.some((task) => task.uid === uid))
    const toReplace = [...existing, ...(await lockTasks(client, context.orgUid, raced))]
    const replaced = await updateTasks(
      client,
      context.orgUid,
      toReplace.map((task) => replaceTaskState(task, bodies.get(task.uid) as CreateTaskBody, now)),
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
  refuseDuplicateUids(items.map((item) => item.uid))
  const now = context.now ?? new Date()
  const uids = items.map((item) => item.uid.toLowerCase())
  const written = await withTransaction(context.db, async (client) => {
    const bodies = new Map(items.map((item) => [item.uid.toLowerCase(), item]))
    const current = await lockTasks(client, context.orgUid, uids)
    const next: TaskState[] = current.map((task) =>
      patchTaskState(task, bodies.get(task.uid) as UpdateTaskBody, now),
    )
    return byUid(await updateTasks(client, context.orgUid, next), false)
  })
  return resultsInOrder(uids, written, () => ({
    status: 404,
    code: 'not_found',
    message: 'No task with this uid in your organization.',
  }))
}
