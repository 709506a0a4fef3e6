import { readOrganizationName } from '../../config/command-settings'
import { readDatabaseSetting } from '../../config/database-setting'
import { withCommandOperations } from '../command-database'
import { parseEmail, parseRole, parseTokenUid } from '../command-flags'
import type { DatabaseOptions } from '../database-options'

/** The flags every tokens command takes. */
export interface OrgFlags extends DatabaseOptions {
  org?: string
}

/** `tessera tokens create`: prints the token as the last line. */
export async function create(flags: OrgFlags & { name: string; role?: string; user?: string }) {
  const role = parseRole(flags.role, 'the token')
  const userEmail = flags.user === undefined ? undefined : parseEmail(flags.user, '--user')
  const org = readOrganizationName(flags.org)
  const issued = await withCommandOperations(readDatabaseSetting(flags), (ops) =>
    ops.issueToken({ org, name: flags.name, role, userEmail }),
  )
  const organization = issued.organization
  console.log(
    `organization: ${organization.name} (${organization.uid})${organization.created ? ' — created' : ''}`,
  )
  console.log(`user:         ${issued.user.email} (${issued.user.role})`)
  console.log(
    `token:        ${issued.token.name}, role ${issued.token.role}, uid ${issued.token.uid}`,
  )
  console.log('Store the token now: it is shown only once.')
  console.log(issued.raw)
}

/** `tessera tokens list`: the organization's tokens, never their secrets. */
export async function list(flags: OrgFlags) {
  const org = readOrganizationName(flags.org)
  const tokens = await withCommandOperations(readDatabaseSetting(flags), (ops) =>
    ops.listTokens({ org }),
  )
  if (tokens.length === 0) {
    console.log(`No tokens in ${org}.`)
    return
  }
  console.table(
    tokens.map((t) => ({
      uid: t.uid,
      name: t.name,
      role: t.role,
      last4: `…${t.last4}`,
      created: t.createdAt,
      last_used: t.lastUsedAt ?? 'never',
      state: t.revokedAt ? `revoked ${t.revokedAt}` : 'active',
    })),
  )
}

/** `tessera tokens revoke UID`: at once, and says so when it already was. */
export async function revoke(uid: string, flags: OrgFlags) {
  const tokenUid = parseTokenUid(uid)
  const org = readOrganizationName(flags.org)
  const { token, alreadyRevoked } = await withCommandOperations(readDatabaseSetting(flags), (ops) =>
    ops.revokeToken({ org, uid: tokenUid }),
  )
  console.log(
    alreadyRevoked
      ? `${token.name} (${token.uid}) was already revoked, at ${token.revokedAt}.`
      : `Revoked ${token.name} (${token.uid}): it is refused from now on.`,
  )
}
