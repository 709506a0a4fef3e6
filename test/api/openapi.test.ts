import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, inject, it } from 'vitest'
import { ApiClient } from '../support/api-client'

/**
 * Operations the server registers under /api/v1, as `METHOD path`. Add new routes here
 * (`POST /tasks/query` when it lands) and run `npm run gen:sdk`.
 */
const EXPECTED_OPERATIONS = [
  'GET /accounts/me',
  'GET /health',
  'GET /tasks',
  'POST /tasks',
  'PUT /tasks/batch',
  'POST /tasks/batch',
  'PATCH /tasks/batch',
  'GET /tasks/{uid}',
  'PUT /tasks/{uid}',
  'PATCH /tasks/{uid}',
  'DELETE /tasks/{uid}',
  'GET /tasks/{uid}/comments',
  'POST /tasks/{uid}/comments',
  'GET /tokens',
  'POST /tokens',
  'DELETE /tokens/{uid}',
]
const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'options', 'head', 'trace']

const COMMITTED = JSON.parse(
  readFileSync(new URL('../../sdk/openapi.json', import.meta.url), 'utf8'),
) as OpenApiDocument

interface OpenApiDocument {
  openapi: string
  security: unknown[]
  servers: { url: string }[]
  paths: Record<string, Record<string, unknown>>
  components: { schemas: Record<string, unknown> }
}

interface Operation {
  method: string
  path: string
  security?: unknown[]
}

function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([key]) => HTTP_METHODS.includes(key))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        security: (operation as { security?: unknown[] }).security,
      })),
  )
}

/** Every `$ref` in the document, wherever it is. */
function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) {
    return node.flatMap(refsIn)
  }
  if (typeof node !== 'object' || node === null) {
    return []
  }
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [value] : refsIn(value),
  )
}

describe.each(inject('engines'))('the OpenAPI document on $name', (engine) => {
  const anonymous = new ApiClient(engine.baseUrl, null)

  async function served(): Promise<OpenApiDocument> {
    const res = await anonymous.get('/api/v1/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    return res.body as OpenApiDocument
  }

  /** Public routes that still refuse an anonymous caller without credentials or a session. */
  const PUBLIC_REFUSALS: Record<string, number> = {
    'POST /auth/login': 422,
    'GET /auth/session': 401,
  }

  it('is public and is OpenAPI 3.1', async () => {
    const document = await served()
    expect(document.openapi).toMatch(/^3\.1\.\d+$/)
    expect(document.servers).toEqual([{ url: '/api/v1' }])
  })

  it('documents every route of the server', async () => {
    const documented = operationsOf(await served()).map(({ method, path }) => `${method} ${path}`)
    expect(documented).toEqual(expect.arrayContaining(EXPECTED_OPERATIONS))
  })

  it('documents only routes the server serves, with the token they need', async () => {
    const document = await served()
    expect(document.security).toEqual([{ bearer: [] }])
    const operations = operationsOf(document)
    expect(operations).toContainEqual({ method: 'GET', path: '/health', security: [] })
    for (const { method, path, security } of operations) {
      const url = `${document.servers[0]?.url}${path.replace(/\{[^}]+\}/g, randomUUID())}`
      // Without a token a served route answers 401, or 200 when documented as public;
      // a route that does not exist would answer 404.
      const res = await anonymous.request(method, url)
      const refusal = PUBLIC_REFUSALS[`${method} ${path}`]
      // Sign-in attempts are limited per client address, and other test files sign in from
      // this one too: a 429 shows the route is served just as well as its refusal does.
      const status = refusal && res.status === 429 ? refusal : res.status
      expect({ method, path, status }).toEqual({
        method,
        path,
        status: security?.length === 0 ? (refusal ?? 200) : 401,
      })
    }
  })

  it('is the committed sdk/openapi.json (else run npm run gen:sdk)', async () => {
    expect(await served()).toEqual(COMMITTED)
  })

  it('names shared schemas under components and refers to them', async () => {
    const document = await served()
    const schemas = Object.keys(document.components.schemas)
    expect(schemas).toEqual(
      expect.arrayContaining(['Task', 'TaskPage', 'Error', 'CreateTaskBody', 'Comment']),
    )
    expect(schemas.filter((name) => /^def-\d+$/.test(name))).toEqual([])
    const refs = refsIn(document)
    const dangling = refs.filter(
      (ref) => !schemas.some((name) => ref === `#/components/schemas/${name}`),
    )
    expect(dangling).toEqual([])
    expect(JSON.stringify(document)).not.toContain('"$id"')

    const getTask = document.paths['/tasks/{uid}']?.get as {
      responses: Record<string, { content: Record<string, { schema: unknown }> }>
    }
    expect(getTask.responses['200']?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/Task',
    })
    expect(getTask.responses['404']?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/Error',
    })
  })

  it('serves readable docs at /api/v1/docs without a token', async () => {
    const res = await fetch(new URL('/api/v1/docs', engine.baseUrl), { redirect: 'follow' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toMatch(/<html/i)
    expect(html).toMatch(/swagger/i)
  })
})
