import { type Command, Option } from 'commander'
import { createUserWithPassword } from '../../app/create-user'
import { ROLES } from '../../contract/common'
import type { Role } from '../../core/auth/roles'
import { type DatabaseOptions, withDatabaseOptions } from '../database-options'
import { openMigratedDatabase } from '../open-store'

interface CreateUserOptions extends DatabaseOptions {
  email: string
  name?: string
  role: Role
  password?: string
  org: string
}

async function create(options: CreateUserOptions) {
  const password = options.password ?? process.env.TESSERA_PASSWORD
  if (!password) {
    throw new Error(
      'Give the password with --password or the TESSERA_PASSWORD environment variable.',
    )
  }
  const { db } = await openMigratedDatabase(options)
  try {
    const { user, created } = await createUserWithPassword(db, {
      orgName: options.org,
      email: options.email,
      name: options.name ?? options.email.split('@')[0] ?? options.email,
      role: options.role,
      password,
    })
    console.log(
      created
        ? `Created ${user.email} (${user.role}) in ${options.org}: they can sign in now.`
        : `Set a new password for ${user.email} in ${options.org} and signed them out everywhere.`,
    )
  } finally {
    await db.close()
  }
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
      .addOption(
        new Option('--role <role>', 'what they may do').choices(ROLES).default('super_admin'),
      )
      .option(
        '--password <password>',
        'their password (env TESSERA_PASSWORD; at least 8 characters)',
      )
      .addOption(
        new Option('--org <name>', 'organization name').default('default').env('TESSERA_ORG'),
      ),
  ).action(create)
}
