import type { BulkAction } from '../../contract/bulk'
import { AppError, type ErrorCode, type FieldError } from '../../contract/errors'
import { assignTask, pauseTask, releaseTask } from '../player/transitions'
import { placeInQueue, type QueueRule, type RoutingContext, routeTask } from '../routing/route-task'
import { type Assignable, assigneeFor, refuseStartedWithoutAssignee } from './hand-changes'
import { applyStatus, type WorkClock } from './lifecycle'
import { describeChanges, type TaskEventDraft } from './task-events'
import type { TaskState } from './task-state'

/**
 * What one bulk action does to one task, as pure functions: the change itself (the same
 * transitions as the single-task calls), whether it changed anything, the values to keep for
 * an undo, and the undo.
 */

/** A task the action or its undo leaves alone, and why (an API error code and a sentence). */
export interface TaskProblem {
  code: ErrorCode
  message: string
}

/** What the action does to one task. */
export type BulkOutcome =
  | { kind: 'changed'; after: TaskState }
  | { kind: 'unchanged' }
  | ({ kind: 'failed' } & TaskProblem)

/** What applying an action needs besides the task. */
export interface BulkContext {
  clock: WorkClock
  routing: RoutingContext
  /** The acting user, recorded as who assigned or routed. */
  actorUid: string
  /** For `assign`: the user named, as read (null: no such user here). */
  assignee?: Assignable | null
}

/** The path every action error is reported under. */
const ACTION_PATH = '/body/action'

/**
 * Refusals of an action that no task could fix: both or neither of a route's keys, a title
 * removed or not text, a snooze that ends in the past. Each names its key.
 */
export function actionErrors(action: BulkAction, now: Date): FieldError[] {
  const errors: FieldError[] = []
  const refuse = (key: string, message: string) =>
    errors.push({ path: `${ACTION_PATH}/${key}`, message })
  switch (action.type) {
    case 'route':
      if ((action.queue_uid === undefined) === (action.automatic === undefined)) {
        refuse('queue_uid', 'give queue_uid (null: no queue) or automatic: true, one of the two')
      }
      break
    case 'set_field':
      if (action.key === 'title') {
        const { value } = action
        if (typeof value !== 'string' || value.length < 1 || value.length > 1000) {
          refuse('value', 'the title must be text of 1 to 1000 characters')
        }
      }
      break
    case 'clear_field':
      if (action.key === 'title') {
        refuse('key', 'a task must keep its title')
      }
      break
    case 'snooze':
      if (Date.parse(action.until) <= now.getTime()) {
        refuse('until', 'must be in the future')
      }
      break
  }
  return errors
}

/** The actions that re-route the task by the rules afterwards, as a PATCH does. */
const ROUTED_AFTER = new Set<BulkAction['type']>([
  'set_status',
  'set_field',
  'clear_field',
  'archive',
  'restore',
])

/** Runs `work`, turning an AppError it throws into a failed outcome. */
function attempt(work: () => TaskState): TaskState | ({ kind: 'failed' } & TaskProblem) {
  try {
    return work()
  } catch (error) {
    if (!(error instanceof AppError)) {
      throw error
    }
    const detail = error.fields.map((field) => `${lastKey(field.path)} ${field.message}`)
    return { kind: 'failed', code: error.code, message: [error.message, ...detail].join(' ') }
  }
}

const lastKey = (path: string) => path.slice(path.lastIndexOf('/') + 1)

function fieldsWith(task: TaskState, key: string, value: unknown): TaskState {
  const fields: Record<string, unknown> = { ...task.fields }
  // As a PATCH of `fields`: null removes the key.
  if (value === null) {
    delete fields[key]
  } else {
    fields[key] = value
  }
  return { ...task, fields: fields as TaskState['fields'] }
}

function act(task: TaskState, action: BulkAction, context: BulkContext): TaskState {
  const { clock, routing, actorUid } = context
  switch (action.type) {
    case 'assign': {
      const found = context.assignee ? [context.assignee] : []
      const ref = { key: 'assignee_uid' as const, uid: action.assignee_uid.toLowerCase() }
      const user = assigneeFor(ref, found, ACTION_PATH)
      return assignTask(task, user.uid, actorUid, clock)
    }
    case 'unassign':
      return task.assignee_uid ? releaseTask(task, actorUid, clock) : task
    case 'route': {
      if (action.automatic) {
        return routeTask({ ...task, queue_updated_by: null }, routing)
      }
      const wanted = action.queue_uid?.toLowerCase() ?? null
      const queue: QueueRule | null | undefined = wanted
        ? routing.queues.find((candidate) => candidate.uid === wanted)
        : null
      if (queue === undefined) {
        throw new AppError('validation_failed', 'No such queue.', [
          { path: `${ACTION_PATH}/queue_uid`, message: 'is not a queue of your organization' },
        ])
      }
      const placed = task.queue_uid === wanted ? task : placeInQueue(task, queue, routing)
      return { ...placed, queue_updated_by: actorUid }
    }
    case 'set_status':
      return applyStatus(task, action.status, clock)
    case 'set_field':
      return fieldsWith(task, action.key, action.value)
    case 'clear_field':
      return fieldsWith(task, action.key, null)
    case 'snooze':
      if (task.status === 'DONE') {
        throw new AppError('validation_failed', 'A finished task cannot be snoozed.')
      }
      return { ...pauseTask(task, clock), snooze_expires_at: new Date(action.until) }
    case 'wake':
      return task.snooze_expires_at && task.snooze_expires_at > clock.now
        ? { ...task, snooze_expires_at: null }
        : task
    case 'archive':
      return { ...task, archived: true }
    case 'restore':
      return { ...task, archived: false }
  }
}

