import type { CreateTaskBody, UpdateTaskBody } from '../../contract/tasks'
import { mergeFields, type TaskFieldMap } from './fields'
import { applyStatus, initialStatusTimes, type StatusTimes, type WorkClock } from './lifecycle'

/** Everything about a task that writes change; the store adds `updated_at`. */
export interface TaskState extends StatusTimes {
  uid: string
  archived: boolean
  fields: TaskFieldMap
  due_at: Date
  created_at: Date
  skills: string[]
  parent_uid: string | null
  snooze_expires_at: Date | null
  queue_uid: string | null
  /** Who routed the task by hand; null while the queue rules decide. */
  queue_updated_by: string | null
  queued_at: Date | null
  sla_breach_at: Date | null
  sla_breach_business_at: Date | null
  assignee_uid: string | null
  assignee_updated_by: string | null
  assigned_at: Date | null
  played_at: Date | null
}

/**
 * The state of a new task: status TODO and due now unless given (Fragment's defaults).
 * `uid` is the client's when it sent one, else `newUid`. Routing happens afterwards.
 */
export function newTaskState(body: CreateTaskBody, clock: WorkClock, newUid: string): TaskState {
  return {
    uid: (body.uid ?? newUid).toLowerCase(),
    ...initialStatusTimes(body.status ?? 'TODO', clock),
    archived: body.archived ?? false,
    fields: body.fields as TaskFieldMap,
    due_at: body.due_at ? new Date(body.due_at) : clock.now,
    created_at: clock.now,
    skills: body.skills ?? [],
    parent_uid: body.parent_uid?.toLowerCase() ?? null,
    snooze_expires_at: null,
    queue_uid: null,
    queue_updated_by: null,
    queued_at: null,
    sla_breach_at: null,
    sla_breach_business_at: null,
    assignee_uid: null,
    assignee_updated_by: null,
    assigned_at: null,
    played_at: null,
  }
}

function applyNativeKeys(
  current: TaskState,
  body: Omit<UpdateTaskBody, 'fields'>,
  fields: TaskFieldMap,
  clock: WorkClock,
): TaskState {
  const next = body.status ? applyStatus(current, body.status, clock) : current
  return {
    ...next,
    archived: body.archived ?? current.archived,
    fields,
    due_at: body.due_at ? new Date(body.due_at) : current.due_at,
    skills: body.skills ?? current.skills,
    parent_uid:
      body.parent_uid === undefined ? current.parent_uid : (body.parent_uid?.toLowerCase() ?? null),
  }
}

/** PATCH: native keys given replace the current ones; `fields` merge key by key. */
export function patchTaskState(
  current: TaskState,
  body: UpdateTaskBody,
  clock: WorkClock,
): TaskState {
  const fields = body.fields ? mergeFields(current.fields, body.fields) : current.fields
  return applyNativeKeys(current, body, fields, clock)
}

/**
 * PUT on an existing task: `fields` are replaced as a whole, native keys given are set and
 * the others kept. Sending the same PUT twice leaves the task as the first one did.
 */
export function replaceTaskState(
  current: TaskState,
  body: CreateTaskBody,
  clock: WorkClock,
): TaskState {
  return applyNativeKeys(current, body, body.fields as TaskFieldMap, clock)
}
