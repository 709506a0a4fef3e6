import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  generateSecretKey,
  keyIds,
  openSecret,
  parseKeyRing,
  sealedKeyId,
  sealSecret,
} from '../../src/core/secrets'
import { verifyDelivery } from '../../src/core/webhooks/signature'
import { openDatabase } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'
import { ApiClient } from '../support/api-client'
import { runCli } from '../support/cli'
import {
  createFreshInstance,
  type FreshInstance,
  sharedServerArgs,
} from '../support/fresh-instance'
import { queryDatabase } from '../support/pg-query'
import { TEST_SECRET_KEY } from '../support/secret-key'
import { type ServerProcess, startServer } from '../support/server-process'
import { waitFor } from '../support/wait-for'

// Migrations one at a time, server starts and CLI runs: minutes on a loaded machine.
const SLOW = 10 * 60_000
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../support/migration-fixtures')
/** The schema before sealing, and its fixtures: two webhooks with plain secrets (0003). */
const BEFORE_SEALING = [
  '0001_init',
  '0002_routing_player',
  '0003_webhooks',
  '0004_web_sessions_live',
  '0005_live_watchers',
  '0006_assignee_status_index',
  '0007_fragment_task_keys',
  '0008_player_skips',
  '0009_webhook_health',
  '0010_fields_forms',
  '0011_task_search',
  '0012_bulk_actions',
  '0013_views',
]
const PLAIN_FIXTURE_SECRETS = ['whsec_fixture_1', 'whsec_fixture_2']
const SERVER_ENV = { TESSERA_RATE_LIMIT: '100000', TESSERA_WEBHOOK_POLL_MS: '100' }

const engines = inject('engines')
const adminUrl = engines.find((e) => e.name === 'postgres')?.databaseUrl
const testRing = parseKeyRing(TEST_SECRET_KEY)
const [testKid] = keyIds(testRing)

interface Received {
  headers: IncomingHttpHeaders
  body: string
}

