import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { issueToken } from '../../src/app/issue-token'
import { openDatabase } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'
import { ApiClient } from '../support/api-client'
import type { EngineUnderTest } from '../support/engines'
import {
  createFreshInstance,
  type FreshInstance,
  sharedServerArgs,
} from '../support/fresh-instance'
import { type ServerProcess, startServer } from '../support/server-process'
import { claimTenant, type Tenant } from '../support/tenants'
import { waitFor as waitUntil } from '../support/wait-for'

const ALL_EVENTS = [
  'task.created',
  'task.updated',
  'task.assigned',
  'task.unassigned',
  'task.started',
  'task.paused',
  'task.skipped',
  'task.completed',
]

// Fast retries, so a receiver that fails twice costs a second, not minutes. The timeout is
// long enough for a few API calls on a loaded machine, and the hanging-receiver test waits
// it out once.
const TIMEOUT_MS = 10_000
const SERVER_ENV = {
  TESSERA_RATE_LIMIT: '100000',
  TESSERA_WEBHOOK_POLL_MS: '100',
  TESSERA_WEBHOOK_BACKOFF_MS: '200',
  TESSERA_WEBHOOK_MAX_ATTEMPTS: '4',
  TESSERA_WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
}

/** One request as the receiver saw it. */
interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
  /** The status it was answered with; null while it hangs or if it never got one. */
  answered: number | null
  /** Whether the sender gave up on it (closed the connection) before an answer. */
  abandoned: boolean
}

/**
 * A local webhook receiver. `/flaky` answers 500 to the first two attempts of each delivery
 * then 200; `/down` always 503; `/gate` 503 until `gateOpen`, then 200; `/hang` never answers.
 */
class Receiver {
  readonly requests: Received[] = []
  gateOpen = false
  private server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const received: Received = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        answered: null,
        abandoned: false,
      }
      this.requests.push(received)
      res.on('close', () => {
        received.abandoned = !res.writableFinished
      })
      const delivery = String(req.headers['x-tessera-delivery'])
      const attempt = this.requests.filter(
        (r) => r.headers['x-tessera-delivery'] === delivery,
      ).length
      const status = this.statusFor(received.path, attempt)
      if (status !== null) {
        received.answered = status
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'nope')
      }
    })
  })

  private statusFor(path: string, attempt: number): number | null {
    switch (path) {
      case '/flaky':
        return attempt <= 2 ? 500 : 200
      case '/down':
        return 503
      case '/gate':
        return this.gateOpen ? 200 : 503
      default:
        return null
    }
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise((resolve) => this.server.close(resolve))
  }

  /** Requests about one task, in arrival order. */
  forTask(taskUid: string): Received[] {
    return this.requests.filter((r) => JSON.parse(r.body).data.task.uid === taskUid)
  }
}

/** A delivery comes within seconds: 45 s without one is a fault, not a slow machine. */
const waitFor = <T>(what: string, probe: () => Promise<T | undefined>) =>
  waitUntil(what, probe, 45_000)

/** The documented check, written independently of the server's code. */
function signatureIsValid(secret: string, received: Received): boolean {
  const timestamp = String(received.headers['x-tessera-timestamp'])
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${received.body}`).digest('hex')}`
  const given = String(received.headers['x-tessera-signature'])
  return (
    given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))
  )
}

/** A database of our own, so that our servers run with fast retries and nobody else's. */
function freshDatabase(engine: EngineUnderTest): Promise<FreshInstance> {
  return createFreshInstance(engine.name, engine.databaseUrl, 'webhooks')
}

