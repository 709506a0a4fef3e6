import type { Command } from 'commander'
import { withDatabaseOptions } from '../database-options'

const HELP = `
Restores a file written by \`tessera backup\`, from either engine, into an empty database
or data directory: it checks the whole file first (a truncated or damaged file changes
nothing), rebuilds the schema the backup was taken at, loads every row in one transaction
(restored history sends no webhooks), then migrates forward to this version's schema.
It refuses a database that already holds data: drop it, or pick another directory, first.
Webhook secrets stay sealed in the file: give the keys they were sealed with (TESSERA_SECRET_KEY
or --secret-key-file); a restore refuses, changing nothing, when they do not open them.

To move from PGlite to PostgreSQL: stop the server, \`tessera backup --data DIR --out F\`,
then \`tessera restore --in F --database-url URL\`, and start the server on the URL.
`

/** `tessera restore --in FILE`: loads a backup into an empty database of either engine. */
export function registerRestoreCommand(program: Command): void {
  withDatabaseOptions(
    program
      .command('restore')
      .description('Restore a backup file into an empty database (see tessera backup)')
      .requiredOption('--in <file>', 'the backup file to read')
      .option(
        '--secret-key-file <path>',
        'the keys its secrets are sealed with (env TESSERA_SECRET_KEY_FILE, or TESSERA_SECRET_KEY)',
      )
      .addHelpText('after', HELP),
  ).action(async (flags) => (await import('../actions/restore')).restore(flags))
}
