import type { Command } from 'commander'
import { readOrganizationName, readPassword } from '../../config/command-settings'
import { readDatabaseSetting } from '../../config/database-setting'
import { MIN_PASSWORD_LENGTH } from '../../contract/users'
import { withCommandOperations } from '../command-database'
import { parseEmail, parsePassword, parseRole } from '../command-flags'
import { type DatabaseOptions, withDatabaseOptions } from '../database-options'

interface CreateUserFlags extends DatabaseOptions {
  email: string
  name?: string
  role?: string
  password?: string
  org?: string
}

async function create(flags: CreateUserFlags) {
  // Every flag is checked before the database is opened (or created).
  const email = parseEmail(flags.email, '--email')
  const role = parseRole(flags.role, 'the user')
  const password = parsePassword(readPassword(flags.password))
  const org = readOrganizationName(flags.org)
  const { user, created } = await withCommandOperations(readDatabaseSetting(flags), (ops) =>
    ops.createUser({
      org,
      email,
      name: flags.name ?? email.split('@')[0] ?? email,
      role,
      password,
    }),
  )
  console.log(
    created
      ? `Created ${user.email} (${user.role}) in ${org}: they can sign in now.`
      : `Set a new password for ${user.email} in ${org} and signed them out everywhere.`,
  )
}

/** `tessera users create`: a user who signs in to the web app (the first super admin, too). */
export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('Manage users who sign in to the web app')
  withDatabaseOptions(
    users
      .command('create')
      .description('Create a user with a password, or set the password of an existing one')
      .requiredOption('--email <email>', 'their email, used to sign in')
      .option('--name <name>', 'their display name (default: the part of the email before @)')
      .option('--role <role>', 'what they may do: super_admin, admin, operator or viewer')
      .option(
        '--password <password>',
        `their password, at least ${MIN_PASSWORD_LENGTH} characters (env TESSERA_PASSWORD)`,
      )
      .option('--org <name>', 'organization name (env TESSERA_ORG; default: default)'),
  ).action(create)
}
