import { type Database, openDatabase } from '../store/database'
import { migrate } from '../store/migrate'
import { type DatabaseOptions, resolveDatabaseLocation } from './database-options'

/** Opens the database the options point at and brings its schema up to date. */
export async function openMigratedDatabase(
  options: DatabaseOptions,
  poolSize?: number,
  queryTimeoutMs?: number,
): Promise<{ db: Database; applied: string[] }> {
  const location = resolveDatabaseLocation(options)
  if ('databaseUrl' in location && queryTimeoutMs) {
    // Migrations run on a connection of their own, without the timeout meant for requests:
    // one statement of a migration may rightly take minutes on a large table.
    const migrated = await openMigratedDatabase(options, 1)
    await migrated.db.close()
    const db = await openDatabase(location, { poolSize, queryTimeoutMs })
    return { db, applied: migrated.applied }
  }
  const db = await openDatabase(location, { poolSize })
  try {
    const applied = await migrate(db)
    return { db, applied }
  } catch (error) {
    await db.close()
    throw error
  }
}
