import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestWithin } from '../support/bounded-request'
import { openLiveStream } from '../support/live-stream'
import {
  ANSWER_WITHIN_MS,
  isUnavailableAnswer,
  startOutageTraffic,
} from '../support/outage-traffic'
import { queryDatabase } from '../support/pg-query'
import { type PrivatePostgres, startPrivatePostgres } from '../support/private-postgres'
import { type SeededOrganization, seedOrganization } from '../support/seed-organization'
import { type ServerProcess, startServer } from '../support/server-process'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'

/** The query timeout of the server behind the black-holed link. */
const QUERY_TIMEOUT_MS = 3000

// A real outage of a real PostgreSQL: a private cluster of this file's own, so the server the
// other tests share is never stopped (and no engine of theirs is needed). PGlite lives inside
// the server process: it has no outage.
describe('a database outage on PostgreSQL', () => {
  let database: PrivatePostgres | undefined
  let proxy: TcpProxy | undefined
  let server: ServerProcess
  /** A second server, reaching the same database through `proxy`. */
  let proxied: ServerProcess
  let org: SeededOrganization

  beforeAll(async () => {
    database = await startPrivatePostgres()
    org = await seedOrganization({ databaseUrl: database.url }, 'outage-org', 0)
    const url = new URL(database.url)
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) })
    url.port = String(proxy.port)
    ;[server, proxied] = await Promise.all([
      startServer(['--database-url', database.url, '--rate-limit', '1000000']),
      startServer(['--database-url', url.toString(), '--rate-limit', '1000000'], {
        // Short, so that the test sees the timeout without waiting the default 30 s.
        TESSERA_DB_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
      }),
    ])
  })

  afterAll(async () => {
    await Promise.all([server?.stop(), proxied?.stop()])
    await proxy?.close()
    await database?.destroy()
  })

  const get = (path: string, token: string | null = org.adminToken) =>
    requestWithin(ANSWER_WITHIN_MS, server.url, token, 'GET', path)
  const create = async (title: string): Promise<string> => {
    const res = await requestWithin(ANSWER_WITHIN_MS, server.url, org.adminToken, 'POST', 'tasks', {
      fields: { title },
    })
    expect(res.status).toBe(200)
    return res.body.uid
  }

  it.each(['immediate', 'fast'] as const)(
    'answers 503 with Retry-After while PostgreSQL is down (pg_ctl stop -m %s), then recovers by itself',
    { timeout: 300_000 },
    async (mode) => {
      const db = database as PrivatePostgres
      const live = await openLiveStream(server.url, org.adminToken)
      const traffic = startOutageTraffic(server.url, org.adminToken)
      try {
        await traffic.until((r) => r.acknowledged.size >= 50, '50 acknowledged writes')
        await db.stop(mode)
        const seen = traffic.record.unavailable
        await traffic.until((r) => r.unavailable >= seen + 20, '20 answers of 503 to writes')

        const health = await get('/api/v1/health', null)
        expect(health.status).toBe(503)
        expect(Number(health.headers.get('retry-after'))).toBeGreaterThan(0)
        expect(health.body).toMatchObject({ status: 'unavailable', database: 'unavailable' })
        expect(isUnavailableAnswer(await get('tasks'))).toBe(true)
        expect(server.process.exitCode).toBeNull()
        expect(server.process.signalCode).toBeNull()

        await db.start()
        const acknowledged = traffic.record.acknowledged.size
        await traffic.until(
          (r) => r.acknowledged.size >= acknowledged + 50,
          '50 writes acknowledged after the database came back',
        )
        expect((await get('/api/v1/health', null)).status).toBe(200)
      } finally {
        await traffic.stop()
      }
      expect(traffic.record.wrong).toEqual([])

      // Nothing acknowledged before, during or after the outage is missing.
      const uids = [...traffic.record.acknowledged.keys()]
      const rows = await queryDatabase<{ uid: string; marker: string }>(
        db.url,
        `SELECT uid::text AS uid, fields->>'marker' AS marker FROM tasks WHERE uid = ANY($1::uuid[])`,
        [uids],
      )
      expect(new Map(rows.map((row) => [row.uid, row.marker]))).toEqual(traffic.record.acknowledged)

      // Live updates resume (LISTEN reconnects at its own pace), and each change arrives once.
      try {
        const probes: string[] = []
        await expect
          .poll(
            async () => {
              probes.push(await create('live probe'))
              return live.events.some((e) => probes.some((uid) => e.task_uids.includes(uid)))
            },
            { timeout: ANSWER_WITHIN_MS, interval: 500 },
          )
          .toBe(true)
        const once = await create('live once')
        const later = await create('live later')
        await live.waitFor(once)
        await live.waitFor(later)
        expect(live.events.filter((event) => event.task_uids.includes(once))).toHaveLength(1)
      } finally {
        live.close()
      }
    },
  )

  it('answers 503 in bounded time when PostgreSQL goes silent (a network black hole), then recovers', {
    timeout: 300_000,
  }, async () => {
    const call = (
      method: string,
      path: string,
      body?: unknown,
      token: string | null = org.adminToken,
    ) => requestWithin(ANSWER_WITHIN_MS, proxied.url, token, method, path, body)
    const before = await call('POST', 'tasks', { fields: { title: 'before the black hole' } })
    expect(before.status).toBe(200)
    const link = proxy as TcpProxy
    link.blackHole()
    try {
      // Connections already open stop answering, new ones are never answered: each request
      // must still get its answer, a 503, rather than hang (requestWithin throws if not).
      const answers = await Promise.all([
        ...Array.from({ length: 6 }, (_, i) =>
          call('POST', 'tasks', { fields: { title: `in the black hole ${i}` } }),
        ),
        call('GET', 'tasks'),
        call('GET', `tasks/${before.body.uid}`),
      ])
      for (const answer of answers) {
        expect(isUnavailableAnswer(answer), JSON.stringify(answer.body)).toBe(true)
      }
      const health = await call('GET', '/api/v1/health', undefined, null)
      expect(health.status).toBe(503)
      expect(proxied.process.exitCode).toBeNull()
    } finally {
      link.restore()
    }
    await expect
      .poll(async () => (await call('POST', 'tasks', { fields: { title: 'after' } })).status, {
        timeout: ANSWER_WITHIN_MS,
        interval: 500,
      })
      .toBe(200)
    expect((await call('GET', `tasks/${before.body.uid}`)).status).toBe(200)
  })
})
