import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { POSTGRES_SUBDIR } from '../data-dir'
import { isAlive } from '../data-dir-lock'
import type { PostgresBinaries } from './binaries'
import { chownTree, type PostgresAccount } from './os-user'

/** What the embedded cluster tells whoever runs it: starts, crashes, restarts. */
export interface EngineLog {
  info(message: string): void
  error(message: string): void
}

/** How a client reaches the embedded cluster: a Unix socket, never a TCP port. */
export interface ClusterAddress {
  host: string
  port: number
  user: string
  database: string
}

const SUPERUSER = 'tessera'
const DATABASE = 'tessera'
/** Only names the socket file (`.s.PGSQL.5432`): nothing listens on TCP. */
const PORT = 5432
/** Linux's limit for a socket path is 108 bytes with the terminating zero. */
const MAX_SOCKET_PATH = 100

/**
 * PostgreSQL's whole environment: none of Tessera's (which may hold secrets such as a
 * DATABASE_URL), a locale every system has, and UTC.
 */
const POSTGRES_ENV = { PATH: '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** PostgreSQL's own directory inside a data directory. */
export function pgDataOf(dataDir: string): string {
  return join(dataDir, POSTGRES_SUBDIR)
}

/**
 * Where the socket lives: beside the data, unless that path is too long for a socket, then
 * in a folder of the temporary directory named after the data directory, so that every
 * process finds it without being told.
 */
export function socketDirOf(dataDir: string): string {
  const inside = pgDataOf(dataDir)
  if (join(inside, `.s.PGSQL.${PORT}`).length <= MAX_SOCKET_PATH) {
    return inside
  }
  const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 16)
  return join(tmpdir(), `tessera-${hash}`)
}

/** The connection settings of the cluster in `dataDir`. */
export function clusterAddress(dataDir: string): ClusterAddress {
  return { host: socketDirOf(dataDir), port: PORT, user: SUPERUSER, database: DATABASE }
}

/** The last lines PostgreSQL wrote to its log, to explain a failure. */
function logTail(logFile: string): string {
  try {
    const size = statSync(logFile).size
    const length = Math.min(size, 2000)
    const buffer = Buffer.alloc(length)
    const fd = openSync(logFile, 'r')
    try {
      readSync(fd, buffer, 0, length, size - length)
    } finally {
      closeSync(fd)
    }
    return buffer.toString('utf8').trim()
  } catch {
    return ''
  }
}

function runAsOptions(account: PostgresAccount | null): { uid?: number; gid?: number } {
  return account ? { uid: account.uid, gid: account.gid } : {}
}

/**
 * Creates the cluster if the data directory has none. initdb writes into a side folder that
 * is renamed into place only when complete, so a crash during the first start never leaves a
 * half-made cluster that would be taken for a real one.
 */
export async function initCluster(
  binaries: PostgresBinaries,
  dataDir: string,
  account: PostgresAccount | null,
  logFile: string,
): Promise<boolean> {
  const pgData = pgDataOf(dataDir)
  if (existsSync(join(pgData, 'PG_VERSION'))) {
    return false
  }
  const staging = `${pgData}.initdb`
  rmSync(staging, { recursive: true, force: true })
  rmSync(pgData, { recursive: true, force: true })
  mkdirSync(staging, { mode: 0o700 })
  if (account) {
    chownTree(staging, account)
  }
  const args = [
    '-D',
    staging,
    '-U',
    SUPERUSER,
    '--auth=trust',
    '--encoding=UTF8',
    // The C locale sorts and compares as PGlite does, and exists on every system.
    '--no-locale',
    // Checksums let amcheck and PostgreSQL itself find pages damaged on disk.
    '--data-checksums',
    '--no-instructions',
  ]
  const log = openSync(logFile, 'a')
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(binaries.initdb, args, {
        stdio: ['ignore', log, log],
        env: POSTGRES_ENV,
        ...runAsOptions(account),
      })
      child.once('error', reject)
      child.once('exit', resolve)
    })
    if (code !== 0) {
      throw new Error(`initdb failed (exit ${code}):\n${logTail(logFile)}`)
    }
  } finally {
    closeSync(log)
  }
  renameSync(staging, pgData)
  return true
}

