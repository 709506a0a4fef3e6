import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { backupDatabase } from '../../store/backup/write-backup'
import { DataDirLockedError } from '../../store/data-dir-lock'
import { openDatabase } from '../../store/database'
import {
  type DatabaseOptions,
  resolveDatabaseLocation,
  withDatabaseOptions,
} from '../database-options'
import { elapsedSeconds, startTableProgress } from '../table-progress'

const HELP = `
Writes every table (tasks, comments, history, queues, users, tokens, webhooks and their
delivery log, sessions, settings) to one gzip'd file, from one consistent snapshot. Rate-limit
counters and live-update registrations (UNLOGGED tables) are left out. The file restores into
either engine with \`tessera restore\`.

PostgreSQL: runs online, while servers keep serving.
PGlite: stop the server first (a data directory belongs to one process at a time).
`

async function backup(options: DatabaseOptions & { out: string }): Promise<void> {
  const startedAt = performance.now()
  const location = resolveDatabaseLocation(options)
  // Opening a directory that holds no database would create an empty one there.
  if ('dataDir' in location && !existsSync(join(location.dataDir, 'PG_VERSION'))) {
    throw new Error(`There is no PGlite database in ${location.dataDir}.`)
  }
  const db = await openDatabase(location, { poolSize: 1 }).catch((error: unknown) => {
    if (error instanceof DataDirLockedError) {
      throw new Error(`PGlite backups need the server stopped: ${error.message}`)
    }
    throw error
  })
  const out = resolve(options.out)
  try {
    const summary = await backupDatabase(db, out, startTableProgress('backup'))
    console.log(
      `Backed up ${summary.rows.toLocaleString('en-US')} rows of ${summary.tables} tables (schema ${summary.schemaVersion}) from ${db.description} to ${out} (${(summary.bytes / 1024).toFixed(1)} KiB) in ${elapsedSeconds(startedAt)}.`,
    )
  } finally {
    await db.close()
  }
}

/** `tessera backup --out FILE`: a logical backup of either engine. */
export function registerBackupCommand(program: Command): void {
  withDatabaseOptions(
    program
      .command('backup')
      .description('Write a backup of the whole database to a file (see tessera restore)')
      .requiredOption('--out <file>', 'the backup file to write (gzip; replaced if it exists)')
      .addHelpText('after', HELP),
  ).action(backup)
}