describe.each(inject('engines'))('webhook routes on $name', (engine) => {
  let tenant: Tenant
  let other: Tenant
  beforeAll(() => {
    tenant = claimTenant(engine)
    other = claimTenant(engine)
  })

  // Inactive and pointing nowhere: these tests never write tasks, but stay harmless if so.
  const body = { url: 'http://127.0.0.1:9/hook', active: false, description: 'routes test' }

  it('are for admins: viewers and operators get 403', async () => {
    const { body: hook } = await tenant.as.admin.post('webhooks', body)
    for (const role of ['viewer', 'operator'] as const) {
      const client = tenant.as[role]
      const attempts = [
        await client.get('webhooks'),
        await client.post('webhooks', body),
        await client.get(`webhooks/${hook.uid}`),
        await client.patch(`webhooks/${hook.uid}`, { active: true }),
        await client.delete(`webhooks/${hook.uid}`),
        await client.get(`webhooks/${hook.uid}/deliveries`),
        await client.post(`webhooks/${hook.uid}/rotate-secret`),
        await client.post(`webhooks/${hook.uid}/resume`),
        await client.post(`webhooks/${hook.uid}/test`),
      ]
      expect(attempts.map((res) => res.status)).toEqual(Array(attempts.length).fill(403))
    }
    expect((await tenant.as.admin.get(`webhooks/${hook.uid}`)).body.active).toBe(false)
  })

  it('show the secret once, on creation and rotation, and never in GET answers', async () => {
    const created = await tenant.as.admin.post('webhooks', { ...body, events: ['task.created'] })
    expect(created.status, created.text).toBe(200)
    expect(created.body).toEqual({
      uid: expect.any(String),
      url: body.url,
      description: 'routes test',
      events: ['task.created'],
      active: false,
      secret: expect.stringMatching(/^whsec_[\w-]{43}$/),
      created_at: expect.any(String),
      updated_at: expect.any(String),
      health: {
        state: 'inactive',
        pending: 0,
        lag_seconds: 0,
        consecutive_failures: 0,
        last_success_at: null,
        last_error: null,
        last_error_at: null,
        backoff_until: null,
        paused_at: null,
      },
    })
    const { uid, secret } = created.body
    const rotated = await tenant.as.admin.post(`webhooks/${uid}/rotate-secret`)
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).toMatch(/^whsec_/)
    expect(rotated.body.secret).not.toBe(secret)
    const reads = [
      await tenant.as.admin.get('webhooks'),
      await tenant.as.admin.get(`webhooks/${uid}`),
      await tenant.as.admin.patch(`webhooks/${uid}`, { description: 'changed' }),
      await tenant.as.admin.get(`webhooks/${uid}/deliveries`),
    ]
    for (const res of reads) {
      expect(res.status).toBe(200)
      expect(res.text).not.toContain(secret)
      expect(res.text).not.toContain(rotated.body.secret)
      expect(res.text).not.toContain('"secret"')
    }
    expect(reads[0]?.body.items.map((w: { uid: string }) => w.uid)).toContain(uid)
    expect(reads[2]?.body).toMatchObject({ description: 'changed', events: ['task.created'] })
  })

  it('refuse unusable URLs and event lists, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ url: 'ftp://x.test/hook' }, '/body/url'],
      [{ url: 'https://user:pw@x.test/hook' }, '/body/url'],
      [{ url: 'http://' }, '/body/url'],
      [{ url: 'https://x.test', events: [] }, '/body/events'],
      [{ url: 'https://x.test', events: ['task.deleted'] }, '/body/events/0'],
    ]
    for (const [input, path] of cases) {
      const res = await tenant.as.admin.post('webhooks', input)
      expect(res.status, JSON.stringify(input)).toBe(422)
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(path)
    }
  })

  it("another organization's webhook is 404 everywhere, and deleting one removes it", async () => {
    const { body: hook } = await tenant.as.admin.post('webhooks', body)
    const attempts = [
      await other.as.admin.get(`webhooks/${hook.uid}`),
      await other.as.admin.patch(`webhooks/${hook.uid}`, { active: true }),
      await other.as.admin.delete(`webhooks/${hook.uid}`),
      await other.as.admin.get(`webhooks/${hook.uid}/deliveries`),
      await other.as.admin.post(`webhooks/${hook.uid}/rotate-secret`),
    ]
    expect(attempts.map((res) => res.status)).toEqual([404, 404, 404, 404, 404])
    expect((await other.as.admin.get('webhooks')).body.items).toEqual([])
    expect((await tenant.as.admin.get(`webhooks/${hook.uid}`)).body.active).toBe(false)
    expect((await tenant.as.admin.delete(`webhooks/${hook.uid}`)).status).toBe(204)
    expect((await tenant.as.admin.get(`webhooks/${hook.uid}`)).status).toBe(404)
  })
})

