import { AppError } from '../contract/errors'
import { hasRole, type Role } from '../core/auth/roles'
import {
  ensureOrganization,
  ensureUser,
  findAccount,
  findSuperAdmin,
  type OrganizationRecord,
  type UserRecord,
} from '../store/accounts'
import { type Database, type Queryable, withTransaction } from '../store/database'
import { insertToken, type TokenRecord } from '../store/tokens'
import type { Actor, RequestMeta } from './actor'
import { recordAudit } from './record-audit'

/** A user issuing a token for themselves through the API: never above their own role. */
export type TokenIssuer = Pick<Actor, 'orgUid' | 'actorUid' | 'role'> & RequestMeta

/**
 * What {@link issueToken} needs: who issues the token, either a user through the API
 * (`issuer`), or whoever runs the server through the CLI, naming the organization.
 */
export type IssueTokenInput = {
  tokenName: string
  /** Default: the issuer's own role (the CLI's: super admin). */
  role?: Role
  rateLimitPerMinute?: number | null
  expiresAt?: Date | null
} & (
  | { issuer: TokenIssuer }
  | {
      orgName: string
      /** The user the token acts as (created with `role` if new); default: the super admin. */
      userEmail?: string
    }
)

/** What {@link issueToken} did. */
export interface IssuedToken {
  organization: OrganizationRecord
  organizationCreated: boolean
  user: UserRecord
  token: TokenRecord
  raw: string
}

type Holder = Pick<IssuedToken, 'organization' | 'organizationCreated' | 'user'>

/** The issuer's own account: the token acts as them. */
async function issuerAccount(q: Queryable, issuer: TokenIssuer): Promise<Holder> {
  const account = await findAccount(q, issuer.orgUid, issuer.actorUid)
  if (!account) {
    throw new AppError('unauthorized', 'The user behind this credential is gone.')
  }
  return { ...account, organizationCreated: false }
}

/**
 * The organization named on the command line and the user the token acts as. The first use
 * for an organization creates it and its super admin.
 */
async function namedAccount(
  q: Queryable,
  orgName: string,
  role: Role,
  userEmail: string | undefined,
): Promise<Holder> {
  const { organization, created } = await ensureOrganization(q, orgName)
  const superAdmin =
    (await findSuperAdmin(q, organization.uid)) ??
    (await ensureUser(q, {
      orgUid: organization.uid,
      email: `admin@${orgName.toLowerCase().replace(/[^a-z0-9.-]+/g, '-')}.tessera`,
      name: 'Super admin',
      role: 'super_admin',
    }))
  const user = userEmail
    ? await ensureUser(q, {
        orgUid: organization.uid,
        email: userEmail,
        name: userEmail.split('@')[0] ?? userEmail,
        role,
      })
    : superAdmin
  return { organization, organizationCreated: created, user }
}

/**
 * Issues an API token, in one transaction: `POST /tokens` for the calling user, and
 * `tessera tokens create` for the first token of all. No user may issue a token with a role
 * above their own. The raw token is in the answer and nowhere else: it is stored hashed.
 */
export async function issueToken(db: Database, input: IssueTokenInput): Promise<IssuedToken> {
  const issuer = 'issuer' in input ? input.issuer : null
  const role = input.role ?? issuer?.role ?? 'super_admin'
  if (issuer && !hasRole(issuer.role, role)) {
    throw new AppError('forbidden', `A ${issuer.role} token cannot create a ${role} token.`)
  }
  return withTransaction(db, async (client) => {
    const holder =
      'issuer' in input
        ? await issuerAccount(client, input.issuer)
        : await namedAccount(client, input.orgName, role, input.userEmail)
    const { token, raw } = await insertToken(client, {
      orgUid: holder.organization.uid,
      userUid: holder.user.uid,
      name: input.tokenName,
      role,
      rateLimitPerMinute: input.rateLimitPerMinute ?? null,
      expiresAt: input.expiresAt ?? null,
    })
    await recordAudit(client, issuer ?? { orgUid: holder.organization.uid, cli: true }, {
      action: 'token.issued',
      object: { kind: 'token', uid: token.uid },
      after: token,
    })
    return { ...holder, token, raw }
  })
}
