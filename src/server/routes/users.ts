import { Type } from '@sinclair/typebox'
import { errorResponses, UidParams } from '../../contract/common'
import { AppError } from '../../contract/errors'
import { CreateUserBody, UpdateUserBody, User } from '../../contract/users'
import { hashPassword } from '../../core/auth/passwords'
import { hasRole } from '../../core/auth/roles'
import { presentUser } from '../../presenters/user'
import { deleteUserSessions } from '../../store/sessions'
import { findUser, insertUser, listUsers, setPasswordHash, updateUser } from '../../store/users'
import { principalOf } from '../plugins/auth'
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
    async (request) => ({
      items: (await listUsers(db.pool, principalOf(request).orgUid)).map(presentUser),
    }),
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
    async (request) => {
      const principal = principalOf(request)
      if (!hasRole(principal.role, request.body.role)) {
        throw new AppError('forbidden', `A ${principal.role} cannot create a ${request.body.role}.`)
      }
      const { password, ...fields } = request.body
      const user = await insertUser(db.pool, principal.orgUid, {
        ...fields,
        skills: fields.skills ?? [],
      })
      if (!user) {
        throw new AppError('email_taken', 'A user with this email already exists.')
      }
      if (password) {
        await setPasswordHash(db.pool, principal.orgUid, user.uid, await hashPassword(password))
      }
      return presentUser(user)
    },
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
    async (request) => {
      const principal = principalOf(request)
      const current = await findUser(db.pool, principal.orgUid, request.params.uid)
      if (!current) {
        throw new AppError('not_found', 'No user with this uid in your organization.')
      }
      const raisesTo = request.body.role
      if (
        !hasRole(principal.role, current.role) ||
        (raisesTo && !hasRole(principal.role, raisesTo))
      ) {
        throw new AppError('forbidden', 'You cannot change a user above your own role.')
      }
      const { password, ...fields } = request.body
      const user = await updateUser(db.pool, principal.orgUid, request.params.uid, fields)
      if (!user) {
        throw new AppError('not_found', 'No user with this uid in your organization.')
      }
      if (password) {
        await setPasswordHash(db.pool, principal.orgUid, user.uid, await hashPassword(password))
      }
      if (password || fields.active === false) {
        await deleteUserSessions(db.pool, user.uid)
      }
      return presentUser(user)
    },
  )
}
