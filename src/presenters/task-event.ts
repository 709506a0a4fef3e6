import type { Static } from '@sinclair/typebox'
import type { TaskEvent } from '../contract/events'
import type { TaskEventRecord } from '../store/task-events'

/** One entry of a task's history. */
export function presentTaskEvent(event: TaskEventRecord): Static<typeof TaskEvent> {
  return { ...event, created_at: event.created_at.toISOString() }
}
