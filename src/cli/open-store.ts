import { type Database, type OpenDatabaseOptions, openDatabase } from '../store/database'
import { migrate } from '../store/migrate'
import { type DatabaseOptions, resolveDatabaseLocation } from './database-options'

/** Opens the database the options point at and brings its schema up to date. */
export async function openMigratedDatabase(
  options: DatabaseOptions,
  openOptions: OpenDatabaseOptions = {},
): Promise<{ db: Database; applied: string[] }> {
  const db = await openDatabase(resolveDatabaseLocation(options), openOptions)
  try {
    const applied = await migrate(db)
    return { db, applied }
  } catch (error) {
    await db.close()
    throw error
  }
}
