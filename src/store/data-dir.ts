import { accessSync, constants, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** The engines that keep their data in a directory of Tessera's. */
export type EmbeddedEngine = 'postgres' | 'pglite'

/** The folder PostgreSQL's own files live in, inside a data directory. */
export const POSTGRES_SUBDIR = 'postgres'

/** A data directory Tessera cannot use, with a sentence saying what to do. */
export class DataDirError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DataDirError'
  }
}

/**
 * Entries that may sit in a folder before Tessera makes it a data directory: its own lock
 * and log, and what file systems and desktops put in any folder.
 */
const HARMLESS = new Set(['tessera.pid', 'postgres.log', 'lost+found', '.DS_Store'])

/** What a data directory holds: nothing yet, or one engine's files. */
export function detectEngine(dataDir: string): EmbeddedEngine | 'empty' | 'foreign' {
  if (!existsSync(dataDir)) {
    return 'empty'
  }
  if (existsSync(join(dataDir, POSTGRES_SUBDIR, 'PG_VERSION'))) {
    return 'postgres'
  }
  if (existsSync(join(dataDir, 'PG_VERSION'))) {
    return 'pglite'
  }
  const entries = readdirSync(dataDir).filter(
    (entry) => !HARMLESS.has(entry) && !entry.startsWith('tessera.pid.'),
  )
  // A half-made directory of ours: initdb runs into a side folder renamed when complete.
  const ours = entries.every((entry) => entry === POSTGRES_SUBDIR || entry.endsWith('.initdb'))
  return entries.length === 0 || ours ? 'empty' : 'foreign'
}

function describeAccessError(dataDir: string, error: unknown): DataDirError {
  const code = (error as NodeJS.ErrnoException).code
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'EROFS'
        ? 'the file system is read-only'
        : code === 'ENOTDIR'
          ? 'a file is in the way'
          : code === 'ENOENT'
            ? 'a folder above it cannot be created'
            : (code ?? String(error))
  return new DataDirError(
    `Cannot use ${dataDir} as the data directory (${reason}). ` +
      'Choose a folder you can write with --data DIR, or fix its permissions.',
  )
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdirSync never returns on some paths that
 * cannot be created (under /proc, it retries forever), where this fails at once.
 */
function makeDirectories(path: string): void {
  if (existsSync(path)) {
    return
  }
  const parent = dirname(path)
  if (parent !== path) {
    makeDirectories(parent)
  }
  mkdirSync(path)
}

/**
 * Checks the data directory before anything is written, and creates it: it must be new,
 * empty, or already one engine's, and writable. `requested` is the engine asked for
 * (undefined: whatever the directory holds, PostgreSQL for a new one).
 *
 * @returns the engine to open it with
 */
export function prepareDataDir(dataDir: string, requested?: EmbeddedEngine): EmbeddedEngine {
  let found: ReturnType<typeof detectEngine>
  try {
    found = detectEngine(dataDir)
  } catch (error) {
    throw describeAccessError(dataDir, error)
  }
  if (found === 'foreign') {
    throw new DataDirError(
      `${dataDir} holds other files and is not a Tessera data directory. ` +
        'Point --data at a new or empty folder, or at an existing Tessera data directory.',
    )
  }
  if (found !== 'empty' && requested && found !== requested) {
    throw new DataDirError(
      `${dataDir} holds a ${found === 'pglite' ? 'PGlite' : 'PostgreSQL'} database, not ${requested === 'pglite' ? 'PGlite' : 'PostgreSQL'}. ` +
        `Open it with --engine ${found}, or move it with tessera backup and tessera restore.`,
    )
  }
  try {
    makeDirectories(dataDir)
    accessSync(dataDir, constants.W_OK)
  } catch (error) {
    throw describeAccessError(dataDir, error)
  }
  return found === 'empty' ? (requested ?? 'postgres') : found
}
