import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import type { Role } from '../../src/core/auth/roles'
import { ApiClient, type ApiResponse } from '../support/api-client'
import { queryDatabase } from '../support/pg-query'
import { fill, ROLES_ASCENDING as ORDER, ROUTES, type RouteRow } from '../support/route-table'
import { storedState } from '../support/task-state'
import { claimTenant, type Tenant } from '../support/tenants'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

function expectUnauthorized(res: ApiResponse) {
  expect(res.status).toBe(401)
  expect(res.body).toEqual({
    error: { code: 'unauthorized', message: expect.any(String), request_id: expect.any(String) },
  })
  // RFC 9110: a 401 names the authentication scheme to use.
  expect(res.headers.get('www-authenticate')).toBe('Bearer')
}

describe.each(inject('engines'))('authentication and roles on $name', (engine) => {
  const anon = new ApiClient(engine.baseUrl, null)
  let tenant: Tenant
  let taskUid: string
  beforeAll(async () => {
    tenant = claimTenant(engine)
    taskUid = (await tenant.api.post('tasks', { fields: { title: 'auth target' } })).body.uid
  })

  it('answers 401 without a token, before looking at the path or the body', async () => {
    expectUnauthorized(await anon.get('accounts/me'))
    expectUnauthorized(await anon.get(`tasks/${taskUid}`))
    expectUnauthorized(await anon.get('tasks/not-a-uuid'))
    expectUnauthorized(await anon.post('tasks', { not: 'a task' }))
  })

  it('answers 401 to a malformed Authorization header or an unknown token', async () => {
    const valid = tenant.tokens.viewer
    const headers = [
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer ',
      valid,
      `Token ${valid}`,
      `Bearer ${valid} ${valid}`,
      `Bearer ${valid.slice(0, -1)}`,
      `Bearer ${valid}x`,
      `Bearer ${valid.toUpperCase()}`,
      `Bearer tsr_${randomBytes(32).toString('base64url')}`,
    ]
    for (const authorization of headers) {
      expectUnauthorized(await anon.get('accounts/me', { headers: { authorization } }))
    }
    // The scheme is case-insensitive (RFC 9110), the token is not.
    const lower = await anon.get('accounts/me', { headers: { authorization: `bearer ${valid}` } })
    expect(lower.status).toBe(200)
  })

  it('GET /accounts/me tells the organization, user, token and role', async () => {
    const me = await tenant.as.operator.get('accounts/me')
    expect(me.status).toBe(200)
    expect(me.body).toEqual({
      organization: { uid: expect.stringMatching(UUID), name: tenant.orgName },
      user: {
        uid: expect.stringMatching(UUID),
        email: `operator@${tenant.orgName}.test`,
        name: 'operator',
        role: 'operator',
      },
      token: { uid: expect.stringMatching(UUID), name: 'operator token', role: 'operator' },
      role: 'operator',
    })
    const admin = await tenant.api.get('accounts/me')
    expect(admin.body).toMatchObject({ role: 'super_admin', user: { role: 'super_admin' } })
    expect(admin.body.organization).toEqual(me.body.organization)
  })

  it('the route table names every operation of the OpenAPI document, and no other', async () => {
    const doc = await anon.get('openapi.json')
    expect(doc.status).toBe(200)
    const documented = Object.entries(doc.body.paths as Record<string, object>).flatMap(
      ([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    )
    expect(ROUTES.map((row) => `${row.method} ${row.path}`).sort()).toEqual(documented.sort())
  })

  it('public routes need no token', async () => {
    for (const row of ROUTES.filter((r) => r.least === 'public')) {
      const res = await anon.request(row.method, row.path.slice(1), { body: row.body })
      // Sign-in attempts share one budget per client IP with the other test files, so a
      // refusal for too many attempts is as good an answer as a refusal of the password.
      const expected = row.path === '/auth/login' ? [row.allowed, 429] : [row.allowed ?? 200]
      expect(expected, `${row.method} ${row.path}`).toContain(res.status)
    }
    for (const path of ['/health', '/api/v1/openapi.json', '/api/v1/docs']) {
      expect((await anon.get(path)).status).toBe(200)
    }
  })

  it.each(ROUTES.filter((r) => r.least !== 'public'))(
    '$method $path is 403 below $least and allowed from it up',
    async (row) => {
      // Task routes act on a real task; the others on a uid that names nothing.
      const uid = row.path.startsWith('/tasks/') ? taskUid : randomUUID()
      const path = fill(row.path, uid).slice(1)
      const least = ORDER.indexOf(row.least as Role)
      for (const [rank, role] of ORDER.entries()) {
        if (rank >= least && row.stream) {
          // An allowed stream never ends: refusals are all there is to await here.
          continue
        }
        const res = await tenant.as[role].request(row.method, path, { body: fill(row.body, uid) })
        if (rank < least) {
          expect(res.status, `${role} must be refused`).toBe(403)
          expect(res.body.error.code).toBe('forbidden')
        } else if (row.allowed) {
          expect(res.status, `${role} must be allowed: ${res.text}`).toBe(row.allowed)
        } else {
          expect([401, 403], `${role} must be allowed: ${res.text}`).not.toContain(res.status)
          expect(res.status, res.text).toBeLessThan(500)
        }
      }
    },
  )

  it('a refused request changes nothing, and is refused before its body is validated', async () => {
    const uid = randomUUID()
    expect((await tenant.as.viewer.post('tasks', { uid, fields: { title: 'no' } })).status).toBe(
      403,
    )
    expect((await tenant.api.get(`tasks/${uid}`)).status).toBe(404)
    expect((await tenant.as.viewer.post('tasks', { fields: 42 })).status).toBe(403)
    const before = (await tenant.api.get(`tasks/${taskUid}`)).body
    const patch = await tenant.as.viewer.patch(`tasks/${taskUid}`, { fields: { title: 'changed' } })
    expect(patch.status).toBe(403)
    expect(storedState((await tenant.api.get(`tasks/${taskUid}`)).body)).toEqual(
      storedState(before),
    )
    const tokens = (await tenant.api.get('tokens')).body.items.length
    expect((await tenant.as.operator.post('tokens', { name: 'sneaky' })).status).toBe(403)
    expect((await tenant.api.get('tokens')).body.items).toHaveLength(tokens)
  })
})

describe.each(inject('engines'))('the tokens API on $name', (engine) => {
  let tenant: Tenant
  beforeAll(() => {
    tenant = claimTenant(engine)
  })

  const listed = async (uid: string) =>
    (await tenant.as.admin.get('tokens')).body.items.find((t: { uid: string }) => t.uid === uid)

  it('an admin creates a token that works at once and is shown only once', async () => {
    const created = await tenant.as.admin.post('tokens', { name: 'ci', role: 'operator' })
    expect(created.status).toBe(200)
    const { token: raw, ...token } = created.body
    expect(raw).toMatch(/^tsr_[\w-]{43}$/)
    expect(token).toEqual({
      uid: expect.stringMatching(UUID),
      name: 'ci',
      role: 'operator',
      last4: raw.slice(-4),
      user_uid: expect.stringMatching(UUID),
      rate_limit_per_minute: null,
      created_at: expect.any(String),
      expires_at: null,
      last_used_at: null,
      revoked_at: null,
    })
    expect(await listed(token.uid)).toEqual(token)

    // The token acts as the admin who made it, with the role it was given.
    const client = new ApiClient(engine.baseUrl, raw)
    const me = await client.get('accounts/me')
    expect(me.body).toMatchObject({
      role: 'operator',
      token: { uid: token.uid, name: 'ci', role: 'operator' },
      user: { email: `admin@${tenant.orgName}.test`, role: 'admin' },
    })
    expect((await client.post('tasks', { fields: { title: 'by ci' } })).status).toBe(200)
    expect((await client.get('tokens')).status).toBe(403)

    const seen = await listed(token.uid)
    expect(seen.last_used_at).not.toBeNull()
    expect(Date.parse(seen.last_used_at)).toBeGreaterThanOrEqual(Date.parse(seen.created_at))
  })

  it('the listing never contains a raw token or its hash', async () => {
    const { body } = await tenant.as.admin.post('tokens', { name: 'secret' })
    expect(body.role).toBe('admin')
    const list = await tenant.as.admin.get('tokens')
    expect(list.status).toBe(200)
    expect(list.body.items.length).toBeGreaterThanOrEqual(5)
    for (const item of list.body.items) {
      expect(Object.keys(item).sort()).toEqual(
        [
          'created_at',
          'expires_at',
          'last4',
          'last_used_at',
          'name',
          'rate_limit_per_minute',
          'revoked_at',
          'role',
          'uid',
          'user_uid',
        ].sort(),
      )
    }
    const sha256 = createHash('sha256').update(body.token).digest('hex')
    for (const secret of [body.token, body.token.slice(4), sha256]) {
      expect(list.text).not.toContain(secret)
    }
    if (engine.databaseUrl) {
      const rows = await queryDatabase<{ token_hash: string; row: string }>(
        engine.databaseUrl,
        'SELECT token_hash, t::text AS row FROM api_tokens t WHERE uid = $1',
        [body.uid],
      )
      expect(rows).toHaveLength(1)
      const [row] = rows
      expect(row?.token_hash).not.toBe(body.token)
      expect(row?.row).not.toContain(body.token.slice(4))
      expect(list.text).not.toContain(row?.token_hash)
      const anywhere = await queryDatabase<{ n: number }>(
        engine.databaseUrl,
        'SELECT count(*)::int AS n FROM api_tokens t WHERE strpos(t::text, $1) > 0',
        [body.token.slice(4)],
      )
      expect(anywhere[0]?.n).toBe(0)
    }
  })

  it('an admin cannot create a token above its own role', async () => {
    const before = (await tenant.as.admin.get('tokens')).body.items.length
    const res = await tenant.as.admin.post('tokens', { name: 'escalate', role: 'super_admin' })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('forbidden')
    expect((await tenant.as.admin.get('tokens')).body.items).toHaveLength(before)
    const ok = await tenant.api.post('tokens', { name: 'by super admin', role: 'super_admin' })
    expect(ok.status).toBe(200)
  })

  it('refuses a malformed token request with 422', async () => {
    const res = await tenant.as.admin.post('tokens', {
      name: '',
      role: 'owner',
      rate_limit_per_minute: 0,
      expires_at: 'soon',
    })
    expect(res.status).toBe(422)
    const paths = res.body.error.fields.map((f: { path: string }) => f.path)
    expect([...new Set(paths)].sort()).toEqual([
      '/body/expires_at',
      '/body/name',
      '/body/rate_limit_per_minute',
      '/body/role',
    ])
  })

  it('a revoked token is refused on the very next request', async () => {
    const { body } = await tenant.as.admin.post('tokens', { name: 'to revoke', role: 'viewer' })
    const client = new ApiClient(engine.baseUrl, body.token)
    expect((await client.get('accounts/me')).status).toBe(200)
    const revoked = await tenant.as.admin.delete(`tokens/${body.uid}`)
    expect(revoked.status).toBe(200)
    expect(revoked.body.revoked_at).not.toBeNull()
    expectUnauthorized(await client.get('accounts/me'))
    expect((await listed(body.uid)).revoked_at).toBe(revoked.body.revoked_at)
    // Revoking again keeps the first revocation time.
    expect((await tenant.as.admin.delete(`tokens/${body.uid}`)).body).toEqual(revoked.body)
    expect((await tenant.as.admin.delete(`tokens/${randomUUID()}`)).status).toBe(404)
  })

  it('an expired token is refused; one that expires later works', async () => {
    const past = await tenant.as.admin.post('tokens', {
      name: 'expired',
      expires_at: '2020-01-01T00:00:00.000Z',
    })
    expect(past.status).toBe(200)
    expect(past.body.expires_at).toBe('2020-01-01T00:00:00.000Z')
    expectUnauthorized(await new ApiClient(engine.baseUrl, past.body.token).get('tasks'))
    const later = new Date(Date.now() + 86_400_000).toISOString()
    const future = await tenant.as.admin.post('tokens', { name: 'later', expires_at: later })
    expect(future.body.expires_at).toBe(later)
    expect((await new ApiClient(engine.baseUrl, future.body.token).get('tasks')).status).toBe(200)
  })
})

/** The routes a token must get past: every one but the public ones. */
const GUARDED = ROUTES.filter((row) => row.least !== 'public')

/** Sends `row` with the client, as the role matrix does, to a uid that names nothing. */
function callRoute(client: ApiClient, row: RouteRow): Promise<ApiResponse> {
  const uid = randomUUID()
  return client.request(row.method, fill(row.path, uid).slice(1), { body: fill(row.body, uid) })
}

describe.each(inject('engines'))('refused credentials on $name', (engine) => {
  let tenant: Tenant
  beforeAll(() => {
    tenant = claimTenant(engine)
  })

  const issue = async (body: Record<string, unknown>) => {
    const res = await tenant.api.post('tokens', { name: `credential ${randomUUID()}`, ...body })
    expect(res.status, res.text).toBe(200)
    return { uid: res.body.uid as string, client: new ApiClient(engine.baseUrl, res.body.token) }
  }

  it('a revoked token is refused by every route', async () => {
    const token = await issue({ role: 'super_admin' })
    expect((await token.client.get('accounts/me')).status).toBe(200)
    expect((await tenant.api.delete(`tokens/${token.uid}`)).status).toBe(200)
    for (const row of GUARDED) {
      expectUnauthorized(await callRoute(token.client, row))
    }
  })

  it('an expired token is refused by every route', async () => {
    const token = await issue({ role: 'super_admin', expires_at: '2020-01-01T00:00:00.000Z' })
    for (const row of GUARDED) {
      expectUnauthorized(await callRoute(token.client, row))
    }
  })

  it('a token works until it expires, and is refused from then on', async () => {
    const expiresAt = new Date(Date.now() + 3000)
    const token = await issue({ role: 'viewer', expires_at: expiresAt.toISOString() })
    const first = await token.client.get('accounts/me')
    if (Date.now() < expiresAt.getTime()) {
      // On a machine slow enough to take three seconds for one request, nothing is learnt.
      expect(first.status).toBe(200)
    }
    // Polled, not slept: the server's clock decides, the test only waits for it.
    let res = first
    const giveUpAt = Date.now() + 60_000
    while (res.status === 200 && Date.now() < giveUpAt) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      res = await token.client.get('accounts/me')
    }
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime())
    expectUnauthorized(res)
    expectUnauthorized(await token.client.get('tasks'))
  })

  it("a deactivated user's tokens are refused by every route", async () => {
    const users = (await tenant.api.get('users')).body.items as { uid: string; email: string }[]
    const operator = users.find((user) => user.email === `operator@${tenant.orgName}.test`)
    expect(operator).toBeDefined()
    expect((await tenant.as.operator.get('accounts/me')).status).toBe(200)
    const off = await tenant.api.patch(`users/${operator?.uid}`, { active: false })
    expect(off.status, off.text).toBe(200)
    for (const row of GUARDED) {
      expectUnauthorized(await callRoute(tenant.as.operator, row))
    }
    // The organization's other users go on.
    expect((await tenant.as.viewer.get('accounts/me')).status).toBe(200)
  })
})
