import type { FastifyRequest } from 'fastify'
import type { ItemResult } from '../../../app/batch-result'
import { createTasks, patchTasks, upsertTasks } from '../../../app/write-tasks'
import { errorResponses } from '../../../contract/common'
import {
  BatchCreateBody,
  BatchResponse,
  BatchUpdateBody,
  BatchUpsertBody,
} from '../../../contract/tasks'
import { actingAs, presentTaskFor } from '../../request-context'
import type { Api, RouteDeps } from '../../types'

const errors = errorResponses(401, 403, 413, 422)

const ATOMICITY =
  'Validated as a whole: one malformed item rejects the batch with 422 and writes nothing. ' +
  'Otherwise the items are written in one transaction and the answer lists each item in request order ' +
  'with its own status (200, or 404/409 for that item alone, which then changed nothing).'

function present(request: FastifyRequest, results: ItemResult[]) {
  const presentTask = presentTaskFor(request)
  return {
    items: results.map((result) =>
      result.status === 200
        ? { index: result.index, uid: result.uid, status: 200, task: presentTask(result.task) }
        : {
            index: result.index,
            uid: result.uid,
            status: result.status,
            error: { code: result.code, message: result.message },
          },
    ),
  }
}

/** Create, upsert and update up to 1,000 tasks in one request. */
export function registerBatchTaskRoutes(api: Api, { db, config }: RouteDeps): void {
  const options = {
    config: { role: 'operator' as const, orgRules: true },
    bodyLimit: config.batchBodyLimit,
  }

  api.post(
    '/tasks/batch',
    {
      ...options,
      schema: {
        summary: 'Create many tasks',
        description: `${ATOMICITY} An item whose uid exists is a 409.`,
        tags: ['tasks'],
        body: BatchCreateBody,
        response: { 200: BatchResponse, ...errors },
      },
    },
    async (request) =>
      present(request, await createTasks(actingAs(request, db), request.body.items)),
  )

  api.put(
    '/tasks/batch',
    {
      ...options,
      schema: {
        summary: 'Create or replace many tasks by uid',
        description: ATOMICITY,
        tags: ['tasks'],
        body: BatchUpsertBody,
        response: { 200: BatchResponse, ...errors },
      },
    },
    async (request) =>
      present(request, await upsertTasks(actingAs(request, db), request.body.items)),
  )

  api.patch(
    '/tasks/batch',
    {
      ...options,
      schema: {
        summary: 'Update many tasks by uid',
        description: `${ATOMICITY} An unknown uid is a 404.`,
        tags: ['tasks'],
        body: BatchUpdateBody,
        response: { 200: BatchResponse, ...errors },
      },
    },
    async (request) =>
      present(request, await patchTasks(actingAs(request, db), request.body.items)),
  )
}