describe.each(inject('engines'))('webhook delivery on $name', (engine) => {
  const receiver = new Receiver()
  const servers: ServerProcess[] = []
  let receiverUrl: string
  let api: ApiClient
  let drop: () => Promise<void>

  beforeAll(async () => {
    receiverUrl = await receiver.start()
    const fresh = await freshDatabase(engine)
    drop = fresh.drop
    const db = await openDatabase(fresh.location)
    let token: string
    try {
      await migrate(db)
      token = (await issueToken(db, { orgName: 'hooks', tokenName: 'admin', role: 'admin' })).raw
    } finally {
      await db.close()
    }
    // On PostgreSQL two processes share the outbox: deliveries must still go out once each,
    // in order. One after the other: a process that starts while another migrates exits.
    servers.push(await startServer(fresh.args, SERVER_ENV))
    const second = sharedServerArgs(fresh)
    if (second) {
      servers.push(await startServer(second, SERVER_ENV))
    }
    api = new ApiClient((servers[0] as ServerProcess).url, token)
  })

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()))
    await receiver.stop()
    await drop?.()
  })

  /** Creates a webhook to `path` and returns it with its secret. */
  const subscribe = async (path: string) => {
    const res = await api.post('webhooks', { url: `${receiverUrl}${path}` })
    expect(res.status, res.text).toBe(200)
    expect(res.body.events).toEqual(ALL_EVENTS)
    return res.body as { uid: string; secret: string }
  }

  const deliveries = async (webhookUid: string) => {
    const res = await api.get(`webhooks/${webhookUid}/deliveries`)
    expect(res.status, res.text).toBe(200)
    return res.body.items as Record<string, unknown>[]
  }

  it('delivers a task’s events in order, signed, retrying a failing receiver', async () => {
    const hook = await subscribe('/flaky')
    const { body: created } = await api.post('tasks', { fields: { title: 'hooked' } })
    await api.patch(`tasks/${created.uid}`, { fields: { note: 'later' } })
    const { body: done } = await api.patch(`tasks/${created.uid}`, { status: 'DONE' })
    expect(done.status).toBe('DONE')

    const log = await waitFor('three deliveries', async () => {
      const items = await deliveries(hook.uid)
      return items.length === 3 && items.every((d) => d.status === 'delivered') ? items : undefined
    })
    expect(log.map((d) => d.type)).toEqual(['task.completed', 'task.updated', 'task.created'])
    expect(log.map((d) => d.event_type)).toEqual(['completed', 'fields_changed', 'created'])
    for (const delivery of log) {
      expect(delivery).toMatchObject({
        webhook_uid: hook.uid,
        task_uid: created.uid,
        status: 'delivered',
        attempts: 3,
        last_response_status: 200,
        last_error: null,
        next_attempt_at: null,
        finished_at: expect.any(String),
      })
    }

    const received = receiver.forTask(created.uid)
    // Three attempts each, never two deliveries of the task interleaved: a later event waits
    // until the earlier one is acknowledged, whichever process sends it.
    const uids = received.map((r) => r.headers['x-tessera-delivery'])
    const [c, u, d] = [...log].reverse().map((item) => item.uid)
    expect(uids).toEqual([c, c, c, u, u, u, d, d, d])
    expect(received.map((r) => r.answered)).toEqual([500, 500, 200, 500, 500, 200, 500, 500, 200])
    for (const request of received) {
      expect(signatureIsValid(hook.secret, request)).toBe(true)
      expect(request.headers).toMatchObject({
        'content-type': 'application/json',
        'user-agent': 'Tessera-Webhooks/1.0',
        'x-tessera-event': JSON.parse(request.body).type,
      })
      expect(
        Math.abs(Number(request.headers['x-tessera-timestamp']) - Date.now() / 1000),
      ).toBeLessThan(60)
    }

    const payloads = received.filter((r) => r.answered === 200).map((r) => JSON.parse(r.body))
    expect(payloads.map((p) => p.type)).toEqual(['task.created', 'task.updated', 'task.completed'])
    const final = (await api.get(`tasks/${created.uid}`)).body
    for (const payload of payloads) {
      expect(Object.keys(payload).sort()).toEqual(['data', 'sent_at', 'type'])
      expect(Object.keys(payload.data).sort()).toEqual(['info', 'task'])
      // The task in the API's shape, as it was right after the event.
      expect(Object.keys(payload.data.task).sort()).toEqual(Object.keys(final).sort())
      expect(new Date(payload.sent_at).toISOString()).toBe(payload.sent_at)
    }
    const [onCreate, onUpdate, onDone] = payloads
    expect(onCreate.data.task).toMatchObject({
      status: 'TODO',
      done_at: null,
      fields: { title: 'hooked' },
    })
    expect(onCreate.data.task.fields).not.toHaveProperty('note')
    expect(onUpdate.data.task).toMatchObject({ status: 'TODO', fields: { note: 'later' } })
    expect(onDone.data.task).toMatchObject({
      status: 'DONE',
      done_at: final.done_at,
      updated_at: final.updated_at,
      fields: final.fields,
    })
    expect(onCreate.data.info).toMatchObject({ event_type: 'created', status: 'TODO' })
    expect(onUpdate.data.info).toMatchObject({ event_type: 'fields_changed', keys: ['note'] })
    expect(onDone.data.info).toEqual({
      from: 'TODO',
      to: 'DONE',
      event_id: expect.any(Number),
      event_type: 'completed',
      actor_uid: expect.any(String),
      occurred_at: expect.any(String),
    })
    await api.patch(`webhooks/${hook.uid}`, { active: false })
  })

  it('gives up after the last attempt, and the task’s next event goes on', async () => {
    const hook = await subscribe('/down')
    const { body: task } = await api.post('tasks', { fields: { title: 'unlucky' } })
    await api.patch(`tasks/${task.uid}`, { archived: true })
    const log = await waitFor('both deliveries to fail', async () => {
      const items = await deliveries(hook.uid)
      return items.length === 2 && items.every((d) => d.status === 'failed') ? items : undefined
    })
    for (const delivery of log) {
      expect(delivery).toMatchObject({
        attempts: 4,
        last_response_status: 503,
        last_error: 'HTTP 503: nope',
        next_attempt_at: null,
      })
    }
    const answered = receiver.forTask(task.uid).map((r) => JSON.parse(r.body).type)
    expect(answered).toEqual([...Array(4).fill('task.created'), ...Array(4).fill('task.updated')])
    expect(
      (await api.get(`webhooks/${hook.uid}/deliveries`, { query: { status: 'pending' } })).body
        .items,
    ).toEqual([])
    await api.patch(`webhooks/${hook.uid}`, { active: false })
  })

  it('holds the deliveries of an inactive webhook, and sends them once it is active again', async () => {
    const hook = await subscribe('/gate')
    const { body: before } = await api.post('tasks', { fields: { title: 'before the pause' } })
    const paused = await api.patch(`webhooks/${hook.uid}`, { active: false })
    expect(paused.body.active).toBe(false)
    // Deliveries are written with the task, so none exists for a task made while inactive.
    const { body: during } = await api.post('tasks', { fields: { title: 'during the pause' } })
    const [held] = await deliveries(hook.uid)
    expect(held).toMatchObject({ task_uid: before.uid, status: 'pending', next_attempt_at: null })

    receiver.gateOpen = true
    await api.patch(`webhooks/${hook.uid}`, { active: true })
    const [sent] = await waitFor('the held delivery', async () => {
      const items = await deliveries(hook.uid)
      return items[0]?.status === 'delivered' ? items : undefined
    })
    expect(sent).toMatchObject({ uid: held?.uid, last_response_status: 200 })
    expect((await deliveries(hook.uid)).map((d) => d.task_uid)).toEqual([before.uid])
    expect(receiver.forTask(during.uid)).toEqual([])
    await api.patch(`webhooks/${hook.uid}`, { active: false })
  })

  it('keeps the API prompt while a receiver hangs', async () => {
    const hook = await subscribe('/hang')
    const { body: first } = await api.post('tasks', { fields: { title: 'first' } })
    const hanging = await waitFor(
      'the receiver to hold a delivery',
      async () => receiver.forTask(first.uid)[0],
    )
    // While that attempt hangs (the dispatcher waits up to TIMEOUT_MS for it), the API
    // answers writes and reads: all of them are back before the attempt is given up. No
    // speed threshold: the receiver's open connection is the clock.
    const clients = servers.map((server) => new ApiClient(server.url, api.token))
    for (let i = 0; i < 3; i++) {
      const client = clients[i % clients.length] as ApiClient
      const res = await client.post('tasks', { fields: { title: `meanwhile ${i}` } })
      expect(res.status).toBe(200)
      expect((await client.get(`tasks/${res.body.uid}`)).status).toBe(200)
    }
    expect(hanging.answered).toBe(null)
    expect(hanging.abandoned).toBe(false)

    // Then the attempt times out and is logged as such, to be retried later.
    const [delivery] = await waitFor('the attempt to time out', async () => {
      const items = await api.get(`webhooks/${hook.uid}/deliveries`, { query: { limit: '100' } })
      const mine = items.body.items.filter((d: { task_uid: string }) => d.task_uid === first.uid)
      return mine[0]?.last_error ? mine : undefined
    })
    expect(delivery).toMatchObject({
      status: 'pending',
      attempts: expect.any(Number),
      last_response_status: null,
      last_error: `no answer within ${TIMEOUT_MS} ms`,
    })
    expect(hanging.abandoned).toBe(true)
    expect((await api.delete(`webhooks/${hook.uid}`)).status).toBe(204)
  })
})
