import { type Command, Option } from 'commander'
import { readDatabaseSetting } from '../config/database-setting'
import type { EmbeddedEngine } from '../store/data-dir'
import type { DatabaseLocation } from '../store/database'

/** The options every command that touches the database accepts. */
export interface DatabaseOptions {
  data?: string
  engine?: EmbeddedEngine
  databaseUrl?: string
}

/** Adds `--data`, `--engine` and `--database-url` to a command. */
export function withDatabaseOptions(command: Command): Command {
  return command
    .option('--data <dir>', 'data directory (env TESSERA_DATA_DIR; default ./data)')
    .addOption(
      new Option(
        '--engine <engine>',
        'engine for the data directory: postgres (PostgreSQL from npm, the default) or pglite (env TESSERA_ENGINE; an existing directory keeps its own)',
      ).choices(['postgres', 'pglite']),
    )
    .option(
      '--database-url <url>',
      'a PostgreSQL server instead of a data directory (env DATABASE_URL)',
    )
}

/**
 * Where the data lives, as the flags and the environment say (src/config owns the reading and
 * its precedence: a flag first, then the environment, then the data directory ./data).
 */
export function resolveDatabaseLocation(options: DatabaseOptions): DatabaseLocation {
  return readDatabaseSetting(options)
}
