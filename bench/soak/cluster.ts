import { execFile } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'
import { type ServerProcess, startServer } from '../../test/support/server-process'
import { createThrowawayDatabase } from '../../test/support/throwaway-database'
import { HttpClient } from '../http-client'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const run = promisify(execFile)

/** Players in the soak: enough to contend on the dispatch index, as a busy team would. */
export const OPERATORS = 8

/** A fresh database with one server on it, and the people using it. */
export interface SoakCluster {
  databaseUrl: string
  server: ServerProcess
  /** A direct pool for sampling statistics and holding the horizon; never for the load. */
  admin: pg.Pool
  /** The back-office system: creates, reads and edits tasks. */
  system: HttpClient
  operators: HttpClient[]
  /** Throws, with the end of the server's log, if the server has exited. */
  assertAlive(): void
  dispose(): Promise<void>
}

/** `tessera tokens create`, as an operator would run it; returns the raw token. */
async function issueToken(databaseUrl: string, args: string[]): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'tokens', 'create', '--org', 'soak'].concat(
      args,
      ['--database-url', databaseUrl],
    ),
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: undefined } },
  )
  const token = stdout.trim().split('\n').at(-1)?.trim()
  if (!token) {
    throw new Error(`tokens create printed no token:\n${stdout}`)
  }
  return token
}

/** Starts the server with a limit that never trips, keeping only the end of its log. */
async function launch(databaseUrl: string): Promise<ServerProcess> {
  const server = await startServer(['--database-url', databaseUrl, '--rate-limit', '100000000'])
  // startServer keeps and re-scans all output; at hundreds of requests a second for ten
  // minutes that would cost the load generator more than the server.
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
 * Creates a database `tessera_soak_<pid>_…` on the server at `adminUrl`, issues a super admin and the operators' tokens, starts Tessera on it and creates the
 * queue everybody plays.
 */
export async function startCluster(adminUrl: string): Promise<SoakCluster> {
  const { url: databaseUrl, drop: dispose } = await createThrowawayDatabase(
    adminUrl,
    'tessera_soak',
  )
  try {
    // The first one migrates and creates the organization; the others can then run together.
    const adminToken = await issueToken(databaseUrl, ['--name', 'soak', '--role', 'super_admin'])
    const operatorTokens = await Promise.all(
      Array.from({ length: OPERATORS }, (_, i) =>
        issueToken(databaseUrl, [
          '--name',
          `op${i}`,
          '--role',
          'operator',
          '--user',
          `op${i}@soak.test`,
        ]),
      ),
    )
    const server = await launch(databaseUrl)
    const client = (token: string) =>
      new HttpClient(server.url, { authorization: `Bearer ${token}` })
    const system = client(adminToken)
    await system.ok('POST', '/api/v1/queues', JSON.stringify({ name: 'Everything' }))
    const admin = new pg.Pool({ connectionString: databaseUrl, max: 2 })
    admin.on('error', () => {})
    const operators = operatorTokens.map(client)
    return {
      databaseUrl,
      server,
      admin,
      system,
      operators,
      assertAlive: () => {
        const { exitCode, signalCode } = server.process
        if (exitCode !== null || signalCode !== null) {
          throw new Error(`the server exited (${exitCode ?? signalCode}):\n${server.output()}`)
        }
      },
      dispose: async () => {
        for (const http of [system, ...operators]) {
          http.close()
        }
        await admin.end()
        await server.stop()
        await dispose()
      },
    }
  } catch (error) {
    await dispose()
    throw error
  }
}
