import type { Command } from 'commander'
import { readDatabaseSetting } from '../../config/database-setting'
import { withCommandOperations } from '../command-database'
import { type DatabaseOptions, withDatabaseOptions } from '../database-options'

/** `tessera migrate`: applies pending migrations (the server also does this at start-up). */
export function registerMigrateCommand(program: Command): void {
  withDatabaseOptions(
    program.command('migrate').description('Apply pending database migrations and exit'),
  ).action(async (flags: DatabaseOptions) => {
    const { applied, database } = await withCommandOperations(readDatabaseSetting(flags), (ops) =>
      ops.migrate(),
    )
    console.log(
      applied.length === 0
        ? `${database}: the schema is up to date.`
        : `${database}: applied ${applied.join(', ')}.`,
    )
  })
}
