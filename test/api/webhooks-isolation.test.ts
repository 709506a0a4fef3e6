import { createHmac } from 'node:crypto'
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer as createTcpServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ApiClient } from '../support/api-client'
import { createAdminInstance } from '../support/fresh-instance'
import { hangingReceiver } from '../support/hanging-receiver'
import { type ServerProcess, startServer } from '../support/server-process'
import { waitFor } from '../support/wait-for'

// A hanging receiver holds each attempt this long: much longer than the healthy receiver's
// deliveries may take. Four attempts in flight per process, of which a dead endpoint may hold
// two at most; three failures in a row pause an endpoint.
const TIMEOUT_MS = 20_000
const PAUSE_AFTER = 3
const SERVER_ENV = {
  TESSERA_RATE_LIMIT: '100000',
  TESSERA_WEBHOOK_POLL_MS: '100',
  TESSERA_WEBHOOK_BACKOFF_MS: '300',
  TESSERA_WEBHOOK_MAX_ATTEMPTS: '50',
  TESSERA_WEBHOOK_CONCURRENCY: '4',
  TESSERA_WEBHOOK_PAUSE_AFTER: String(PAUSE_AFTER),
  TESSERA_WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
}

/** A receiver that answers 200 to everything and keeps what it got. */
function healthyReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string; at: number }[] = []
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      })
      res.writeHead(200).end('ok')
    })
  })
  return { server, received }
}

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** A local address where nothing listens: connections are refused at once. */
async function refusingUrl(): Promise<string> {
  const server = createTcpServer()
  const url = await listen(server)
  await new Promise((resolve) => server.close(resolve))
  return url
}

