import type { Command } from 'commander'
import { withDatabaseOptions } from '../database-options'

const HELP = `
Writes every table (tasks, comments, history, queues, users, tokens, webhooks and their
delivery log, sessions, settings) to one gzip'd file, from one consistent snapshot. Rate-limit
counters and live-update registrations (UNLOGGED tables) are left out. The file restores into
either engine with \`tessera restore\`.

It runs online, while the server keeps serving: on a PostgreSQL server or the embedded one
directly, and on PGlite by asking the server that holds the data directory to write it.
`

/** `tessera backup --out FILE`: a logical backup of either engine. */
export function registerBackupCommand(program: Command): void {
  withDatabaseOptions(
    program
      .command('backup')
      .description('Write a backup of the whole database to a file (see tessera restore)')
      .requiredOption('--out <file>', 'the backup file to write (gzip; replaced if it exists)')
      .addHelpText('after', HELP),
  ).action(async (flags) => (await import('../actions/backup')).backup(flags))
}
