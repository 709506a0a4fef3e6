import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type ServerProcess, startServer } from '../test/support/server-process'
import { createThrowawayDatabase } from '../test/support/throwaway-database'
import type { ImportEngine } from './import-options'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const run = promisify(execFile)

/** A fresh Tessera on one engine, with a token in each of two organizations. */
export interface ImportTarget {
  server: ServerProcess
  /** Where the tasks are imported. */
  destinationToken: string
  /** The organization standing in for Fragment. */
  sourceToken: string
  dispose(): Promise<void>
}

/** Runs the built CLI, as `npx tessera` does. */
export async function tessera(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [join(ROOT, 'bin', 'tessera.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: undefined, TESSERA_DATA_DIR: undefined },
    maxBuffer: 64 * 1024 * 1024,
  })
  return stdout
}

/**
 * Creates the engine's storage, a token per organization (before the server starts: a
 * PGlite directory takes one process), then starts `tessera serve` with a rate limit that
 * never trips.
 */
export async function startImportTarget(
  engine: ImportEngine,
  adminUrl: string,
): Promise<ImportTarget> {
  let location: string[]
  let cleanup: () => Promise<void>
  if (engine === 'postgres') {
    const database = await createThrowawayDatabase(adminUrl, 'tessera_bench_import')
    location = ['--database-url', database.url]
    cleanup = database.drop
  } else {
    const dir = mkdtempSync(join(tmpdir(), `bench-import-${engine}-`))
    location = engine === 'pglite' ? ['--data', dir, '--engine', 'pglite'] : ['--data', dir]
    cleanup = async () => rmSync(dir, { recursive: true, force: true })
  }
  const token = async (org: string) =>
    (
      await tessera([
        'tokens',
        'create',
        '--name',
        'bench',
        '--role',
        'admin',
        '--org',
        org,
        ...location,
      ])
    )
      .trim()
      .split('\n')
      .at(-1) ?? ''
  const destinationToken = await token('bench-destination')
  const sourceToken = await token('bench-source')
  const server = await startServer([...location, '--rate-limit', '100000000'])
  return {
    server,
    destinationToken,
    sourceToken,
    dispose: async () => {
      await server.stop()
      await cleanup()
    },
  }
}
