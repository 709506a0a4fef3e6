import { Type } from '@sinclair/typebox'
import { assignTaskTo, routeTaskByHand, unassignTask } from '../../../app/assignment'
import { listTaskHistory } from '../../../app/read-task-history'
import { errorResponses, Nullable, Uid, UidParams } from '../../../contract/common'
import { TaskEvent } from '../../../contract/events'
import { Task } from '../../../contract/tasks'
import { presentTaskEvent } from '../../../presenters/task-event'
import { actingAs, presentTaskFor } from '../../request-context'
import type { Api, RouteDeps } from '../../types'

const errors = errorResponses(401, 403, 404, 422)

const RouteBody = Type.Union(
  [
    Type.Object({ queue_uid: Nullable(Uid) }, { additionalProperties: false }),
    Type.Object({ automatic: Type.Literal(true) }, { additionalProperties: false }),
  ],
  {
    $id: 'RouteTaskBody',
    description:
      '`{"queue_uid": …}` puts the task in that queue (null: in none) and keeps it there; `{"automatic": true}` hands it back to the queue rules.',
  },
)

/** Manual assignment and routing (admins), and the task's history (everyone). */
export function registerAssignmentRoutes(api: Api, { db }: RouteDeps): void {
  api.post(
    '/tasks/:uid/assign',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Assign a task by hand',
        tags: ['assignment'],
        params: UidParams,
        body: Type.Object({ assignee_uid: Uid }, { $id: 'AssignTaskBody' }),
        response: { 200: Task, ...errors },
      },
    },
    async (request) =>
      presentTaskFor(request)(
        await assignTaskTo(actingAs(request, db), request.params.uid, request.body.assignee_uid),
      ),
  )

  api.post(
    '/tasks/:uid/unassign',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Unassign a task: back to the pool',
        tags: ['assignment'],
        params: UidParams,
        response: { 200: Task, ...errors },
      },
    },
    async (request) =>
      presentTaskFor(request)(await unassignTask(actingAs(request, db), request.params.uid)),
  )

  api.post(
    '/tasks/:uid/route',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Route a task by hand, or back to the rules',
        tags: ['assignment'],
        params: UidParams,
        body: RouteBody,
        response: { 200: Task, ...errors },
      },
    },
    async (request) => {
      const body = request.body
      const target =
        'automatic' in body ? { automatic: true as const } : { queueUid: body.queue_uid }
      return presentTaskFor(request)(
        await routeTaskByHand(actingAs(request, db), request.params.uid, target),
      )
    },
  )

  api.get(
    '/tasks/:uid/events',
    {
      config: { role: 'viewer' },
      schema: {
        summary: "A task's history, oldest first",
        description:
          'Every change with its actor (a user uid, or null for the system and for automation rules, which `automation` names) and time: created, fields_changed, updated, routed, assigned, unassigned, started, paused, skipped, snoozed, completed, reopened, archived, unarchived, commented.',
        tags: ['tasks'],
        params: UidParams,
        response: { 200: Type.Object({ items: Type.Array(TaskEvent) }), ...errors },
      },
    },
    async (request) => ({
      items: (await listTaskHistory(actingAs(request, db), request.params.uid)).map(
        presentTaskEvent,
      ),
    }),
  )
}
