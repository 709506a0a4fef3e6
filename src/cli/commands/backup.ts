import { resolve } from 'node:path'
import type { Command } from 'commander'
import { readDatabaseSetting } from '../../config/database-setting'
import { withCommandOperations } from '../command-database'
import { type DatabaseOptions, withDatabaseOptions } from '../database-options'
import { elapsedSeconds, startTableProgress } from '../table-progress'

const HELP = `
Writes every table (tasks, comments, history, queues, users, tokens, webhooks and their
delivery log, sessions, settings) to one gzip'd file, from one consistent snapshot. Rate-limit
counters and live-update registrations (UNLOGGED tables) are left out. The file restores into
either engine with \`tessera restore\`.

It runs online, while the server keeps serving: on a PostgreSQL server or the embedded one
directly, and on PGlite by asking the server that holds the data directory to write it.
`

async function backup(flags: DatabaseOptions & { out: string }): Promise<void> {
  const startedAt = performance.now()
  const out = resolve(flags.out)
  const summary = await withCommandOperations(
    readDatabaseSetting(flags),
    (ops) => ops.backup({ out }),
    // A backup reads one snapshot and changes nothing, not even the schema's version.
    { migrate: false, backupProgress: startTableProgress('backup') },
  )
  console.log(
    `Backed up ${summary.rows.toLocaleString('en-US')} rows of ${summary.tables} tables (schema ${summary.schemaVersion}) from ${summary.database} to ${out} (${(summary.bytes / 1024).toFixed(1)} KiB) in ${elapsedSeconds(startedAt)}.`,
  )
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
