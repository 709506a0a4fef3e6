import type { Command } from 'commander'
import { type DatabaseOptions, withDatabaseOptions } from '../database-options'
import { openMigratedDatabase } from '../open-store'

/** `tessera migrate`: applies pending migrations (the server also does this at start-up). */
export function registerMigrateCommand(program: Command): void {
  withDatabaseOptions(
    program.command('migrate').description('Apply pending database migrations and exit'),
  ).action(async (options: DatabaseOptions) => {
    const { db, applied } = await openMigratedDatabase(options)
    await db.close()
    console.log(
      applied.length === 0
        ? `${db.description}: schema is up to date`
        : `${db.description}: applied ${applied.join(', ')}`,
    )
  })
}
