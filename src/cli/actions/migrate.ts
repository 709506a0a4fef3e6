import { readDatabaseSetting } from '../../config/database-setting'
import { withCommandOperations } from '../command-database'
import type { DatabaseOptions } from '../database-options'

/** `tessera migrate`: applies pending migrations (the server also does this at start-up). */
export async function migrate(flags: DatabaseOptions): Promise<void> {
  const { applied, database } = await withCommandOperations(readDatabaseSetting(flags), (ops) =>
    ops.migrate(),
  )
  console.log(
    applied.length === 0
      ? `${database}: the schema is up to date.`
      : `${database}: applied ${applied.join(', ')}.`,
  )
}
