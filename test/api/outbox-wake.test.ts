import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ApiClient } from '../support/api-client'
import { createAdminInstance } from '../support/fresh-instance'
import { type ServerProcess, startServer } from '../support/server-process'
import { waitFor } from '../support/wait-for'

// The delivery loops poll only every ten minutes here, so whatever arrives within the wait
// below was woken by the outbox itself (migration 0027), not found by a poll.
const SERVER_ENV = { TESSERA_RATE_LIMIT: '100000', TESSERA_WEBHOOK_POLL_MS: '600000' }
const WAIT_MS = 20_000

describe.each(inject('engines'))('outbox wake-ups on $name', (engine) => {
  const received: { path: string; type: string }[] = []
  let receiver: Server
  let receiverUrl: string
  let server: ServerProcess
  let api: ApiClient
  let drop: () => Promise<void>

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString()
      })
      req.on('end', () => {
        received.push({ path: req.url ?? '', type: (JSON.parse(body) as { type: string }).type })
        res.end()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
    const { instance, token } = await createAdminInstance(engine, 'outbox_wake', 'wake')
    drop = instance.drop
    server = await startServer(instance.args, SERVER_ENV)
    api = new ApiClient(server.url, token)
  })

  afterAll(async () => {
    await server?.stop()
    await new Promise((resolve) => receiver?.close(resolve))
    await drop?.()
  })

  it('delivers what a rule queues in the background at once, with no request to prompt it', async () => {
    const hook = await api.post('webhooks', {
      url: `${receiverUrl}/rule`,
      // Nothing the API does is sent here: only the rule's call.
      events: ['task.skipped'],
    })
    expect(hook.status, hook.text).toBe(200)
    const rule = await api.post('automations', {
      name: 'Call out gold',
      trigger: { kind: 'event', on: ['created'] },
      condition: { field: 'tier', operator: '==', value: 'gold' },
      actions: [{ type: 'call_webhook', webhook_uid: hook.body.uid }],
    })
    expect(rule.status, rule.text).toBe(200)
    // The rule runs in the automation engine after the create has answered: its webhook call
    // is queued by no request, so only the outbox's own wake-up can send it before the poll.
    const task = await api.post('tasks', { fields: { title: 'gold', tier: 'gold' } })
    expect(task.status, task.text).toBe(200)
    const calls = await waitFor(
      'the rule’s webhook call',
      async () => {
        const found = received.filter((r) => r.path === '/rule')
        return found.length > 0 ? found : undefined
      },
      WAIT_MS,
    )
    expect(calls.map((call) => call.type)).toEqual(['automation.fired'])
  })

  it('delivers a task’s events as its writes commit, without waiting for a poll', async () => {
    const hook = await api.post('webhooks', {
      url: `${receiverUrl}/tasks`,
      events: ['task.created', 'task.completed'],
    })
    expect(hook.status, hook.text).toBe(200)
    const created = await api.post('tasks', { fields: { title: 'watched' } })
    expect(created.status, created.text).toBe(200)
    const done = await api.patch(`tasks/${created.body.uid}`, { status: 'DONE' })
    expect(done.status, done.text).toBe(200)
    const types = await waitFor(
      'the completion',
      async () => {
        const found = received.filter((r) => r.path === '/tasks').map((r) => r.type)
        return found.includes('task.completed') ? found : undefined
      },
      WAIT_MS,
    )
    expect(types).toEqual(['task.created', 'task.completed'])
  })
})
