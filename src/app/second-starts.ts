import { startConflicts } from '../core/tasks/bulk-action'
import type { TaskState } from '../core/tasks/task-state'
import type { Queryable } from '../store/database'
import { lockOperator, lockOperatorTasks } from '../store/dispatch'
import type { OrgContext } from './org-context'

/**
 * The tasks these changes would start for someone already working on another, unless the
 * organization allows parallel work: for each assignee, the first of the changes may start
 * (tasks are locked, and so changed, in uid order) when nothing else of theirs is started, the others may not. Each assignee concerned is
 * locked as the player locks them, so this cannot race `next`. Task writes refuse the whole
 * write when any is found; bulk actions leave those tasks out and say why.
 */
export async function secondStarts(
  q: Queryable,
  orgUid: string,
  org: OrgContext,
  changes: { before: TaskState; after: TaskState }[],
): Promise<Set<string>> {
  if (org.rules.settings.allow_parallel_tasks) {
    return new Set()
  }
  const starting = changes.flatMap(({ before, after }) =>
    after.status === 'STARTED' && before.status !== 'STARTED' && after.assignee_uid
      ? [{ uid: after.uid, assignee: after.assignee_uid }]
      : [],
  )
  const assignees = [...new Set(starting.map((start) => start.assignee))].sort()
  const startedElsewhere = new Map<string, number>()
  for (const assignee of assignees) {
    await lockOperator(q, orgUid, assignee)
    startedElsewhere.set(
      assignee,
      (await lockOperatorTasks(q, orgUid, assignee, ['STARTED'])).length,
    )
  }
  return startConflicts(starting, startedElsewhere)
}
