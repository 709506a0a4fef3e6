import { Type } from '@sinclair/typebox'
import { ErrorResponse } from '../../../contract/common'
import { QueryTasksBody } from '../../../contract/conditions'
import type { Task } from '../../../contract/tasks'
import { assertValidCondition, resolveField } from '../../../core/conditions'
import { queryTaskGroups, queryTasks } from '../../../store/task-query'
import { principalOf } from '../../plugins/auth'
import { presentTaskFor } from '../../request-context'
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

/** Keeps only the selected keys of a task: natives at the top, custom fields under `fields`. */
function pick(task: Task, selects: string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = { uid: task.uid }
  const fields: Record<string, unknown> = {}
  const source: Record<string, unknown> = task.fields
  for (const name of selects) {
    const field = resolveField(name)
    if (field.kind === 'native') {
      picked[field.name] = task[field.name]
    } else if (Object.hasOwn(source, field.key)) {
      fields[field.key] = source[field.key]
    }
  }
  return Object.keys(fields).length > 0 ? { ...picked, fields } : picked
}

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
      const { orgUid } = principalOf(request)
      const body = request.body
      if (body.condition) {
        assertValidCondition(body.condition, '/body/condition')
      }
      if (body.groups?.length) {
        return { items: await queryTaskGroups(db.pool, orgUid, { ...body, groups: body.groups }) }
      }
      const present = presentTaskFor(request)
      const tasks = (await queryTasks(db.pool, orgUid, body)).map(present)
      return { items: body.selects ? tasks.map((task) => pick(task, body.selects ?? [])) : tasks }
    },
  )
}
