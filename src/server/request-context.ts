import type { FastifyRequest } from 'fastify'
import type { PlayerContext } from '../app/player'
import type { WriteContext } from '../app/write-tasks'
import type { Database } from '../store/database'
import { principalOf } from './plugins/auth'

/** The use-case context of an authenticated request: its organization and acting user. */
export function actingAs(request: FastifyRequest, db: Database): WriteContext & PlayerContext {
  const principal = principalOf(request)
  return {
    db,
    orgUid: principal.orgUid,
    actorUid: principal.userUid,
    userUid: principal.userUid,
    rules: request.orgRules ?? undefined,
  }
}
