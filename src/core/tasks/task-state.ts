import type { CreateTaskBody, UpdateTaskBody } from '../../contract/tasks'
import { mergeFields, type TaskFieldMap } from './fields'
import { applyStatus, initialStatusTimes } from './lifecycle'

/** The part of a task that clients write; the store adds bookkeeping columns. */
export interface TaskState {
  uid: string
  status: 'TODO' | 'STARTED' | 'DONE'
  archived: boolean
  fields: TaskFieldMap
  due_at: Date
  started_at: Date | null
  done_at: Date | null
  skills: string[]
  parent_uid: string | null
}

/**
 * The state of a new task: status TODO and due now unless given (Fragment's defaults).
 * `uid` is the client's when it sent one, else `newUid`.
 */
export function newTaskState(body: CreateTaskBody, now: Date, newUid: string): TaskState {
  const times = initialStatusTimes(body.status ?? 'TODO', now)
  return {
    uid: body.uid ?? newUid,
    ...times,
    archived: body.archived ?? false,
    fields: body.fields as TaskFieldMap,
    due_at: body.due_at ? new Date(body.due_at) : now,
    skills: body.skills ?? [],
    parent_uid: body.parent_uid ?? null,
  }
}

function applyNativeKeys(
  current: TaskState,
  body: Omit<UpdateTaskBody, 'fields'>,
  fields: TaskFieldMap,
  now: Date,
): TaskState {
  const times = body.status ? applyStatus(current, body.status, now) : current
  return {
    uid: current.uid,
    status: times.status,
    started_at: times.started_at,
    done_at: times.done_at,
    archived: body.archived ?? current.archived,
    fields,
    due_at: body.due_at ? new Date(body.due_at) : current.due_at,
    skills: body.skills ?? current.skills,
    parent_uid: body.parent_uid === undefined ? current.parent_uid : body.parent_uid,
  }
}

/** PATCH: native keys given replace the current ones; `fields` merge key by key. */
export function patchTaskState(current: TaskState, body: UpdateTaskBody, now: Date): TaskState {
  const fields = body.fields ? mergeFields(current.fields, body.fields) : current.fields
  return applyNativeKeys(current, body, fields, now)
}

/**
 * PUT on an existing task: `fields` are replaced as a whole, native keys given are set and
 * the others kept. Sending the same PUT twice leaves the task as the first one did.
 */
export function replaceTaskState(current: TaskState, body: CreateTaskBody, now: Date): TaskState {
  return applyNativeKeys(current, body, body.fields as TaskFieldMap, now)
}

/** Whether a write would change anything a client can see. */
export function isSameState(a: TaskState, b: TaskState): boolean {
  return (
    a.status === b.status &&
    a.archived === b.archived &&
    a.due_at.getTime() === b.due_at.getTime() &&
    a.parent_uid === b.parent_uid &&
    JSON.stringify(a.skills) === JSON.stringify(b.skills) &&
    JSON.stringify(a.fields) === JSON.stringify(b.fields)
  )
}
