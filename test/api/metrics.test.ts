import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ApiClient } from '../support/api-client'
import { embeddedDatabaseUrl } from '../support/embedded-url'
import { createFreshInstance, type FreshInstance } from '../support/fresh-instance'
import { queryDatabase } from '../support/pg-query'
import { type SeededOrganization, seedOrganization } from '../support/seed-organization'
import { type ServerProcess, startServer } from '../support/server-process'
import { waitFor } from '../support/wait-for'

/** One scrape: each series (`name{labels}`) and its value. */
type Scrape = Map<string, number>

async function scrape(url: string): Promise<{ series: Scrape; text: string; type: string }> {
  const res = await fetch(url)
  expect(res.status).toBe(200)
  const text = await res.text()
  const series: Scrape = new Map()
  for (const line of text.split('\n')) {
    const match = /^(\w+(?:\{.*\})?) (\S+)$/.exec(line)
    if (match?.[1] && match[2]) {
      series.set(match[1], Number(match[2]))
    }
  }
  return { series, text, type: res.headers.get('content-type') ?? '' }
}

const kindIs = (value: string) => ({
  combinator: 'and',
  conditions: [{ field: 'kind', operator: '==', value }],
})

const delta = (before: Scrape, after: Scrape, key: string) =>
  (after.get(key) ?? 0) - (before.get(key) ?? 0)

const request = (method: string, route: string, status: number) =>
  `{method="${method}",route="${route}",status="${status}"}`

/** The JSON log lines a server printed about one request. */
function linesOf(server: ServerProcess, requestId: string): Record<string, unknown>[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.reqId === requestId)
}

// Fewer connections than the default, so that the metrics show the setting taking effect.
const POOL_SIZE = 3

