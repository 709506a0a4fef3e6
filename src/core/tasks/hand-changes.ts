import { AppError, type FieldError } from '../../contract/errors'
import type { UpdateTaskBody } from '../../contract/tasks'
import { hasRole, type Role } from '../auth/roles'
import { assignTask, releaseTask } from '../player/transitions'
import { placeInQueue, type QueueRule, type RoutingContext } from '../routing/route-task'
import { applyStatus, type WorkClock } from './lifecycle'
import type { TaskState } from './task-state'

/** The keys of a task body that assign or route it by hand. */
export type HandKeys = Pick<UpdateTaskBody, 'assignee_uid' | 'assignee_email' | 'queue_uid'>

/** Who a body names as assignee: a uid or an email, null to unassign, undefined if nobody. */
export type AssigneeRef =
  | { key: 'assignee_uid'; uid: string }
  | { key: 'assignee_email'; email: string }
  | null
  | undefined

/** A user as assignment needs them. */
export interface Assignable {
  uid: string
  email: string
  role: Role
  active: boolean
}

/**
 * Reads the assignee a body names. Both keys at once is a 422 unless one of them is null
 * and the other too: which one wins would be a guess.
 */
export function assigneeRef(body: HandKeys, path: string): AssigneeRef {
  const { assignee_uid: uid, assignee_email: email } = body
  if (uid !== undefined && email !== undefined) {
    throw new AppError('validation_failed', 'Give assignee_uid or assignee_email, not both.', [
      { path: `${path}/assignee_email`, message: 'must not be given with assignee_uid' },
    ])
  }
  if (uid !== undefined) {
    return uid === null ? null : { key: 'assignee_uid', uid: uid.toLowerCase() }
  }
  if (email !== undefined) {
    return email === null ? null : { key: 'assignee_email', email: email.toLowerCase() }
  }
  return undefined
}

/**
 * The user an assignee reference names, if they may be handed tasks: active and at least an
 * operator (viewers cannot work tasks). Otherwise the 422 names the key that was sent.
 */
export function assigneeFor(
  ref: Exclude<AssigneeRef, null | undefined>,
  users: Assignable[],
  path: string,
): Assignable {
  const user = users.find((candidate) =>
    ref.key === 'assignee_uid' ? candidate.uid === ref.uid : candidate.email === ref.email,
  )
  const fail = (message: string): never => {
    throw new AppError('validation_failed', 'The assignee cannot be given this task.', [
      { path: `${path}/${ref.key}`, message },
    ])
  }
  if (!user) {
    return fail('is not a user of your organization')
  }
  if (!user.active) {
    return fail('is a deactivated user')
  }
  if (!hasRole(user.role, 'operator')) {
    return fail(`is a ${user.role}, who cannot work tasks`)
  }
  return user
}

/** What a body asks of assignment and routing, resolved to a user and a queue. */
export interface HandChanges {
  /** undefined: leave as is; null: unassign; else assign to this user. */
  assigneeUid?: string | null
  /** undefined: leave as is; null: route by hand into no queue; else into this queue. */
  queue?: QueueRule | null
}

/** The queue a body's `queue_uid` names; a 422 naming the key when there is no such queue. */
export function queueFor(
  queueUid: string | null | undefined,
  queues: QueueRule[],
  path: string,
): QueueRule | null | undefined {
  if (queueUid === undefined || queueUid === null) {
    return queueUid
  }
  const queue = queues.find((candidate) => candidate.uid === queueUid.toLowerCase())
  if (!queue) {
    throw new AppError('validation_failed', 'No such queue.', [
      { path: `${path}/queue_uid`, message: 'is not a queue of your organization' },
    ])
  }
  return queue
}

/**
 * Whether a write's assignment and routing changes need an admin, as `POST /tasks/{uid}/assign`
 * and `/route` do. Only a change counts: a body that repeats the task's current assignee or
 * queue (a client writing back what it read) is any operator's to send.
 */
export function refuseHandChangesBelowAdmin(
  role: Role,
  before: Pick<TaskState, 'assignee_uid' | 'queue_uid'> | null,
  changes: HandChanges,
  body: HandKeys,
  path: string,
): void {
  if (hasRole(role, 'admin')) {
    return
  }
  const errors: FieldError[] = []
  const assigneeNow = before?.assignee_uid ?? null
  if (changes.assigneeUid !== undefined && changes.assigneeUid !== assigneeNow) {
    const key = body.assignee_uid !== undefined ? 'assignee_uid' : 'assignee_email'
    errors.push({ path: `${path}/${key}`, message: 'only admins assign tasks by hand' })
  }
  const queueNow = before?.queue_uid ?? null
  if (changes.queue !== undefined && (changes.queue?.uid ?? null) !== queueNow) {
    errors.push({ path: `${path}/queue_uid`, message: 'only admins route tasks by hand' })
  }
  if (errors.length > 0) {
    throw new AppError('forbidden', 'Your role may not assign or route tasks by hand.', errors)
  }
}

/**
 * Applies a body's assignment and routing, as the assign, unassign and route calls do, then
 * its status again: a task created or updated as STARTED for someone stays STARTED (handing
 * a task over stops the previous holder's work first). A queue equal to the current one
 * changes nothing, so writing back a task read from the API does not pin it by hand.
 */
export function applyHandChanges(
  task: TaskState,
  changes: HandChanges,
  status: TaskState['status'] | undefined,
  byUid: string,
  clock: WorkClock,
  routing: Pick<RoutingContext, 'now' | 'slaBreach'>,
): TaskState {
  let next = task
  if (changes.assigneeUid === null && next.assignee_uid !== null) {
    next = releaseTask(next, byUid, clock)
  } else if (changes.assigneeUid) {
    next = assignTask(next, changes.assigneeUid, byUid, clock)
  }
  if (changes.queue !== undefined && (changes.queue?.uid ?? null) !== next.queue_uid) {
    next = { ...placeInQueue(next, changes.queue, routing), queue_updated_by: byUid }
  }
  return status ? applyStatus(next, status, clock) : next
}

/**
 * Refuses a write that leaves the task STARTED with nobody assigned: its work timer would run
 * with nobody working. Only a write that makes it so is refused (to STARTED, or unassigned
 * while started), so a task stored that way before the rule can still be edited otherwise.
 */
export function refuseStartedWithoutAssignee(
  before: Pick<TaskState, 'status' | 'assignee_uid'> | null,
  after: Pick<TaskState, 'status' | 'assignee_uid'>,
  path: string,
): void {
  if (after.status !== 'STARTED' || after.assignee_uid) {
    return
  }
  if (before && before.status === 'STARTED' && !before.assignee_uid) {
    return
  }
  throw new AppError('validation_failed', 'A started task needs an assignee.', [
    {
      path: `${path}/status`,
      message: 'STARTED needs an assignee: give assignee_uid or assignee_email',
    },
  ])
}
