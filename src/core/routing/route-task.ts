import type { Calendar, SlaPolicy } from '../../contract/calendar'
import type { Condition } from '../../contract/conditions'
import { evaluateCondition } from '../conditions'
import type { TaskState } from '../tasks/task-state'

/** A queue as routing sees it. */
export interface QueueRule {
  uid: string
  position: number
  condition: Condition
  skills: string[]
  sla_policy: SlaPolicy | null
  /** The named calendar the policy counts business time on; null: the organization's. */
  sla_calendar?: Calendar | null
}

/** When a task breaches an SLA policy, in wall-clock and in business time. */
export interface SlaBreach {
  sla_breach_at: Date | null
  sla_breach_business_at: Date | null
}

/** What routing needs besides the task. */
export interface RoutingContext {
  /** The organization's queues, in any order. */
  queues: QueueRule[]
  now: Date
  slaBreach: (createdAt: Date, policy: QueueRule['sla_policy']) => SlaBreach
}

/** A task as the condition language reads it: timestamps as ISO strings. */
export function conditionSubject(task: TaskState, now: Date) {
  const iso = (date: Date | null) => (date ? date.toISOString() : null)
  return {
    ...task,
    due_at: task.due_at.toISOString(),
    created_at: task.created_at.toISOString(),
    updated_at: now.toISOString(),
    started_at: iso(task.started_at),
    done_at: iso(task.done_at),
    snooze_expires_at: iso(task.snooze_expires_at),
    sla_due_at: iso(task.sla_due_at),
  }
}

/** The first queue, by position, whose condition the task matches; null when none does. */
export function matchQueue(task: TaskState, queues: QueueRule[], now: Date): QueueRule | null {
  // Building the condition subject costs ~5% of a batch insert's CPU; most orgs have no queues.
  if (queues.length === 0) {
    return null
  }
  const subject = conditionSubject(task, now)
  const ordered = [...queues].sort((a, b) => a.position - b.position || a.uid.localeCompare(b.uid))
  return ordered.find((queue) => evaluateCondition(queue.condition, subject)) ?? null
}

/**
 * Puts a task in the queue its fields call for, as TaskRouter does: the first matching rule
 * wins. A task routed by hand (`queue_updated_by` set) stays where it was put, and a finished
 * or archived task stays in the queue it finished in, so history and statistics hold.
 * Joining a queue stamps `queued_at` and sets the SLA breach times from its policy.
 */
export function routeTask(task: TaskState, context: RoutingContext): TaskState {
  if (task.queue_updated_by !== null || task.status === 'DONE' || task.archived) {
    return task
  }
  const queue = matchQueue(task, context.queues, context.now)
  const queueUid = queue?.uid ?? null
  if (queueUid === task.queue_uid) {
    return task
  }
  return placeInQueue(task, queue, context)
}

/** Puts a task in `queue` (or none), whatever the rules say: manual routing uses this too. */
export function placeInQueue(
  task: TaskState,
  queue: QueueRule | null,
  context: Pick<RoutingContext, 'now' | 'slaBreach'>,
): TaskState {
  const breach = queue
    ? context.slaBreach(task.created_at, queue.sla_policy)
    : { sla_breach_at: null, sla_breach_business_at: null }
  return {
    ...task,
    queue_uid: queue?.uid ?? null,
    queued_at: queue ? context.now : null,
    ...breach,
  }
}
