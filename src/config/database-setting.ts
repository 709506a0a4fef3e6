import { resolve } from 'node:path'
import { Type } from '@sinclair/typebox'
import { ConfigError, type Environment, oneOf, readSetting } from './setting'

/** The engines that keep their data in a data directory. */
export const DATA_DIR_ENGINES = ['postgres', 'pglite'] as const

/** Where the data lives, as the flags and the environment say. */
export type DatabaseSetting =
  | {
      dataDir: string
      /** Asked for with --engine or TESSERA_ENGINE; unset: whatever the directory holds. */
      engine?: (typeof DATA_DIR_ENGINES)[number]
    }
  | { databaseUrl: string }

/** The flags of a command that touches the database, as commander hands them over. */
export interface DatabaseFlags {
  data?: string
  databaseUrl?: string
  engine?: string
}

const DATA_DIR = {
  flag: '--data',
  env: 'TESSERA_DATA_DIR',
  schema: Type.String({ minLength: 1, description: 'the path of a folder' }),
}
const DATABASE_URL = {
  flag: '--database-url',
  env: 'DATABASE_URL',
  schema: Type.String({
    pattern: '^postgres(ql)?://',
    description: 'a PostgreSQL URL such as postgres://user:password@host:5432/tessera',
  }),
}
const ENGINE = {
  flag: '--engine',
  env: 'TESSERA_ENGINE',
  schema: oneOf(DATA_DIR_ENGINES),
  hint: 'postgres runs an embedded PostgreSQL server, pglite the WebAssembly one',
}

/**
 * Where the data lives: a flag first, then the environment, then the data directory ./data.
 * A flag beats any variable (`--data` wins over DATABASE_URL), and an engine asked for means
 * a data directory; naming both a directory and a URL on the command line is refused rather
 * than guessed.
 */
export function readDatabaseSetting(
  flags: DatabaseFlags,
  env: Environment = process.env,
): DatabaseSetting {
  if (flags.databaseUrl !== undefined && (flags.data !== undefined || flags.engine !== undefined)) {
    throw new ConfigError(
      'Give either --data (and --engine) or --database-url, not both: a data directory or a PostgreSQL server.',
    )
  }
  const engine = readSetting(ENGINE, flags.engine, flags.databaseUrl === undefined ? env : {})
  const wantsDataDir = flags.data !== undefined || engine !== undefined
  const databaseUrl = readSetting(DATABASE_URL, flags.databaseUrl, wantsDataDir ? {} : env)
  if (databaseUrl !== undefined) {
    return { databaseUrl }
  }
  const dataDir = resolve(readSetting(DATA_DIR, flags.data, env) ?? 'data')
  return engine ? { dataDir, engine } : { dataDir }
}
