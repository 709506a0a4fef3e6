import type { TaskStatus } from '../../contract/tasks'

/** The timestamps that follow a task's status. */
export interface StatusTimes {
  status: TaskStatus
  started_at: Date | null
  done_at: Date | null
}

/**
 * Moves a task to `next` and keeps its timestamps consistent with it:
 * - entering STARTED stamps `started_at` (a task started again after DONE keeps its
 *   first start, because work time is measured from it);
 * - entering DONE stamps `done_at`; leaving DONE clears it;
 * - going back to TODO clears both: the task is as if never worked.
 * Setting the status it already has changes nothing.
 */
export function applyStatus(current: StatusTimes, next: TaskStatus, now: Date): StatusTimes {
  if (current.status === next) {
    return current
  }
  switch (next) {
    case 'TODO':
      return { status: next, started_at: null, done_at: null }
    case 'STARTED':
      return { status: next, started_at: current.started_at ?? now, done_at: null }
    case 'DONE':
      return { status: next, started_at: current.started_at, done_at: now }
  }
}

/** The timestamps of a task created directly in `status`. */
export function initialStatusTimes(status: TaskStatus, now: Date): StatusTimes {
  return applyStatus({ status: 'TODO', started_at: null, done_at: null }, status, now)
}
