import type { CreateTaskBody, UpdateTaskBody } from '../../contract/tasks'
import { NO_SLA, type SlaTimes } from '../metrics/sla-deadlines'
import { mergeFields, type TaskFieldMap } from './fields'
import { applyStatus, initialStatusTimes, type StatusTimes, type WorkClock } from './lifecycle'

/** Everything about a task that writes change; the store adds `updated_at`. */
export interface TaskState extends StatusTimes, SlaTimes {
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
  tags: string[]
  case_uid: string | null
  participants: Record<string, unknown>
  form_data: Record<string, unknown>
  /** The form the task was created or last completed with (a reference, kept as given). */
  metadata_form_uid: string | null
  review_status: string | null
  task_type: string | null
  external_id: string | null
  external_status: string | null
  /** When `external_status` last changed through the API. */
  external_status_updated_at: Date | null
  external_assignee_uid: string | null
  external_created_at: Date | null
  external_updated_at: Date | null
}

/** The keys of a task body that are kept as given, beside status, fields and routing. */
type DescriptiveBody = Omit<UpdateTaskBody, 'fields'>

const dateOrNull = (value: string | null | undefined) => (value ? new Date(value) : null)

/**
 * The descriptive keys a body sets (Fragment's tags, case, forms, review and external-system
 * keys): a key given replaces the current value, a key left out keeps it. A change of
 * `external_status` stamps `external_status_updated_at`.
 */
export function applyDescriptiveKeys<T extends TaskState>(
  current: T,
  body: DescriptiveBody,
  now: Date,
): T {
  const next: T = {
    ...current,
    tags: body.tags ?? current.tags,
    case_uid:
      body.case_uid === undefined ? current.case_uid : (body.case_uid?.toLowerCase() ?? null),
    participants: body.participants ?? current.participants,
    form_data: body.form_data ?? current.form_data,
    metadata_form_uid:
      body.metadata_form_uid === undefined
        ? current.metadata_form_uid
        : (body.metadata_form_uid?.toLowerCase() ?? null),
    review_status: body.review_status === undefined ? current.review_status : body.review_status,
    task_type: body.task_type === undefined ? current.task_type : body.task_type,
    external_id: body.external_id === undefined ? current.external_id : body.external_id,
    external_status:
      body.external_status === undefined ? current.external_status : body.external_status,
    external_assignee_uid:
      body.external_assignee_uid === undefined
        ? current.external_assignee_uid
        : body.external_assignee_uid,
    external_created_at:
      body.external_created_at === undefined
        ? current.external_created_at
        : dateOrNull(body.external_created_at),
    external_updated_at:
      body.external_updated_at === undefined
        ? current.external_updated_at
        : dateOrNull(body.external_updated_at),
  }
  if (next.external_status !== current.external_status) {
    next.external_status_updated_at = now
  }
  return next
}

/**
 * The state of a new task: status TODO and due now unless given (Fragment's defaults).
 * `uid` is the client's when it sent one, else `newUid`. Routing happens afterwards.
 */
export function newTaskState(body: CreateTaskBody, clock: WorkClock, newUid: string): TaskState {
  const blank: TaskState = {
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
    ...NO_SLA,
    assignee_uid: null,
    assignee_updated_by: null,
    assigned_at: null,
    played_at: null,
    tags: [],
    case_uid: null,
    participants: {},
    form_data: {},
    metadata_form_uid: null,
    review_status: null,
    task_type: null,
    external_id: null,
    external_status: null,
    external_status_updated_at: null,
    external_assignee_uid: null,
    external_created_at: null,
    external_updated_at: null,
  }
  return applyDescriptiveKeys(blank, body, clock.now)
}

function applyNativeKeys(
  current: TaskState,
  body: Omit<UpdateTaskBody, 'fields'>,
  fields: TaskFieldMap,
  clock: WorkClock,
): TaskState {
  const moved = body.status ? applyStatus(current, body.status, clock) : current
  const next = applyDescriptiveKeys(moved, body, clock.now)
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
