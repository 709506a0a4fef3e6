import { taskNotFound } from '../contract/errors'
import type { ListTasksQuery } from '../contract/task-list'
import { decodeCursor, encodeCursor } from '../core/tasks/cursor'
import { parseListFilter } from '../core/tasks/list-filter'
import { countTasks, listTasks as readTaskPage } from '../store/task-list'
import { findTask, type TaskRecord } from '../store/tasks'
import type { OrgScope } from './actor'
import { foundOr } from './found'

/** Tasks listed per page when the query does not say how many. */
const DEFAULT_PAGE_SIZE = 50

/** One page of the task list. */
export interface TaskListPage {
  tasks: TaskRecord[]
  limit: number
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null
  /** How many tasks match, on every page. */
  total: number
}

/** One task of the organization; 404 for any other uid. */
export async function getTask(scope: OrgScope, uid: string): Promise<TaskRecord> {
  return foundOr(await findTask(scope.db.pool, scope.orgUid, uid), taskNotFound)
}

/**
 * A page of the task list, filtered and sorted by the query. Keyset pagination: following
 * `nextCursor` visits every matching task exactly once, even while tasks are added.
 */
export async function listTasks(scope: OrgScope, query: ListTasksQuery): Promise<TaskListPage> {
  const { limit = DEFAULT_PAGE_SIZE, cursor, ...rest } = query
  const filter = parseListFilter(rest as Record<string, string | string[]>)
  const after = cursor ? decodeCursor(cursor, filter.sort) : undefined
  // One row more than asked tells whether another page exists.
  const [rows, total] = await Promise.all([
    readTaskPage(scope.db.pool, scope.orgUid, filter, { limit: limit + 1, after }),
    countTasks(scope.db.pool, scope.orgUid, filter),
  ])
  const tasks = rows.slice(0, limit)
  const last = tasks.at(-1)
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({
          sort: filter.sort,
          value: last[filter.sort.key].toISOString(),
          uid: last.uid,
        })
      : null
  return { tasks, limit, nextCursor, total }
}
