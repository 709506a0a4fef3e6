import type { Role } from '../core/auth/roles'
import type { Database } from '../store/database'

/** The organization a use case works in: every read and write is walled off to it. */
export interface OrgScope {
  db: Database
  orgUid: string
}

/** The organization and the user acting in it, with the role of their credential. */
export interface Actor extends OrgScope {
  /** The acting user, recorded in histories and as the owner of what they create. */
  actorUid: string
  /** The role the actor acts with: their token's, or their session's. */
  role: Role
}
