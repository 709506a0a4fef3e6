import type { Command } from 'commander'
import { MIN_PASSWORD_LENGTH } from '../../contract/users'
import { withDatabaseOptions } from '../database-options'

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
  ).action(async (flags) => (await import('../actions/users')).create(flags))
}
