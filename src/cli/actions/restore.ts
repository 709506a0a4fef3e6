import { resolve } from 'node:path'
import { readDatabaseSetting } from '../../config/database-setting'
import { restoreDatabase, verifyBackup } from '../../store/backup/restore-backup'
import { DataDirLockedError } from '../../store/data-dir-lock'
import { openDatabase } from '../../store/database'
import { CommandError } from '../command-error'
import type { DatabaseOptions } from '../database-options'
import { elapsedSeconds, startTableProgress } from '../table-progress'

/** `tessera restore --in FILE`: only into a database no server has started on. */
export async function restore(options: DatabaseOptions & { in: string }): Promise<void> {
  const startedAt = performance.now()
  const setting = readDatabaseSetting(options)
  // Checked before the database is even opened: opening a new data directory creates it.
  const backup = await verifyBackup(resolve(options.in))
  const db = await openDatabase(setting, { poolSize: 1 }).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) {
      throw new CommandError(
        `A server (process ${error.pid}) runs on ${error.dataDir}, and a restore only fills a new, empty database: restore into a new --data directory, then start the server there.`,
      )
    }
    throw error
  })
  try {
    const summary = await restoreDatabase(db, backup, startTableProgress('restore'))
    const forward =
      summary.migratedForward.length > 0
        ? `, then migrated forward (${summary.migratedForward.join(', ')})`
        : ''
    console.log(
      `Restored ${summary.rows.toLocaleString('en-US')} rows of ${summary.tables} tables (schema ${summary.schemaVersion}) into ${db.description}${forward} in ${elapsedSeconds(startedAt)}.`,
    )
  } finally {
    await db.close()
  }
}