describe.each(inject('engines'))('webhook endpoints fail alone on $name', (engine) => {
  const healthy = healthyReceiver()
  const hanging = hangingReceiver()
  let healthyUrl: string
  let hangingUrl: string
  let server: ServerProcess
  let api: ApiClient
  let drop: () => Promise<void>

  beforeAll(async () => {
    healthyUrl = await listen(healthy.server)
    hangingUrl = await listen(hanging.server)
    const { instance, token } = await createAdminInstance(engine, 'webhook-isolation', 'isolation')
    drop = instance.drop
    server = await startServer(instance.args, SERVER_ENV)
    api = new ApiClient(server.url, token)
  })

  afterAll(async () => {
    await server?.stop()
    hanging.stop()
    healthy.server.closeAllConnections()
    await new Promise((resolve) => healthy.server.close(resolve))
    await new Promise((resolve) => hanging.server.close(resolve))
    await drop?.()
  })

  const subscribe = async (url: string, events = ['task.created']) => {
    const res = await api.post('webhooks', { url, events })
    expect(res.status, res.text).toBe(200)
    return res.body as { uid: string; secret: string }
  }

  const health = async (uid: string) => {
    const res = await api.get(`webhooks/${uid}`)
    expect(res.status, res.text).toBe(200)
    return res.body.health as Record<string, unknown>
  }

  const taskUidsOf = (received: { body: string }[]) =>
    new Set(received.map((r) => JSON.parse(r.body).data?.task?.uid as string))

  it('delivers to a healthy endpoint promptly while a hanging one holds at most its share', async () => {
    const dead = await subscribe(hangingUrl)
    const live = await subscribe(`${healthyUrl}/live`)
    const items = Array.from({ length: 40 }, (_, i) => ({ fields: { title: `batch ${i}` } }))
    const started = Date.now()
    const batch = await api.post('tasks/batch', { items })
    expect(batch.status, batch.text).toBe(200)
    const uids: string[] = batch.body.items.map((t: { uid: string }) => t.uid)

    // Every event reaches the healthy receiver long before a single hanging attempt ends.
    await waitFor(
      'the healthy receiver to get every event',
      async () => {
        const got = taskUidsOf(healthy.received)
        return uids.every((uid) => got.has(uid)) ? true : undefined
      },
      TIMEOUT_MS - 2000,
    )
    // The receiver keeps each event before it answers, so the last attempts are recorded as
    // delivered a moment after it has them: the endpoint's health catches up, promptly too.
    const liveHealth = await waitFor(
      'the healthy endpoint to have nothing pending',
      async () => {
        const h = await health(live.uid)
        return h.pending === 0 ? h : undefined
      },
      TIMEOUT_MS - 2000,
    )
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS - 2000)
    // The dead endpoint never held more than half of the process's four attempts.
    expect(hanging.total()).toBeLessThanOrEqual(2)
    expect(hanging.open.size).toBeLessThanOrEqual(2)

    expect(liveHealth).toMatchObject({
      state: 'healthy',
      pending: 0,
      lag_seconds: 0,
      consecutive_failures: 0,
      last_error: null,
    })
    expect(Date.parse(String(liveHealth.last_success_at))).toBeGreaterThanOrEqual(started - 1000)
    const deadHealth = await health(dead.uid)
    expect(deadHealth).toMatchObject({ state: 'healthy', last_success_at: null })
    expect(deadHealth.pending).toBe(40)
    expect(Number(deadHealth.lag_seconds)).toBeGreaterThan(0)

    // Once the hanging attempts time out, the endpoint backs off on its own.
    hanging.stop()
    const failing = await waitFor(
      'the hanging endpoint to be failing',
      async () => {
        const h = await health(dead.uid)
        return h.state === 'failing' ? h : undefined
      },
      TIMEOUT_MS + 20_000,
    )
    expect(String(failing.last_error)).toMatch(/no answer within|socket|closed|terminated/)
    expect(failing.backoff_until).not.toBe(null)
    expect((await api.delete(`webhooks/${dead.uid}`)).status).toBe(204)
    expect((await api.delete(`webhooks/${live.uid}`)).status).toBe(204)
  })

  it('pauses an endpoint after consecutive failures, and an admin resumes it', async () => {
    const refused = await subscribe(await refusingUrl())
    const batch = await api.post('tasks/batch', {
      items: Array.from({ length: 5 }, (_, i) => ({ fields: { title: `refused ${i}` } })),
    })
    expect(batch.status, batch.text).toBe(200)

    const paused = await waitFor('the endpoint to be paused', async () => {
      const h = await health(refused.uid)
      return h.state === 'paused' ? h : undefined
    })
    expect(paused).toMatchObject({
      pending: 5,
      consecutive_failures: PAUSE_AFTER,
      last_success_at: null,
    })
    expect(String(paused.last_error)).toMatch(/ECONNREFUSED|connect/)
    expect(Date.parse(String(paused.paused_at))).not.toBeNaN()
    expect(Number(paused.lag_seconds)).toBeGreaterThan(0)

    // Paused: no attempt at all, however long one waits.
    const attempts = async () => {
      const res = await api.get(`webhooks/${refused.uid}/deliveries`)
      return res.body.items.reduce((sum: number, d: { attempts: number }) => sum + d.attempts, 0)
    }
    expect(await attempts()).toBe(PAUSE_AFTER)
    await new Promise((resolve) => setTimeout(resolve, 2000))
    expect(await attempts()).toBe(PAUSE_AFTER)
    expect((await health(refused.uid)).state).toBe('paused')

    // The receiver is fixed, the admin resumes: everything pending goes out.
    expect(
      (await api.patch(`webhooks/${refused.uid}`, { url: `${healthyUrl}/fixed` })).status,
    ).toBe(200)
    const resumed = await api.post(`webhooks/${refused.uid}/resume`)
    expect(resumed.status, resumed.text).toBe(200)
    expect(resumed.body.health).toMatchObject({
      state: 'healthy',
      consecutive_failures: 0,
      paused_at: null,
      backoff_until: null,
    })
    const uids: string[] = batch.body.items.map((t: { uid: string }) => t.uid)
    await waitFor('the pending events after resuming', async () => {
      const got = taskUidsOf(healthy.received)
      return uids.every((uid) => got.has(uid)) ? true : undefined
    })
    const after = await waitFor('the health to catch up', async () => {
      const h = await health(refused.uid)
      return h.pending === 0 ? h : undefined
    })
    expect(after).toMatchObject({ state: 'healthy', lag_seconds: 0, consecutive_failures: 0 })
    expect(after.last_success_at).not.toBe(null)
    expect(after.last_error).toMatch(/ECONNREFUSED|connect/)
    expect((await api.post('webhooks/00000000-0000-4000-8000-000000000000/resume')).status).toBe(
      404,
    )
    expect((await api.delete(`webhooks/${refused.uid}`)).status).toBe(204)
  })

  it('sends a signed test event on request and says how it went', async () => {
    const hook = await subscribe(`${healthyUrl}/test-event`)
    const res = await api.post(`webhooks/${hook.uid}/test`)
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ delivered: true, response_status: 200, error: null })
    expect(res.body.duration_ms).toBeGreaterThanOrEqual(0)
    const got = healthy.received.find((r) => JSON.parse(r.body).type === 'webhook.test')
    expect(got).toBeDefined()
    const received = got as { headers: IncomingHttpHeaders; body: string }
    expect(JSON.parse(received.body).data).toEqual({ webhook_uid: hook.uid })
    expect(received.headers['x-tessera-event']).toBe('webhook.test')
    const timestamp = String(received.headers['x-tessera-timestamp'])
    const mac = createHmac('sha256', hook.secret).update(`${timestamp}.${received.body}`)
    expect(received.headers['x-tessera-signature']).toBe(`sha256=${mac.digest('hex')}`)
    // A test is not a delivery: the log and the health stay as they were.
    expect((await api.get(`webhooks/${hook.uid}/deliveries`)).body.items).toEqual([])
    expect((await health(hook.uid)).last_success_at).toBe(null)

    expect((await api.patch(`webhooks/${hook.uid}`, { url: await refusingUrl() })).status).toBe(200)
    const failed = await api.post(`webhooks/${hook.uid}/test`)
    expect(failed.status, failed.text).toBe(200)
    expect(failed.body).toMatchObject({ delivered: false, response_status: null })
    expect(failed.body.error).toMatch(/ECONNREFUSED|connect/)
    expect((await api.post('webhooks/00000000-0000-4000-8000-000000000000/test')).status).toBe(404)
    expect((await api.delete(`webhooks/${hook.uid}`)).status).toBe(204)
  })
})
