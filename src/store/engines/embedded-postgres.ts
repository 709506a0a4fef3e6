import { chmodSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { POSTGRES_SUBDIR } from '../data-dir'
import { DataDirLockedError, lockDataDir } from '../data-dir-lock'
import type { Database, OpenDatabaseOptions } from '../database'
import { findPostgresBinaries, reachableBinaries } from '../embedded-postgres/binaries'
import {
  clusterAddress,
  type EngineLog,
  startCluster,
  waitUntilReady,
} from '../embedded-postgres/cluster'
import {
  canReach,
  choosePostgresAccount,
  UnreachableDataDirError,
} from '../embedded-postgres/os-user'
import { openPostgresServer } from './postgres-server'

/** How long a server waits for a CLI command that holds the data directory to finish. */
const OWNER_WAIT_MS = 15_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const SILENT: EngineLog = { info: () => {}, error: () => {} }

/** Takes the data directory's lock, waiting up to `waitMs` for a live holder to let go. */
async function lockWithin(dataDir: string, waitMs: number): Promise<() => void> {
  const deadline = Date.now() + waitMs
  for (;;) {
    try {
      return lockDataDir(dataDir)
    } catch (error) {
      if (!(error instanceof DataDirLockedError) || Date.now() >= deadline) {
        throw error
      }
      await sleep(100)
    }
  }
}

/**
 * The default engine: a real PostgreSQL from npm's binaries, in `dataDir`, reached through a
 * Unix socket there. Whoever takes the directory's lock starts PostgreSQL and stops it on
 * close. Without `exclusive` (CLI commands), a process that finds the directory held by a
 * running server connects to that server's PostgreSQL instead, so no command needs downtime.
 */
export async function openEmbeddedPostgres(
  dataDir: string,
  options: OpenDatabaseOptions,
): Promise<Database> {
  const binaries = await findPostgresBinaries()
  const address = clusterAddress(dataDir)
  const description = `postgres (embedded) ${dataDir}`
  let release: () => void
  try {
    release = options.exclusive ? await lockWithin(dataDir, OWNER_WAIT_MS) : lockDataDir(dataDir)
  } catch (error) {
    if (options.exclusive || !(error instanceof DataDirLockedError)) {
      throw error
    }
    // The holder may still be starting PostgreSQL.
    await waitUntilReady(address, OWNER_WAIT_MS).catch(() => {
      throw new Error(
        `The Tessera process ${error.pid} holds ${dataDir} but its PostgreSQL does not answer. Try again once it has started, or stop it.`,
      )
    })
    return openPostgresServer(address, description, options)
  }
  try {
    const account = choosePostgresAccount(options.postgresUser)
    if (account) {
      // The data directory is ours: PostgreSQL's account may pass through it (not list it).
      chmodSync(dataDir, statSync(dataDir).mode | 0o111)
      if (!canReach(join(dataDir, POSTGRES_SUBDIR), account)) {
        throw new UnreachableDataDirError(dataDir, account)
      }
    }
    const cluster = await startCluster({
      binaries: account ? reachableBinaries(binaries, account) : binaries,
      dataDir,
      account,
      log: options.log ?? SILENT,
    })
    return openPostgresServer(address, description, options, async () => {
      await cluster.stop()
      release()
    })
  } catch (error) {
    release()
    throw error
  }
}
