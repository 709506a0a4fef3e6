import { Type } from '@sinclair/typebox'
import { endOwnSession } from '../../app/end-session'
import { readOwnSessions } from '../../app/read-sessions'
import { signOutUser } from '../../app/sign-out-user'
import { errorResponses, UidParams } from '../../contract/common'
import { SessionInfo } from '../../contract/sso'
import { presentSession } from '../../presenters/sso'
import { principalOf } from '../plugins/auth'
import { actingAs } from '../request-context'
import type { Api, RouteDeps } from '../types'

const errors = errorResponses(401, 403, 404, 422)

/** Web sessions: each user sees and ends their own; admins sign a user out everywhere. */
export function registerSessionRoutes(api: Api, { db }: RouteDeps): void {
  api.get(
    '/sessions',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'Your web sessions',
        description: 'Where you are signed in to the web app, most recently used first.',
        tags: ['auth'],
        response: { 200: Type.Object({ items: Type.Array(SessionInfo) }), ...errors },
      },
    },
    async (request) => {
      // A web session's principal carries the session's uid; a token's matches no session.
      const current = principalOf(request).tokenUid
      const sessions = await readOwnSessions(actingAs(request, db))
      return { items: sessions.map((session) => presentSession(session, current)) }
    },
  )

  api.delete(
    '/sessions/:uid',
    {
      config: { role: 'viewer' },
      schema: {
        summary: 'End one of your web sessions',
        description: 'The browser holding it is signed out at its next request.',
        tags: ['auth'],
        params: UidParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await endOwnSession(actingAs(request, db), request.params.uid)
      return reply.code(204).send(null)
    },
  )

  api.post(
    '/users/:uid/sign-out',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Sign a user out everywhere',
        description:
          'Ends every web session of the user. Their API tokens stay: revoke them, or deactivate the user. No one may sign out a user whose role is above their own.',
        tags: ['users'],
        params: UidParams,
        response: {
          200: Type.Object({ ended: Type.Integer({ minimum: 0 }) }, { $id: 'SignOutResult' }),
          ...errors,
        },
      },
    },
    async (request) => ({ ended: await signOutUser(actingAs(request, db), request.params.uid) }),
  )
}
