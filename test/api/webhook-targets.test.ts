import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { hostname } from 'node:os'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { issueToken } from '../../src/app/issue-token'
import { openDatabase } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'
import { ApiClient } from '../support/api-client'
import { createFreshInstance, type FreshInstance } from '../support/fresh-instance'
import { type ServerProcess, startServer } from '../support/server-process'
import { waitFor } from '../support/wait-for'

const engines = inject('engines')
const adminUrl = engines.find((e) => e.name === 'postgres')?.databaseUrl

/**
 * Webhooks cannot be turned against the host: a server as shipped (without
 * TESSERA_WEBHOOK_ALLOW_PRIVATE) refuses loopback and private targets, written in the URL or
 * reached through a host name, while a receiver on the loopback waits for a request that
 * must never come.
 */
describe.each(engines)('webhook targets on $name', (engine) => {
  let instance: FreshInstance
  let server: ServerProcess
  let api: ApiClient
  let receiver: Server
  let receiverPort: number
  let hits = 0

  beforeAll(async () => {
    receiver = createServer((_req, res) => {
      hits++
      res.end('ok')
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    receiverPort = (receiver.address() as AddressInfo).port
    instance = await createFreshInstance(engine.name, adminUrl, 'webhook_targets')
    const db = await openDatabase(instance.location, { poolSize: 1 })
    let token: string
    try {
      await migrate(db)
      token = (await issueToken(db, { orgName: 'acme', tokenName: 'admin', role: 'admin' })).raw
    } finally {
      await db.close()
    }
    server = await startServer(instance.args, {
      TESSERA_WEBHOOK_ALLOW_PRIVATE: '0',
      TESSERA_WEBHOOK_BACKOFF_MS: '50',
    })
    api = new ApiClient(server.url, token)
  }, 180_000)

  afterAll(async () => {
    await server?.stop({ kill: true })
    receiver?.close()
    await instance?.drop()
  })

  it.each([
    ['http://127.0.0.1:9/hook', '127.0.0.1 is a loopback address'],
    ['http://10.0.0.8/hook', '10.0.0.8 is a private address'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254 is a linkLocal address'],
    ['http://0.0.0.0:80/', '0.0.0.0 is a unspecified address'],
    ['http://[::1]:9/hook', '::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/hook', '::ffff:7f00:1 is a loopback address'],
    ['http://[fd12::1]/hook', 'fd12::1 is a uniqueLocal address'],
    ['http://2130706433/hook', '127.0.0.1 is a loopback address'],
  ])('refuses %s at creation with a 422 naming the url, and creates nothing', async (url, why) => {
    const res = await api.post('webhooks', { url })
    expect(res.status, res.text).toBe(422)
    expect(res.body.error.fields).toEqual([
      { path: '/body/url', message: expect.stringContaining(why) },
    ])
    expect((await api.get('webhooks')).body.items).toEqual([])
  })

  it('refuses the same when a URL is changed to a private address', async () => {
    const created = await api.post('webhooks', {
      url: 'https://hooks.example.com/tessera',
      active: false,
    })
    expect(created.status, created.text).toBe(200)
    const changed = await api.patch(`webhooks/${created.body.uid}`, {
      url: `http://127.0.0.1:${receiverPort}/`,
    })
    expect(changed.status).toBe(422)
    expect((await api.get(`webhooks/${created.body.uid}`)).body.url).toBe(
      'https://hooks.example.com/tessera',
    )
    await api.delete(`webhooks/${created.body.uid}`)
  })

  it('refuses, on delivery, a host name that resolves to the loopback, and records why', {
    timeout: 120_000,
  }, async () => {
    // `localhost` and this machine's own name (in /etc/hosts) pass the creation check: only
    // resolving them shows where they lead.
    for (const name of ['localhost', hostname()]) {
      const created = await api.post('webhooks', { url: `http://${name}:${receiverPort}/hook` })
      expect(created.status, created.text).toBe(200)
      const test = await api.post(`webhooks/${created.body.uid}/test`, {})
      expect(test.status).toBe(200)
      expect(test.body).toMatchObject({ delivered: false, response_status: null })
      expect(test.body.error).toMatch(/resolves to .* is a loopback address/)
      await api.post('tasks', { fields: { title: `to ${name}` } })
      const failure = await waitFor('a failed delivery', async () => {
        const deliveries = await api.get(`webhooks/${created.body.uid}/deliveries`)
        const failed = deliveries.body.items.find(
          (d: { last_error: string | null }) => d.last_error,
        )
        return failed?.last_error as string | undefined
      })
      expect(failure).toMatch(/resolves to .* is a loopback address/)
      await api.delete(`webhooks/${created.body.uid}`)
    }
    expect(hits).toBe(0)
  })
})
