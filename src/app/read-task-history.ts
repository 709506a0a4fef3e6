import { taskNotFound } from '../contract/errors'
import { type CommentRecord, listComments } from '../store/comments'
import { listTaskEvents, type TaskEventRecord } from '../store/task-events'
import { findTask } from '../store/tasks'
import type { OrgScope } from './actor'

/** Reads something of a task, or answers 404 when the task is not the organization's. */
async function ofExistingTask<T>(
  scope: OrgScope,
  taskUid: string,
  read: (scope: OrgScope, taskUid: string) => Promise<T>,
): Promise<T> {
  const [task, found] = await Promise.all([
    findTask(scope.db.pool, scope.orgUid, taskUid),
    read(scope, taskUid),
  ])
  if (!task) {
    throw taskNotFound()
  }
  return found
}

/** A task's history, oldest first: every change with its actor and time. */
export function listTaskHistory(scope: OrgScope, taskUid: string): Promise<TaskEventRecord[]> {
  return ofExistingTask(scope, taskUid, ({ db, orgUid }, uid) =>
    listTaskEvents(db.pool, orgUid, uid),
  )
}

/** A task's comments, oldest first. */
export function listTaskComments(scope: OrgScope, taskUid: string): Promise<CommentRecord[]> {
  return ofExistingTask(scope, taskUid, ({ db, orgUid }, uid) => listComments(db.pool, orgUid, uid))
}
