import { execFileSync } from 'node:child_process'
import { chownSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** The OS account PostgreSQL runs as: its ids, or null for "the same as this process". */
export interface PostgresAccount {
  name: string
  uid: number
  gid: number
}

/** The account Tessera creates for PostgreSQL when started as root and told nothing else. */
export const DEFAULT_POSTGRES_ACCOUNT = 'tessera'

/** Thrown when Tessera runs as root and no unprivileged account can run PostgreSQL. */
export class RootWithoutAccountError extends Error {
  constructor(name: string, reason: string) {
    super(
      `PostgreSQL refuses to run as root, and Tessera cannot run it as the user "${name}" (${reason}). ` +
        'Run Tessera as an ordinary user, create that user (useradd --system tessera), ' +
        'or name another existing one in TESSERA_POSTGRES_USER.',
    )
    this.name = 'RootWithoutAccountError'
  }
}

function lookUp(name: string): PostgresAccount | null {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { stdio: ['ignore', 'pipe', 'ignore'] }))
    const gid = Number(execFileSync('id', ['-g', name], { stdio: ['ignore', 'pipe', 'ignore'] }))
    return { name, uid, gid }
  } catch {
    return null
  }
}

/**
 * Who runs PostgreSQL. An ordinary user runs it as themself. Root cannot (PostgreSQL refuses),
 * so root runs it as `requested` (TESSERA_POSTGRES_USER), which must exist, or else as the
 * system account `tessera`, created on first use: a dedicated account with no shell and no
 * home, the way distributions run their own PostgreSQL as `postgres`.
 */
export function choosePostgresAccount(requested: string | undefined): PostgresAccount | null {
  if (process.getuid?.() !== 0) {
    return null
  }
  const name = requested ?? DEFAULT_POSTGRES_ACCOUNT
  const existing = lookUp(name)
  if (existing) {
    if (existing.uid === 0) {
      throw new RootWithoutAccountError(name, 'it is root too')
    }
    return existing
  }
  if (requested) {
    throw new RootWithoutAccountError(name, 'no such user')
  }
  try {
    execFileSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim()
    throw new RootWithoutAccountError(name, stderr || 'useradd failed')
  }
  const created = lookUp(name)
  if (!created) {
    throw new RootWithoutAccountError(name, 'it could not be found after useradd')
  }
  return created
}

/**
 * Hands a directory tree to `account` (root only). A tree whose top already belongs to it is
 * taken as handed over before: walking thousands of files would slow every start.
 */
export function chownTree(path: string, account: PostgresAccount): void {
  const stat = statSync(path)
  if (stat.uid === account.uid && stat.gid === account.gid) {
    return
  }
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) {
      chownTree(join(path, entry), account)
    }
  }
  // The top last: an interrupted walk is then resumed by the next start.
  chownSync(path, account.uid, account.gid)
}

/** Whether `account` may pass through every folder above `path` (mode bits; ACLs aside). */
export function canReach(path: string, account: PostgresAccount): boolean {
  let current = path
  for (;;) {
    const parent = dirname(current)
    if (parent === current) {
      return true
    }
    current = parent
    const { mode, uid, gid } = statSync(current)
    const bit = uid === account.uid ? 0o100 : gid === account.gid ? 0o010 : 0o001
    if ((mode & bit) === 0) {
      return false
    }
  }
}

/** Thrown when root's PostgreSQL account cannot reach the data directory. */
export class UnreachableDataDirError extends Error {
  constructor(dataDir: string, account: PostgresAccount) {
    super(
      `PostgreSQL runs as the user "${account.name}" because Tessera was started as root, and that user cannot reach ${dataDir} (a folder above it is closed to other users). ` +
        'Put the data directory where other users may pass (for example --data /var/lib/tessera), run Tessera as an ordinary user, or use --engine pglite.',
    )
    this.name = 'UnreachableDataDirError'
  }
}
