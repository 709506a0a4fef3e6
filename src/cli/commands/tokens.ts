import type { Command } from 'commander'
import { readOrganizationName } from '../../config/command-settings'
import { readDatabaseSetting } from '../../config/database-setting'
import { withCommandOperations } from '../command-database'
import { parseEmail, parseRole, parseTokenUid } from '../command-flags'
import { type DatabaseOptions, withDatabaseOptions } from '../database-options'

interface OrgFlags extends DatabaseOptions {
  org?: string
}

const ORG_HELP = 'organization name (env TESSERA_ORG; default: default)'

async function create(flags: OrgFlags & { name: string; role?: string; user?: string }) {
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

async function list(flags: OrgFlags) {
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

async function revoke(uid: string, flags: OrgFlags) {
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

/** `tessera tokens create|list|revoke`. */
export function registerTokensCommand(program: Command): void {
  const tokens = program.command('tokens').description('Manage API tokens')
  withDatabaseOptions(
    tokens
      .command('create')
      .description(
        'Create a token and print it as the last line (the first use creates the organization and its super admin)',
      )
      .requiredOption('--name <name>', 'a name to recognise the token by')
      .option('--role <role>', 'what the token may do: super_admin, admin, operator or viewer')
      .option('--org <name>', ORG_HELP)
      .option(
        '--user <email>',
        'the user the token acts as (created with --role if new); default: the super admin',
      ),
  ).action(create)
  withDatabaseOptions(
    tokens
      .command('list')
      .description("List the organization's tokens")
      .option('--org <name>', ORG_HELP),
  ).action(list)
  withDatabaseOptions(
    tokens
      .command('revoke')
      .description('Revoke a token at once (the server may keep running)')
      .argument('<uid>', 'the token uid (from tokens list)')
      .option('--org <name>', ORG_HELP),
  ).action(revoke)
}
