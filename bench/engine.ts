import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type ServerProcess, startServer } from '../test/support/server-process'
import { createThrowawayDatabase } from '../test/support/throwaway-database'
import type { EngineTarget } from './direct-db'
import { keepBackendsPrioritised } from './priority'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const run = promisify(execFile)

/** A fresh, empty database for one engine, and how to throw it away. */
export interface PreparedEngine {
  target: EngineTarget
  dispose(): Promise<void>
}

/** A new PGlite data directory, or a new database `tessera_bench_<pid>_…` on the server. */
export async function prepareEngine(
  engine: EngineTarget['engine'],
  adminUrl: string,
  nice = 0,
): Promise<PreparedEngine> {
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-pglite-'))
    return {
      target: { engine, dataDir },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    }
  }
  const database = await createThrowawayDatabase(adminUrl, 'tessera_bench')
  const stopPrioritising = keepBackendsPrioritised(adminUrl, database.name, nice)
  return {
    target: { engine, databaseUrl: database.url },
    dispose: async () => {
      await stopPrioritising()
      await database.drop()
    },
  }
}

/** Environment that preloads cpu-profiler.mjs into the server when profiles are wanted. */
export function profilerEnv(dir: string | undefined): Record<string, string> {
  if (!dir) {
    return {}
  }
  return {
    NODE_OPTIONS: `--import ${join(ROOT, 'bench', 'cpu-profiler.mjs')}`,
    TESSERA_BENCH_CPU_PROF_DIR: resolve(dir),
  }
}

function locationArgs(target: EngineTarget): string[] {
  // A new data directory gets the embedded PostgreSQL unless PGlite is asked for by name.
  return target.engine === 'pglite'
    ? ['--data', target.dataDir, '--engine', 'pglite']
    : ['--database-url', target.databaseUrl]
}

/**
 * Issues an operator token with the CLI, as an operator would (this also migrates the
 * database and creates the organization). Runs before the server starts: PGlite allows
 * one process per data directory.
 */
export async function createToken(
  target: EngineTarget,
  role: 'operator' | 'admin' = 'operator',
): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'src/cli/main.ts'),
      'tokens',
      'create',
      '--name',
      'bench',
      '--role',
      role,
      '--org',
      'bench',
      ...locationArgs(target),
    ],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: undefined } },
  )
  const token = stdout.trim().split('\n').at(-1)?.trim()
  if (!token) {
    throw new Error(`tokens create printed no token:\n${stdout}`)
  }
  return token
}

/**
 * Starts `tessera serve` on the engine with a rate limit so high it never trips, so the
 * limiter's own cost stays in every request, as in production.
 */
export async function launchServer(
  target: EngineTarget,
  env: Record<string, string | undefined> = {},
  root?: string,
): Promise<ServerProcess> {
  const server = await startServer(
    [...locationArgs(target), '--rate-limit', '100000000'],
    env,
    root,
  )
  // startServer keeps every log line and re-scans all of it on each chunk; at thousands of
  // requests a second that would eat the load generator's CPU. Keep a short tail instead.
  let tail = ''
  for (const stream of [server.process.stdout, server.process.stderr]) {
    stream?.removeAllListeners('data')
    stream?.on('data', (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000)
    })
  }
  return { ...server, output: () => tail }
}

/**
 * Runs `work` against a freshly started server and always stops it; a failure carries the
 * end of the server's log, where the cause of a 500 is.
 */
export async function withServer<T>(
  target: EngineTarget,
  env: Record<string, string | undefined>,
  work: (server: ServerProcess) => Promise<T>,
): Promise<T> {
  const server = await launchServer(target, env)
  try {
    return await work(server)
  } catch (error) {
    throw new Error(`${(error as Error).message}\n\nserver log (end):\n${server.output()}`, {
      cause: error,
    })
  } finally {
    await server.stop()
  }
}
