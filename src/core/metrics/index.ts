/** Task metrics and SLA breach times, wall-clock and business, computed from a timeline. */
export { computeSlaBreach, type SlaBreach } from './sla'
export {
  computeTaskMetrics,
  type TaskMetrics,
  type TaskTimeline,
  type WorkInterval,
} from './task-metrics'
