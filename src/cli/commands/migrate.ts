import type { Command } from 'commander'
import { withDatabaseOptions } from '../database-options'

/** `tessera migrate`: applies pending migrations (the server also does this at start-up). */
export function registerMigrateCommand(program: Command): void {
  withDatabaseOptions(
    program.command('migrate').description('Apply pending database migrations and exit'),
  ).action(async (flags) => (await import('../actions/migrate')).migrate(flags))
}
