import { type Calendar, DEFAULT_CALENDAR } from '../contract/calendar'
import type { Task } from '../contract/tasks'
import { computeTaskMetrics } from '../core/metrics'
import type { TaskRecord } from '../store/tasks'
import { type IsoPrinter, isoOrNull, memoisedIso } from './iso'

const seconds = (ms: number) => Math.floor(ms / 1000)

/**
 * The public shape of a task, as documented in the OpenAPI `Task` schema, with its metrics
 * measured at `now` on the organization's calendar. Work time is kept as closed-interval
 * sums plus the interval running now, so it costs nothing to read.
 */
export function presentTask(
  task: TaskRecord,
  calendar: Calendar,
  now = new Date(),
  iso: IsoPrinter = isoOrNull,
): Task {
  const running = task.work_started_at ? [{ start: task.work_started_at, end: null }] : []
  const metrics = computeTaskMetrics(
    {
      created_at: task.created_at,
      queued_at: task.queued_at,
      first_started_at: task.started_at,
      done_at: task.done_at,
      work_intervals: running,
    },
    now,
    calendar,
  )
  return {
    uid: task.uid,
    status: task.status,
    archived: task.archived,
    due_at: iso(task.due_at),
    created_at: iso(task.created_at),
    updated_at: iso(task.updated_at),
    started_at: iso(task.started_at),
    done_at: iso(task.done_at),
    snooze_expires_at: iso(task.snooze_expires_at),
    fields: task.fields,
    queue_uid: task.queue_uid,
    queue_updated_by: task.queue_updated_by,
    assignee_uid: task.assignee_uid,
    assignee_updated_by: task.assignee_updated_by,
    assigned_at: iso(task.assigned_at),
    played_at: iso(task.played_at),
    skills: task.skills,
    parent_uid: task.parent_uid,
    sla_breach_at: iso(task.sla_breach_at),
    sla_breach_business_at: iso(task.sla_breach_business_at),
    ...metrics,
    work_time: metrics.work_time + seconds(Number(task.work_ms)),
    work_time_business: metrics.work_time_business + seconds(Number(task.work_business_ms)),
  }
}

/**
 * A presenter for the tasks of one response: bound to the organization's calendar (null: the
 * default one) and to one instant, so every task of the response is measured at the same time.
 */
export function taskPresenter(calendar: Calendar | null): (task: TaskRecord) => Task {
  const now = new Date()
  const iso = memoisedIso()
  return (task) => presentTask(task, calendar ?? DEFAULT_CALENDAR, now, iso)
}
