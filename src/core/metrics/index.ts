/** Task metrics and SLA breach times, wall-clock and business, computed from a timeline. */

export { checkSlaPolicy } from './check-sla-policy'
export { computeSlaBreach, type SlaBreach } from './sla'
export {
  clockOf,
  missed,
  NO_SLA,
  type ResolvedSlaPolicy,
  type SlaTimes,
  settleSla,
  slaAdd,
  slaMsBetween,
  targetsFor,
} from './sla-deadlines'
export {
  computeTaskMetrics,
  type TaskMetrics,
  type TaskTimeline,
  type WorkInterval,
} from './task-metrics'
