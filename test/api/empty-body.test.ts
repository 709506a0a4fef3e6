import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import type { ApiClient, ApiResponse } from '../support/api-client'
import { claimTenant, type Tenant } from '../support/tenants'

/** The ways clients send an empty POST: curl -X POST, fetch with '', curl -d '', text. */
const EMPTY_BODIES: { name: string; headers: Record<string, string>; rawBody?: string }[] = [
  { name: 'no body and no content type', headers: {} },
  {
    name: 'an empty application/json body',
    headers: { 'content-type': 'application/json' },
    rawBody: '',
  },
  {
    name: 'an empty form (curl -d "")',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: '',
  },
  { name: 'an empty text/plain body', headers: { 'content-type': 'text/plain' }, rawBody: '' },
]

interface Operation {
  method: string
  path: string
}

/** Every operation of the API document that takes a body, its `{uid}`s naming nothing. */
async function operationsWithBody(api: ApiClient): Promise<Operation[]> {
  const document = (await api.get('/api/v1/openapi.json')).body as {
    paths: Record<string, Record<string, { requestBody?: unknown }>>
  }
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => operation.requestBody)
      .map(([method, _]) => ({
        method: method.toUpperCase(),
        path: path.replaceAll('{uid}', randomUUID()).slice(1),
      })),
  )
}

const send = (api: ApiClient, { method, path }: Operation, empty: (typeof EMPTY_BODIES)[number]) =>
  api.request(method, path, { headers: empty.headers, rawBody: empty.rawBody })

const summary = (res: ApiResponse) => `${res.status} ${res.body?.error?.code ?? ''}`

describe.each(inject('engines'))('an empty body on $name', (engine) => {
  let tenant: Tenant
  beforeAll(() => {
    tenant = claimTenant(engine)
  })

  it('completes and pauses the task in progress, whatever content type came with it', async () => {
    expect((await tenant.as.admin.post('queues', { name: 'All' })).status).toBe(200)
    const op = tenant.as.operator
    for (const empty of EMPTY_BODIES) {
      const created = await tenant.api.post('tasks', { fields: { title: empty.name } })
      expect(created.status).toBe(200)
      const started = await op.request('POST', 'player/start', empty)
      expect(started.status, `start with ${empty.name}: ${started.text}`).toBe(200)
      expect((await op.post('player/next')).body.task.uid).toBe(created.body.uid)
      const paused = await op.request('POST', 'player/pause', empty)
      expect(paused.status, `pause with ${empty.name}: ${paused.text}`).toBe(200)
      expect(paused.body).toMatchObject({ uid: created.body.uid, status: 'TODO' })
      // The paused task stays the operator's: next hands it back.
      expect((await op.post('player/next')).body.task.uid).toBe(created.body.uid)
      const done = await op.request('POST', 'player/complete', empty)
      expect(done.status, `complete with ${empty.name}: ${done.text}`).toBe(200)
      expect(done.body).toMatchObject({ uid: created.body.uid, status: 'DONE' })
    }
  })

  it('is answered as {} is, on every route that takes a body', async () => {
    const operations = await operationsWithBody(tenant.api)
    expect(operations.length).toBeGreaterThan(20)
    const answers = new Set<string>()
    for (const operation of operations) {
      const asEmptyObject = await tenant.api.request(operation.method, operation.path, {
        body: {},
      })
      answers.add(summary(asEmptyObject))
      for (const empty of EMPTY_BODIES) {
        const res = await send(tenant.api, operation, empty)
        const what = `${operation.method} ${operation.path} with ${empty.name}: ${res.text}`
        expect(summary(res), what).toBe(summary(asEmptyObject))
        if (res.status === 422) {
          expect(res.body.error.fields, what).toEqual(asEmptyObject.body.error.fields)
        }
      }
    }
    // Routes whose fields are all optional, and routes that need some, are both among them.
    expect(answers).toContain('422 validation_failed')
    expect([...answers].some((answer) => answer.startsWith('2'))).toBe(true)
  })

  it('still refuses a body that is not JSON with a 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await tenant.as.operator.request('POST', 'player/complete', {
        headers: { 'content-type': type },
        rawBody: 'task_uid=x',
      })
      expect(summary(res)).toBe('415 unsupported_media_type')
    }
  })
})
