import { type Command, Option } from 'commander'
import { issueToken } from '../../app/issue-token'
import { ROLES } from '../../contract/common'
import type { Role } from '../../core/auth/roles'
import { findOrganizationUid, listTokens, revokeToken } from '../../store/tokens'
import { type DatabaseOptions, withDatabaseOptions } from '../database-options'
import { openMigratedDatabase } from '../open-store'

interface OrgOptions extends DatabaseOptions {
  org: string
}

const orgOption = () =>
  new Option('--org <name>', 'organization name').default('default').env('TESSERA_ORG')

async function create(options: OrgOptions & { name: string; role: Role; user?: string }) {
  const { db } = await openMigratedDatabase(options)
  try {
    const issued = await issueToken(db, {
      orgName: options.org,
      tokenName: options.name,
      role: options.role,
      userEmail: options.user,
    })
    const org = issued.organization
    console.log(
      `organization: ${org.name} (${org.uid})${issued.organizationCreated ? ' — created' : ''}`,
    )
    console.log(`user:         ${issued.user.email} (${issued.user.role})`)
    console.log(
      `token:        ${issued.token.name}, role ${issued.token.role}, uid ${issued.token.uid}`,
    )
    console.log('Store the token now: it is shown only once.')
    console.log(issued.raw)
  } finally {
    await db.close()
  }
}

/** Only `tokens create` makes organizations: the other commands refuse an unknown name. */
function noSuchOrganization(name: string): void {
  console.error(`No organization named ${name}.`)
  process.exitCode = 1
}

async function list(options: OrgOptions) {
  const { db } = await openMigratedDatabase(options)
  try {
    const orgUid = await findOrganizationUid(db.pool, options.org)
    if (!orgUid) {
      noSuchOrganization(options.org)
      return
    }
    const tokens = await listTokens(db.pool, orgUid)
    const rows = tokens.map((t) => ({
      uid: t.uid,
      name: t.name,
      role: t.role,
      last4: `…${t.last4}`,
      created: t.created_at.toISOString(),
      last_used: t.last_used_at?.toISOString() ?? 'never',
      state: t.revoked_at ? `revoked ${t.revoked_at.toISOString()}` : 'active',
    }))
    if (rows.length === 0) {
      console.log(`No tokens in ${options.org}.`)
    } else {
      console.table(rows)
    }
  } finally {
    await db.close()
  }
}

async function revoke(uid: string, options: OrgOptions) {
  const { db } = await openMigratedDatabase(options)
  try {
    const orgUid = await findOrganizationUid(db.pool, options.org)
    if (!orgUid) {
      noSuchOrganization(options.org)
      return
    }
    const token = await revokeToken(db.pool, orgUid, uid)
    if (!token) {
      console.error(`No token ${uid} in ${options.org}.`)
      process.exitCode = 1
      return
    }
    console.log(`Revoked ${token.name} (${token.uid}).`)
  } finally {
    await db.close()
  }
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
      .addOption(
        new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory(),
      )
      .addOption(orgOption())
      .option(
        '--user <email>',
        'the user the token acts as (created with --role if new); default: the super admin',
      ),
  ).action(create)
  withDatabaseOptions(
    tokens.command('list').description("List the organization's tokens").addOption(orgOption()),
  ).action(list)
  withDatabaseOptions(
    tokens
      .command('revoke')
      .description('Revoke a token at once')
      .argument('<uid>', 'the token uid (from tokens list)')
      .addOption(orgOption()),
  ).action(revoke)
}
