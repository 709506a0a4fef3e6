import { businessMsBetween } from '../core/calendar'
import { computeSlaBreach, type ResolvedSlaPolicy, settleSla } from '../core/metrics'
import type { RoutingContext } from '../core/routing/route-task'
import type { WorkClock } from '../core/tasks/lifecycle'
import type { TaskState } from '../core/tasks/task-state'
import type { OrgRules } from '../store/organizations'

/** The clock and routing rules of one organization at one instant. */
export interface OrgContext {
  rules: OrgRules
  clock: WorkClock
  routing: RoutingContext
  /**
   * The state to write: `after` with the SLA deadlines of its queue's policy, kept from
   * `before` (null: a new task) as the core decides. Every task write passes through it.
   */
  settle: <T extends TaskState>(before: TaskState | null, after: T) => T
}

/** Binds an organization's calendar and queues to `now`, for the core's pure functions. */
export function orgContext(rules: OrgRules, now: Date = new Date()): OrgContext {
  const { calendar } = rules
  const policies = new Map<string, ResolvedSlaPolicy>()
  for (const queue of rules.queues) {
    if (queue.sla_policy) {
      policies.set(queue.uid, {
        policy: queue.sla_policy,
        calendar: queue.sla_calendar ?? calendar,
      })
    }
  }
  return {
    rules,
    clock: { now, businessMsBetween: (from, to) => businessMsBetween(from, to, calendar) },
    routing: {
      queues: rules.queues,
      now,
      slaBreach: (createdAt, policy) => computeSlaBreach(createdAt, policy, calendar),
    },
    settle: (before, after) => {
      const policy = after.queue_uid ? (policies.get(after.queue_uid) ?? null) : null
      return { ...after, ...settleSla(before, after, policy, now) }
    },
  }
}
