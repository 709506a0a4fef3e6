import { resolve } from 'node:path'
import type { Command } from 'commander'
import type { DatabaseLocation } from '../store/database'

/** The options every command that touches the database accepts. */
export interface DatabaseOptions {
  data?: string
  databaseUrl?: string
}

/** Adds `--data` and `--database-url` to a command. */
export function withDatabaseOptions(command: Command): Command {
  return command
    .option('--data <dir>', 'PGlite data directory (env TESSERA_DATA_DIR; default ./data)')
    .option('--database-url <url>', 'PostgreSQL URL instead of PGlite (env DATABASE_URL)')
}

/**
 * Where the data lives: an explicit flag first, then the environment, then PGlite in
 * ./data. Naming both a directory and a URL is refused rather than guessed.
 */
export function resolveDatabaseLocation(options: DatabaseOptions): DatabaseLocation {
  if (options.data && options.databaseUrl) {
    throw new Error('Give either --data or --database-url, not both.')
  }
  if (options.databaseUrl) {
    return { databaseUrl: options.databaseUrl }
  }
  if (options.data) {
    return { dataDir: resolve(options.data) }
  }
  if (process.env.DATABASE_URL) {
    return { databaseUrl: process.env.DATABASE_URL }
  }
  return { dataDir: resolve(process.env.TESSERA_DATA_DIR ?? 'data') }
}
