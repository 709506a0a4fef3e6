import type { Command } from 'commander'
import { withDatabaseOptions } from '../database-options'

const ORG_HELP = 'organization name (env TESSERA_ORG; default: default)'

/** The commands' code, loaded only when one runs: `--help` never pays for it. */
const load = () => import('../actions/tokens')

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
  ).action(async (flags) => (await load()).create(flags))
  withDatabaseOptions(
    tokens
      .command('list')
      .description("List the organization's tokens")
      .option('--org <name>', ORG_HELP),
  ).action(async (flags) => (await load()).list(flags))
  withDatabaseOptions(
    tokens
      .command('revoke')
      .description('Revoke a token at once (the server may keep running)')
      .argument('<uid>', 'the token uid (from tokens list)')
      .option('--org <name>', ORG_HELP),
  ).action(async (uid, flags) => (await load()).revoke(uid, flags))
}
