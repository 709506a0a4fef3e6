import type { FastifyRequest } from 'fastify'
import type { Actor } from '../app/actor'
import type { PlayerContext } from '../app/player'
import type { WriteContext } from '../app/write-tasks'
import type { Task } from '../contract/tasks'
import { taskPresenter } from '../presenters/task'
import type { Database } from '../store/database'
import type { TaskRecord } from '../store/tasks'
import { bearerToken, principalOf } from './plugins/auth'

/**
 * The use-case context of an authenticated request: its organization and acting user, and
 * the request's id, client address and token for the audit log.
 */
export function actingAs(
  request: FastifyRequest,
  db: Database,
): Actor & WriteContext & PlayerContext {
  const principal = principalOf(request)
  return {
    db,
    orgUid: principal.orgUid,
    actorUid: principal.userUid,
    role: principal.role,
    userUid: principal.userUid,
    rules: request.orgRules ?? undefined,
    requestId: request.id,
    ip: request.ip,
    // A web session's principal carries the session's uid there, which is no token.
    tokenUid: bearerToken(request) ? principal.tokenUid : undefined,
  }
}

/** The task presenter of a request: on its organization's calendar, at one instant. */
export function presentTaskFor(request: FastifyRequest): (task: TaskRecord) => Task {
  return taskPresenter(request.principal?.calendar ?? null)
}
