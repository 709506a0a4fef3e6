import { AppError } from '../contract/errors'
import { hasRole, type Role } from '../core/auth/roles'
import { ensureOrganization } from '../store/accounts'
import { type Database, type Queryable, withTransaction } from '../store/database'
import { findUsersByEmail, insertUser, setPasswordHash, type UserRecord } from '../store/users'
import type { Actor } from './actor'
import { recordAudit } from './record-audit'
import { hashNewPassword, replacePassword } from './user-passwords'

/** A new user of an organization. */
export interface NewUser {
  email: string
  name: string
  role: Role
  skills?: string[]
  /** For signing in to the web app; none: they sign in with tokens only. */
  password?: string
}

/** Inserts the user with their password hash, in the caller's transaction; null: email taken. */
async function insertUserWithPassword(
  q: Queryable,
  orgUid: string,
  input: NewUser,
  passwordHash: string | null,
): Promise<UserRecord | null> {
  const { password: _, ...fields } = input
  const user = await insertUser(q, orgUid, { ...fields, skills: fields.skills ?? [] })
  if (user && passwordHash) {
    await setPasswordHash(q, orgUid, user.uid, passwordHash)
  }
  return user
}

/**
 * Creates a user of the actor's organization (`POST /users`), with their password if given,
 * in one transaction. No one may create a user with a role above their own, and an email is
 * one user's per organization.
 */
export async function createUser(actor: Actor, input: NewUser): Promise<UserRecord> {
  if (!hasRole(actor.role, input.role)) {
    throw new AppError('forbidden', `A ${actor.role} cannot create a ${input.role}.`)
  }
  const passwordHash = input.password
    ? await hashNewPassword(input.password, '/body/password')
    : null
  return withTransaction(actor.db, async (client) => {
    const user = await insertUserWithPassword(client, actor.orgUid, input, passwordHash)
    if (!user) {
      throw new AppError('email_taken', 'A user with this email already exists.')
    }
    await recordAudit(client, actor, {
      action: 'user.created',
      object: { kind: 'user', uid: user.uid },
      after: { ...user, password: input.password ? true : null },
    })
    return user
  })
}

/**
 * Creates a user who can sign in to the web app, or sets the password of an existing one
 * (signing them out everywhere): `tessera users create`, run by whoever runs the server, so
 * with no role above it. The first use for an organization creates it: this is how the
 * first super admin gets in.
 */
export async function createUserWithPassword(
  db: Database,
  input: { orgName: string; email: string; name: string; role: Role; password: string },
): Promise<{ user: Pick<UserRecord, 'uid' | 'email' | 'role'>; created: boolean }> {
  const passwordHash = await hashNewPassword(input.password, '--password')
  return withTransaction(db, async (client) => {
    const { organization } = await ensureOrganization(client, input.orgName)
    const cli = { orgUid: organization.uid, cli: true }
    const [existing] = await findUsersByEmail(client, input.email, input.orgName)
    if (existing) {
      await replacePassword(client, organization.uid, existing.uid, passwordHash)
      await recordAudit(client, cli, {
        action: 'user.password_reset',
        object: { kind: 'user', uid: existing.uid },
        after: { email: input.email.toLowerCase(), password: true },
      })
      return {
        user: { uid: existing.uid, email: input.email.toLowerCase(), role: input.role },
        created: false,
      }
    }
    const user = await insertUserWithPassword(client, organization.uid, input, passwordHash)
    if (!user) {
      throw new Error('the user appeared while being created')
    }
    await recordAudit(client, cli, {
      action: 'user.created',
      object: { kind: 'user', uid: user.uid },
      after: { ...user, password: true },
    })
    return { user, created: true }
  })
}
