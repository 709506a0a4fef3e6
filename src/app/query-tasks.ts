import type { QueryTasksBody } from '../contract/conditions'
import { assertValidCondition } from '../core/conditions'
import { type GroupRow, queryTaskGroups, queryTasks as readTasks } from '../store/task-query'
import type { TaskRecord } from '../store/tasks'
import type { OrgScope } from './actor'

/** What a query finds: tasks, or, when it has `groups`, one row per group. */
export type QueryResult = { groups: GroupRow[] } | { tasks: TaskRecord[] }

/** `POST /tasks/query`: the condition language over tasks, with sorts, groups and metrics. */
export async function queryTasks(scope: OrgScope, body: QueryTasksBody): Promise<QueryResult> {
  if (body.condition) {
    assertValidCondition(body.condition, '/body/condition')
  }
  // Metrics without groups aggregate every matching task into one item.
  if (body.groups?.length || body.metrics) {
    return { groups: await queryTaskGroups(scope.db.pool, scope.orgUid, body) }
  }
  return { tasks: await readTasks(scope.db.pool, scope.orgUid, body) }
}
