import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient } from '../support/api-client'
import { runCli } from '../support/cli'
import { embeddedDatabaseUrl } from '../support/embedded-url'
import { queryDatabase } from '../support/pg-query'
import { type ServerProcess, startServer } from '../support/server-process'
import { makeTempDir } from '../support/temp-dir'
import { waitFor } from '../support/wait-for'

/** The pid PostgreSQL recorded in its lock file, or null when it is not running. */
function postmasterPid(dataDir: string): number | null {
  const file = join(dataDir, 'postgres', 'postmaster.pid')
  if (!existsSync(file)) {
    return null
  }
  const pid = Number.parseInt(readFileSync(file, 'utf8'), 10)
  try {
    process.kill(pid, 0)
    return pid
  } catch {
    return null
  }
}

/** The OS user a process runs as. */
function userOf(pid: number): string {
  return execFileSync('ps', ['-o', 'user=', '-p', String(pid)])
    .toString()
    .trim()
}

/** The last line a CLI run printed on its error output. */
function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? ''
}

describe('the embedded PostgreSQL (the default engine)', () => {
  let workDir: string
  let dataDir: string
  let server: ServerProcess | undefined
  let token: string

  beforeAll(async () => {
    workDir = makeTempDir('tessera-embedded-')
    dataDir = join(workDir, 'data')
    const created = await runCli([
      'tokens',
      'create',
      '--name',
      'ops',
      '--role',
      'super_admin',
      '--org',
      'acme',
      '--data',
      dataDir,
    ])
    expect(created.code, created.stderr).toBe(0)
    token = lastLine(created.stdout)
    server = await startServer(['--data', dataDir])
  })

  afterAll(async () => {
    await server?.stop({ kill: true })
    // The data directory's PostgreSQL follows its server out; wait before deleting its files.
    await waitFor(
      'PostgreSQL to stop',
      async () => (postmasterPid(dataDir) === null ? true : undefined),
      20_000,
    )
    rmSync(workDir, { recursive: true, force: true })
  })

  it('runs durably from the data directory, on a socket only, never as root', async () => {
    const pid = postmasterPid(dataDir)
    expect(pid).not.toBeNull()
    const expectedUser =
      process.getuid?.() === 0 ? 'tessera' : execFileSync('id', ['-un']).toString().trim()
    expect(userOf(pid as number)).toBe(expectedUser)
    const [settings] = await queryDatabase<Record<string, string>>(
      embeddedDatabaseUrl(dataDir),
      `SELECT current_setting('listen_addresses') AS listen,
              current_setting('fsync') AS fsync,
              current_setting('synchronous_commit') AS synchronous_commit,
              current_setting('full_page_writes') AS full_page_writes,
              current_setting('data_checksums') AS checksums,
              current_setting('unix_socket_permissions') AS socket_mode,
              current_setting('data_directory') AS data_directory`,
    )
    expect(settings).toEqual({
      listen: '',
      fsync: 'on',
      synchronous_commit: 'on',
      full_page_writes: 'on',
      checksums: 'on',
      socket_mode: '0700',
      data_directory: join(dataDir, 'postgres'),
    })
    const health = await fetch(`${(server as ServerProcess).url}/health`)
    expect(await health.json()).toMatchObject({ status: 'ok', engine: 'postgres' })
  })

  it('serves CLI commands while the server runs: a token revoked by the CLI is refused at once', async () => {
    const api = new ApiClient((server as ServerProcess).url, token)
    const made = await runCli([
      'tokens',
      'create',
      '--name',
      'leaked',
      '--role',
      'viewer',
      '--org',
      'acme',
      '--data',
      dataDir,
    ])
    expect(made.code, made.stderr).toBe(0)
    const leaked = new ApiClient((server as ServerProcess).url, lastLine(made.stdout))
    expect((await leaked.get('accounts/me')).status).toBe(200)
    const listed = await api.get('tokens')
    const uid = (listed.body as { items: { uid: string; name: string }[] }).items.find(
      (item) => item.name === 'leaked',
    )?.uid
    expect(uid).toBeDefined()
    const revoked = await runCli([
      'tokens',
      'revoke',
      uid as string,
      '--org',
      'acme',
      '--data',
      dataDir,
    ])
    expect(revoked.code, revoked.stderr).toBe(0)
    expect((await leaked.get('accounts/me')).status).toBe(401)
    // The server still owns its PostgreSQL: the CLI only connected to it.
    expect((await api.get('accounts/me')).status).toBe(200)
  })

  it('starts PostgreSQL again when it is killed, and keeps every acknowledged write', async () => {
    const api = new ApiClient((server as ServerProcess).url, token)
    const before = await api.post('tasks', { fields: { title: 'before the crash' } })
    expect(before.status).toBe(200)
    const killed = postmasterPid(dataDir) as number
    process.kill(killed, 'SIGKILL')
    const log = () => (server as ServerProcess).output().slice(-3000)
    // Backends outlive their postmaster for a moment: wait for the new PostgreSQL itself.
    await waitFor(
      'PostgreSQL to run again',
      async () => (/PostgreSQL is running again/.test(log()) ? true : undefined),
      60_000,
    )
    expect(postmasterPid(dataDir)).not.toBe(killed)
    // Requests in the meantime get 503s (a connection of the pool may still be the old one's);
    // then the write acknowledged before the crash is there.
    const uid = (before.body as { uid: string }).uid
    await waitFor(
      'the task written before the crash',
      async () => ((await api.get(`tasks/${uid}`)).status === 200 ? true : undefined),
      60_000,
    )
    const after = await api.post('tasks', { fields: { title: 'after the crash' } })
    expect(after.status, `${JSON.stringify(after.body)}\n${log()}`).toBe(200)
    expect((server as ServerProcess).output()).toMatch(/PostgreSQL exited.*starting it again/)
  })

  it('stops PostgreSQL when Tessera is killed, and a new server recovers the data', async () => {
    const api = new ApiClient((server as ServerProcess).url, token)
    const kept = await api.post('tasks', { fields: { title: 'kept through kill -9' } })
    expect(kept.status).toBe(200)
    const postgres = postmasterPid(dataDir) as number
    await (server as ServerProcess).stop({ kill: true })
    server = undefined
    // Nobody owns it any more: its watchdog asks it to stop.
    await waitFor(
      'PostgreSQL to stop',
      async () => (postmasterPid(dataDir) === null ? true : undefined),
      20_000,
    )
    expect(() => process.kill(postgres, 0)).toThrow()
    server = await startServer(['--data', dataDir])
    const again = new ApiClient(server.url, token)
    const read = await again.get(`tasks/${(kept.body as { uid: string }).uid}`)
    expect(read.status, `${JSON.stringify(read.body)}\n${server.output().slice(-3000)}`).toBe(200)
  })

  it('refuses a folder that holds other files, and leaves it as it was', async () => {
    const folder = makeTempDir('tessera-foreign-')
    writeFileSync(join(folder, 'notes.txt'), 'mine')
    const run = await runCli(['tokens', 'list', '--org', 'acme', '--data', folder])
    expect(run.code).toBe(1)
    expect(lastLine(run.stderr)).toMatch(/holds other files and is not a Tessera data directory/)
    expect(readdirSync(folder)).toEqual(['notes.txt'])
    rmSync(folder, { recursive: true, force: true })
  })

  it('refuses to open a PostgreSQL data directory as PGlite', async () => {
    const run = await runCli([
      'tokens',
      'list',
      '--org',
      'acme',
      '--engine',
      'pglite',
      '--data',
      dataDir,
    ])
    expect(run.code).toBe(1)
    expect(lastLine(run.stderr)).toMatch(
      /holds a PostgreSQL database, not PGlite.*--engine postgres/,
    )
  })

  it('as root, runs PostgreSQL as a named account, and says what to do when it cannot', async () => {
    const closed = mkdtempSync(join(tmpdir(), 'tessera-closed-'))
    try {
      const started = await Promise.allSettled([
        startServer(['--data', join(closed, 'a')], {
          TESSERA_POSTGRES_USER: 'tessera-no-such-user',
        }),
        startServer(['--data', join(closed, 'b')]),
      ])
      if (process.getuid?.() === 0) {
        const reasons = started.map((result) =>
          result.status === 'rejected' ? String(result.reason) : 'started',
        )
        expect(reasons[0]).toMatch(
          /PostgreSQL refuses to run as root, and Tessera cannot run it as the user "tessera-no-such-user" \(no such user\)/,
        )
        expect(reasons[1]).toMatch(/that user cannot reach .* --data \/var\/lib\/tessera/)
      } else {
        // Anyone else runs PostgreSQL as themself, in any folder of theirs.
        for (const result of started) {
          expect(result.status).toBe('fulfilled')
          if (result.status === 'fulfilled') {
            expect((await fetch(`${result.value.url}/health`)).status).toBe(200)
            await result.value.stop()
          }
        }
      }
    } finally {
      rmSync(closed, { recursive: true, force: true })
    }
  })
})
