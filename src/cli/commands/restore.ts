import { resolve } from 'node:path'
import type { Command } from 'commander'
import { readDatabaseSetting } from '../../config/database-setting'
import { restoreDatabase, verifyBackup } from '../../store/backup/restore-backup'
import { DataDirLockedError } from '../../store/data-dir-lock'
import { openDatabase } from '../../store/database'
import { CommandError } from '../command-error'
import { type DatabaseOptions, withDatabaseOptions } from '../database-options'
import { elapsedSeconds, startTableProgress } from '../table-progress'

const HELP = `
Restores a file written by \`tessera backup\`, from either engine, into an empty database
or data directory: it checks the whole file first (a truncated or damaged file changes
nothing), rebuilds the schema the backup was taken at, loads every row in one transaction
(restored history sends no webhooks), then migrates forward to this version's schema.
It refuses a database that already holds data: drop it, or pick another directory, first.

To move from PGlite to PostgreSQL: stop the server, \`tessera backup --data DIR --out F\`,
then \`tessera restore --in F --database-url URL\`, and start the server on the URL.
`

async function restore(options: DatabaseOptions & { in: string }): Promise<void> {
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

/** `tessera restore --in FILE`: loads a backup into an empty database of either engine. */
export function registerRestoreCommand(program: Command): void {
  withDatabaseOptions(
    program
      .command('restore')
      .description('Restore a backup file into an empty database (see tessera backup)')
      .requiredOption('--in <file>', 'the backup file to read')
      .addHelpText('after', HELP),
  ).action(restore)
}
