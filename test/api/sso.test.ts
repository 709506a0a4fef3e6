import { createHash, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { sendRaw } from '../support/fuzz/raw-request'
import {
  startOidcProvider,
  type TestAccount,
  type TestOidcProvider,
} from '../support/oidc-provider'
import { queryDatabase } from '../support/pg-query'
import { CookieJar, locationOf, step } from '../support/redirect-client'
import { claimTenant, type Tenant } from '../support/tenants'

const engines = inject('engines')
let idp: TestOidcProvider

beforeAll(async () => {
  idp = await startOidcProvider(
    engines.map((engine) => new URL('/api/v1/auth/sso/callback', engine.baseUrl).href),
  )
})

afterAll(async () => {
  await idp?.close()
})

const ROLE_VALUES = { admin: ['tessera-admins'], operator: ['ops'], viewer: ['staff'] }

describe.each(engines)('single sign-on on $name', (engine) => {
  let tenant: Tenant
  /** A domain of this test's own: the login page finds the organization by it. */
  let domain: string
  beforeEach(() => {
    tenant = claimTenant(engine)
    domain = `t${randomUUID().slice(0, 8)}.example.com`
  })

  const api = (path: string) => new URL(`/api/v1/${path}`, engine.baseUrl)

  function settings(overrides: Record<string, unknown> = {}) {
    return {
      issuer: idp.issuer,
      client_id: idp.client.id,
      client_secret: idp.client.secret,
      allowed_domains: [domain],
      // The provider, as Okta does, gives the groups claim only to who asks for its scope.
      scopes: ['openid', 'email', 'profile', 'groups'],
      role_claim: 'groups',
      role_values: ROLE_VALUES,
      sso_required: false,
      ...overrides,
    }
  }

  async function configure(overrides: Record<string, unknown> = {}) {
    const res = await tenant.as.admin.put('sso', settings(overrides))
    expect(res.status, res.text).toBe(200)
    return res.body
  }

  function person(account: TestAccount & { email: string }): string {
    idp.accounts.set(account.email, account)
    return account.email
  }

  /** Goes from Tessera's start to the provider, signs in there, and stops at the callback. */
  async function reachCallback(
    query: Record<string, string>,
    email: string,
    jar = new CookieJar(),
  ): Promise<{ callback: URL; jar: CookieJar }> {
    const start = api('auth/sso/start')
    start.search = new URLSearchParams(query).toString()
    let url = locationOf(await step(jar, start), start)
    for (let hops = 0; hops < 10; hops++) {
      if (url.pathname.endsWith('/auth/sso/callback')) {
        return { callback: url, jar }
      }
      const response = url.pathname.startsWith('/interaction/')
        ? await step(jar, url, { method: 'POST', form: { email } })
        : await step(jar, url)
      url = locationOf(response, url)
    }
    throw new Error('the provider never sent the browser back')
  }

  /** Opens the callback: where the browser lands, and the session cookie if one was set. */
  async function finish(callback: URL, jar: CookieJar) {
    const response = await step(jar, callback)
    const landing = locationOf(response, callback)
    return {
      landing: `${landing.pathname}${landing.search}`,
      session: jar.get(callback, 'tessera_session'),
    }
  }

  async function signInWithSso(email: string, query: Record<string, string> = { email }) {
    const { callback, jar } = await reachCallback(query, email)
    return finish(callback, jar)
  }

  async function userEmails(): Promise<string[]> {
    const users = (await tenant.api.get('users')).body.items as { email: string }[]
    return users.map((u) => u.email).sort()
  }

  async function sessionOf(cookie: string | undefined) {
    const res = await fetch(api('auth/session'), {
      headers: { cookie: `tessera_session=${cookie}` },
    })
    return {
      status: res.status,
      body: (await res.json()) as {
        account: { user: { email: string }; organization: { name: string }; role: string }
        csrf_token: string
      },
    }
  }

  let signIns = 0
  /** Password sign-in from a loopback address of its own (sign-in is limited per address). */
  async function passwordSignIn(email: string, password: string) {
    signIns++
    return sendRaw(
      engine.baseUrl,
      {
        method: 'POST',
        target: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ email, password })),
      },
      `127.82.${Math.floor(signIns / 250) % 250}.${(signIns % 250) + 1}`,
    )
  }

  it('keeps settings per organization, answers 422 naming wrong fields, and never returns the secret', async () => {
    expect((await tenant.as.admin.get('sso')).status).toBe(404)
    const first = await tenant.as.admin.put('sso', { ...settings(), client_secret: undefined })
    expect(first.status).toBe(422)
    expect(first.body.error.fields).toEqual([
      { path: '/body/client_secret', message: 'is required the first time' },
    ])
    const wrong = await tenant.as.admin.put(
      'sso',
      settings({
        issuer: 'http://idp.example.com',
        role_values: { admin: [], operator: [], viewer: [] },
        sso_required: true,
      }),
    )
    expect(wrong.status).toBe(422)
    expect(wrong.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      '/body/break_glass_user_uid',
      '/body/issuer',
      '/body/role_values',
    ])
    const operator = (await tenant.api.get('users')).body.items.find(
      (u: { role: string }) => u.role === 'operator',
    )
    const notSuper = await tenant.as.admin.put(
      'sso',
      settings({ sso_required: true, break_glass_user_uid: operator.uid }),
    )
    expect(notSuper.body.error.fields).toEqual([
      {
        path: '/body/break_glass_user_uid',
        message: 'must name an active super admin of your organization',
      },
    ])

    const saved = await configure({ allowed_domains: [domain.toUpperCase()], scopes: undefined })
    expect(JSON.stringify(saved)).not.toContain(idp.client.secret)
    expect(saved).toMatchObject({
      issuer: idp.issuer,
      client_id: idp.client.id,
      client_secret_set: true,
      allowed_domains: [domain],
      scopes: ['openid', 'email', 'profile'],
      redirect_uri: api('auth/sso/callback').href,
      sso_required: false,
      break_glass_user_uid: null,
    })
    expect(saved.sign_in_url).toBe(
      `${api('auth/sso/start').href}?organization=${encodeURIComponent(tenant.orgName)}`,
    )
    // Left out, the secret is kept; the answer never holds it.
    const kept = await tenant.as.admin.put('sso', {
      ...settings({ scopes: ['email', 'groups'] }),
      client_secret: undefined,
    })
    expect(kept.status).toBe(200)
    expect(kept.body.scopes).toEqual(['openid', 'email', 'groups'])
    const read = await tenant.as.admin.get('sso')
    expect(read.body).toEqual(kept.body)
    expect(read.text).not.toContain(idp.client.secret)
    expect((await tenant.as.operator.get('sso')).status).toBe(403)
    expect((await tenant.as.operator.put('sso', settings())).status).toBe(403)

    const tested = await tenant.as.admin.post('sso/test', {})
    expect(tested.body).toMatchObject({
      ok: true,
      issuer: idp.issuer,
      authorization_endpoint: `${idp.issuer}/auth`,
    })
    const unreachable = await tenant.as.admin.post('sso/test', { issuer: 'http://127.0.0.1:9' })
    expect(unreachable.status).toBe(200)
    expect(unreachable.body.ok).toBe(false)
    expect(unreachable.body.error).toEqual(expect.any(String))

    expect((await tenant.as.admin.delete('sso')).status).toBe(204)
    expect((await tenant.as.admin.get('sso')).status).toBe(404)
    expect((await tenant.as.admin.delete('sso')).status).toBe(404)
    // Each change is in the audit log, by whom, the secret neither in clear nor sealed.
    const audit = await tenant.as.admin.get('audit', {
      query: { action: 'sso.created,sso.updated,sso.deleted' },
    })
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'sso.deleted',
      'sso.updated',
      'sso.created',
    ])
    expect(audit.body.items[1].changes.after).toEqual({
      scopes: ['openid', 'email', 'groups'],
      client_auth_replaced: false,
    })
    expect(audit.text).not.toContain(idp.client.secret)
    expect(audit.text).not.toContain('v1.')
  })

  it('creates a user on first sign-in with the mapped role, and signs them in as a password would', async () => {
    await configure()
    const email = person({ email: `new@${domain}`, name: 'Nadia New', groups: ['staff', 'ops'] })
    const { landing, session } = await signInWithSso(email)
    expect(landing).toBe('/')
    const me = await sessionOf(session)
    expect(me.status).toBe(200)
    expect(me.body.account).toMatchObject({ user: { email }, role: 'operator' })
    expect(me.body.account.organization.name).toBe(tenant.orgName)
    const users = (await tenant.api.get('users')).body.items as {
      email: string
      name: string
      role: string
    }[]
    expect(users.find((u) => u.email === email)).toMatchObject({
      name: 'Nadia New',
      role: 'operator',
    })
    const sessions = await fetch(api('sessions'), {
      headers: { cookie: `tessera_session=${session}` },
    })
    const items = ((await sessions.json()) as { items: Record<string, unknown>[] }).items
    expect(items).toEqual([
      expect.objectContaining({ method: 'sso', current: true, user_agent: 'sso-tests/1.0' }),
    ])
    const audit = await tenant.as.admin.get('audit', {
      query: { action: 'user.created,auth.signed_in' },
    })
    expect(
      audit.body.items.map((e: { action: string; object: { name: string } }) => [
        e.action,
        e.object.name,
      ]),
    ).toEqual([
      ['auth.signed_in', email],
      ['user.created', email],
    ])
  })

  it('signs an existing user in to their account, its role re-synced from the provider, by organization name too', async () => {
    await configure()
    const email = `existing@${domain}`
    const created = await tenant.as.admin.post('users', { email, name: 'Eve', role: 'viewer' })
    person({ email, groups: ['tessera-admins'] })
    const { session } = await signInWithSso(email, { organization: tenant.orgName })
    const me = await sessionOf(session)
    expect(me.body.account).toMatchObject({ user: { email }, role: 'admin' })
    const users = (await tenant.api.get('users')).body.items as {
      uid: string
      email: string
      name: string
    }[]
    expect(users.filter((u) => u.email === email)).toEqual([
      expect.objectContaining({ uid: created.body.uid, name: 'Eve', role: 'admin' }),
    ])
    person({ email, groups: ['staff'] })
    await signInWithSso(email)
    expect((await sessionOf(session)).body.account.role).toBe('viewer')
  })

  it('refuses password sign-in when SSO is required, except for the break-glass super admin', async () => {
    const password = 'correct horse battery'
    const glass = await tenant.api.post('users', {
      email: `glass-${randomUUID()}@elsewhere.test`,
      name: 'Glass',
      role: 'super_admin',
      password,
    })
    const worker = await tenant.api.post('users', {
      email: `worker-${randomUUID()}@elsewhere.test`,
      name: 'Worker',
      role: 'operator',
      password,
    })
    expect((await passwordSignIn(worker.body.email, password)).status).toBe(200)
    await configure({ sso_required: true, break_glass_user_uid: glass.body.uid })
    const refused = await passwordSignIn(worker.body.email, password)
    expect(refused.status).toBe(403)
    expect(JSON.parse(refused.text).error.message).toMatch(/single sign-on/)
    // A wrong password is still just wrong: SSO is only mentioned to who knows the password.
    expect((await passwordSignIn(worker.body.email, 'wrong')).status).toBe(401)
    expect((await passwordSignIn(glass.body.email, password)).status).toBe(200)
    await tenant.as.admin.delete('sso')
    expect((await passwordSignIn(worker.body.email, password)).status).toBe(200)
  })

  it('lets a user end their own sessions, and an admin sign a user out everywhere', async () => {
    await configure()
    const email = person({ email: `many@${domain}`, groups: ['ops'] })
    const first = (await signInWithSso(email)).session
    const second = (await signInWithSso(email)).session
    const listed = await fetch(api('sessions'), { headers: { cookie: `tessera_session=${first}` } })
    const items = ((await listed.json()) as { items: { uid: string; current: boolean }[] }).items
    expect(items).toHaveLength(2)
    const other = items.find((s) => !s.current)
    const { csrf_token } = (await sessionOf(first)).body
    const end = await fetch(api(`sessions/${other?.uid}`), {
      method: 'DELETE',
      headers: { cookie: `tessera_session=${first}`, 'x-csrf-token': csrf_token },
    })
    expect(end.status).toBe(204)
    expect((await sessionOf(second)).status).toBe(401)
    expect((await sessionOf(first)).status).toBe(200)
    // Someone else's session is not yours to end.
    expect(
      (await tenant.as.admin.delete(`sessions/${items.find((s) => s.current)?.uid}`)).status,
    ).toBe(404)

    await signInWithSso(email)
    const uid = (
      (await tenant.api.get('users')).body.items as { uid: string; email: string }[]
    ).find((u) => u.email === email)?.uid
    expect((await tenant.as.operator.post(`users/${uid}/sign-out`)).status).toBe(403)
    const out = await tenant.as.admin.post(`users/${uid}/sign-out`)
    expect(out.body).toEqual({ ended: 2 })
    expect((await sessionOf(first)).status).toBe(401)
    const superAdmin = (
      (await tenant.api.get('users')).body.items as { uid: string; role: string }[]
    ).find((u) => u.role === 'super_admin')
    expect((await tenant.as.admin.post(`users/${superAdmin?.uid}/sign-out`)).status).toBe(403)
  })

  describe('refusals end on the login page, having created nothing', () => {
    async function expectRefused(
      result: { landing: string; session?: string },
      code: string,
      before: string[],
    ) {
      expect(result.landing).toBe(`/login?sso_error=${code}`)
      expect(result.session).toBeUndefined()
      expect(await userEmails()).toEqual(before)
    }

    it('a token addressed to another audience', async () => {
      await configure({
        client_id: idp.wrongAudienceClient.id,
        client_secret: idp.wrongAudienceClient.secret,
      })
      const before = await userEmails()
      const email = person({ email: `aud@${domain}`, groups: ['ops'] })
      await expectRefused(await signInWithSso(email), 'invalid_token', before)
    })

    it('a replayed callback, and a used code under a fresh state', async () => {
      await configure()
      const email = person({ email: `replay@${domain}`, groups: ['ops'] })
      const { callback, jar } = await reachCallback({ email }, email)
      const atCallback = jar.copy()
      expect((await finish(callback, jar)).landing).toBe('/')
      const before = await userEmails()
      await expectRefused(await finish(callback, atCallback.copy()), 'invalid_state', before)

      const fresh = await reachCallback({ email }, email, atCallback.copy())
      const reused = new URL(fresh.callback)
      reused.searchParams.set('code', callback.searchParams.get('code') ?? '')
      await expectRefused(await finish(reused, fresh.jar), 'provider_refused', before)
    })

    it('a sign-in that stayed too long at the provider', async () => {
      await configure()
      const before = await userEmails()
      const email = person({ email: `slow@${domain}`, groups: ['ops'] })
      const { callback, jar } = await reachCallback({ email }, email)
      const { databaseUrl } = engine
      if (!databaseUrl) {
        // PGlite belongs to its server process: the sign-in under way is out of reach.
        return
      }
      // Ten minutes spent at the provider, without waiting them.
      const state = callback.searchParams.get('state') ?? ''
      await queryDatabase(
        databaseUrl,
        `UPDATE sso_logins SET expires_at = now() - interval '1 second' WHERE state_hash = $1`,
        [createHash('sha256').update(state).digest('hex')],
      )
      await expectRefused(await finish(callback, jar), 'expired', before)
    })

    it('a tampered state, and a callback opened in another browser', async () => {
      await configure()
      const before = await userEmails()
      const email = person({ email: `tamper@${domain}`, groups: ['ops'] })
      const { callback, jar } = await reachCallback({ email }, email)
      const tampered = new URL(callback)
      const state = callback.searchParams.get('state') ?? ''
      tampered.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`)
      await expectRefused(await finish(tampered, jar.copy()), 'invalid_state', before)
      // The right state, but not the browser that started: a link sent to a victim.
      await expectRefused(await finish(callback, new CookieJar()), 'invalid_state', before)
    })

    it('an email outside the allowed domains, or none, or unverified', async () => {
      await configure()
      const before = await userEmails()
      const outside = person({ email: `someone@not-${domain}`, groups: ['ops'] })
      await expectRefused(
        await signInWithSso(outside, { organization: tenant.orgName }),
        'domain_not_allowed',
        before,
      )
      const unverified = person({
        email: `unverified@${domain}`,
        email_verified: false,
        groups: ['ops'],
      })
      await expectRefused(await signInWithSso(unverified), 'email_unverified', before)
    })

    it('a deactivated user, and a user with no mapped role', async () => {
      await configure()
      const email = `gone@${domain}`
      const user = await tenant.as.admin.post('users', { email, name: 'Gone', role: 'operator' })
      await tenant.as.admin.patch(`users/${user.body.uid}`, { active: false })
      person({ email, groups: ['ops'] })
      const before = await userEmails()
      await expectRefused(await signInWithSso(email), 'deactivated', before)
      const roleless = person({ email: `roleless@${domain}`, groups: ['elsewhere'] })
      await expectRefused(await signInWithSso(roleless), 'no_role', before)
    })

    it('an organization that has no single sign-on', async () => {
      const jar = new CookieJar()
      const queries: Record<string, string>[] = [
        { organization: tenant.orgName },
        { email: `x@${domain}` },
      ]
      for (const query of queries) {
        const start = api('auth/sso/start')
        start.search = new URLSearchParams(query).toString()
        const landing = locationOf(await step(jar, start), start)
        expect(`${landing.pathname}${landing.search}`).toBe('/login?sso_error=unknown_organization')
      }
    })
  })
})
