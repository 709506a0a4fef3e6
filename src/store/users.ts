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

/** A user who may sign in with a password, found by email (and organization, if given). */
export interface SignInCandidate {
  uid: string
  org_uid: string
  password_hash: string | null
  active: boolean
}

/** The users with this email, in one organization or across all. */
export async function findUsersByEmail(
  q: Queryable,
  email: string,
  orgName?: string,
): Promise<SignInCandidate[]> {
  const result = await q.query<SignInCandidate>(
    `SELECT u.uid, u.org_uid, u.password_hash, u.active FROM users u
     JOIN organizations o ON o.uid = u.org_uid
     WHERE u.email = $1 AND ($2::text IS NULL OR o.name = $2)
     ORDER BY u.created_at LIMIT 2`,
    [email.toLowerCase(), orgName ?? null],
  )
  return result.rows
}

/** Sets (or clears, with null) a user's password hash. */
export async function setPasswordHash(
  q: Queryable,
  orgUid: string,
  uid: string,
  passwordHash: string | null,
): Promise<boolean> {
  const result = await q.query(
    'UPDATE users SET password_hash = $3 WHERE org_uid = $1 AND uid = $2',
    [orgUid, uid, passwordHash],
  )
  return (result.rowCount ?? 0) > 0
}
