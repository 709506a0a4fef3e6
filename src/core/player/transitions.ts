import type { OrgSettings } from '../../contract/settings'
import { applyStatus, type WorkClock } from '../tasks/lifecycle'
import type { TaskState } from '../tasks/task-state'

/**
 * The player's moves on one task, as pure state changes. Each returns the task's next state;
 * the history entries follow from the difference (see describeChanges).
 */

/** Hands the task to `userUid` and starts it: what `next` does with the task it picked. */
export function playTask(task: TaskState, userUid: string, clock: WorkClock): TaskState {
  const assigned = assignTask(task, userUid, userUid, clock)
  return {
    ...applyStatus(assigned, 'STARTED', clock),
    snooze_expires_at: null,
    played_at: clock.now,
  }
}

/** Gives the task to `assigneeUid` without starting it (an admin's hand, or the player). */
export function assignTask(
  task: TaskState,
  assigneeUid: string,
  byUid: string,
  clock: WorkClock,
): TaskState {
  if (task.assignee_uid === assigneeUid) {
    return task
  }
  // Someone else's started work stops when the task changes hands.
  const stopped = task.status === 'STARTED' ? applyStatus(task, 'TODO', clock) : task
  return {
    ...stopped,
    assignee_uid: assigneeUid,
    assignee_updated_by: byUid,
    assigned_at: clock.now,
  }
}

/** Takes the task back into the pool: unassigned, not started, awake. */
export function releaseTask(task: TaskState, byUid: string, clock: WorkClock): TaskState {
  const stopped = task.status === 'STARTED' ? applyStatus(task, 'TODO', clock) : task
  return {
    ...stopped,
    assignee_uid: null,
    assignee_updated_by: byUid,
    assigned_at: null,
    snooze_expires_at: null,
  }
}

/** Completes the task. */
export function completeTask(task: TaskState, clock: WorkClock): TaskState {
  return { ...applyStatus(task, 'DONE', clock), snooze_expires_at: null }
}

/** Stops work on the task but keeps it with its operator. */
export function pauseTask(task: TaskState, clock: WorkClock): TaskState {
  return applyStatus(task, 'TODO', clock)
}

/**
 * Skips the task, as the organization's settings say: back to the pool (`return`), or kept by
 * the operator and asleep until `until` (`snooze`; default: now + snooze_minutes).
 */
export function skipTask(
  task: TaskState,
  userUid: string,
  settings: OrgSettings,
  clock: WorkClock,
  until?: Date,
): TaskState {
  if (settings.skip_mode === 'return') {
    return releaseTask(task, userUid, clock)
  }
  const wakeAt = until ?? new Date(clock.now.getTime() + settings.snooze_minutes * 60_000)
  return { ...pauseTask(task, clock), snooze_expires_at: wakeAt }
}
