import type { Task } from '../../contract/tasks'
import type { TaskRecord } from '../../store/tasks'
import { isoOrNull } from './iso'

/** The public shape of a task, as documented in the OpenAPI `Task` schema. */
export function presentTask(task: TaskRecord): Task {
  return {
    uid: task.uid,
    status: task.status,
    archived: task.archived,
    due_at: task.due_at.toISOString(),
    created_at: task.created_at.toISOString(),
    updated_at: task.updated_at.toISOString(),
    started_at: isoOrNull(task.started_at),
    done_at: isoOrNull(task.done_at),
    snooze_expires_at: isoOrNull(task.snooze_expires_at),
    fields: task.fields,
    queue_uid: task.queue_uid,
    assignee_uid: task.assignee_uid,
    skills: task.skills,
    parent_uid: task.parent_uid,
  }
}
