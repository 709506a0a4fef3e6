import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient } from '../support/api-client'
import { runCli } from '../support/cli'
import { type ServerProcess, startServer } from '../support/server-process'

// Each command boots Node, tsx and (for most) PGlite: seconds on an idle machine, minutes on
// a loaded one. The limit only stops a hung test.
const SLOW = 10 * 60_000
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

// The CLI on PGlite, in a data directory of its own: a few commands only.
describe('the tessera command line', () => {
  let dataDir: string
  // Settled or not: a test that times out mid-start must not orphan the server.
  let starting: Promise<ServerProcess> | undefined
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-cli-'))
  })
  afterAll(async () => {
    await (await starting?.catch(() => null))?.stop({ kill: true })
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('documents serve, tokens and migrate with --help', { timeout: SLOW }, async () => {
    const [serve, tokens, create, migrate] = await Promise.all([
      runCli(['serve', '--help']),
      runCli(['tokens', '--help']),
      runCli(['tokens', 'create', '--help']),
      runCli(['migrate', '--help']),
    ])
    for (const run of [serve, tokens, create, migrate]) {
      expect(run.code, run.stderr).toBe(0)
    }
    expect(serve.stdout).toMatch(/^Usage: tessera serve/)
    for (const option of ['--port', '--host', '--data', '--database-url', '--rate-limit']) {
      expect(serve.stdout).toContain(option)
    }
    expect(tokens.stdout).toMatch(/create[\s\S]*list[\s\S]*revoke/)
    for (const option of ['--name', '--role', '--org', '--user', '--data']) {
      expect(create.stdout).toContain(option)
    }
    expect(migrate.stdout).toMatch(/^Usage: tessera migrate/)
    expect(migrate.stdout).toContain('--database-url')
  })

  it('issues a token that the server accepts, one process per data directory', {
    timeout: SLOW,
  }, async () => {
    // Listing names an organization but never creates it: `create` below is what does.
    const unknown = await runCli(['tokens', 'list', '--org', 'acme', '--data', dataDir])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('No organization named acme.')

    const created = await runCli([
      'tokens',
      'create',
      '--name',
      'n',
      '--role',
      'operator',
      '--org',
      'acme',
      '--data',
      dataDir,
    ])
    expect(created.code, created.stderr).toBe(0)
    const lines = created.stdout.trimEnd().split('\n')
    const raw = lines.at(-1) ?? ''
    expect(raw).toMatch(/^tsr_[\w-]{43}$/)
    expect(created.stdout).toMatch(/^organization: acme \(.+\) — created$/m)
    const tokenUid = new RegExp(`token: +n, role operator, uid (${UUID})`).exec(created.stdout)?.[1]
    expect(tokenUid).toBeDefined()

    starting = startServer(['--data', dataDir])
    const server = await starting
    try {
      const client = new ApiClient(server.url, raw)
      const me = await client.get('accounts/me')
      expect(me.body).toMatchObject({
        organization: { name: 'acme' },
        token: { uid: tokenUid, name: 'n', role: 'operator' },
        role: 'operator',
      })

      const [serve, create] = await Promise.all([
        runCli(['serve', '--port', '0', '--data', dataDir], /"msg":"listening"/),
        runCli(['tokens', 'create', '--name', 'm', '--role', 'viewer', '--data', dataDir]),
      ])
      for (const run of [serve, create]) {
        expect(run.killed, 'a second process started on the data directory').toBe(false)
        expect(run.code).not.toBe(0)
        expect(run.stderr).toMatch(/data directory .* is already in use by process \d+/)
      }
      expect((await client.get('accounts/me')).status).toBe(200)
    } finally {
      // A crash, not a clean stop: the next command must take over the stale lock.
      await server.stop({ kill: true })
    }

    const listed = await runCli(['tokens', 'list', '--org', 'acme', '--data', dataDir])
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stdout).toContain(tokenUid)
    expect(listed.stdout).toContain("'n'")
    expect(listed.stdout).toContain("'operator'")
    expect(listed.stdout).toContain(`…${raw.slice(-4)}`)
    expect(listed.stdout).not.toContain("'m'")
    expect(listed.stdout).not.toContain(raw.slice(4, -4))
    // The server's acknowledged write of last_used_at survived the kill.
    expect(listed.stdout).not.toContain('never')
  })
})
