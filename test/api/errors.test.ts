import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import type { ApiResponse } from '../support/api-client'
import { postDeclaringLength } from '../support/declared-body'
import { sendRaw } from '../support/fuzz/raw-request'
import { storedState } from '../support/task-state'
import { claimTenant, type Tenant } from '../support/tenants'

const JSON_TYPE = { 'content-type': 'application/json' }
const MiB = 1024 * 1024

/** Every error body has exactly this shape (`fields` only for validation errors). */
function expectError(res: ApiResponse, status: number, code: string) {
  expect(res.status, res.text).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  expect(Object.keys(res.body)).toEqual(['error'])
  const { fields, ...rest } = res.body.error
  expect(rest).toEqual({ code, message: expect.any(String), request_id: expect.any(String) })
  expect(rest.request_id).toBe(res.headers.get('x-request-id'))
  if (code !== 'validation_failed') {
    expect(fields).toBeUndefined()
  }
}

describe.each(inject('engines'))('error responses on $name', (engine) => {
  let tenant: Tenant
  beforeAll(() => {
    tenant = claimTenant(engine)
  })

  const total = async () =>
    (await tenant.api.get('tasks', { query: { archived: 'all' } })).body.meta.total_count

  /** Sends a request that must be refused, and checks that it changed nothing. */
  const expectRefused = async (
    send: () => Promise<ApiResponse>,
    status: number,
    code: string,
  ): Promise<ApiResponse> => {
    const before = await total()
    const res = await send()
    expectError(res, status, code)
    expect(await total()).toBe(before)
    return res
  }

  it('answers 400 to malformed JSON, echoing the caller’s request id', async () => {
    const res = await expectRefused(
      () =>
        tenant.api.post('tasks', undefined, {
          rawBody: '{"fields": {"title": "x"',
          headers: { ...JSON_TYPE, 'x-request-id': 'client-req.42:a' },
        }),
      400,
      'bad_request',
    )
    expect(res.body.error.request_id).toBe('client-req.42:a')
    expect(res.headers.get('x-request-id')).toBe('client-req.42:a')
  })

  it('makes its own request id when the caller’s is unsafe to log, and sends it on success', async () => {
    for (const given of ['has spaces', 'x'.repeat(101), 'a"b']) {
      const res = await tenant.api.get(`tasks/${randomUUID()}`, {
        headers: { 'x-request-id': given },
      })
      expectError(res, 404, 'not_found')
      expect(res.body.error.request_id).toMatch(/^[0-9a-f-]{36}$/)
    }
    const ok = await tenant.api.get('accounts/me')
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers 415 to a body that is not JSON', async () => {
    const body = JSON.stringify({ fields: { title: 'as text' } })
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      await expectRefused(
        () =>
          tenant.api.post('tasks', undefined, { rawBody: body, headers: { 'content-type': type } }),
        415,
        'unsupported_media_type',
      )
    }
  })

  it('reads an empty body as {}: a 422 names what is needed, and none is where none is', async () => {
    const refused = await expectRefused(
      () => tenant.api.post('tasks', undefined, { rawBody: '', headers: JSON_TYPE }),
      422,
      'validation_failed',
    )
    expect(refused.body.error.fields).toEqual([{ path: '/body/fields', message: 'is required' }])
    // Fragment's examples send Content-Type: application/json on every request, DELETE included.
    const { body: task } = await tenant.api.post('tasks', { fields: { title: 'to archive' } })
    const res = await tenant.api.delete(`tasks/${task.uid}`, { rawBody: '', headers: JSON_TYPE })
    expect(res.status, res.text).toBe(200)
    expect(res.body.archived).toBe(true)
  })

  it('answers 413 to a single-task body over 1 MiB, saying the limit', async () => {
    const fields = { title: 'big', blob: 'x'.repeat(MiB) }
    const refused = await expectRefused(
      () => tenant.api.post('tasks', { fields }),
      413,
      'payload_too_large',
    )
    expect(refused.body.error.message).toBe('The request body is larger than 1 MiB, the limit.')
    // Sent in chunks, without a length: refused once the limit is passed.
    const chunked = await fetch(new URL('/api/v1/tasks', engine.baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.tokens.operator}`, ...JSON_TYPE },
      body: new Blob([JSON.stringify({ fields })]).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(413)
    expect(((await chunked.json()) as { error: { message: string } }).error.message).toContain(
      '1 MiB',
    )
    const { body: task } = await tenant.api.post('tasks', { fields: { title: 'small' } })
    await expectRefused(
      () => tenant.api.patch(`tasks/${task.uid}`, { fields }),
      413,
      'payload_too_large',
    )
    expect((await tenant.api.get(`tasks/${task.uid}`)).body.fields).toEqual({ title: 'small' })
  })

  it('answers 431 to headers over 16 KiB, even while the client is still sending a large body', async () => {
    // The server refuses from the head alone; closing at once with the body unread would make
    // the kernel reset the connection, and the client would see ECONNRESET instead of the 431.
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = await total()
      const res = await sendRaw(engine.baseUrl, {
        method: 'POST',
        target: '/api/v1/tasks',
        headers: {
          authorization: `Bearer ${tenant.tokens.operator}`,
          'content-type': 'application/json',
          'x-pad': 'p'.repeat(17_000),
        },
        body: Buffer.from(JSON.stringify({ fields: { title: 'x', blob: 'x'.repeat(4 * MiB) } })),
      })
      expect(res.status).toBe(431)
      expect(JSON.parse(res.text).error.code).toBe('headers_too_large')
      expect(await total()).toBe(before)
    }
  })

  it('accepts a batch of 1,000 items over 1 MiB, and refuses one declared over 16 MiB', async () => {
    const marker = randomUUID()
    const items = Array.from({ length: 1000 }, (_, i) => ({
      fields: { title: `item ${i}`, marker, note: 'n'.repeat(1100) },
    }))
    expect(JSON.stringify({ items }).length).toBeGreaterThan(MiB)
    const res = await tenant.api.post('tasks/batch', { items })
    expect(res.status, res.text.slice(0, 500)).toBe(200)
    expect(res.body.items).toHaveLength(1000)
    expect(res.body.items.every((item: { status: number }) => item.status === 200)).toBe(true)
    const listed = await tenant.api.get('tasks', { query: { marker, limit: '1' } })
    expect(listed.body.meta.total_count).toBe(1000)

    const tooBig = await expectRefused(
      () =>
        postDeclaringLength(
          engine.baseUrl,
          '/api/v1/tasks/batch',
          tenant.tokens.operator,
          16 * MiB + 1,
        ),
      413,
      'payload_too_large',
    )
    expect(tooBig.body.error.message).toBe('The request body is larger than 16 MiB, the limit.')
  })

  it('names the wrong fields of batch items by their index, and writes none of the batch', async () => {
    const marker = randomUUID()
    const first = randomUUID()
    const ok = (i: number) => ({ uid: randomUUID(), fields: { title: `ok ${i}`, marker } })
    const items = [
      { ...ok(0), uid: first },
      ok(1),
      ok(2),
      { fields: { marker } },
      ok(4),
      { ...ok(5), status: 'LATER' },
    ]
    const res = await expectRefused(
      () => tenant.api.post('tasks/batch', { items }),
      422,
      'validation_failed',
    )
    const paths = res.body.error.fields.map((f: { path: string }) => f.path)
    expect(paths).toContain('/body/items/3/fields/title')
    expect(paths).toContain('/body/items/5/status')
    expect(paths.every((p: string) => /^\/body\/items\/[35]\//.test(p))).toBe(true)
    expect((await tenant.api.get(`tasks/${first}`)).status).toBe(404)
  })

  it('answers 404 with the error shape to unknown routes and methods', async () => {
    expectError(await tenant.api.get('nope'), 404, 'not_found')
    expectError(await tenant.api.get('/api/v2/tasks'), 404, 'not_found')
    expectError(await tenant.api.delete('tasks'), 404, 'not_found')
    expectError(await tenant.api.post(`tasks/${randomUUID()}`, {}), 404, 'not_found')
    expectError(await tenant.api.get('tasks/not-a-uuid'), 404, 'not_found')
  })
})

describe.each(inject('engines'))('prototype pollution on $name', (engine) => {
  let tenant: Tenant
  beforeAll(() => {
    tenant = claimTenant(engine)
  })

  const total = async () =>
    (await tenant.api.get('tasks', { query: { archived: 'all' } })).body.meta.total_count

  it('refuses __proto__ and constructor.prototype keys anywhere in a body, writing nothing', async () => {
    const { body: task } = await tenant.api.post('tasks', { fields: { title: 'target' } })
    const attempts: [string, string, string][] = [
      ['POST', 'tasks', '{"fields":{"title":"x","__proto__":{"polluted":true}}}'],
      ['POST', 'tasks', '{"__proto__":{"status":"DONE"},"fields":{"title":"x"}}'],
      ['POST', 'tasks', '{"fields":{"title":"x","constructor":{"prototype":{"polluted":1}}}}'],
      ['POST', 'tasks', '{"fields":{"title":"x","a":{"b":[{"__proto__":{"polluted":1}}]}}}'],
      ['POST', 'tasks/batch', '{"items":[{"fields":{"title":"x","__proto__":{"p":1}}}]}'],
      ['PATCH', `tasks/${task.uid}`, '{"fields":{"__proto__":{"title":"hacked"}}}'],
      ['PUT', `tasks/${task.uid}`, '{"fields":{"title":"y","constructor":{"prototype":{}}}}'],
    ]
    const before = await total()
    for (const [method, path, rawBody] of attempts) {
      const res = await tenant.api.request(method, path, { rawBody, headers: JSON_TYPE })
      expectError(res, 400, 'bad_request')
    }
    expect(await total()).toBe(before)
    expect(storedState((await tenant.api.get(`tasks/${task.uid}`)).body)).toEqual(storedState(task))
  })

  it('keeps keys named like Object.prototype members as plain data', async () => {
    const fields = {
      title: 'inert',
      constructor: 'c',
      toString: 't',
      hasOwnProperty: 1,
      valueOf: { nested: true },
      prototype: ['p'],
      isPrototypeOf: null,
    }
    const created = await tenant.api.post('tasks', { fields })
    expect(created.status, created.text).toBe(200)
    expect(created.body.fields).toEqual(fields)
    expect((await tenant.api.get(`tasks/${created.body.uid}`)).body.fields).toEqual(fields)

    const patched = await tenant.api.patch(`tasks/${created.body.uid}`, {
      fields: { constructor: null, toString: 'u' },
    })
    expect(patched.status, patched.text).toBe(200)
    const { constructor: _dropped, ...kept } = fields
    expect(patched.body.fields).toEqual({ ...kept, toString: 'u' })

    const found = await tenant.api.get('tasks', { query: { toString: 'u' } })
    expect(found.status).toBe(200)
    expect(found.body.items.map((t: { uid: string }) => t.uid)).toEqual([created.body.uid])

    // Nothing leaked into other objects: a plain task has only its own fields.
    const plain = await tenant.api.post('tasks', { fields: { title: 'plain' } })
    expect((await tenant.api.get(`tasks/${plain.body.uid}`)).body.fields).toEqual({
      title: 'plain',
    })
  })

  it('never fails on query parameters named like prototype members', async () => {
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty', '__proto__.polluted']) {
      const res = await tenant.api.get('tasks', { query: { [name]: 'x' } })
      expect([200, 422], res.text).toContain(res.status)
      if (res.status === 200) {
        expect(res.body.meta.total_count).toBe(0)
      }
    }
    expect((await tenant.api.get('tasks', { query: { limit: '1' } })).status).toBe(200)
  })
})
