import type { Role } from '../core/auth/roles'
import type { Database } from '../store/database'

/** The organization a use case works in: every read and write is walled off to it. */
export interface OrgScope {
  db: Database
  orgUid: string
}

/**
 * Where a change came from, for the audit log: set by the server from the request, absent
 * when the CLI acts on the database.
 */
export interface RequestMeta {
  /** The request's id, as the `x-request-id` response header gives it. */
  requestId?: string
  /** The address the request came from (`request.ip`: behind a reverse proxy, the proxy's). */
  ip?: string
  /** The API token the request came with; absent for a web session. */
  tokenUid?: string
  /** The tessera command acting on the database: the audit log names no user then. */
  cli?: boolean
}

/** The organization and the user acting in it, with the role of their credential. */
export interface Actor extends OrgScope, RequestMeta {
  /** The acting user, recorded in histories and as the owner of what they create. */
  actorUid: string
  /** The role the actor acts with: their token's, or their session's. */
  role: Role
}
