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
  /** The rule that made the change (`data.automation_uid`); its name is null once deleted. */
  automation: { uid: string; name: string | null } | null
}

/**
 * A task's history, oldest first. A change made by an automation rule comes with the rule's
 * name, joined here in the same statement so a long history costs one query.
 */
export async function listTaskEvents(
  q: Queryable,
  orgUid: string,
  taskUid: string,
): Promise<TaskEventRecord[]> {
  const result = await q.query<TaskEventRecord>(
    `SELECT e.id, e.task_uid, e.type, e.actor_uid, e.data, e.created_at,
       CASE WHEN e.data ? 'automation_uid'
         THEN jsonb_build_object('uid', e.data->>'automation_uid', 'name', a.name)
       END AS automation
     FROM task_events e
     LEFT JOIN automations a
       ON a.org_uid = $1 AND a.uid::text = e.data->>'automation_uid'
     WHERE e.org_uid = $1 AND e.task_uid = $2 ORDER BY e.id`,
    [orgUid, taskUid],
  )
  return result.rows
}
