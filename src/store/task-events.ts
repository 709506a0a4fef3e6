import type { TaskEventType } from '../core/tasks/task-events'
import type { Queryable } from './database'

/** One stored history entry. */
export interface TaskEventRecord {
  id: number
  task_uid: string
  type: TaskEventType
  actor_uid: string | null
  data: Record<string, unknown>
  created_at: Date
}

/** A task's history, oldest first. */
export async function listTaskEvents(
  q: Queryable,
  orgUid: string,
  taskUid: string,
): Promise<TaskEventRecord[]> {
  const result = await q.query<TaskEventRecord>(
    `SELECT id, task_uid, type, actor_uid, data, created_at FROM task_events
     WHERE org_uid = $1 AND task_uid = $2 ORDER BY id`,
    [orgUid, taskUid],
  )
  return result.rows
}
