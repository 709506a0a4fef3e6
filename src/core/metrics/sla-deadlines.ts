import type { Calendar, SlaClock, SlaPolicy, SlaTargets } from '../../contract/calendar'
import { addBusinessMinutes, businessMsBetween } from '../calendar'
import { evaluateCondition } from '../conditions'
import { conditionSubject } from '../routing/route-task'
import type { TaskState } from '../tasks/task-state'

/** The SLA columns a task carries, kept by {@link settleSla} on every write. */
export interface SlaTimes {
  /** When the first start (STARTED) is due; null without a first-response target. */
  first_response_due_at: Date | null
  /** When completion (DONE) is due; null without a resolution target. */
  resolution_due_at: Date | null
  /**
   * The deadline the task has to meet next: the first response's until it is started (or
   * the resolution's, if that comes sooner), then the resolution's. Null without a policy,
   * or while its clock is stopped by the policy's pause condition.
   */
  sla_due_at: Date | null
  /** Time the clock has been stopped, on the policy's clock, in ms (a snooze in full). */
  sla_paused_ms: number
  /** Start of the pause running because the task matches the policy's pause condition. */
  sla_paused_since: Date | null
}

/** A policy with the calendar its business clock counts on. */
export interface ResolvedSlaPolicy {
  policy: SlaPolicy
  /** The named calendar of the policy, else the organization's. */
  calendar: Calendar
}

/** The SLA columns of a task outside any policy. */
export const NO_SLA: SlaTimes = {
  first_response_due_at: null,
  resolution_due_at: null,
  sla_due_at: null,
  sla_paused_ms: 0,
  sla_paused_since: null,
}

/** A policy's clock: a policy without one is wall-clock, as `resolution_minutes` always was. */
export function clockOf(policy: SlaPolicy): SlaClock {
  return policy.clock ?? 'calendar'
}

/** Time between two instants on the policy's clock, in ms (0 when `to` is not later). */
export function slaMsBetween(from: Date, to: Date, resolved: ResolvedSlaPolicy): number {
  if (to.getTime() <= from.getTime()) {
    return 0
  }
  return clockOf(resolved.policy) === 'business'
    ? businessMsBetween(from, to, resolved.calendar)
    : to.getTime() - from.getTime()
}

/**
 * The instant `ms` of the policy's clock after `start`; null when a business calendar
 * without any hours never gets there.
 */
export function slaAdd(start: Date, ms: number, resolved: ResolvedSlaPolicy): Date | null {
  return clockOf(resolved.policy) === 'business'
    ? addBusinessMinutes(start, ms / 60_000, resolved.calendar)
    : new Date(start.getTime() + ms)
}

const fieldKey = (field: string) => (field.startsWith('fields.') ? field.slice(7) : field)

/**
 * The targets for a task: those of its field's value when the policy lists that value (a
 * target a value leaves out is the policy's own), else the policy's. Numbers and booleans
 * match their JSON text (`3`, `true`); other values match nothing.
 */
export function targetsFor(policy: SlaPolicy, fields: Record<string, unknown>): SlaTargets {
  const own: SlaTargets = {
    first_response_minutes: policy.first_response_minutes,
    resolution_minutes: policy.resolution_minutes,
  }
  if (!policy.by_field) {
    return own
  }
  const value = fields[fieldKey(policy.by_field.field)]
  const text =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : null
  const forValue =
    text !== null && Object.hasOwn(policy.by_field.targets, text)
      ? policy.by_field.targets[text]
      : undefined
  return {
    first_response_minutes: forValue?.first_response_minutes ?? own.first_response_minutes,
    resolution_minutes: forValue?.resolution_minutes ?? own.resolution_minutes,
  }
}

/** The end of the task's snooze, when the policy stops its clock for it and it lies ahead. */
function snoozeEnd(task: TaskState, policy: SlaPolicy, now: Date): Date | null {
  const until = task.snooze_expires_at
  return policy.pause?.while_snoozed && until && until.getTime() > now.getTime() ? until : null
}

/** Whether the policy's pause condition stops the task's clock; never for a finished task. */
function pausedByCondition(task: TaskState, policy: SlaPolicy, now: Date): boolean {
  const condition = policy.pause?.condition
  return (
    condition !== undefined &&
    condition !== null &&
    task.status !== 'DONE' &&
    evaluateCondition(condition, conditionSubject(task, now))
  )
}

/**
 * The SLA columns of a task as it is written at `now`, from its state before the write (null
 * for a new task) and after, under `resolved` (its queue's policy, null for none).
 *
 * Pausing, on the policy's clock: a snooze counts in full as it is set (its end is known),
 * and what is left of it is given back when the task wakes early or is snoozed again; a
 * pause by condition starts at the write that makes the task match and ends at the write
 * that makes it stop matching, and meanwhile `sla_due_at` is null (the clock is stopped, no
 * deadline can pass). Deadlines are counted from creation: target + paused time on the clock.
 * Moving to a queue of another policy keeps the paused time, measured on the clock of its day.
 */
export function settleSla(
  before: (TaskState & Partial<SlaTimes>) | null,
  after: TaskState,
  resolved: ResolvedSlaPolicy | null,
  now: Date,
): SlaTimes {
  if (resolved === null) {
    return NO_SLA
  }
  const { policy } = resolved
  let paused = before?.sla_paused_ms ?? 0
  let since = before?.sla_paused_since ?? null
  // The snooze: take back what was counted of the old one and is still ahead, count the new.
  const oldEnd = before ? snoozeEnd(before, policy, now) : null
  const newEnd = snoozeEnd(after, policy, now)
  if (oldEnd?.getTime() !== newEnd?.getTime()) {
    paused -= oldEnd ? slaMsBetween(now, oldEnd, resolved) : 0
    paused += newEnd ? slaMsBetween(now, newEnd, resolved) : 0
  }
  const pausedNow = pausedByCondition(after, policy, now)
  if (since !== null && !pausedNow) {
    paused += slaMsBetween(since, now, resolved)
    since = null
  } else if (since === null && pausedNow) {
    since = now
  }
  paused = Math.max(0, Math.round(paused))
  // While a pause runs, the deadlines count it up to now: what they are at the least.
  const counted = since ? paused + slaMsBetween(since, now, resolved) : paused
  const targets = targetsFor(policy, after.fields)
  const due = (minutes: number | undefined) =>
    minutes === undefined ? null : slaAdd(after.created_at, minutes * 60_000 + counted, resolved)
  const firstResponse = due(targets.first_response_minutes)
  const resolution = due(targets.resolution_minutes)
  return {
    first_response_due_at: firstResponse,
    resolution_due_at: resolution,
    sla_due_at: since ? null : nextDeadline(after, firstResponse, resolution),
    sla_paused_ms: paused,
    sla_paused_since: since,
  }
}

function nextDeadline(task: TaskState, firstResponse: Date | null, resolution: Date | null) {
  if (firstResponse === null || task.started_at !== null) {
    return resolution
  }
  return resolution !== null && resolution < firstResponse ? resolution : firstResponse
}

/** Whether a deadline was missed: met at `metAt`, or still open and past at `now`. */
export function missed(due: Date | null, metAt: Date | null, now: Date): boolean {
  if (due === null) {
    return false
  }
  return (metAt ?? now).getTime() > due.getTime()
}
