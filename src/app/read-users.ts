import { listUsers as readUsers, type UserRecord } from '../store/users'
import type { OrgScope } from './actor'

/** The organization's users, by name: everyone may read them, to pick assignees. */
export function listUsers(scope: OrgScope): Promise<UserRecord[]> {
  return readUsers(scope.db.pool, scope.orgUid)
}
