import type { Role } from '../core/auth/roles'
import {
  ensureOrganization,
  ensureUser,
  findSuperAdmin,
  type OrganizationRecord,
  type UserRecord,
} from '../store/accounts'
import { type Database, withTransaction } from '../store/database'
import { insertToken, type TokenRecord } from '../store/tokens'

/** What {@link issueToken} needs. */
export interface IssueTokenInput {
  orgName: string
  tokenName: string
  role: Role
  /** The user the token acts as; default: the organization's super admin. */
  userEmail?: string
  rateLimitPerMinute?: number
}

/** What {@link issueToken} did. */
export interface IssuedToken {
  organization: OrganizationRecord
  organizationCreated: boolean
  user: UserRecord
  token: TokenRecord
  raw: string
}

/**
 * Issues a token from outside the API (the CLI, for the first token of all). The first use
 * for an organization creates it and its super admin, in one transaction.
 */
export async function issueToken(db: Database, input: IssueTokenInput): Promise<IssuedToken> {
  return withTransaction(db, async (client) => {
    const { organization, created } = await ensureOrganization(client, input.orgName)
    const superAdmin =
      (await findSuperAdmin(client, organization.uid)) ??
      (await ensureUser(client, {
        orgUid: organization.uid,
        email: `admin@${input.orgName.toLowerCase().replace(/[^a-z0-9.-]+/g, '-')}.tessera`,
        name: 'Super admin',
        role: 'super_admin',
      }))
    const user = input.userEmail
      ? await ensureUser(client, {
          orgUid: organization.uid,
          email: input.userEmail,
          name: input.userEmail.split('@')[0] ?? input.userEmail,
          role: input.role,
        })
      : superAdmin
    const { token, raw } = await insertToken(client, {
      orgUid: organization.uid,
      userUid: user.uid,
      name: input.tokenName,
      role: input.role,
      rateLimitPerMinute: input.rateLimitPerMinute,
    })
    return { organization, organizationCreated: created, user, token, raw }
  })
}
