import { BULK_CHUNK_SIZE, BULK_UNDO_DAYS, type BulkUndoResult } from '../contract/bulk'
import { AppError } from '../contract/errors'
import { routeTask } from '../core/routing/route-task'
import {
  IN_PROGRESS,
  restoreTask,
  type TaskProblem,
  type UndoRecord,
  undoProblem,
} from '../core/tasks/bulk-action'
import type { TaskState } from '../core/tasks/task-state'
import {
  deleteUndoRows,
  lockBulkAction,
  readUndoRows,
  recordUndoProgress,
} from '../store/bulk-actions'
import { withTransaction } from '../store/database'
import { loadOrgRules } from '../store/organizations'
import { lockTasks } from '../store/tasks'
import { findUsersByRef } from '../store/tasks-links'
import type { Actor } from './actor'
import { undoHorizon, writeBulkChanges } from './apply-bulk-action'
import { orgContext } from './org-context'
import { secondStarts } from './second-starts'

const CHANGED_SINCE: TaskProblem = {
  code: 'version_conflict',
  message: 'The task changed after the bulk action: it is left as it is now.',
}

/**
 * Undoes a bulk action, up to 500 of its tasks per call (each call one transaction; call
 * again while `remaining` is above 0). A task is put back as it was only if nobody changed it
 * since (its updated_at is the one the bulk action left), and if its old assignee may still
 * be given tasks and its old queue still exists; the others are skipped, with the reason.
 * Every task put back gets its history and webhooks, with the undoing user as actor. The
 * first call also stops the action: a filter's walk cannot go on once undone.
 */
export async function undoBulkAction(actor: Actor, bulkUid: string): Promise<BulkUndoResult> {
  return withTransaction(actor.db, async (client) => {
    const now = new Date()
    const bulk = await lockBulkAction(client, actor.orgUid, bulkUid, undoHorizon(now))
    if (!bulk) {
      throw new AppError(
        'not_found',
        `No bulk action with this uid in your organization in the last ${BULK_UNDO_DAYS} days.`,
      )
    }
    const org = orgContext(await loadOrgRules(client, actor.orgUid), now)
    const rows = await readUndoRows(client, actor.orgUid, bulk.uid, BULK_CHUNK_SIZE)
    const uids = rows.map((row) => row.task_uid)
    // Any record may put back a status or an archived flag: lock the parents as a PATCH does.
    const tasks = new Map(
      (await lockTasks(client, actor.orgUid, uids, { childrenOf: uids, parents: [] })).map(
        (task) => [task.uid, task],
      ),
    )
    const restored = rows.flatMap((row) => {
      const task = tasks.get(row.task_uid)
      return task
        ? [{ row, task, after: restoreTask(task, row.before as UndoRecord, org.clock) }]
        : []
    })
    const assigneeUids = [
      ...new Set(restored.flatMap(({ after }) => (after.assignee_uid ? [after.assignee_uid] : []))),
    ]
    const assignees =
      assigneeUids.length > 0
        ? await findUsersByRef(client, actor.orgUid, { uids: assigneeUids, emails: [] })
        : []
    const skipped: (TaskProblem & { uid: string })[] = []
    let changes: { before: TaskState; after: TaskState }[] = []
    for (const { row, task, after } of restored) {
      const problem =
        task.updated_at.getTime() !== new Date(row.updated_at).getTime()
          ? CHANGED_SINCE
          : undoProblem(task, after, assignees, org.rules.queues)
      if (problem) {
        skipped.push({ uid: task.uid, ...problem })
      } else {
        changes.push({ before: task, after: org.settle(task, routeTask(after, org.routing)) })
      }
    }
    const refused = await secondStarts(client, actor.orgUid, org, changes)
    if (refused.size > 0) {
      skipped.push(...[...refused].map((uid) => ({ uid, ...IN_PROGRESS })))
      changes = changes.filter(({ after }) => !refused.has(after.uid))
    }
    await writeBulkChanges(client, actor, changes, null)
    await deleteUndoRows(client, actor.orgUid, bulk.uid, uids)
    const progress = {
      processed: bulk.undo_processed + rows.length,
      restored: bulk.undo_restored + changes.length,
    }
    await recordUndoProgress(client, actor.orgUid, bulk.uid, progress)
    return {
      total: bulk.changed,
      processed: progress.processed,
      restored: progress.restored,
      skipped: skipped.sort((a, b) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0)),
      remaining: Math.max(0, bulk.changed - progress.processed),
    }
  })
}