describe.each(inject('engines'))('operations on $name', (engine) => {
  let instance: FreshInstance
  let org: SeededOrganization
  let server: ServerProcess
  let metricsUrl: string
  let admin: ApiClient
  let operator: ApiClient

  beforeAll(async () => {
    instance = await createFreshInstance(engine.name, engine.databaseUrl, 'metrics')
    org = await seedOrganization(instance.location, 'metrics-org', 1)
    server = await startServer(instance.args, {
      TESSERA_METRICS_PORT: '0',
      TESSERA_DB_POOL_SIZE: String(POOL_SIZE),
    })
    metricsUrl = await waitFor('the metrics listener', async () => {
      return /"url":"(http:\/\/[^"]+\/metrics)","msg":"metrics listening"/.exec(
        server.output(),
      )?.[1]
    })
    admin = new ApiClient(server.url, org.adminToken)
    operator = new ApiClient(server.url, org.operators[0]?.token ?? null)
  })

  afterAll(async () => {
    await server?.stop()
    await instance?.drop()
  })

  it('listens on loopback only, apart from the API', async () => {
    expect(new URL(metricsUrl).hostname).toBe('127.0.0.1')
    expect(new URL(metricsUrl).port).not.toBe(new URL(server.url).port)
    for (const url of [server.url, engine.baseUrl]) {
      const api = await fetch(new URL('/api/v1/metrics', url))
      expect(api.status).toBe(404)
      const root = await fetch(new URL('/metrics', url))
      expect(await root.text()).not.toContain('tessera_http_requests_total')
    }
    const { type, text } = await scrape(metricsUrl)
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/)
    for (const name of [
      'nodejs_eventloop_lag_seconds',
      'process_cpu_seconds_total',
      'tessera_db_pool_total',
      'tessera_db_pool_idle',
      'tessera_db_pool_waiting',
      'tessera_database_up 1',
    ]) {
      expect(text).toContain(name)
    }
  })

  it('keeps no more database connections than TESSERA_DB_POOL_SIZE, however many requests wait', async () => {
    const requests = Array.from({ length: 24 }, () => admin.get('tasks?limit=1'))
    expect((await Promise.all(requests)).map((res) => res.status)).toEqual(requests.map(() => 200))
    const { series } = await scrape(metricsUrl)
    // PGlite serves one session, whatever the setting says.
    const max = engine.name === 'pglite' ? 1 : POOL_SIZE
    expect(series.get('tessera_db_pool_max')).toBe(max)
    expect(series.get('tessera_db_pool_total')).toBeGreaterThanOrEqual(1)
    expect(series.get('tessera_db_pool_total')).toBeLessThanOrEqual(max)
  })

  it('logs each request once, with its route, status, token and organization, while it runs', async () => {
    const { body: task } = await admin.post('tasks', { fields: { title: 'logged' } })
    const requestId = `logged-${randomUUID()}`
    expect(
      (await admin.get(`tasks/${task.uid}`, { headers: { 'x-request-id': requestId } })).status,
    ).toBe(200)
    const refusedId = `refused-${randomUUID()}`
    const refused = await new ApiClient(server.url, 'tsr_not-a-token').get('tasks', {
      headers: { 'x-request-id': refusedId },
    })
    expect(refused.status).toBe(401)
    // The lines are written while the server runs (within 50 ms, src/cli/log-destination.ts),
    // not held until a buffer fills or the process exits.
    const [line] = await waitFor('the request’s log line', async () => {
      const found = linesOf(server, requestId)
      return found.length > 0 ? found : undefined
    })
    expect(linesOf(server, requestId)).toHaveLength(1)
    expect(line).toMatchObject({
      level: 30,
      msg: 'request',
      method: 'GET',
      route: '/api/v1/tasks/:uid',
      status: 200,
      token: 'admin',
      org: 'metrics-org',
      latency_ms: expect.any(Number),
    })
    const [refusedLine] = await waitFor('the refused request’s log line', async () => {
      const found = linesOf(server, refusedId)
      return found.length > 0 ? found : undefined
    })
    expect(refusedLine).toMatchObject({ status: 401, route: '/api/v1/tasks' })
    expect(refusedLine).not.toHaveProperty('token')
    expect(server.output()).not.toContain(org.adminToken)
  })

  it('counts requests by route pattern and status, and the player’s hand-outs and completions', async () => {
    const queue = await admin.post('queues', { name: 'Metrics', condition: kindIs('m') })
    expect(queue.status).toBe(200)
    for (const title of ['one', 'two']) {
      expect((await admin.post('tasks', { fields: { title, kind: 'm' } })).status).toBe(200)
    }
    const before = (await scrape(metricsUrl)).series
    const missing = [randomUUID(), randomUUID(), randomUUID()]
    for (const uid of missing) {
      expect((await admin.get(`tasks/${uid}`)).status).toBe(404)
    }
    expect((await operator.post('player/start', {})).status).toBe(200)
    for (let i = 0; i < 2; i++) {
      expect((await operator.post('player/next')).body.task).not.toBeNull()
      expect((await operator.post('player/complete')).status).toBe(200)
    }
    expect((await operator.post('player/next')).body).toEqual({ task: null, skipped_available: 0 })
    expect((await operator.post('player/complete')).status).toBe(409)

    const { series: after, text } = await scrape(metricsUrl)
    const requests = (key: string) => delta(before, after, `tessera_http_requests_total${key}`)
    expect(requests(request('GET', '/api/v1/tasks/:uid', 404))).toBe(3)
    expect(requests(request('POST', '/api/v1/player/next', 200))).toBe(3)
    expect(requests(request('POST', '/api/v1/player/complete', 200))).toBe(2)
    expect(requests(request('POST', '/api/v1/player/complete', 409))).toBe(1)
    const latencyCount = `tessera_http_request_duration_seconds_count${request('POST', '/api/v1/player/next', 200)}`
    expect(delta(before, after, latencyCount)).toBe(3)
    const slowest = `tessera_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/api/v1/player/next",status="200"}`
    expect(delta(before, after, slowest)).toBe(3)
    expect(delta(before, after, 'tessera_player_handouts_total')).toBe(2)
    expect(delta(before, after, 'tessera_player_completions_total')).toBe(2)
    for (const uid of missing) {
      expect(text).not.toContain(uid)
    }
  })

  it('reads open tasks by queue and status, and the webhook backlog, from the database', async () => {
    const queue = await admin.post('queues', { name: 'Backlog', condition: kindIs('b') })
    expect(queue.status).toBe(200)
    // Nothing listens on port 9 (discard): every attempt fails and is retried.
    const hook = await admin.post('webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['task.created'],
    })
    expect(hook.status).toBe(200)
    for (const title of ['a', 'b', 'c']) {
      expect((await admin.post('tasks', { fields: { title, kind: 'b' } })).status).toBe(200)
    }
    expect((await admin.post('tasks', { fields: { title: 'nowhere' } })).status).toBe(200)
    const open = (queue: string, status: string) =>
      `tessera_open_tasks{organization="metrics-org",queue="${queue}",status="${status}"}`
    // The database figures are cached for a few seconds: wait for a fresh reading.
    const figures = await waitFor('the new tasks and deliveries in the metrics', async () => {
      const { series } = await scrape(metricsUrl)
      const done =
        series.get(open('Backlog', 'TODO')) === 3 &&
        (series.get('tessera_webhook_deliveries_failing') ?? 0) >= 1
      return done ? series : undefined
    })
    expect(figures.get(open('Backlog', 'STARTED'))).toBe(0)
    expect(figures.get(open('', 'TODO'))).toBeGreaterThanOrEqual(1)
    expect(figures.get('tessera_webhook_deliveries_pending')).toBeGreaterThanOrEqual(
      figures.get('tessera_webhook_deliveries_failing') ?? 0,
    )
    expect(figures.get('tessera_webhook_deliveries_pending')).toBeLessThanOrEqual(4)
    expect(figures.get('tessera_webhook_delivery_lag_seconds')).toBeGreaterThanOrEqual(0)
  })

  // PostgreSQL only (embedded or a server): the test reaches behind the server to make a
  // delivery overdue and to break a table. PGlite belongs to the server process.
  if (engine.name !== 'pglite') {
    const databaseUrl = () => {
      const { location } = instance
      return 'databaseUrl' in location
        ? location.databaseUrl
        : embeddedDatabaseUrl(location.dataDir)
    }

    it('answers at once while the database does not, with tessera_database_up 0', async () => {
      // A transaction holding the tasks table: the scrape's count waits behind it.
      const blocker = new pg.Client({ connectionString: databaseUrl() })
      await blocker.connect()
      try {
        await blocker.query('BEGIN')
        await blocker.query('LOCK TABLE tasks IN ACCESS EXCLUSIVE MODE')
        const stuck = await waitFor('a scrape that gave up on the database', async () => {
          const started = Date.now()
          const { series } = await scrape(metricsUrl)
          return series.get('tessera_database_up') === 0
            ? { series, ms: Date.now() - started }
            : undefined
        })
        expect(stuck.ms).toBeLessThan(5000)
        expect(stuck.series.get('process_cpu_seconds_total')).toBeGreaterThan(0)
        expect([...stuck.series.keys()].some((key) => key.startsWith('tessera_open_tasks'))).toBe(
          false,
        )
      } finally {
        await blocker.query('ROLLBACK')
        await blocker.end()
      }
      await waitFor('the database back in the metrics', async () =>
        (await scrape(metricsUrl)).series.get('tessera_database_up') === 1 ? true : undefined,
      )
    })

    it('measures webhook lag as the age of the oldest due delivery', async () => {
      // Due an hour ago and leased for an hour, so that the dispatcher leaves it alone.
      await queryDatabase(
        databaseUrl(),
        `UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 hour',
           locked_until = now() + interval '1 hour'
         WHERE id = (SELECT min(id) FROM webhook_deliveries WHERE status = 'pending')`,
      )
      const lag = await waitFor('the overdue delivery in the metrics', async () => {
        const value = (await scrape(metricsUrl)).series.get('tessera_webhook_delivery_lag_seconds')
        return value !== undefined && value >= 3600 ? value : undefined
      })
      expect(lag).toBeLessThan(3700)
    })

    it('logs a request that fails with a 5xx once, at error level, with its request id', async () => {
      const { body: task } = await admin.post('tasks', { fields: { title: 'commented' } })
      await queryDatabase(databaseUrl(), 'ALTER TABLE task_comments RENAME TO task_comments_gone')
      try {
        const requestId = `five-hundred-${randomUUID()}`
        const res = await admin.get(`tasks/${task.uid}/comments`, {
          headers: { 'x-request-id': requestId },
        })
        expect(res.status).toBe(500)
        expect(res.body.error.request_id).toBe(requestId)
        const lines = await waitFor('the request’s log line', async () => {
          const found = linesOf(server, requestId)
          return found.length > 0 ? found : undefined
        })
        const errors = lines.filter((line) => Number(line.level) >= 50)
        expect(errors).toHaveLength(1)
        expect(errors[0]).toMatchObject({
          status: 500,
          route: '/api/v1/tasks/:uid/comments',
          err: { message: expect.stringContaining('task_comments'), stack: expect.any(String) },
        })
        expect(lines.filter((line) => Number(line.level) >= 40)).toHaveLength(1)
      } finally {
        await queryDatabase(databaseUrl(), 'ALTER TABLE task_comments_gone RENAME TO task_comments')
      }
    })
  }
})
