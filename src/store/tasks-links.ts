import type { Queryable } from './database'
import { TASK_COLUMNS, type TaskRecord } from './tasks'
import type { UserRecord } from './users'

const USER_COLUMNS = 'u.uid, u.email, u.name, u.role, u.skills, u.active, u.created_at'

/** Users of the organization named by uid or by email (emails compared lower-cased). */
export async function findUsersByRef(
  q: Queryable,
  orgUid: string,
  refs: { uids: string[]; emails: string[] },
): Promise<UserRecord[]> {
  if (refs.uids.length === 0 && refs.emails.length === 0) {
    return []
  }
  const result = await q.query<UserRecord>({
    name: 'tessera.findUsersByRef',
    text: `SELECT ${USER_COLUMNS} FROM users u
     WHERE u.org_uid = $1 AND (u.uid = ANY($2::uuid[]) OR u.email = ANY($3::text[]))`,
    values: [orgUid, refs.uids, refs.emails.map((email) => email.toLowerCase())],
  })
  return result.rows
}

/** Tasks of the organization by uid, in no particular order; unknown uids are left out. */
export async function findTasksByUid(
  q: Queryable,
  orgUid: string,
  uids: string[],
): Promise<TaskRecord[]> {
  if (uids.length === 0) {
    return []
  }
  const result = await q.query<TaskRecord>({
    name: 'tessera.findTasksByUid',
    text: `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.org_uid = $1 AND t.uid = ANY($2::uuid[])`,
    values: [orgUid, uids],
  })
  return result.rows
}

/** The non-archived sub-tasks of each parent, oldest first, at most `perParent` each. */
export async function findChildren(
  q: Queryable,
  orgUid: string,
  parentUids: string[],
  perParent: number,
): Promise<TaskRecord[]> {
  if (parentUids.length === 0) {
    return []
  }
  // One index range per parent (tasks_by_parent), cut at perParent by the lateral LIMIT.
  const result = await q.query<TaskRecord>({
    name: 'tessera.findChildren',
    text: `SELECT ${TASK_COLUMNS}
     FROM unnest($2::uuid[]) AS p(uid)
     CROSS JOIN LATERAL (
       SELECT * FROM tasks c
       WHERE c.org_uid = $1 AND c.parent_uid = p.uid AND NOT c.archived
       ORDER BY c.created_at, c.uid
       LIMIT $3
     ) t
     ORDER BY t.parent_uid, t.created_at, t.uid`,
    values: [orgUid, parentUids, perParent],
  })
  return result.rows
}
