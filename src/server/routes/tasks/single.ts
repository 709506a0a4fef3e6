import type { FastifyRequest } from 'fastify'
import type { ItemResult } from '../../../app/batch-result'
import { getTask } from '../../../app/read-tasks'
import { createTasks, patchTasks, upsertTasks } from '../../../app/write-tasks'
import { ErrorResponse, errorResponses, UidParams } from '../../../contract/common'
import { AppError } from '../../../contract/errors'
import { GetTaskQuery } from '../../../contract/task-list'
import { CreateTaskBody, Task, UpdateTaskBody, UpsertTaskBody } from '../../../contract/tasks'
import { taskPresenter } from '../../../presenters/task'
import { actingAs, presentTaskFor } from '../../request-context'
import type { Api, RouteDeps } from '../../types'

const errors = errorResponses(401, 403, 404, 422)

/** A single task's keys are at the top of the body. */
const atBody = () => '/body'

/** A single-item write either succeeded or is an error response. */
function onlyItem(request: FastifyRequest, results: ItemResult[]) {
  const [result] = results
  if (!result) {
    throw new Error('a single write returned no result')
  }
  if (result.status !== 200) {
    throw new AppError(result.code, result.message)
  }
  return presentTaskFor(request)(result.task)
}

/** Create, read, update, upsert and archive one task. */
export function registerSingleTaskRoutes(api: Api, { db }: RouteDeps): void {
  api.post(
    '/tasks',
    {
      config: { role: 'operator', orgRules: true },
      schema: {
        summary: 'Create a task',
        description:
          'Answers 200 (as Fragment does) with the task; 409 if `uid` exists in your organization.',
        tags: ['tasks'],
        body: CreateTaskBody,
        response: { 200: Task, 409: ErrorResponse, ...errors },
      },
    },
    async (request) =>
      onlyItem(request, await createTasks(actingAs(request, db), [request.body], atBody)),
  )

  api.get(
    '/tasks/:uid',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Get a task by uid',
        tags: ['tasks'],
        params: UidParams,
        querystring: GetTaskQuery,
        response: { 200: Task, ...errors },
      },
    },
    async (request) => {
      const { tasks, expansions } = await getTask(
        actingAs(request, db),
        request.params.uid,
        request.query.expand,
      )
      const present = taskPresenter(request.principal?.calendar ?? null, expansions)
      return present(tasks[0] as (typeof tasks)[number])
    },
  )

  api.patch(
    '/tasks/:uid',
    {
      config: { role: 'operator', orgRules: true },
      schema: {
        summary: 'Update a task',
        description:
          'Native keys at the top level; `fields` are merged key by key (null removes a key). `done_at` and `started_at` follow `status`. `assignee_uid`/`assignee_email` and `queue_uid` assign and route by hand (admins, when they change something).',
        tags: ['tasks'],
        params: UidParams,
        body: UpdateTaskBody,
        response: { 200: Task, ...errors },
      },
    },
    async (request) =>
      onlyItem(
        request,
        await patchTasks(
          actingAs(request, db),
          [{ ...request.body, uid: request.params.uid }],
          atBody,
        ),
      ),
  )

  api.put(
    '/tasks/:uid',
    {
      config: { role: 'operator', orgRules: true },
      schema: {
        summary: 'Create or replace a task (idempotent upsert)',
        tags: ['tasks'],
        params: UidParams,
        body: UpsertTaskBody,
        response: { 200: Task, ...errors },
      },
    },
    async (request) => {
      const { uid } = request.params
      if (request.body.uid && request.body.uid.toLowerCase() !== uid.toLowerCase()) {
        throw new AppError('validation_failed', 'The body names another task than the path.', [
          { path: '/body/uid', message: 'must equal the uid in the path' },
        ])
      }
      return onlyItem(
        request,
        await upsertTasks(actingAs(request, db), [{ ...request.body, uid }], atBody),
      )
    },
  )

  api.delete(
    '/tasks/:uid',
    {
      config: { role: 'operator', orgRules: true },
      schema: {
        summary: 'Archive a task',
        description:
          'Tasks are archived, never erased: hidden from lists unless `archived` is asked for, and restored with PATCH `{"archived": false}`.',
        tags: ['tasks'],
        params: UidParams,
        response: { 200: Task, ...errors },
      },
    },
    async (request) =>
      onlyItem(
        request,
        await patchTasks(
          actingAs(request, db),
          [{ uid: request.params.uid, archived: true }],
          atBody,
        ),
      ),
  )
}
