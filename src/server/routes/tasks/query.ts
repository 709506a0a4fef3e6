import { Type } from '@sinclair/typebox'
import { queryTasks } from '../../../app/query-tasks'
import { ErrorResponse } from '../../../contract/common'
import { QueryTasksBody } from '../../../contract/conditions'
import { presentSelection } from '../../../presenters/task-selection'
import { actingAs, presentTaskFor } from '../../request-context'
import type { Api, RouteDeps } from '../../types'

const QueryResponse = Type.Object(
  {
    items: Type.Array(Type.Object({}, { additionalProperties: true }), {
      description:
        'Tasks (all keys, or `uid` plus the `selects`), or, with `groups`, one object per group: its group values and metrics.',
    }),
  },
  { $id: 'QueryTasksResponse' },
)

/** `POST /tasks/query`: the condition language over tasks, with sorts, groups and counts. */
export function registerQueryTaskRoutes(api: Api, { db }: RouteDeps): void {
  api.post(
    '/tasks/query',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Query tasks with conditions, sorts and groups',
        description:
          'The same condition language drives queue routing. Read-only: viewers may call it.',
        tags: ['tasks'],
        body: QueryTasksBody,
        response: { 200: QueryResponse, 401: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => {
      const found = await queryTasks(actingAs(request, db), request.body)
      if ('groups' in found) {
        return { items: found.groups }
      }
      const tasks = found.tasks.map(presentTaskFor(request))
      const { selects } = request.body
      return { items: selects ? tasks.map((task) => presentSelection(task, selects)) : tasks }
    },
  )
}