/**
 * What `action` does to `task`: the transitions of the single-task calls (assign, unassign,
 * route, PATCH, the player's snooze), the refusal of a started task without assignee, and
 * routing by the rules where a PATCH routes. A task already as the action would leave it is
 * `unchanged`.
 */
export function applyBulkAction(
  task: TaskState,
  action: BulkAction,
  context: BulkContext,
): BulkOutcome {
  const next = attempt(() => act(task, action, context))
  if ('kind' in next) {
    return next
  }
  const started = attempt(() => {
    refuseStartedWithoutAssignee(task, next, ACTION_PATH)
    return next
  })
  if ('kind' in started) {
    // The single-task message tells a task body what to send; here the task needs assigning.
    return { ...started, message: 'A started task needs an assignee: assign it first.' }
  }
  const after = ROUTED_AFTER.has(action.type) ? routeTask(next, context.routing) : next
  return changedKeys(task, after).length === 0 ? { kind: 'unchanged' } : { kind: 'changed', after }
}

/**
 * Of the tasks a write starts (uid and assignee, in the order they are written), those that
 * must fail because their assignee would hold two started tasks: the first for an assignee
 * with none started elsewhere goes ahead, every other is refused, as `next` would refuse it.
 */
export function startConflicts(
  starting: { uid: string; assignee: string }[],
  startedElsewhere: ReadonlyMap<string, number>,
): Set<string> {
  const taken = new Set<string>()
  const refused = new Set<string>()
  for (const { uid, assignee } of starting) {
    if ((startedElsewhere.get(assignee) ?? 0) > 0 || taken.has(assignee)) {
      refused.add(uid)
    } else {
      taken.add(assignee)
    }
  }
  return refused
}

/** The refusal of a task whose assignee already works on another. */
export const IN_PROGRESS: TaskProblem = {
  code: 'task_in_progress',
  message: 'The assignee already has a task in progress.',
}

// ---------------------------------------------------------------------------------------
// What is kept for an undo, and the undo itself.

/** Keys an action may change whose values an undo puts back, dates among them as ISO text. */
const RESTORED_KEYS = [
  'status',
  'started_at',
  'done_at',
  'snooze_expires_at',
  'queue_uid',
  'queue_updated_by',
  'queued_at',
  'sla_breach_at',
  'sla_breach_business_at',
  'assignee_uid',
  'assignee_updated_by',
  'assigned_at',
  'archived',
] as const
type RestoredKey = (typeof RESTORED_KEYS)[number]

const DATE_KEYS = new Set<string>([
  'started_at',
  'done_at',
  'snooze_expires_at',
  'queued_at',
  'sla_breach_at',
  'sla_breach_business_at',
  'assigned_at',
])

/**
 * Work-time counters follow the status and are never put back: an undo moves the status
 * with the lifecycle's own rules, so the work interval runs only while the task is started.
 */
const WORK_KEYS = new Set<string>(['work_started_at', 'work_ms', 'work_business_ms'])

/** SLA deadlines are never put back either: every write, an undo's too, settles them anew. */
const SLA_KEYS = new Set<string>([
  'first_response_due_at',
  'resolution_due_at',
  'sla_due_at',
  'sla_paused_ms',
  'sla_paused_since',
])

/**
 * The values an undo restores: each key the action changed, with its value before; the
 * custom fields it changed as `{key: [value]}`, or `{key: []}` for a field that was absent.
 */
export type UndoRecord = Partial<Record<RestoredKey, unknown>> & {
  fields?: Record<string, [unknown] | []>
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
  }
  // jsonb keeps an object's keys in an order of its own: compare values, not key orders.
  return canonicalJson(a) === canonicalJson(b)
}

/** The top-level keys whose values differ between two states of a task. */
export function changedKeys(before: TaskState, after: TaskState): (keyof TaskState)[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof TaskState>
  return [...keys].filter((key) => !same(before[key], after[key]))
}

