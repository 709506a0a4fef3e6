import { Type } from '@sinclair/typebox'
import { createView } from '../../app/create-view'
import { deleteView } from '../../app/delete-view'
import { readView, readViews } from '../../app/read-views'
import { updateView } from '../../app/update-view'
import { errorResponses, UidParams } from '../../contract/common'
import {
  CreateViewBody,
  ListViewsQuery,
  UpdateViewBody,
  View,
  ViewList,
} from '../../contract/views'
import { presentView } from '../../presenters/view'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 422)
const EDITORS = 'Your own views; shared views of others as an admin (403 otherwise).'

/** Saved views of the backlog: private to their owner or shared with the organization. */
export function registerViewRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/views',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Your views and the shared ones',
        tags: ['views'],
        querystring: ListViewsQuery,
        response: { 200: ViewList, ...errors },
      },
    },
    async (request) => ({
      items: (await readViews(actingAs(request, db), request.query.counts ?? false)).map(
        presentView,
      ),
    }),
  )

  api.get(
    '/views/:uid',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'A view',
        tags: ['views'],
        params: UidParams,
        response: { 200: View, ...errors },
      },
    },
    async (request) => presentView(await readView(actingAs(request, db), request.params.uid)),
  )

  api.post(
    '/views',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Save a view',
        description:
          'Any role may save views. The filter, columns and sort are checked as GET /tasks and GET /tasks/export read them: a 422 names each wrong part.',
        tags: ['views'],
        body: CreateViewBody,
        response: { 200: View, ...errors },
      },
    },
    async (request) => presentView(await createView(actingAs(request, db), request.body)),
  )

  api.patch(
    '/views/:uid',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Change a view',
        description: EDITORS,
        tags: ['views'],
        params: UidParams,
        body: UpdateViewBody,
        response: { 200: View, ...errors },
      },
    },
    async (request) =>
      presentView(await updateView(actingAs(request, db), request.params.uid, request.body)),
  )

  api.delete(
    '/views/:uid',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Delete a view',
        description: EDITORS,
        tags: ['views'],
        params: UidParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteView(actingAs(request, db), request.params.uid)
      return reply.code(204).send(null)
    },
  )
}
