import { businessMsBetween } from '../core/calendar'
import { computeSlaBreach } from '../core/metrics'
import type { RoutingContext } from '../core/routing/route-task'
import type { WorkClock } from '../core/tasks/lifecycle'
import type { OrgRules } from '../store/organizations'

/** The clock and routing rules of one organization at one instant. */
export interface OrgContext {
  rules: OrgRules
  clock: WorkClock
  routing: RoutingContext
}

/** Binds an organization's calendar and queues to `now`, for the core's pure functions. */
export function orgContext(rules: OrgRules, now: Date = new Date()): OrgContext {
  const { calendar } = rules
  return {
    rules,
    clock: { now, businessMsBetween: (from, to) => businessMsBetween(from, to, calendar) },
    routing: {
      queues: rules.queues,
      now,
      slaBreach: (createdAt, policy) => computeSlaBreach(createdAt, policy, calendar),
    },
  }
}
