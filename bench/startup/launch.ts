import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TEST_SECRET_KEY } from '../../test/support/secret-key'
import { treeUsage } from './processes'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** What `npx tessera` and `npm start` run. */
export const BIN = join(ROOT, 'bin', 'tessera.js')

/** GNU time, when installed, reports a command's CPU time including all its children. */
const GNU_TIME = '/usr/bin/time'

/** The environment of every command: nothing inherited may pick the database for it. */
const ENV = {
  ...process.env,
  DATABASE_URL: undefined,
  TESSERA_DATA_DIR: undefined,
  TESSERA_ENGINE: undefined,
  TESSERA_DEV: undefined,
  // A server on --database-url refuses to start without a key; the data directories make theirs.
  TESSERA_SECRET_KEY: TEST_SECRET_KEY,
}

/** One timed run of a command to its exit. */
export interface CommandRun {
  seconds: number
  /** User + system CPU of the command and its children; NaN without GNU time. */
  cpuSeconds: number
}

/** Runs `command args` to its exit and times it; throws, with its output, if it fails. */
export async function timeCommand(command: string, args: string[]): Promise<CommandRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'tessera-bench-time-'))
  const cpuFile = join(scratch, 'cpu')
  const wrapped = existsSync(GNU_TIME)
    ? [GNU_TIME, ['-f', '%U %S', '-o', cpuFile, command, ...args]]
    : [command, args]
  const started = performance.now()
  const child = spawn(wrapped[0] as string, wrapped[1] as string[], {
    cwd: ROOT,
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = collectOutput(child)
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  const seconds = (performance.now() - started) / 1000
  try {
    if (code !== 0) {
      throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output()}`)
    }
    const cpu = existsSync(cpuFile)
      ? readFileSync(cpuFile, 'utf8')
          .trim()
          .split(/\s+/)
          .map(Number)
          .reduce((a, b) => a + b, 0)
      : Number.NaN
    return { seconds, cpuSeconds: cpu }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** Keeps the last few kilobytes a process printed, for the error when it fails. */
function collectOutput(child: ChildProcess): () => string {
  let tail = ''
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return () => tail
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') {
    throw new Error('could not find a free port')
  }
  return address.port
}

/** A `tessera serve` started by the benchmark. */
export interface RunningServer {
  pid: number
  /** Seconds from spawning the process to its first 200 on /health. */
  secondsToHealth: number
  /** CPU seconds it and the processes it started had used by then. */
  cpuSecondsToHealth: number
  /** SIGTERM, then SIGKILL after 60 s; resolves once it has exited. */
  stop(): Promise<void>
}

/** How long a start may take before the run gives up on it. */
const START_TIMEOUT_MS = 180_000

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) })
    await response.arrayBuffer()
    return response.ok
  } catch {
    return false
  }
}

/** Starts `tessera serve <args>` and waits for `/health` to answer 200. */
export async function startServer(args: string[]): Promise<RunningServer> {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), ...args], {
    cwd: ROOT,
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = collectOutput(child)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), 60_000)
      await exited
      clearTimeout(killer)
    }
  }
  const url = `http://127.0.0.1:${port}/health`
  while (!(await healthy(url))) {
    if (child.exitCode !== null || performance.now() - started > START_TIMEOUT_MS) {
      await stop()
      throw new Error(`tessera serve ${args.join(' ')} never answered /health:\n${output()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const secondsToHealth = (performance.now() - started) / 1000
  if (child.pid === undefined) {
    throw new Error('the server has no process id')
  }
  const { cpuSeconds } = treeUsage(child.pid)
  return {
    pid: child.pid,
    secondsToHealth,
    cpuSecondsToHealth: cpuSeconds.own + cpuSeconds.children,
    stop,
  }
}

/** A new, empty temporary directory; the caller removes it. */
export function temporaryDirectory(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tessera-bench-${prefix}-`))
  // mkdtemp makes it 0700: run as root, Tessera hands the data directory to an unprivileged
  // user for PostgreSQL, which must be able to reach it.
  chmodSync(dir, 0o755)
  return dir
}
