import type { Role } from '../core/auth/roles'
import type { Queryable } from './database'

/** An organization: the wall around every row. */
export interface OrganizationRecord {
  uid: string
  name: string
  created_at: Date
}

/** A person (or integration) acting inside one organization. */
export interface UserRecord {
  uid: string
  org_uid: string
  email: string
  name: string
  role: Role
  created_at: Date
}

/** Finds an organization by name, creating it if it does not exist yet. */
export async function ensureOrganization(
  q: Queryable,
  name: string,
): Promise<{ organization: OrganizationRecord; created: boolean }> {
  const inserted = await q.query<OrganizationRecord>(
    `INSERT INTO organizations (name) VALUES ($1)
     ON CONFLICT (name) DO NOTHING RETURNING uid, name, created_at`,
    [name],
  )
  if (inserted.rows[0]) {
    return { organization: inserted.rows[0], created: true }
  }
  const existing = await q.query<OrganizationRecord>(
    'SELECT uid, name, created_at FROM organizations WHERE name = $1',
    [name],
  )
  const organization = existing.rows[0]
  if (!organization) {
    throw new Error(`organization ${name} vanished while being created`)
  }
  return { organization, created: false }
}

/** Finds a user of the organization by email, creating it with `role` if missing. */
export async function ensureUser(
  q: Queryable,
  input: { orgUid: string; email: string; name: string; role: Role },
): Promise<UserRecord> {
  const result = await q.query<UserRecord>(
    `INSERT INTO users (org_uid, email, name, role) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_uid, email) DO UPDATE SET email = EXCLUDED.email
     RETURNING uid, org_uid, email, name, role, created_at`,
    [input.orgUid, input.email.toLowerCase(), input.name, input.role],
  )
  const user = result.rows[0]
  if (!user) {
    throw new Error('upsert returned no user')
  }
  return user
}

/** An organization and one of its users, or null when the user is not one of its own. */
export async function findAccount(
  q: Queryable,
  orgUid: string,
  userUid: string,
): Promise<{ organization: OrganizationRecord; user: UserRecord } | null> {
  const result = await q.query<UserRecord & { org_name: string; org_created_at: Date }>(
    `SELECT u.uid, u.org_uid, u.email, u.name, u.role, u.created_at,
       o.name AS org_name, o.created_at AS org_created_at
     FROM users u JOIN organizations o ON o.uid = u.org_uid
     WHERE u.org_uid = $1 AND u.uid = $2`,
    [orgUid, userUid],
  )
  const row = result.rows[0]
  if (!row) {
    return null
  }
  const { org_name, org_created_at, ...user } = row
  return { organization: { uid: user.org_uid, name: org_name, created_at: org_created_at }, user }
}

/** The organization's first super admin, if it has one. */
export async function findSuperAdmin(q: Queryable, orgUid: string): Promise<UserRecord | null> {
  const result = await q.query<UserRecord>(
    `SELECT uid, org_uid, email, name, role, created_at FROM users
     WHERE org_uid = $1 AND role = 'super_admin' ORDER BY created_at, uid LIMIT 1`,
    [orgUid],
  )
  return result.rows[0] ?? null
}

/**
 * Whether anyone can get in yet: an unrevoked token, or a user with a password. A server
 * starting on a database where nobody can says how to create the first one.
 */
export async function hasAnyCredential(q: Queryable): Promise<boolean> {
  const result = await q.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM api_tokens WHERE revoked_at IS NULL)
         OR EXISTS (SELECT 1 FROM users WHERE password_hash IS NOT NULL) AS found`,
  )
  return result.rows[0]?.found === true
}
