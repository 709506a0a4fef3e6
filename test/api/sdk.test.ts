import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import {
  type CreateTaskBody,
  createTesseraClient,
  type ListTasksQuery,
  type Task,
  TesseraApiError,
  type TesseraClient,
  unwrap,
} from '../../sdk/src/index'
import { claimTenant, type Tenant } from '../support/tenants'

/** Runs `promise`, expecting it to reject with a TesseraApiError, and returns that error. */
async function apiError(promise: Promise<unknown>): Promise<TesseraApiError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(TesseraApiError)
  return error as TesseraApiError
}

/** What a task is, leaving out durations (queue_time…) that grow between two reads. */
function identity({
  uid,
  status,
  archived,
  fields,
  due_at,
  created_at,
  updated_at,
  done_at,
}: Task) {
  return { uid, status, archived, fields, due_at, created_at, updated_at, done_at }
}

describe.each(inject('engines'))('the TypeScript SDK on $name', (engine) => {
  let tenant: Tenant
  let client: TesseraClient
  /** URLs the client fetched, in order, to see how it walks pages. */
  let fetched: URL[]

  beforeEach(() => {
    tenant = claimTenant(engine)
    fetched = []
    client = createTesseraClient({
      baseUrl: `${engine.baseUrl}/api/v1`,
      token: tenant.tokens.operator,
      fetch: (request) => {
        fetched.push(new URL(request.url))
        return fetch(request)
      },
    })
  })

  it('creates, reads and patches a task with typed bodies and answers', async () => {
    const created = await unwrap(
      client.POST('/tasks', {
        body: { fields: { title: 'From the SDK', url: 'https://example.com', country: 'FR' } },
      }),
    )
    expect(created).toMatchObject({ status: 'TODO', archived: false, done_at: null })
    expect(created.fields).toEqual({
      title: 'From the SDK',
      url: 'https://example.com',
      country: 'FR',
    })

    const path = { uid: created.uid }
    const got = await unwrap(client.GET('/tasks/{uid}', { params: { path } }))
    expect(identity(got)).toEqual(identity(created))

    const patched = await unwrap(
      client.PATCH('/tasks/{uid}', {
        params: { path },
        body: { status: 'DONE', fields: { country: null, vip: true } },
      }),
    )
    expect(patched.status).toBe('DONE')
    expect(patched.done_at).not.toBeNull()
    expect(patched.fields).toEqual({ title: 'From the SDK', url: 'https://example.com', vip: true })
    // What the server stored, not just what PATCH answered.
    const stored = await unwrap(client.GET('/tasks/{uid}', { params: { path } }))
    expect(identity(stored)).toEqual(identity(patched))
  })

  it('filters the list on custom fields, an array meaning any of its values', async () => {
    const countries = ['FR', 'DE', 'FR', 'IT']
    const { items } = await unwrap(
      client.POST('/tasks/batch', {
        body: {
          items: countries.map((country, i) => ({ fields: { title: `task ${i}`, country } })),
        },
      }),
    )
    const uidsOf = (...wanted: string[]) =>
      items
        .filter((_, i) => wanted.includes(countries[i] ?? ''))
        .map((item) => item.uid)
        .sort()

    const french = await client.listTasks({ country: 'FR' })
    expect(french.items.map((task) => task.uid).sort()).toEqual(uidsOf('FR'))
    expect(french.meta.total_count).toBe(2)
    // The plain typed GET takes the same filters once they are typed as a ListTasksQuery.
    const italian: ListTasksQuery = { country: 'IT' }
    const page = await unwrap(client.GET('/tasks', { params: { query: italian } }))
    expect(page.items.map((task) => task.uid)).toEqual(uidsOf('IT'))

    const query: ListTasksQuery = { country: ['FR', 'DE'], limit: 10 }
    const european: string[] = []
    for await (const task of client.listAllTasks(query)) {
      european.push(task.uid)
    }
    expect(european.sort()).toEqual(uidsOf('FR', 'DE'))
    expect(fetched.at(-1)?.searchParams.getAll('country')).toEqual(['FR', 'DE'])
  })

  it('listAllTasks walks next_cursor and yields each of 25 tasks exactly once', async () => {
    const body: { items: CreateTaskBody[] } = {
      items: Array.from({ length: 25 }, (_, i) => ({ fields: { title: `page task ${i}` } })),
    }
    const created = await unwrap(client.POST('/tasks/batch', { body }))
    expect(created.items.every((item) => item.status === 200)).toBe(true)
    fetched = []

    const seen: string[] = []
    for await (const task of client.listAllTasks({ limit: 10 })) {
      seen.push(task.uid)
    }
    expect(seen).toHaveLength(25)
    expect(new Set(seen)).toEqual(new Set(created.items.map((item) => item.uid)))
    // Three pages of 10, 10 and 5: the first without a cursor, then each next_cursor.
    expect(fetched.map((url) => url.pathname)).toEqual(Array(3).fill('/api/v1/tasks'))
    expect(fetched.map((url) => url.searchParams.has('cursor'))).toEqual([false, true, true])

    const pages = []
    for await (const page of client.listTaskPages({ limit: 10 })) {
      pages.push(page)
    }
    expect(pages.map((page) => page.items.length)).toEqual([10, 10, 5])
    expect(pages.map((page) => page.meta.total_count)).toEqual([25, 25, 25])
    expect(pages.at(-1)?.meta.next_cursor).toBeNull()
  })

  it('throws a typed not_found error carrying the request id on a 404', async () => {
    const uid = randomUUID()
    const error = await apiError(unwrap(client.GET('/tasks/{uid}', { params: { path: { uid } } })))
    expect(error).toMatchObject({ status: 404, code: 'not_found', fields: [] })
    expect(error.message).toMatch(/no task/i)
    expect(error.requestId).toBeTruthy()
    expect(error.requestId).toBe(error.response.headers.get('x-request-id'))

    // Without unwrap, the same error is a typed value, as openapi-fetch returns it.
    const raw = await client.GET('/tasks/{uid}', { params: { path: { uid } } })
    expect(raw.data).toBeUndefined()
    expect(raw.error?.error.code).toBe('not_found')
  })

  it('throws validation_failed naming every wrong field on a 422', async () => {
    // The types forbid this body; a JavaScript caller could still send it.
    const invalid = { status: 'LATER', fields: { url: 42 } } as unknown as CreateTaskBody
    const error = await apiError(unwrap(client.POST('/tasks', { body: invalid })))
    expect(error.status).toBe(422)
    expect(error.code).toBe('validation_failed')
    expect(error.fields.map((field) => field.path).sort()).toEqual([
      '/body/fields/title',
      '/body/fields/url',
      '/body/status',
    ])
    expect(error.body?.error.fields).toEqual(error.fields)
  })

  it('stops listAllTasks with the error of a rejected query', async () => {
    const pages = client.listAllTasks({ limit: 0 })
    const error = await apiError(pages.next())
    expect(error.code).toBe('validation_failed')
    expect(error.fields.map((field) => field.path)).toEqual(['/query/limit'])
  })

  it('sends its token: a viewer is refused writes, a wrong token everything', async () => {
    const viewer = createTesseraClient({
      baseUrl: `${engine.baseUrl}/api/v1`,
      token: tenant.tokens.viewer,
    })
    const body = { fields: { title: 'no' } }
    expect((await apiError(unwrap(viewer.POST('/tasks', { body })))).code).toBe('forbidden')
    expect(await unwrap(viewer.GET('/accounts/me'))).toMatchObject({ role: 'viewer' })

    const stranger = createTesseraClient({
      baseUrl: `${engine.baseUrl}/api/v1/`,
      token: 'not-a-token',
    })
    const error = await apiError(unwrap(stranger.GET('/accounts/me')))
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' })
  })
})
