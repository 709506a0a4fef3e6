import type { TaskStatus } from '../../contract/tasks'

/** The part of a task that follows its status: timestamps and the work-time counters. */
export interface StatusTimes {
  status: TaskStatus
  started_at: Date | null
  done_at: Date | null
  /** Start of the work interval now running; null when nobody is working on the task. */
  work_started_at: Date | null
  /** Closed work intervals, summed, in milliseconds (wall clock and business hours). */
  work_ms: number
  work_business_ms: number
}

/** The clock a transition reads: now, and how much business time lies between two instants. */
export interface WorkClock {
  now: Date
  businessMsBetween: (from: Date, to: Date) => number
}

/** Closes the running work interval, if any, adding it to the work-time counters. */
export function closeWorkInterval<T extends StatusTimes>(task: T, clock: WorkClock): T {
  if (!task.work_started_at) {
    return task
  }
  const from = task.work_started_at
  return {
    ...task,
    work_started_at: null,
    work_ms: task.work_ms + Math.max(0, clock.now.getTime() - from.getTime()),
    work_business_ms: task.work_business_ms + clock.businessMsBetween(from, clock.now),
  }
}

/**
 * Moves a task to `next` and keeps its timestamps consistent with it:
 * - entering STARTED stamps `started_at` (a task started again keeps its first start, which
 *   wait time is measured to) and opens a work interval;
 * - leaving STARTED closes the interval, so work time is the sum of the started intervals;
 * - entering DONE stamps `done_at`; leaving DONE clears it;
 * - going back to TODO clears `started_at` and `done_at`: the task waits again.
 * Setting the status it already has changes nothing.
 */
export function applyStatus<T extends StatusTimes>(
  current: T,
  next: TaskStatus,
  clock: WorkClock,
): T {
  if (current.status === next) {
    return current
  }
  const closed = closeWorkInterval(current, clock)
  switch (next) {
    case 'TODO':
      return { ...closed, status: next, started_at: null, done_at: null }
    case 'STARTED':
      return {
        ...closed,
        status: next,
        started_at: current.started_at ?? clock.now,
        done_at: null,
        work_started_at: clock.now,
      }
    case 'DONE':
      return { ...closed, status: next, done_at: clock.now }
  }
}

/** The status part of a task created directly in `status`. */
export function initialStatusTimes(status: TaskStatus, clock: WorkClock): StatusTimes {
  const fresh: StatusTimes = {
    status: 'TODO',
    started_at: null,
    done_at: null,
    work_started_at: null,
    work_ms: 0,
    work_business_ms: 0,
  }
  return applyStatus(fresh, status, clock)
}
