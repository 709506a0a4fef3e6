import { execFile } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { findPostgresBinaries } from '../../src/store/embedded-postgres/binaries'
import { choosePostgresAccount } from '../../src/store/embedded-postgres/os-user'

const run = promisify(execFile)

/** A PostgreSQL server of a test's own, which it may stop and start at will. */
export interface PrivatePostgres {
  /** URL of its `postgres` database, as superuser `postgres` (trust authentication). */
  url: string
  start: () => Promise<void>
  /** `pg_ctl stop`: `immediate` is a crash, `fast` a clean shutdown that disconnects clients. */
  stop: (mode: 'immediate' | 'fast') => Promise<void>
  /** Stops it if it runs and deletes its files. */
  destroy: () => Promise<void>
}

/** The folder of the PostgreSQL programs npm installed with Tessera (initdb, pg_ctl, postgres). */
async function binDir(): Promise<string> {
  return dirname((await findPostgresBinaries()).postgres)
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (!address || typeof address === 'string') {
    throw new Error('no free port')
  }
  return address.port
}

/**
 * initdb and pg_ctl refuse to run as root: as root, run them as the account Tessera's own
 * embedded PostgreSQL uses, in a directory that account owns.
 */
async function ownedRunner(dir: string): Promise<(tool: string, args: string[]) => Promise<void>> {
  const bin = await binDir()
  const account = choosePostgresAccount(undefined)
  if (account) {
    chownSync(dir, account.uid, account.gid)
  }
  return async (tool, args) => {
    await run(join(bin, tool), args, account ? { uid: account.uid, gid: account.gid } : {})
  }
}

/**
 * Creates and starts a throwaway PostgreSQL cluster on a free port of 127.0.0.1, so that a
 * test can take it down without touching the server other tests share. Takes about a second.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-pg-'))
  const data = join(dir, 'data')
  const runAs = await ownedRunner(dir)
  const port = await freePort()
  // No fsync: the cluster lives for one test and is deleted with it.
  await runAs('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'])
  let running = false
  const pgCtl = (...args: string[]) => runAs('pg_ctl', ['-D', data, '-w', '-t', '120', ...args])
  const start = async () => {
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`
    await pgCtl('-o', options, '-l', join(dir, 'server.log'), 'start')
    running = true
  }
  const stop = async (mode: 'immediate' | 'fast') => {
    await pgCtl('-m', mode, 'stop')
    running = false
  }
  await start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: async () => {
      if (running) {
        await stop('immediate').catch(() => {})
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
