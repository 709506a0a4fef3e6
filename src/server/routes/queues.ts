import { Type } from '@sinclair/typebox'
import { createQueue, editQueue, removeQueue } from '../../app/queues'
import { errorResponses, UidParams } from '../../contract/common'
import { AppError } from '../../contract/errors'
import { CreateQueueBody, Queue, UpdateQueueBody } from '../../contract/queues'
import { presentQueue } from '../../presenters/queue'
import { findQueue, listQueues } from '../../store/queues'
import { principalOf } from '../plugins/auth'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 409, 422)

/** Queues: routing rules, skills, SLA policy and dispatch order. Admins edit, everyone reads. */
export function registerQueueRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/queues',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The queues, in routing order',
        tags: ['queues'],
        response: { 200: Type.Object({ items: Type.Array(Queue) }), ...errors },
      },
    },
    async (request) => ({
      items: (await listQueues(db.pool, principalOf(request).orgUid)).map(presentQueue),
    }),
  )

  api.get(
    '/queues/:uid',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'A queue',
        tags: ['queues'],
        params: UidParams,
        response: { 200: Queue, ...errors },
      },
    },
    async (request) => {
      const queue = await findQueue(db.pool, principalOf(request).orgUid, request.params.uid)
      if (!queue) {
        throw new AppError('not_found', 'No queue with this uid in your organization.')
      }
      return presentQueue(queue)
    },
  )

  api.post(
    '/queues',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Create a queue',
        description: 'Open tasks that the new rules place in it join it at once.',
        tags: ['queues'],
        body: CreateQueueBody,
        response: { 200: Queue, ...errors },
      },
    },
    async (request) => presentQueue(await createQueue(actingAs(request, db), request.body)),
  )

  api.patch(
    '/queues/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Change a queue',
        description: 'Open tasks are re-routed by the new rules (except those routed by hand).',
        tags: ['queues'],
        params: UidParams,
        body: UpdateQueueBody,
        response: { 200: Queue, ...errors },
      },
    },
    async (request) =>
      presentQueue(await editQueue(actingAs(request, db), request.params.uid, request.body)),
  )

  api.delete(
    '/queues/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Delete a queue',
        description: 'Its open tasks go to the next matching queue, or to none.',
        tags: ['queues'],
        params: UidParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeQueue(actingAs(request, db), request.params.uid)
      return reply.code(204).send(null)
    },
  )
}
