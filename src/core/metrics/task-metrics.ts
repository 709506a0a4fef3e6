import type { Calendar } from '../../contract/calendar'
import { businessMsBetween } from '../calendar/business-time'

/** One stretch of work on a task; `end` is null while it is still running. */
export interface WorkInterval {
  start: Date
  end: Date | null
}

/** The moments of a task's life that its metrics are measured from. */
export interface TaskTimeline {
  created_at: Date
  /** When the task joined its current queue; null if it is in none. */
  queued_at: Date | null
  /** When work on it first started; null if never. */
  first_started_at: Date | null
  /** When it was completed; null while open. */
  done_at: Date | null
  work_intervals: readonly WorkInterval[]
}

/**
 * A task's durations, in whole seconds (truncated), each measured on the wall clock and in
 * business time (the `_business` twin, per the calendar). Every duration is ≥ 0: an end
 * before its start (clock skew in imported data) counts as 0.
 */
export interface TaskMetrics {
  queue_time: number | null
  queue_time_business: number | null
  wait_time: number
  wait_time_business: number
  work_time: number
  work_time_business: number
  resolution_time: number | null
  resolution_time_business: number | null
}

interface Measure {
  wall: number
  business: number
}

const toSeconds = (ms: number) => Math.max(0, Math.floor(ms / 1000))

/** Wall-clock and business ms of [from, to) clamped to ≥ 0, as seconds. */
function measure(from: Date, to: Date, calendar: Calendar): Measure {
  return {
    wall: toSeconds(to.getTime() - from.getTime()),
    business: toSeconds(businessMsBetween(from, to, calendar)),
  }
}

function earliest(dates: readonly (Date | null)[]): Date | null {
  let result: Date | null = null
  for (const date of dates) {
    if (date !== null && (result === null || date < result)) {
      result = date
    }
  }
  return result
}

/** Work intervals as ms, closed at `now` if running, sorted and merged so no time counts twice. */
function mergedWork(intervals: readonly WorkInterval[], now: Date): [number, number][] {
  const closed = intervals
    .map(({ start, end }): [number, number] => [start.getTime(), (end ?? now).getTime()])
    .filter(([start, end]) => end > start)
    .sort((x, y) => x[0] - y[0])
  const merged: [number, number][] = []
  for (const [start, end] of closed) {
    const last = merged.at(-1)
    if (last !== undefined && start <= last[1]) {
      last[1] = Math.max(last[1], end)
    } else {
      merged.push([start, end])
    }
  }
  return merged
}

/**
 * When a task's stay in its queue ended: the first moment at or after `queued_at` when it
 * was being worked on (0 queue time if work was already running when it was queued) or
 * done; `now` while neither has happened.
 */
function queueEnd(task: TaskTimeline, queuedAt: Date, now: Date): Date {
  const atOrAfterQueued = (date: Date) => (date > queuedAt ? date : queuedAt)
  const candidates: Date[] = []
  for (const { start, end } of task.work_intervals) {
    if (end === null || end > queuedAt) {
      candidates.push(atOrAfterQueued(start))
    }
  }
  if (task.first_started_at !== null && task.first_started_at >= queuedAt) {
    candidates.push(task.first_started_at)
  }
  if (task.done_at !== null) {
    candidates.push(atOrAfterQueued(task.done_at))
  }
  return earliest(candidates) ?? now
}

/**
 * Computes a task's metrics at `now`, both wall-clock and business (per `calendar`):
 * - `wait_time`: from creation to the first start (the earlier of `first_started_at` and
 *   the first work interval), or to `done_at` if completed without starting, or to `now`.
 * - `queue_time`: from `queued_at` to the first moment after it when the task was worked
 *   on or done (to `now` if neither yet); null when the task is in no queue.
 * - `work_time`: the total of the work intervals, a running one counting up to `now`;
 *   overlapping intervals count once.
 * - `resolution_time`: from creation to `done_at`; null while the task is open.
 */
export function computeTaskMetrics(task: TaskTimeline, now: Date, calendar: Calendar): TaskMetrics {
  const firstStart = earliest([task.first_started_at, ...task.work_intervals.map((w) => w.start)])
  const wait = measure(task.created_at, firstStart ?? task.done_at ?? now, calendar)

  const queue =
    task.queued_at === null
      ? null
      : measure(task.queued_at, queueEnd(task, task.queued_at, now), calendar)

  let workMs = 0
  let workBusinessMs = 0
  for (const [start, end] of mergedWork(task.work_intervals, now)) {
    workMs += end - start
    workBusinessMs += businessMsBetween(new Date(start), new Date(end), calendar)
  }

  const resolution = task.done_at === null ? null : measure(task.created_at, task.done_at, calendar)

  return {
    queue_time: queue?.wall ?? null,
    queue_time_business: queue?.business ?? null,
    wait_time: wait.wall,
    wait_time_business: wait.business,
    work_time: toSeconds(workMs),
    work_time_business: toSeconds(workBusinessMs),
    resolution_time: resolution?.wall ?? null,
    resolution_time_business: resolution?.business ?? null,
  }
}
