import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/store/database'
import { ApiClient, type ApiResponse, type RequestOptions } from '../support/api-client'
import { runCli } from '../support/cli'
import { fetchOperations } from '../support/fuzz/operations'
import { type ServerProcess, startServer } from '../support/server-process'

const SLOW = 5 * 60_000

/** Every answer the test saw, as text: status, headers and body. */
interface Exchange {
  label: string
  text: string
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1
}

/** What the test made and sent, and what the database holds of it at the end. */
interface Secrets {
  /** Raw API tokens, each shown once at creation (the first came from the CLI, not the API). */
  tokens: { raw: string; shownByApi: boolean }[]
  /** Credentials sent that are no one's: guessed tokens, wrong passwords, Basic auth. */
  refused: string[]
  passwords: string[]
  /** Webhook secrets, each shown once: at creation or at rotation. */
  webhookSecrets: string[]
  sessionSecret: string
  csrfToken: string
  /** Read from the database after the server stopped. */
  stored: {
    tokenHashes: string[]
    passwordHashes: string[]
    sessionHashes: string[]
    /** Every value of the webhooks' secret columns, plain and sealed. */
    webhookSecretColumns: (string | null)[]
  }
  /** The key the data directory made for itself (secret.key), which seals webhook secrets. */
  secretKey: string
}

