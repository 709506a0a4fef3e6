import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyBackup } from '../../src/store/backup/restore-backup'
import { ApiClient } from '../support/api-client'
import { runCli } from '../support/cli'
import { type ServerProcess, startServer } from '../support/server-process'

// Each command boots Node, tsx and (for most) PGlite: seconds on an idle machine, minutes on
// a loaded one. The limit only stops a hung test.
const SLOW = 10 * 60_000
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? ''

// The CLI on PGlite, in a data directory of its own, with and without a server running on it.
describe('the tessera command line', () => {
  let root: string
  let dataDir: string
  // Settled or not: a test that times out mid-start must not orphan the server.
  let starting: Promise<ServerProcess> | undefined
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'tessera-cli-'))
    dataDir = join(root, 'data')
  })
  afterAll(async () => {
    await (await starting?.catch(() => null))?.stop({ kill: true })
    rmSync(root, { recursive: true, force: true })
  })

  it('documents serve, tokens and migrate with --help', { timeout: SLOW }, async () => {
    const [serve, tokens, create, migrate, user] = await Promise.all([
      runCli(['serve', '--help']),
      runCli(['tokens', '--help']),
      runCli(['tokens', 'create', '--help']),
      runCli(['migrate', '--help']),
      runCli(['users', 'create', '--help']),
    ])
    for (const run of [serve, tokens, create, migrate, user]) {
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
    // No role by default (never super_admin by omission), and the password minimum is said.
    expect(user.stdout).toMatch(
      /--role <role> +what they may do: super_admin, admin, operator or\s+viewer\n/,
    )
    expect(user.stdout).not.toContain('default: "super_admin"')
    expect(user.stdout).toContain('at least 8 characters')
    expect(serve.stdout).toContain('--log-format')
  })

  it('issues a token that the server accepts; while the server runs, every command asks it', {
    timeout: SLOW,
  }, async () => {
    const acme = ['--org', 'acme', '--data', dataDir]
    // Listing names an organization but never creates it: `create` below is what does.
    const unknown = await runCli(['tokens', 'list', ...acme, '--engine', 'pglite'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/^tessera: No organization named acme: check --org/)

    const created = await runCli([
      'tokens',
      'create',
      '--name',
      'n',
      '--role',
      'operator',
      ...acme,
      '--engine',
      'pglite',
    ])
    expect(created.code, created.stderr).toBe(0)
    const raw = lastLine(created.stdout)
    expect(raw).toMatch(/^tsr_[\w-]{43}$/)
    expect(created.stdout).toMatch(/^organization: acme \(.+\) — created$/m)
    const tokenUid = new RegExp(`token: +n, role operator, uid (${UUID})`).exec(created.stdout)?.[1]
    expect(tokenUid).toBeDefined()

    // The directory keeps its engine: no --engine needed from now on.
    starting = startServer(['--data', dataDir])
    const server = await starting
    try {
      expect(server.output()).toContain(`"dataDir":"${dataDir}"`)
      // Someone can get in already: no advice on creating the first token.
      expect(server.output()).not.toContain('no credentials yet')
      // The local channel: a socket only this OS user may open.
      expect(statSync(join(dataDir, 'tessera.sock')).mode & 0o777).toBe(0o600)
      const client = new ApiClient(server.url, raw)
      const me = await client.get('accounts/me')
      expect(me.body).toMatchObject({
        organization: { name: 'acme' },
        token: { uid: tokenUid, name: 'n', role: 'operator' },
        role: 'operator',
      })

      const backupFile = join(root, 'backup.gz')
      const [serve, viewer, user, listed, migrate] = await Promise.all([
        runCli(['serve', '--port', '0', '--data', dataDir], /"msg":"listening"/),
        runCli(['tokens', 'create', '--name', 'm', '--role', 'viewer', ...acme]),
        runCli([
          'users',
          'create',
          '--email',
          'ana@example.com',
          '--password',
          'correct horse',
          '--role',
          'operator',
          ...acme,
        ]),
        runCli(['tokens', 'list', ...acme]),
        runCli(['migrate', '--data', dataDir]),
      ])
      // A second server on the directory is still refused.
      expect(serve.killed, 'a second server started on the data directory').toBe(false)
      expect(serve.code).not.toBe(0)
      expect(serve.stderr).toMatch(/Another Tessera server \(process \d+\) runs on .*: stop it/)
      for (const run of [viewer, user, listed, migrate]) {
        expect(run.code, run.stderr).toBe(0)
        expect(run.stderr).toContain(`the server (process ${server.process.pid}) holds ${dataDir}`)
      }

      const viewerRaw = lastLine(viewer.stdout)
      const viewerUid = new RegExp(`token: +m, role viewer, uid (${UUID})`).exec(viewer.stdout)?.[1]
      const asViewer = client.withToken(viewerRaw)
      expect((await asViewer.get('accounts/me')).body).toMatchObject({ role: 'viewer' })
      expect(user.stdout).toContain('Created ana@example.com (operator) in acme')
      const login = await client
        .withToken(null)
        .post('auth/login', { email: 'ana@example.com', password: 'correct horse' })
      expect(login.status, login.text).toBe(200)
      expect(listed.stdout).toContain(tokenUid)
      // After the writes above: the backup is one snapshot, taken when the server is asked.
      const backup = await runCli(['backup', '--out', backupFile, '--data', dataDir])
      expect(backup.code, backup.stderr).toBe(0)
      expect(backup.stdout).toMatch(/^Backed up \d+ rows of \d+ tables .* from pglite /)
      const verified = await verifyBackup(backupFile)
      expect(verified.trailer.rows.api_tokens).toBe(2)
      expect(migrate.stdout).toMatch(/the schema is up to date\.$/m)

      // Revoking a leaked token needs no downtime, and takes effect on the next request.
      const revoked = await runCli(['tokens', 'revoke', viewerUid ?? '', ...acme])
      expect(revoked.stdout).toMatch(/^Revoked m \(.+\): it is refused from now on\.$/m)
      expect((await asViewer.get('accounts/me')).status).toBe(401)
      const again = await runCli(['tokens', 'revoke', viewerUid ?? '', ...acme])
      expect(again.code, again.stderr).toBe(0)
      expect(again.stdout).toMatch(/^m \(.+\) was already revoked, at \d{4}-/m)
      expect((await client.get('accounts/me')).status).toBe(200)

      // A restore only fills an empty database: it says so, in one sentence.
      const restore = await runCli(['restore', '--in', backupFile, '--data', dataDir])
      expect(restore.code).toBe(1)
      expect(restore.stderr).toMatch(
        /^tessera: A server \(process \d+\) runs on .* a restore only fills a new, empty database: restore into a new --data directory/,
      )
    } finally {
      // A crash, not a clean stop: the next command must take over the stale lock.
      await server.stop({ kill: true })
    }

    const listed = await runCli(['tokens', 'list', '--org', 'acme', '--data', dataDir])
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stderr).not.toContain('holds')
    expect(listed.stdout).toContain(tokenUid)
    expect(listed.stdout).toContain("'n'")
    expect(listed.stdout).toContain("'operator'")
    expect(listed.stdout).toContain(`…${raw.slice(-4)}`)
    expect(listed.stdout).toMatch(/'m' .* 'revoked /)
    expect(listed.stdout).not.toContain(raw.slice(4, -4))
    // The server's acknowledged write of last_used_at survived the kill.
    expect(listed.stdout).not.toContain('never')
  })

  it('says on its first start, in words, where it listens, where its data is, and how to get in', {
    timeout: SLOW,
  }, async () => {
    const fresh = join(root, 'fresh')
    const run = await runCli(
      ['serve', '--port', '0', '--data', fresh, '--engine', 'pglite', '--log-format', 'pretty'],
      /or the first super admin of the web app:\n.*users create.*\n/,
    )
    expect(run.killed, run.stdout + run.stderr).toBe(true)
    expect(run.stdout).toMatch(
      /Tessera is listening on http:\/\/127\.0\.0\.1:\d+: the web app at .*, the API at http:\/\/127\.0\.0\.1:\d+\/api\/v1/,
    )
    expect(run.stdout).toContain(`Its data is in ${fresh} (PGlite).`)
    expect(run.stdout).toContain(
      `npx tessera tokens create --name 'my laptop' --role super_admin --data ${fresh}\n`,
    )
    expect(run.stdout).toContain(
      `npx tessera users create --email you@example.com --password 'a long passphrase' --role super_admin --data ${fresh}\n`,
    )
    expect(run.stdout).not.toContain('"msg"')
  })
})
