import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect } from 'vitest'
import { ApiClient } from './api-client'
import { waitFor } from './wait-for'

/** A webhook receiver that accepts everything, so that every delivery ends `delivered`. */
export async function startReceiver(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => res.writeHead(200).end('ok'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, server }
}

/** What the populated source instance holds, as its users can reach it. */
export interface Population {
  admin: string
  operator: string
  viewer: string
  revoked: string
  cookie: string
  webhookUid: string
  taskUids: string[]
}

/**
 * Fills an organization through the API with a bit of everything: users, a password and a
 * web session, tokens (one revoked), queues with routing and an SLA, tasks with custom
 * fields, comments, player work (history), field and status changes, an archived task, and
 * a webhook whose deliveries have all gone out.
 */
export async function populateOrganization(
  url: string,
  admin: string,
  operator: string,
  receiverUrl: string,
) {
  const api = new ApiClient(url, admin)
  const op = new ApiClient(url, operator)
  const ok = async (res: Promise<{ status: number; body: unknown; text: string }>) => {
    const answered = await res
    expect(answered.status, answered.text).toBe(200)
    // biome-ignore lint/suspicious/noExplicitAny: the tests read response bodies freely.
    return answered.body as any
  }
  const hook = await ok(api.post('webhooks', { url: receiverUrl, description: 'backup test' }))
  await ok(
    api.post('users', {
      email: 'web@acme.test',
      name: 'Web user',
      role: 'operator',
      skills: ['fr'],
      password: 'a long enough passphrase',
    }),
  )
  const login = await fetch(new URL('/api/v1/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'web@acme.test', password: 'a long enough passphrase' }),
  })
  expect(login.status).toBe(200)
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const viewer = (await ok(api.post('tokens', { name: 'dashboards', role: 'viewer' }))).token
  const doomed = await ok(api.post('tokens', { name: 'leaked', role: 'viewer' }))
  expect((await api.delete(`tokens/${doomed.uid}`)).status).toBeLessThan(300)

  const country = (code: string) => ({
    combinator: 'and',
    conditions: [{ field: 'country', operator: '==', value: code }],
  })
  await ok(
    api.post('queues', {
      name: 'France',
      condition: country('FR'),
      sla_policy: { resolution_minutes: 240 },
    }),
  )
  await ok(
    api.post('queues', {
      name: 'Germany',
      condition: country('DE'),
      priority: [{ field: 'amount', direction: 'descending' }],
    }),
  )
  const taskUids: string[] = []
  for (const [i, code] of ['FR', 'FR', 'DE', 'DE', 'IT', 'FR'].entries()) {
    const task = await ok(
      api.post('tasks', {
        due_at: `2031-0${(i % 9) + 1}-15T10:00:00.000Z`,
        fields: {
          title: `Claim ${i}`,
          url: `https://claims.example/${i}`,
          country: code,
          amount: 100 * (i + 1),
          customer: { name: `Customer ${i}`, tags: ['vip', `t${i}`], note: null },
        },
      }),
    )
    taskUids.push(task.uid)
  }
  const [first, second, third, , fifth, sixth] = taskUids as [string, ...string[]]
  await ok(api.post(`tasks/${first}/comments`, { text: 'Called the customer.' }))
  await ok(op.post(`tasks/${first}/comments`, { text: 'Waiting for documents ✉️' }))
  await ok(api.post(`tasks/${third}/comments`, { text: 'Checked.' }))
  await ok(api.patch(`tasks/${second}`, { fields: { amount: 250, note: 'revised' } }))
  await ok(api.patch(`tasks/${fifth}`, { status: 'DONE' }))
  await ok(api.patch(`tasks/${sixth}`, { archived: true }))
  await ok(op.post('player/start', {}))
  await ok(op.post('player/next'))
  await ok(op.post('player/complete', {}))
  await ok(op.post('player/next'))
  // Every write above queued its deliveries in its own transaction; wait until all are out.
  await waitFor('every webhook delivery delivered', async () => {
    const pending = await ok(
      api.get(`webhooks/${hook.uid}/deliveries`, { query: { status: 'pending' } }),
    )
    return pending.items.length === 0 ? true : undefined
  })
  return {
    cookie,
    viewer,
    revoked: doomed.token as string,
    webhookUid: hook.uid as string,
    taskUids,
  }
}
