import { resolve } from 'node:path'
import { type Command, Option } from 'commander'
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

function engineFromEnv(): EmbeddedEngine | undefined {
  const value = process.env.TESSERA_ENGINE
  if (value === undefined || value === '') {
    return undefined
  }
  if (value !== 'postgres' && value !== 'pglite') {
    throw new Error(`TESSERA_ENGINE must be postgres or pglite, not ${value}.`)
  }
  return value
}

/**
 * Where the data lives: an explicit flag first, then the environment, then the embedded
 * PostgreSQL in ./data. Naming both a directory and a URL is refused rather than guessed.
 */
export function resolveDatabaseLocation(options: DatabaseOptions): DatabaseLocation {
  if (options.databaseUrl && (options.data || options.engine)) {
    throw new Error('Give either --data (and --engine) or --database-url, not both.')
  }
  if (options.databaseUrl) {
    return { databaseUrl: options.databaseUrl }
  }
  const engine = options.engine ?? engineFromEnv()
  if (options.data) {
    return { dataDir: resolve(options.data), engine }
  }
  if (process.env.DATABASE_URL && !engine) {
    return { databaseUrl: process.env.DATABASE_URL }
  }
  return { dataDir: resolve(process.env.TESSERA_DATA_DIR ?? 'data'), engine }
}
