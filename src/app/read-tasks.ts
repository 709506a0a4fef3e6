import { AppError, type FieldError, taskNotFound } from '../contract/errors'
import type { ListTasksQuery } from '../contract/task-list'
import type { TaskExpansion } from '../contract/tasks'
import {
  type CursorPosition,
  decodeCursor,
  encodeCursor,
  type ListSort,
} from '../core/tasks/cursor'
import { type ListFilter, parseExpand, parseListFilter } from '../core/tasks/list-filter'
import type { TaskExpansions } from '../presenters/task'
import type { Queryable } from '../store/database'
import { countTasks, listTasks as readTaskPage } from '../store/task-list'
import { findTask, type TaskRecord } from '../store/tasks'
import { findChildren, findTasksByUid, findUsersByRef } from '../store/tasks-links'
import type { OrgScope } from './actor'
import { foundOr } from './found'

/** Tasks listed per page when the query does not say how many. */
const DEFAULT_PAGE_SIZE = 50

/** Most sub-tasks `expand=children` embeds per task. */
const MAX_EXPANDED_CHILDREN = 100

/** Tasks with what `expand` asked to embed in them. */
export interface ExpandedTasks {
  tasks: TaskRecord[]
  expansions: TaskExpansions
}

/** One page of the task list. */
export interface TaskListPage extends ExpandedTasks {
  limit: number
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null
  /** Where the page before starts, walking backwards; null on the first page. */
  prevCursor: string | null
  /** How many tasks match, on every page. */
  total: number
}

const unique = (values: (string | null)[]) => [
  ...new Set(values.filter((value): value is string => value !== null)),
]

/** Reads what `expand` asks to embed in these tasks: one query per expansion asked for. */
export async function readExpansions(
  q: Queryable,
  orgUid: string,
  tasks: TaskRecord[],
  expand: TaskExpansion[],
): Promise<TaskExpansions> {
  const expansions: TaskExpansions = {}
  const reads: Promise<void>[] = []
  if (expand.includes('assignee')) {
    const uids = unique(tasks.map((task) => task.assignee_uid))
    reads.push(
      findUsersByRef(q, orgUid, { uids, emails: [] }).then((users) => {
        expansions.assignees = new Map(users.map((user) => [user.uid, user]))
      }),
    )
  }
  if (expand.includes('parent')) {
    const uids = unique(tasks.map((task) => task.parent_uid))
    reads.push(
      findTasksByUid(q, orgUid, uids).then((parents) => {
        expansions.parents = new Map(parents.map((parent) => [parent.uid, parent]))
      }),
    )
  }
  if (expand.includes('children')) {
    const uids = unique(tasks.map((task) => task.uid))
    reads.push(
      findChildren(q, orgUid, uids, MAX_EXPANDED_CHILDREN).then((children) => {
        const byParent = new Map<string, TaskRecord[]>()
        for (const child of children) {
          const siblings = byParent.get(child.parent_uid as string) ?? []
          siblings.push(child)
          byParent.set(child.parent_uid as string, siblings)
        }
        expansions.children = byParent
      }),
    )
  }
  await Promise.all(reads)
  return expansions
}

/** One task of the organization, with what `expand` asks for; 404 for any other uid. */
export async function getTask(
  scope: OrgScope,
  uid: string,
  expandParam?: string,
): Promise<ExpandedTasks> {
  const errors: FieldError[] = []
  const expand = parseExpand(expandParam, errors)
  if (errors.length > 0) {
    throw new AppError('validation_failed', 'The query parameters are invalid.', errors)
  }
  const task = foundOr(await findTask(scope.db.pool, scope.orgUid, uid), taskNotFound)
  return {
    tasks: [task],
    expansions: await readExpansions(scope.db.pool, scope.orgUid, [task], expand),
  }
}

const positionOf = (task: TaskRecord, sort: ListSort, backward: boolean): CursorPosition => ({
  sort,
  value: task[sort.key].toISOString(),
  uid: task.uid,
  backward,
})

/** Most tasks one page of a poll holds when they all share its first millisecond. */
const MAX_MILLISECOND_PAGE = 5000

/**
 * A poll's page (`order_by=created_at&created_at_after=…`, ascending) must not end inside a
 * millisecond: the next poll starts strictly after the last task's time and would skip the
 * page's unseen tasks of that same millisecond. Such a page ends before them instead; when
 * its first millisecond alone holds more than `limit` tasks, the page is that millisecond,
 * whole.
 */
async function endOnWholeMillisecond(
  scope: OrgScope,
  filter: ListFilter,
  rows: TaskRecord[],
  limit: number,
): Promise<TaskRecord[]> {
  const page = rows.slice(0, limit)
  const beyond = rows[limit]
  const { key, descending } = filter.sort
  if (!beyond || descending || !filter.settled.includes(key)) {
    return page
  }
  const cut = beyond[key].getTime()
  const whole = page.filter((task) => task[key].getTime() !== cut)
  if (whole.length > 0) {
    return whole
  }
  const millisecond = { field: key, gte: new Date(cut), lt: new Date(cut + 1) }
  return readTaskPage(
    scope.db.pool,
    scope.orgUid,
    { ...filter, ranges: [...filter.ranges, millisecond] },
    { limit: MAX_MILLISECOND_PAGE },
  )
}

/**
 * A page of the task list, filtered and sorted by the query. Keyset pagination: following
 * `nextCursor` visits every matching task exactly once, even while tasks are added, and
 * `prevCursor` walks back the same way, page for page.
 */
export async function listTasks(scope: OrgScope, query: ListTasksQuery): Promise<TaskListPage> {
  const { limit = DEFAULT_PAGE_SIZE, cursor, ...rest } = query
  const filter = parseListFilter(rest as Record<string, string | string[]>)
  const position = cursor ? decodeCursor(cursor, filter.sort) : undefined
  const backward = position?.backward === true
  // One row more than asked tells whether another page exists (before it, walking back).
  const [rows, total] = await Promise.all([
    readTaskPage(scope.db.pool, scope.orgUid, filter, { limit: limit + 1, after: position }),
    countTasks(scope.db.pool, scope.orgUid, filter),
  ])
  const more = rows.length > limit
  const tasks = backward
    ? rows.slice(0, limit).reverse()
    : await endOnWholeMillisecond(scope, filter, rows, limit)
  const first = tasks.at(0)
  const last = tasks.at(-1)
  // Walking forward, there is a page before whenever we came from one; walking back, there
  // is a page after (the one we came from) and one before if the read found more.
  const nextCursor =
    last && (backward || more) ? encodeCursor(positionOf(last, filter.sort, false)) : null
  const prevCursor =
    first && (backward ? more : position !== undefined)
      ? encodeCursor(positionOf(first, filter.sort, true))
      : null
  return {
    tasks,
    limit,
    nextCursor,
    prevCursor,
    total,
    expansions: await readExpansions(scope.db.pool, scope.orgUid, tasks, filter.expand),
  }
}