function processCommand(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
  } catch {
    return null
  }
}

/** The postmaster's pid from its lock file, if one is there and alive. */
function runningPostmaster(pgData: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(join(pgData, 'postmaster.pid'), 'utf8'), 10)
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null
  } catch {
    return null
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      return true
    }
    await sleep(50)
  }
  return !isAlive(pid)
}

/**
 * Ends a PostgreSQL left behind by a Tessera process that died. Its watchdog normally asks it
 * to stop the moment Tessera dies, so usually this only waits for that shutdown to finish;
 * it signals the process itself only if it is still running later, and only if it is really
 * a postgres (after a reboot the pid may belong to anything).
 */
async function endOrphan(pgData: string, log: EngineLog): Promise<void> {
  const pid = runningPostmaster(pgData)
  if (pid === null) {
    return
  }
  if (await waitForExit(pid, 5000)) {
    return
  }
  const command = processCommand(pid)
  if (command !== null && !command.includes('postgres')) {
    return
  }
  log.info(`stopping PostgreSQL left running by an earlier process (pid ${pid})`)
  process.kill(pid, 'SIGINT')
  if (await waitForExit(pid, 20_000)) {
    return
  }
  // Immediate shutdown: the next start recovers from the write-ahead log.
  process.kill(pid, 'SIGQUIT')
  await waitForExit(pid, 10_000)
}

/**
 * Runs postgres under a shell that stops it (fast shutdown) as soon as the pipe from this
 * process closes: when Tessera exits in any way, kill -9 included, PostgreSQL follows it
 * instead of running on without an owner. The shell exits with postgres, so its exit is
 * postgres's exit.
 */
const WATCHDOG = [
  'exec 3<&0',
  '"$0" "$@" </dev/null &',
  'pg=$!',
  '( read _ <&3; kill -INT $pg 2>/dev/null ) &',
  'guard=$!',
  'wait $pg',
  'status=$?',
  'kill $guard 2>/dev/null',
  'exit $status',
].join('\n')

function postgresArgs(pgData: string, socketDir: string): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '',
    unix_socket_directories: socketDir,
    unix_socket_permissions: '0700',
    // Durable: a commit is on disk before Tessera answers (PostgreSQL's defaults, stated).
    fsync: 'on',
    synchronous_commit: 'on',
    full_page_writes: 'on',
    TimeZone: 'UTC',
    logging_collector: 'off',
  }
  return [
    '-D',
    pgData,
    '-p',
    String(PORT),
    ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ]
}

async function tryConnect(address: ClusterAddress, database: string): Promise<pg.Client | null> {
  const client = new pg.Client({ ...address, database, connectionTimeoutMillis: 2000 })
  client.on('error', () => {})
  try {
    await client.connect()
    return client
  } catch {
    await client.end().catch(() => {})
    return null
  }
}

/** Waits until the cluster accepts connections, or fails if `child` exits first. */
export async function waitUntilReady(
  address: ClusterAddress,
  timeoutMs: number,
  exited?: Promise<unknown>,
): Promise<void> {
  let gone = false
  void exited?.then(() => {
    gone = true
  })
  const deadline = Date.now() + timeoutMs
  while (!gone && Date.now() < deadline) {
    const client = await tryConnect(address, 'postgres')
    if (client) {
      await client.end()
      return
    }
    await sleep(50)
  }
  throw new Error(gone ? 'PostgreSQL exited while starting' : 'PostgreSQL did not start in time')
}

/** How long a cluster that answered once may take to answer again, as on a loaded machine. */
const ANSWER_AGAIN_MS = 30_000

