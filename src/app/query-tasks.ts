import type { QueryTasksBody } from '../contract/conditions'
import { assertValidCondition } from '../core/conditions'
import { type GroupRow, queryTaskGroups, queryTasks as readTasks } from '../store/task-query'
import type { TaskRecord } from '../store/tasks'
import type { OrgScope } from './actor'

/** What a query finds: tasks, or, when it has `groups`, one row per group. */
export type QueryResult = { groups: GroupRow[] } | { tasks: TaskRecord[] }

/** `POST /tasks/query`: the condition language over tasks, with sorts, groups and counts. */
export async function queryTasks(scope: OrgScope, body: QueryTasksBody): Promise<QueryResult> {
  if (body.condition) {
    assertValidCondition(body.condition, '/body/condition')
  }
  if (body.groups?.length) {
    return {
      groups: await queryTaskGroups(scope.db.pool, scope.orgUid, { ...body, groups: body.groups }),
    }
  }
  return { tasks: await readTasks(scope.db.pool, scope.orgUid, body) }
}
