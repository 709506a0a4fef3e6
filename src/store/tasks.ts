import type { TaskStatus } from '../contract/tasks'
import type { TaskFieldMap } from '../core/tasks/fields'
import type { TaskState } from '../core/tasks/task-state'
import type { Queryable } from './database'

/** A task row as stored. */
export interface TaskRecord {
  uid: string
  status: TaskStatus
  archived: boolean
  fields: TaskFieldMap
  due_at: Date
  created_at: Date
  updated_at: Date
  started_at: Date | null
  done_at: Date | null
  snooze_expires_at: Date | null
  queue_uid: string | null
  assignee_uid: string | null
  skills: string[]
  parent_uid: string | null
}

/** Columns of {@link TaskRecord}, qualified by the alias `t`. */
export const TASK_COLUMNS = `t.uid, t.status, t.archived, t.fields, t.due_at, t.created_at, t.updated_at,
  t.started_at, t.done_at, t.snooze_expires_at, t.queue_uid, t.assignee_uid, t.skills, t.parent_uid`

// A whole batch travels as one jsonb parameter and is unpacked by jsonb_to_recordset:
// one statement and one round trip whatever the batch size.
const STATE_RECORDSET = `jsonb_to_recordset($2::jsonb) AS x(
  uid uuid, status text, archived boolean, fields jsonb, due_at timestamptz,
  started_at timestamptz, done_at timestamptz, skills text[], parent_uid uuid)`

/**
 * Inserts tasks; a uid that already exists in the organization is skipped, not overwritten.
 *
 * @returns the inserted tasks (in no particular order); missing uids were conflicts
 */
export async function insertTasks(
  q: Queryable,
  orgUid: string,
  tasks: TaskState[],
): Promise<TaskRecord[]> {
  const result = await q.query<TaskRecord>(
    `INSERT INTO tasks AS t (org_uid, uid, status, archived, fields, due_at, started_at, done_at, skills, parent_uid)
     SELECT $1, x.uid, x.status, x.archived, x.fields, x.due_at, x.started_at, x.done_at, x.skills, x.parent_uid
     FROM ${STATE_RECORDSET}
     ON CONFLICT (org_uid, uid) DO NOTHING
     RETURNING ${TASK_COLUMNS}`,
    [orgUid, JSON.stringify(tasks)],
  )
  return result.rows
}

/** One task of the organization, or null. */
export async function findTask(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<TaskRecord | null> {
  const result = await q.query<TaskRecord>(
    `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.org_uid = $1 AND t.uid = $2`,
    [orgUid, uid],
  )
  return result.rows[0] ?? null
}

/** Tasks of the organization by uid, locked until the transaction ends. */
export async function lockTasks(
  q: Queryable,
  orgUid: string,
  uids: string[],
): Promise<TaskRecord[]> {
  const result = await q.query<TaskRecord>(
    `SELECT ${TASK_COLUMNS} FROM tasks t
     WHERE t.org_uid = $1 AND t.uid = ANY($2::uuid[])
     ORDER BY t.uid
     FOR UPDATE`,
    [orgUid, uids],
  )
  return result.rows
}

/** Writes the new state of existing tasks and stamps their updated_at. */
export async function updateTasks(
  q: Queryable,
  orgUid: string,
  tasks: TaskState[],
): Promise<TaskRecord[]> {
  const result = await q.query<TaskRecord>(
    `UPDATE tasks t SET status = x.status, archived = x.archived, fields = x.fields,
       due_at = x.due_at, started_at = x.started_at, done_at = x.done_at, skills = x.skills,
       parent_uid = x.parent_uid, updated_at = tessera_now()
     FROM ${STATE_RECORDSET}
     WHERE t.org_uid = $1 AND t.uid = x.uid
     RETURNING ${TASK_COLUMNS}`,
    [orgUid, JSON.stringify(tasks)],
  )
  return result.rows
}