function changedFieldKeys(before: TaskState, after: TaskState): string[] {
  const keys = new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])
  return [...keys].filter((key) => !same(before.fields[key], after.fields[key]))
}

/** What an undo of the change from `before` to `after` needs, as JSON. */
export function undoRecord(before: TaskState, after: TaskState): UndoRecord {
  const record: UndoRecord = {}
  for (const key of changedKeys(before, after)) {
    if (key === 'fields') {
      record.fields = Object.fromEntries(
        changedFieldKeys(before, after).map((field) => [
          field,
          Object.hasOwn(before.fields, field) ? [before.fields[field]] : [],
        ]),
      )
    } else if ((RESTORED_KEYS as readonly string[]).includes(key)) {
      const value = before[key]
      record[key as RestoredKey] = value instanceof Date ? value.toISOString() : value
    } else if (!WORK_KEYS.has(key) && !SLA_KEYS.has(key)) {
      throw new Error(`a bulk action changed ${key}, which its undo cannot restore`)
    }
  }
  return record
}

/**
 * The task as it was before the bulk action, from its state now (unchanged since the
 * action) and the record: the status moves back through the lifecycle, which closes or
 * opens the work interval at `clock.now`; every other key recorded takes its old value.
 */
export function restoreTask(current: TaskState, record: UndoRecord, clock: WorkClock): TaskState {
  const { fields, status, ...others } = record
  let next: TaskState =
    status === undefined ? current : applyStatus(current, status as TaskState['status'], clock)
  const restored: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(others)) {
    restored[key] = DATE_KEYS.has(key) && typeof value === 'string' ? new Date(value) : value
  }
  next = { ...next, ...restored }
  if (fields) {
    const merged: Record<string, unknown> = { ...next.fields }
    for (const [key, value] of Object.entries(fields)) {
      if (value.length === 0) {
        delete merged[key]
      } else {
        merged[key] = value[0]
      }
    }
    next = { ...next, fields: merged as TaskState['fields'] }
  }
  return next
}

/**
 * Why a task cannot be put back as it was, if it cannot: its old assignee can no longer be
 * given tasks, or its old queue is gone. Started-task conflicts are checked with the others.
 */
export function undoProblem(
  current: TaskState,
  restored: TaskState,
  assignees: Assignable[],
  queues: QueueRule[],
): TaskProblem | null {
  const assignee = restored.assignee_uid
  if (assignee && assignee !== current.assignee_uid) {
    const user = assignees.find((candidate) => candidate.uid === assignee)
    if (!user?.active) {
      return { code: 'validation_failed', message: 'Its assignee is no longer an active user.' }
    }
    if (user.role === 'viewer') {
      return { code: 'validation_failed', message: 'Its assignee is now a viewer.' }
    }
  }
  const queue = restored.queue_uid
  if (queue && queue !== current.queue_uid && !queues.some((q) => q.uid === queue)) {
    return { code: 'validation_failed', message: 'Its queue no longer exists.' }
  }
  return null
}

/**
 * The history of a change, as the single-task calls write it. A change that no history
 * entry describes (a snooze ended, a task pinned by hand to the queue it was in) is
 * `updated` with the keys that changed: every task a bulk action changes has an entry.
 */
export function bulkEvents(before: TaskState, after: TaskState): TaskEventDraft[] {
  const events = describeChanges(before, after)
  if (events.length > 0) {
    return events
  }
  const keys = changedKeys(before, after).filter((key) => !WORK_KEYS.has(key))
  return [{ task_uid: after.uid, type: 'updated', data: { keys } }]
}

// ---------------------------------------------------------------------------------------
// Cursors and requests.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Where a filter's bulk action goes on: its undo uid and the last task it looked at. */
export interface BulkCursor {
  bulkUid: string
  lastUid: string
}

/** An opaque cursor: base64url JSON, so clients never build or parse one. */
export function encodeBulkCursor(cursor: BulkCursor): string {
  return Buffer.from(JSON.stringify(['bulk', cursor.bulkUid, cursor.lastUid])).toString('base64url')
}

/** Reads a cursor back; a 422 naming `path` for anything this API did not hand out. */
export function decodeBulkCursor(text: string, path: string): BulkCursor {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'))
  } catch {
    parsed = null
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    parsed[0] === 'bulk' &&
    UUID.test(String(parsed[1])) &&
    UUID.test(String(parsed[2]))
  ) {
    return { bulkUid: String(parsed[1]).toLowerCase(), lastUid: String(parsed[2]).toLowerCase() }
  }
  throw new AppError('validation_failed', 'The cursor is not one this API returned.', [
    { path, message: 'is not a `next` of POST /tasks/bulk' },
  ])
}

/** JSON with object keys sorted: two requests that mean the same compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : inner,
  )
}