async function ensureDatabase(address: ClusterAddress): Promise<void> {
  // One connection timing out (2 s each) on a machine busy with other work is not a cluster
  // that stopped: try again for a while before calling it gone.
  const deadline = Date.now() + ANSWER_AGAIN_MS
  let client = await tryConnect(address, 'postgres')
  while (!client && Date.now() < deadline) {
    await sleep(100)
    client = await tryConnect(address, 'postgres')
  }
  if (!client) {
    throw new Error('PostgreSQL stopped answering')
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE])
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${DATABASE}`)
    }
  } finally {
    await client.end()
  }
}

/** Options for {@link startCluster}. */
export interface StartClusterOptions {
  binaries: PostgresBinaries
  dataDir: string
  account: PostgresAccount | null
  log: EngineLog
}

/** A PostgreSQL this process started and supervises. */
export interface RunningCluster {
  address: ClusterAddress
  /** Fast shutdown, waiting for PostgreSQL to finish (it checkpoints first). */
  stop(): Promise<void>
}

/**
 * Starts the cluster in `dataDir` (creating it first if needed) and keeps it running: if
 * PostgreSQL dies under us (killed, out of memory), it is started again, and recovers from its
 * write-ahead log, while requests meanwhile get 503s. Call once per process holding the data
 * directory's lock.
 */
export async function startCluster(options: StartClusterOptions): Promise<RunningCluster> {
  const { binaries, dataDir, account, log } = options
  const pgData = pgDataOf(dataDir)
  const logFile = join(dataDir, 'postgres.log')
  const address = clusterAddress(dataDir)
  if (await initCluster(binaries, dataDir, account, logFile)) {
    log.info(`created a PostgreSQL cluster in ${pgData}`)
  }
  if (account) {
    chownTree(pgData, account)
  }
  if (address.host !== pgData) {
    mkdirSync(address.host, { recursive: true, mode: 0o700 })
    if (account) {
      chownTree(address.host, account)
    }
  }
  await endOrphan(pgData, log)

  let child: ChildProcess | null = null
  let stopping = false
  // One restart loop at a time: a launch that fails within it exits too, and must not start
  // a second loop beside the first.
  let restarting = false
  const launch = (): Promise<void> => {
    const out = openSync(logFile, 'a')
    const started = spawn(
      '/bin/sh',
      ['-c', WATCHDOG, binaries.postgres, ...postgresArgs(pgData, address.host)],
      {
        stdio: ['pipe', out, out],
        // Its own process group: a Ctrl-C in the terminal reaches Tessera, which then stops
        // PostgreSQL in order, after its last queries, instead of both at once.
        detached: true,
        env: POSTGRES_ENV,
        ...runAsOptions(account),
      },
    )
    closeSync(out)
    child = started
    const exited = new Promise<void>((resolve) => started.once('exit', () => resolve()))
    started.once('exit', (code, signal) => {
      if (stopping || restarting || child !== started) {
        return
      }
      log.error(`PostgreSQL exited (${signal ?? `code ${code}`}); starting it again`)
      void restart()
    })
    return waitUntilReady(address, 120_000, exited).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}:\n${logTail(logFile)}`)
    })
  }
  const restart = async (): Promise<void> => {
    restarting = true
    try {
      for (let attempt = 1; !stopping; attempt++) {
        await sleep(Math.min(1000 * attempt, 5000))
        if (stopping) {
          return
        }
        try {
          await launch()
          log.info('PostgreSQL is running again')
          return
        } catch (error) {
          log.error(
            `PostgreSQL did not start again (attempt ${attempt}): ${(error as Error).message}`,
          )
        }
      }
    } finally {
      restarting = false
    }
  }

  try {
    await launch()
    await ensureDatabase(address)
  } catch (error) {
    stopping = true
    const failed = child as ChildProcess | null
    failed?.stdin?.end()
    throw error
  }
  return {
    address,
    async stop() {
      stopping = true
      const running = child as ChildProcess | null
      if (!running || running.exitCode !== null || running.signalCode !== null) {
        return
      }
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()))
      running.stdin?.end()
      const timer = setTimeout(() => running.pid && process.kill(-running.pid, 'SIGQUIT'), 30_000)
      await exited
      clearTimeout(timer)
    },
  }
}
