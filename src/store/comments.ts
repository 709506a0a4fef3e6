import type { Queryable } from './database'

/** A comment on a task, with its author. */
export interface CommentRecord {
  uid: string
  task_uid: string
  text: string
  created_at: Date
  author_uid: string
  author_name: string
  author_email: string
}

const COMMENT_COLUMNS = `c.uid, c.task_uid, c.text, c.created_at, c.author_uid,
  u.name AS author_name, u.email AS author_email`

/** Adds a comment; null when the task is not in the organization. */
export async function insertComment(
  q: Queryable,
  input: { orgUid: string; taskUid: string; authorUid: string; text: string },
): Promise<CommentRecord | null> {
  const result = await q.query<CommentRecord>(
    `WITH task AS (SELECT uid FROM tasks WHERE org_uid = $1 AND uid = $2),
     c AS (
       INSERT INTO task_comments (org_uid, task_uid, author_uid, text)
       SELECT $1, task.uid, $3, $4 FROM task
       RETURNING uid, task_uid, text, created_at, author_uid
     ),
     -- The history records the comment in the same statement.
     event AS (
       INSERT INTO task_events (org_uid, task_uid, type, actor_uid, data)
       SELECT $1, c.task_uid, 'commented', $3, jsonb_build_object('comment_uid', c.uid) FROM c
     )
     SELECT ${COMMENT_COLUMNS} FROM c JOIN users u ON u.org_uid = $1 AND u.uid = c.author_uid`,
    [input.orgUid, input.taskUid, input.authorUid, input.text],
  )
  return result.rows[0] ?? null
}

/** A task's comments, oldest first. */
export async function listComments(
  q: Queryable,
  orgUid: string,
  taskUid: string,
): Promise<CommentRecord[]> {
  const result = await q.query<CommentRecord>(
    `SELECT ${COMMENT_COLUMNS} FROM task_comments c
     JOIN users u ON u.org_uid = c.org_uid AND u.uid = c.author_uid
     WHERE c.org_uid = $1 AND c.task_uid = $2 ORDER BY c.created_at, c.uid`,
    [orgUid, taskUid],
  )
  return result.rows
}
