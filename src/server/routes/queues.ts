import { Type } from '@sinclair/typebox'
import { createQueue } from '../../app/create-queue'
import { deleteQueue } from '../../app/delete-queue'
import { getQueue, listQueues } from '../../app/read-queues'
import { updateQueue } from '../../app/update-queue'
import { errorResponses, UidParams } from '../../contract/common'
import { CreateQueueBody, Queue, UpdateQueueBody } from '../../contract/queues'
import { presentQueue } from '../../presenters/queue'
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
    async (request) => ({ items: (await listQueues(actingAs(request, db))).map(presentQueue) }),
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
    async (request) => presentQueue(await getQueue(actingAs(request, db), request.params.uid)),
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
      presentQueue(await updateQueue(actingAs(request, db), request.params.uid, request.body)),
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
      await deleteQueue(actingAs(request, db), request.params.uid)
      return reply.code(204).send(null)
    },
  )
}
