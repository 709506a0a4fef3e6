import type { Role } from '../core/auth/roles'
import type { Queryable } from './database'

/** A user as stored (never with a secret). */
export interface UserRecord {
  uid: string
  email: string
  name: string
  role: Role
  skills: string[]
  active: boolean
  created_at: Date
}

const USER_COLUMNS = 'uid, email, name, role, skills, active, created_at'

/** The organization's users, by name. */
export async function listUsers(q: Queryable, orgUid: string): Promise<UserRecord[]> {
  const result = await q.query<UserRecord>(
    `SELECT ${USER_COLUMNS} FROM users WHERE org_uid = $1 ORDER BY name, email`,
    [orgUid],
  )
  return result.rows
}

/** One user of the organization, or null. */
export async function findUser(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<UserRecord | null> {
  const result = await q.query<UserRecord>(
    `SELECT ${USER_COLUMNS} FROM users WHERE org_uid = $1 AND uid = $2`,
    [orgUid, uid],
  )
  return result.rows[0] ?? null
}

/** Creates a user; null when the email is taken in the organization. */
export async function insertUser(
  q: Queryable,
  orgUid: string,
  input: Pick<UserRecord, 'email' | 'name' | 'role' | 'skills'>,
): Promise<UserRecord | null> {
  const result = await q.query<UserRecord>(
    `INSERT INTO users (org_uid, email, name, role, skills) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (org_uid, email) DO NOTHING RETURNING ${USER_COLUMNS}`,
    [orgUid, input.email.toLowerCase(), input.name, input.role, input.skills],
  )
  return result.rows[0] ?? null
}

/** Changes a user's name, role, skills or active flag; null when there is no such user. */
export async function updateUser(
  q: Queryable,
  orgUid: string,
  uid: string,
  input: Partial<Pick<UserRecord, 'name' | 'role' | 'skills' | 'active'>>,
): Promise<UserRecord | null> {
  const result = await q.query<UserRecord>(
    `UPDATE users SET name = coalesce($3, name), role = coalesce($4, role),
       skills = coalesce($5, skills), active = coalesce($6, active)
     WHERE org_uid = $1 AND uid = $2 RETURNING ${USER_COLUMNS}`,
    [
      orgUid,
      uid,
      input.name ?? null,
      input.role ?? null,
      input.skills ?? null,
      input.active ?? null,
    ],
  )
  return result.rows[0] ?? null
}
