import { Type } from '@sinclair/typebox'
import { createUser } from '../../app/create-user'
import { listUsers } from '../../app/read-users'
import { updateUser } from '../../app/update-user'
import { errorResponses, UidParams } from '../../contract/common'
import { CreateUserBody, UpdateUserBody, User } from '../../contract/users'
import { presentUser } from '../../presenters/user'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 409, 422)

/** Users of the organization: everyone reads (to pick assignees), admins manage. */
export function registerUserRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/users',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'The users of your organization',
        tags: ['users'],
        response: { 200: Type.Object({ items: Type.Array(User) }), ...errors },
      },
    },
    async (request) => ({ items: (await listUsers(actingAs(request, db))).map(presentUser) }),
  )

  api.post(
    '/users',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Create a user',
        description: 'No one may create a user with a role above their own.',
        tags: ['users'],
        body: CreateUserBody,
        response: { 200: User, ...errors },
      },
    },
    async (request) => presentUser(await createUser(actingAs(request, db), request.body)),
  )

  api.patch(
    '/users/:uid',
    {
      config: { role: 'admin' },
      schema: {
        summary: "Change a user's name, role, skills or activity",
        tags: ['users'],
        params: UidParams,
        body: UpdateUserBody,
        response: { 200: User, ...errors },
      },
    },
    async (request) =>
      presentUser(await updateUser(actingAs(request, db), request.params.uid, request.body)),
  )
}