/** A receiver on the loopback that keeps every request and answers 200. */
async function startReceiver(): Promise<{ url: string; server: Server; received: Received[] }> {
  const received: Received[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    request.on('end', () => {
      received.push({ headers: request.headers, body })
      response.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/hook`, server, received }
}

/** Whether a request is signed with `secret`, as a receiver following docs/WEBHOOKS.md checks. */
function signedWith(request: Received, secret: string): boolean {
  return verifyDelivery({
    secret,
    body: request.body,
    timestamp: String(request.headers['x-tessera-timestamp']),
    signature: String(request.headers['x-tessera-signature']),
  })
}

/** The webhooks' secret columns, read with the server stopped (PGlite has one process). */
async function webhookRows(instance: FreshInstance) {
  const db = await openDatabase(instance.location, { poolSize: 1 })
  try {
    const result = await db.pool.query<{
      uid: string
      secret: string | null
      secret_sealed: string | null
    }>('SELECT uid, secret, secret_sealed FROM webhooks ORDER BY uid')
    return result.rows
  } finally {
    await db.close()
  }
}

/** What a server that must not start printed before it exited. */
async function refusedStart(args: string[], env: Record<string, string | undefined>) {
  const error = await startServer(args, env).then(
    async (server) => {
      await server.stop({ kill: true })
      return new Error(`the server started:\n${server.output()}`)
    },
    (refusal: unknown) => refusal as Error,
  )
  expect(error.message).toMatch(/^server exited with 1/)
  return error.message
}

describe.each(engines)('secrets sealed at rest on $name', (engine) => {
  let instance: FreshInstance
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let server: ServerProcess | undefined
  let admin: ApiClient
  let rootToken: string
  let hookUid: string
  /** Every secret the API showed for our webhook, in order. */
  const shown: string[] = []

  beforeAll(async () => {
    receiver = await startReceiver()
    instance = await createFreshInstance(engine.name, adminUrl, 'sealed_secrets')
    // Built as an installation from before sealing would be: plain secrets in `webhooks`.
    const db = await openDatabase(instance.location, { poolSize: 1 })
    try {
      for (const migration of BEFORE_SEALING) {
        await migrate(db, { target: migration })
        await db.pool.query(readFileSync(join(FIXTURES, `${migration}.sql`), 'utf8'))
      }
      const plain = await db.pool.query('SELECT secret FROM webhooks ORDER BY secret')
      expect(plain.rows.map((row) => row.secret)).toEqual(PLAIN_FIXTURE_SECRETS)
    } finally {
      await db.close()
    }
  }, SLOW)

  afterAll(async () => {
    await server?.stop({ kill: true })
    receiver?.server.closeAllConnections()
    receiver?.server.close()
    await instance?.drop()
  }, SLOW)

  it('seals the plain secrets of existing webhooks when a server starts, once with two at once', {
    timeout: SLOW,
  }, async () => {
    if (instance.engine === 'postgres') {
      // Two servers starting at once on one database: each secret is sealed once, by one of
      // them, and both start.
      const [one, two] = await Promise.all([
        startServer(instance.args, SERVER_ENV),
        startServer(instance.args, SERVER_ENV),
      ])
      const sealedBy = (started: ServerProcess) =>
        Number(/"sealed":(\d+),/.exec(started.output())?.[1] ?? 0)
      expect(sealedBy(one) + sealedBy(two)).toBe(2)
      await two.stop()
      server = one
    } else {
      server = await startServer(instance.args, SERVER_ENV)
      expect(server.output()).toMatch(/"sealed":2,.*"msg":"sealed 2 plain webhook secrets"/)
    }
    const issued = await runCli([
      'tokens',
      'create',
      ...instance.args,
      '--org',
      'sealed',
      '--name',
      'root',
      '--role',
      'super_admin',
    ])
    expect(issued.code, issued.stderr).toBe(0)
    rootToken = issued.stdout.trim().split('\n').at(-1) as string
    admin = new ApiClient(server.url, rootToken)
  })

  it('signs deliveries with the secret the API showed, at creation and after rotation', {
    timeout: SLOW,
  }, async () => {
    const created = await admin.post('webhooks', { url: receiver.url, events: ['task.created'] })
    expect(created.status, created.text).toBe(200)
    expect(created.body.secret).toMatch(/^whsec_/)
    hookUid = created.body.uid
    shown.push(created.body.secret)
    // Listing and reading never show it, sealed or not.
    const listed = await admin.get('webhooks')
    expect(listed.text).not.toContain('secret')
    expect((await admin.get(`webhooks/${hookUid}`)).text).not.toContain('secret')

    const first = await admin.post('tasks', { fields: { title: 'signed once' } })
    expect(first.status, first.text).toBe(200)
    const delivered = await waitFor('the first delivery', async () =>
      receiver.received.find((r) => r.body.includes(first.body.uid)),
    )
    expect(signedWith(delivered, created.body.secret)).toBe(true)

    const rotated = await admin.post(`webhooks/${hookUid}/rotate-secret`)
    expect(rotated.status, rotated.text).toBe(200)
    expect(rotated.body.secret).not.toBe(created.body.secret)
    shown.push(rotated.body.secret)
    const second = await admin.post('tasks', { fields: { title: 'signed twice' } })
    const again = await waitFor('the delivery after rotation', async () =>
      receiver.received.find((r) => r.body.includes(second.body.uid)),
    )
    expect(signedWith(again, rotated.body.secret)).toBe(true)
    expect(signedWith(again, created.body.secret)).toBe(false)

    const test = await admin.post(`webhooks/${hookUid}/test`)
    expect(test.body, test.text).toMatchObject({ delivered: true })
    const probe = receiver.received.find((r) => r.body.includes('webhook.test'))
    expect(probe && signedWith(probe, rotated.body.secret)).toBe(true)

    await server?.stop()
    server = undefined
    // Stopped: no key, no secret in what the server wrote.
    expect(receiver.received.length).toBeGreaterThanOrEqual(3)
  })

  it('keeps no plain secret in the database: each is sealed with the key, and opens to what was shown', {
    timeout: SLOW,
  }, async () => {
    const rows = await webhookRows(instance)
    expect(rows).toHaveLength(3)
    for (const row of rows) {
      expect(row.secret).toBeNull()
      expect(row.secret_sealed).toMatch(/^v1\.[\w-]+\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/)
      expect(row.secret_sealed).not.toContain('whsec')
      expect(sealedKeyId(String(row.secret_sealed))).toBe(testKid)
    }
    const opened = rows.map((row) => openSecret(testRing, String(row.secret_sealed))).sort()
    expect(opened).toEqual([...PLAIN_FIXTURE_SECRETS, shown.at(-1)].sort())
  })

  it('refuses to start with a key that cannot open them, and says which key they need', {
    timeout: SLOW,
  }, async () => {
    const other = generateSecretKey()
    const otherKid = keyIds(parseKeyRing(other))[0]
    const wrong = await refusedStart(instance.args, { TESSERA_SECRET_KEY: other })
    expect(wrong).toContain(
      `The configured secret keys cannot open the sealed secrets in webhooks.secret_sealed: A secret is sealed with the key ${testKid}, which is not among the configured keys (${otherKid})`,
    )
    // The same key id on other bytes: told apart by the authentication tag.
    const impostor = await refusedStart(instance.args, {
      TESSERA_SECRET_KEY: `${testKid}:${other}`,
    })
    expect(impostor).toContain(
      `sealed with the key ${testKid} does not open with the configured key`,
    )
    // No key at all: a data directory must not make a new one that opens nothing.
    const none = await refusedStart(instance.args, { TESSERA_SECRET_KEY: undefined })
    expect(none).toMatch(
      instance.engine === 'postgres'
        ? /A server on --database-url needs a secret key .*`tessera keys generate`/
        : new RegExp(
            `holds secrets sealed with the key ${testKid}, but no key is given and .*secret\\.key is missing`,
          ),
    )
    for (const output of [wrong, impostor, none]) {
      expect(output).not.toContain(other)
      expect(output).not.toContain(TEST_SECRET_KEY)
    }
    if ('dataDir' in instance.location) {
      expect(existsSync(join(instance.location.dataDir, 'secret.key'))).toBe(false)
    }
  })

  it('seals every secret again with a new key (tessera keys rotate); the old key may then go', {
    timeout: SLOW,
  }, async () => {
    const newKey = generateSecretKey()
    const newKid = keyIds(parseKeyRing(newKey))[0]
    const rotation = await runCli(['keys', 'rotate', ...instance.args], undefined, {
      TESSERA_SECRET_KEY: `${newKey},${TEST_SECRET_KEY}`,
    })
    expect(rotation.code, rotation.stderr).toBe(0)
    expect(rotation.stderr).toMatch(/rotate webhooks\.secret_sealed: 3 rows/)
    expect(rotation.stdout).toContain(`Sealed 3 secrets again with the key ${newKid}`)
    expect(rotation.stdout).toContain(`may be dropped`)
    const rows = await webhookRows(instance)
    expect(rows.map((row) => sealedKeyId(String(row.secret_sealed)))).toEqual(
      rows.map(() => newKid),
    )
    // Again: nothing left to do.
    const twice = await runCli(['keys', 'rotate', ...instance.args], undefined, {
      TESSERA_SECRET_KEY: `${newKey},${TEST_SECRET_KEY}`,
    })
    expect(twice.stdout, twice.stderr).toContain('Sealed 0 secrets again')

    // The new key alone now opens everything, and deliveries are signed as before.
    server = await startServer(instance.args, { ...SERVER_ENV, TESSERA_SECRET_KEY: newKey })
    admin = new ApiClient(server.url, rootToken)
    const task = await admin.post('tasks', { fields: { title: 'after the new key' } })
    const delivered = await waitFor('a delivery under the new key', async () =>
      receiver.received.find((r) => r.body.includes(task.body.uid)),
    )
    expect(signedWith(delivered, String(shown.at(-1)))).toBe(true)
    await server.stop()
    server = undefined
    const refused = await refusedStart(instance.args, { TESSERA_SECRET_KEY: TEST_SECRET_KEY })
    expect(refused).toContain(`sealed with the key ${newKid}, which is not among`)
  })

  it('makes its own key in a data directory, 0600, and says so once; or refuses on a URL', {
    timeout: SLOW,
  }, async () => {
    const fresh = await createFreshInstance(engine.name, adminUrl, 'sealed_own_key')
    try {
      const noKey = { ...SERVER_ENV, TESSERA_SECRET_KEY: undefined }
      if (!('dataDir' in fresh.location)) {
        expect(await refusedStart(fresh.args, noKey)).toMatch(
          /needs a secret key to seal webhook secrets with \(a key kept in the database itself would protect nothing\): make one with `tessera keys generate`/,
        )
        return
      }
      const keyFile = join(fresh.location.dataDir, 'secret.key')
      const first = await startServer(fresh.args, noKey)
      await first.stop()
      expect(first.output()).toContain(`generated one in ${keyFile} (mode 0600)`)
      expect(statSync(keyFile).mode & 0o777).toBe(0o600)
      const key = readFileSync(keyFile, 'utf8').trim().split('\n').at(-1) as string
      const kid = keyIds(parseKeyRing(key))[0]
      expect(first.output()).toContain(`"kid":"${kid}"`)

      // Readable by others: the server still starts, and says to fix it.
      chmodSync(keyFile, 0o644)
      const second = await startServer(fresh.args, noKey)
      try {
        expect(second.output()).not.toContain('generated')
        expect(second.output()).toContain(
          `the secret key file ${keyFile} may be read by others than its owner (mode 644): chmod 600 it`,
        )
        const issued = await runCli(
          ['tokens', 'create', ...fresh.args, '--name', 'root', '--role', 'super_admin'],
          undefined,
          { TESSERA_SECRET_KEY: undefined },
        )
        expect(issued.code, issued.stderr).toBe(0)
        const api = new ApiClient(second.url, issued.stdout.trim().split('\n').at(-1) as string)
        const hook = await api.post('webhooks', { url: receiver.url, active: false })
        expect(hook.status, hook.text).toBe(200)
      } finally {
        await second.stop()
      }
      const [row] = await webhookRows(fresh)
      expect(sealedKeyId(String(row?.secret_sealed))).toBe(kid)
      for (const output of [first.output(), second.output()]) {
        expect(output).not.toContain(key)
      }
    } finally {
      await fresh.drop()
    }
  })
})

// A server checks its keys when it starts; only a value written afterwards, by a process with
// other keys, can reach its dispatcher unopenable. PGlite has one process: it cannot happen.
describe.each(engines.filter((e) => e.name !== 'pglite'))(
  'a secret sealed with a key the server lacks, on $name',
  (engine) => {
    it('fails its deliveries with an error in the log, naming the key, and sends nothing', {
      timeout: SLOW,
    }, async () => {
      const receiver = await startReceiver()
      const instance = await createFreshInstance(engine.name, adminUrl, 'sealed_foreign')
      const server = await startServer(instance.args, SERVER_ENV)
      try {
        const issued = await runCli([
          'tokens',
          'create',
          ...instance.args,
          '--name',
          'root',
          '--role',
          'super_admin',
        ])
        expect(issued.code, issued.stderr).toBe(0)
        const api = new ApiClient(server.url, issued.stdout.trim().split('\n').at(-1) as string)
        const hook = await api.post('webhooks', { url: receiver.url, events: ['task.created'] })
        expect(hook.status, hook.text).toBe(200)
        const foreign = parseKeyRing(`elsewhere:${generateSecretKey()}`)
        const url = sharedServerArgs(instance)?.[1] as string
        await queryDatabase(url, 'UPDATE webhooks SET secret_sealed = $1 WHERE uid = $2', [
          sealSecret(foreign, hook.body.secret),
          hook.body.uid,
        ])
        const task = await api.post('tasks', { fields: { title: 'cannot be signed' } })
        expect(task.status, task.text).toBe(200)
        const failed = await waitFor('a failed attempt in the delivery log', async () => {
          const log = await api.get(`webhooks/${hook.body.uid}/deliveries`)
          const delivery = log.body.items.find(
            (d: { task_uid: string; attempts: number }) =>
              d.task_uid === task.body.uid && d.attempts > 0,
          )
          return delivery?.last_error ? delivery : undefined
        })
        expect(failed.last_error).toMatch(
          /^not sent: the webhook's secret cannot be opened\. A secret is sealed with the key elsewhere, which is not among the configured keys/,
        )
        expect(failed.status).toBe('pending')
        expect(receiver.received).toEqual([])
        const test = await api.post(`webhooks/${hook.body.uid}/test`)
        expect(test.body).toMatchObject({
          delivered: false,
          error: expect.stringMatching(/^not sent: the webhook's secret cannot be opened/),
        })
      } finally {
        await server.stop({ kill: true })
        receiver.server.closeAllConnections()
        receiver.server.close()
        await instance.drop()
      }
    })
  },
)

describe('tessera keys', () => {
  it('generates a key of 32 random bytes in base64, and documents rotation', {
    timeout: SLOW,
  }, async () => {
    const [a, b, help] = await Promise.all([
      runCli(['keys', 'generate']),
      runCli(['keys', 'generate']),
      runCli(['keys', 'rotate', '--help']),
    ])
    expect(a.code, a.stderr).toBe(0)
    expect(Buffer.from(a.stdout.trim(), 'base64')).toHaveLength(32)
    expect(a.stdout).not.toBe(b.stdout)
    expect(help.stdout).toMatch(/TESSERA_SECRET_KEY=NEW,OLD/)
    expect(help.stdout).toContain('--secret-key-file')
  })
})