// One server of this file's own: its log is the one the test reads.
describe('secrets', () => {
  let dataDir: string
  let server: ServerProcess
  let log = ''
  const exchanges: Exchange[] = []
  const secrets: Secrets = {
    tokens: [],
    refused: [],
    passwords: [],
    webhookSecrets: [],
    sessionSecret: '',
    csrfToken: '',
    stored: { tokenHashes: [], passwordHashes: [], sessionHashes: [], webhookSecretColumns: [] },
    secretKey: '',
  }

  /** Sends a request and keeps the whole answer for the checks. */
  async function call(
    client: ApiClient,
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse> {
    const res = await client.request(method, path, options)
    const headers = [...res.headers].map(([name, value]) => `${name}: ${value}`).join('\n')
    exchanges.push({ label: `${method} ${path}`, text: `${res.status}\n${headers}\n\n${res.text}` })
    return res
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tessera-secrets-'))
    const issued = await runCli([
      'tokens',
      'create',
      '--data',
      dataDir,
      '--name',
      'root',
      '--role',
      'super_admin',
    ])
    expect(issued.code, issued.stderr).toBe(0)
    const rootToken = issued.stdout.trim().split('\n').at(-1) as string
    secrets.tokens.push({ raw: rootToken, shownByApi: false })
    // The most talkative level: a secret must not hide in a debug or trace line either.
    // No key given: the data directory makes its own, which must not be logged either.
    server = await startServer(['--data', dataDir], {
      LOG_LEVEL: 'trace',
      TESSERA_SECRET_KEY: undefined,
    })
    const root = new ApiClient(server.url, rootToken)
    const anonymous = root.withToken(null)

    // Tokens: one kept, one revoked then used, and near misses of both.
    const kept = await call(root, 'POST', 'tokens', { body: { name: 'kept', role: 'admin' } })
    const revoked = await call(root, 'POST', 'tokens', { body: { name: 'gone', role: 'viewer' } })
    secrets.tokens.push(
      { raw: kept.body.token, shownByApi: true },
      { raw: revoked.body.token, shownByApi: true },
    )
    await call(root, 'DELETE', `tokens/${revoked.body.uid}`)
    const guessed = `tsr_${randomBytes(32).toString('base64url')}`
    secrets.refused.push(guessed, `${kept.body.token}x`)
    for (const token of [revoked.body.token, guessed, `${kept.body.token}x`]) {
      await call(root.withToken(token), 'GET', 'accounts/me')
      await call(root.withToken(token), 'POST', 'tasks', { body: { fields: { title: 'no' } } })
    }
    const keptClient = root.withToken(kept.body.token)
    await call(keptClient, 'GET', 'tokens')

    // A user with a password, changed once; sign-ins right and wrong; a password too short.
    const [first, second, wrong, short] = [0, 1, 2, 3].map(() => randomBytes(9).toString('hex'))
    const tooShort = (short as string).slice(0, 7)
    secrets.passwords.push(first as string, second as string, tooShort)
    secrets.refused.push(wrong as string)
    const email = `${randomUUID()}@secrets.test`
    const user = await call(root, 'POST', 'users', {
      body: { email, name: 'Secret', role: 'operator', password: first },
    })
    await call(root, 'PATCH', `users/${user.body.uid}`, { body: { password: second } })
    await call(root, 'POST', 'users', {
      body: { email: `short-${email}`, name: 'Short', role: 'viewer', password: tooShort },
    })
    for (const password of [first, wrong]) {
      await call(anonymous, 'POST', 'auth/login', { body: { email, password } })
    }
    const basic = Buffer.from(`${email}:${second}`).toString('base64')
    secrets.refused.push(basic)
    await call(anonymous, 'GET', 'accounts/me', { headers: { authorization: `Basic ${basic}` } })
    const login = await call(anonymous, 'POST', 'auth/login', { body: { email, password: second } })
    expect(login.status, login.text).toBe(200)
    secrets.sessionSecret = /tessera_session=([^;]+)/.exec(
      login.headers.get('set-cookie') ?? '',
    )?.[1] as string
    secrets.csrfToken = login.body.csrf_token
    const cookie = { cookie: `tessera_session=${secrets.sessionSecret}` }
    await call(anonymous, 'GET', 'auth/session', { headers: cookie })
    await call(anonymous, 'POST', 'tasks', {
      body: { fields: { title: 'from the web' } },
      headers: { ...cookie, 'x-csrf-token': secrets.csrfToken },
    })
    await call(anonymous, 'POST', 'tasks', {
      body: { fields: { title: 'forged' } },
      headers: { ...cookie, 'x-csrf-token': `${secrets.csrfToken}x` },
    })

    // A webhook: its secret at creation, a new one at rotation.
    const hook = await call(root, 'POST', 'webhooks', {
      body: { url: 'http://127.0.0.1:9/secrets', active: false },
    })
    const rotated = await call(root, 'POST', `webhooks/${hook.body.uid}/rotate-secret`)
    secrets.webhookSecrets.push(hook.body.secret, rotated.body.secret)

    // Every GET of the API, with a token and with the session cookie.
    const task = await call(root, 'POST', 'tasks', { body: { fields: { title: 'walked' } } })
    await call(root, 'POST', `tasks/${task.body.uid}/comments`, { body: { text: 'hello' } })
    const queue = await call(root, 'POST', 'queues', { body: { name: 'walked' } })
    const uids: Record<string, string> = {
      tasks: task.body.uid,
      queues: queue.body.uid,
      users: user.body.uid,
      webhooks: hook.body.uid,
      tokens: kept.body.uid,
    }
    const { operations } = await fetchOperations(server.url)
    for (const op of operations.filter((o) => o.method === 'GET' && o.path !== '/live')) {
      const path = op.path.replace('{uid}', uids[op.path.split('/')[1] ?? ''] ?? randomUUID())
      await call(root, 'GET', path.slice(1))
      await call(anonymous, 'GET', path.slice(1), { headers: cookie })
    }
    for (const path of ['/health', '/api/v1/openapi.json', '/api/v1/docs']) {
      await call(anonymous, 'GET', path)
    }

    await server.stop()
    log = server.output()
    const db = await openDatabase({ dataDir })
    try {
      const read = async (sql: string) =>
        (await db.pool.query<{ value: string }>(sql)).rows.map((row) => row.value)
      secrets.stored = {
        tokenHashes: await read('SELECT token_hash AS value FROM api_tokens'),
        passwordHashes: await read(
          'SELECT password_hash AS value FROM users WHERE password_hash IS NOT NULL',
        ),
        sessionHashes: await read('SELECT secret_hash AS value FROM sessions'),
        webhookSecretColumns: (
          await db.pool.query<{ secret: string | null; secret_sealed: string | null }>(
            'SELECT secret, secret_sealed FROM webhooks',
          )
        ).rows.flatMap((row) => [row.secret, row.secret_sealed]),
      }
    } finally {
      await db.close()
    }
    secrets.secretKey = readFileSync(join(dataDir, 'secret.key'), 'utf8')
      .trim()
      .split('\n')
      .at(-1) as string
  }, SLOW)

  afterAll(async () => {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  const everything = () => exchanges.map((exchange) => exchange.text).join('\n')

  it('saw every kind of secret', () => {
    expect(secrets.tokens).toHaveLength(3)
    expect(secrets.stored.tokenHashes).toHaveLength(3)
    expect(secrets.stored.passwordHashes).toHaveLength(1)
    expect(secrets.stored.sessionHashes).toHaveLength(1)
    expect(secrets.webhookSecrets.every((s) => /^whsec_/.test(s))).toBe(true)
    expect(log.split('\n').length).toBeGreaterThan(exchanges.length)
  })

  it('shows a raw token once, in the answer that creates it, and never its hash', () => {
    const seen = everything()
    for (const { raw, shownByApi } of secrets.tokens) {
      // The part after the prefix too: a token must not leak re-encoded or cut.
      expect(occurrences(seen, raw.slice(4)), raw.slice(0, 8)).toBe(shownByApi ? 1 : 0)
      expect(seen).not.toContain(sha256(raw))
    }
    for (const hash of secrets.stored.tokenHashes) {
      expect(seen).not.toContain(hash)
    }
  })

  it('never shows a password, a password hash or a session secret', () => {
    const seen = everything()
    for (const password of secrets.passwords) {
      expect(seen).not.toContain(password)
    }
    for (const stored of secrets.stored.passwordHashes) {
      // The salt and the derived key are each long enough to be recognisable.
      for (const part of stored.split('$').filter((p) => p.length >= 16)) {
        expect(seen).not.toContain(part)
      }
    }
    // The cookie is set once, by the sign-in; its hash is never shown.
    expect(occurrences(seen, secrets.sessionSecret)).toBe(1)
    for (const hash of [...secrets.stored.sessionHashes, sha256(secrets.sessionSecret)]) {
      expect(seen).not.toContain(hash)
    }
  })

  it('shows a webhook secret once, at its creation or rotation (docs/WEBHOOKS.md)', () => {
    const seen = everything()
    for (const secret of secrets.webhookSecrets) {
      expect(occurrences(seen, secret.slice('whsec_'.length))).toBe(1)
    }
  })

  it('keeps the webhook secret sealed in the database, and never shows or logs its key', () => {
    expect(secrets.stored.webhookSecretColumns).toHaveLength(2)
    const [plain, sealed] = secrets.stored.webhookSecretColumns
    expect(plain).toBeNull()
    expect(sealed).toMatch(/^v1\./)
    for (const secret of secrets.webhookSecrets) {
      expect(sealed).not.toContain(secret.slice('whsec_'.length))
    }
    expect(Buffer.from(secrets.secretKey, 'base64')).toHaveLength(32)
    expect(log).toMatch(/generated one in .*secret\.key/)
    expect(everything()).not.toContain(secrets.secretKey)
    expect(log).not.toContain(secrets.secretKey)
  })

  it('writes no secret, not even a refused one, to the log', () => {
    const all = [
      ...secrets.tokens.flatMap(({ raw }) => [raw.slice(4), sha256(raw)]),
      ...secrets.refused,
      ...secrets.passwords,
      ...secrets.webhookSecrets.map((secret) => secret.slice('whsec_'.length)),
      secrets.sessionSecret,
      secrets.csrfToken,
      secrets.secretKey,
      ...secrets.stored.webhookSecretColumns.filter((value): value is string => value !== null),
      ...secrets.stored.tokenHashes,
      ...secrets.stored.sessionHashes,
      ...secrets.stored.passwordHashes.flatMap((hash) =>
        hash.split('$').filter((p) => p.length >= 16),
      ),
    ]
    expect(all.every((secret) => secret.length >= 7)).toBe(true)
    for (const secret of all) {
      expect(log, `a secret in the log: ${secret.slice(0, 6)}…`).not.toContain(secret)
    }
  })
})
