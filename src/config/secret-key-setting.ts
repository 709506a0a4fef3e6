import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Type } from '@sinclair/typebox'
import { type KeyRing, KeyRingError, parseKeyRing } from '../core/secrets'
import type { DatabaseSetting } from './database-setting'
import { ConfigError, type Environment, readSetting } from './setting'

/** The key file an install with a data directory makes for itself when given no key. */
export const DATA_DIR_KEY_FILE = 'secret.key'

/** How to make a key, said wherever one is missing. */
export const MAKE_A_KEY =
  'make one with `tessera keys generate` and give it to every server of the database as TESSERA_SECRET_KEY, or in a file named by --secret-key-file (TESSERA_SECRET_KEY_FILE)'

/** Where the key ring secrets at rest are sealed with comes from. */
export type SecretKeySetting =
  /** TESSERA_SECRET_KEY, or a key file named by --secret-key-file: read and checked. */
  | { kind: 'given'; ring: KeyRing; source: string }
  /** None given, a data directory: its own key file, made on first start when missing. */
  | { kind: 'data-dir'; file: string }
  /** None given, a PostgreSQL server: a key in that same database would protect nothing. */
  | { kind: 'none' }

/** The flag of a command that seals or opens secrets, as commander hands it over. */
export interface SecretKeyFlags {
  secretKeyFile?: string
}

const SECRET_KEY = {
  env: 'TESSERA_SECRET_KEY',
  schema: Type.String({ minLength: 1 }),
}
const SECRET_KEY_FILE = {
  flag: '--secret-key-file',
  env: 'TESSERA_SECRET_KEY_FILE',
  schema: Type.String({ minLength: 1, description: 'the path of a file' }),
}

/** Keys as written in `text`; a bad one stops everything naming where it came from, never the key. */
function parseKeys(text: string, source: string): KeyRing {
  try {
    return parseKeyRing(text)
  } catch (error) {
    if (error instanceof KeyRingError) {
      throw new ConfigError(`${source}: ${error.message}`)
    }
    throw error
  }
}

/** Reads and checks a key file (one key a line or comma-separated, `#` comments). */
export function readKeyFile(path: string): KeyRing {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new ConfigError(
      `The secret key file ${path} cannot be read (${code === 'ENOENT' ? 'it does not exist' : (code ?? String(error))}): check the path given with --secret-key-file or TESSERA_SECRET_KEY_FILE.`,
    )
  }
  return parseKeys(text, `The secret key file ${path}`)
}

/**
 * The keys secrets at rest are sealed with: TESSERA_SECRET_KEY or a key file (a flag beats
 * the variables; giving both variables is refused rather than guessed), else the data
 * directory's own key file, else none.
 */
export function readSecretKeySetting(
  flags: SecretKeyFlags,
  database: DatabaseSetting,
  env: Environment = process.env,
): SecretKeySetting {
  const file = readSetting(SECRET_KEY_FILE, flags.secretKeyFile, env)
  const inline =
    flags.secretKeyFile === undefined ? readSetting(SECRET_KEY, undefined, env) : undefined
  if (file !== undefined && inline !== undefined) {
    throw new ConfigError(
      'Give either TESSERA_SECRET_KEY or TESSERA_SECRET_KEY_FILE, not both: one key ring.',
    )
  }
  if (inline !== undefined) {
    return {
      kind: 'given',
      ring: parseKeys(inline, 'TESSERA_SECRET_KEY'),
      source: 'TESSERA_SECRET_KEY',
    }
  }
  if (file !== undefined) {
    const path = resolve(file)
    return { kind: 'given', ring: readKeyFile(path), source: path }
  }
  return 'dataDir' in database
    ? { kind: 'data-dir', file: join(database.dataDir, DATA_DIR_KEY_FILE) }
    : { kind: 'none' }
}

/**
 * The same, for a command that cannot run without a key (`serve`, `keys rotate`): on a
 * PostgreSQL server with no key given, it stops before anything is opened.
 */
export function readRequiredSecretKeySetting(
  flags: SecretKeyFlags,
  database: DatabaseSetting,
  env: Environment = process.env,
): Exclude<SecretKeySetting, { kind: 'none' }> {
  const setting = readSecretKeySetting(flags, database, env)
  if (setting.kind === 'none') {
    throw new ConfigError(
      `A server on --database-url needs a secret key to seal webhook secrets with (a key kept in the database itself would protect nothing): ${MAKE_A_KEY}.`,
    )
  }
  return setting
}
