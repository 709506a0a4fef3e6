import type { User } from '../contract/users'
import type { UserRecord } from '../store/users'

/** A user of the organization (never their password hash, which the record does not hold). */
export function presentUser(user: UserRecord): User {
  return { ...user, created_at: user.created_at.toISOString() }
}
