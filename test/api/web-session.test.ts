import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { sendRaw } from '../support/fuzz/raw-request'
import { claimTenant, type Tenant } from '../support/tenants'

interface Session {
  cookie: string
  csrf: string
}

describe.each(inject('engines'))('web sessions and live updates on $name', (engine) => {
  let tenant: Tenant
  const password = 'correct horse battery'
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  const url = (path: string) => new URL(`/api/v1/${path}`, engine.baseUrl)

  // Sign-in is limited per client address, and other test files sign in too: each sign-in
  // here comes from a loopback address of its own, so none of them is refused for another's.
  let signIns = 0
  async function signIn(email: string, secret = password): Promise<Response> {
    signIns++
    const raw = await sendRaw(
      engine.baseUrl,
      {
        method: 'POST',
        target: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ email, password: secret })),
      },
      `127.81.${Math.floor(signIns / 250) % 250}.${(signIns % 250) + 1}`,
    )
    const headers = new Headers()
    for (const [name, value] of Object.entries(raw.headers)) {
      for (const item of [value ?? []].flat()) {
        headers.append(name, item)
      }
    }
    return new Response(raw.text, { status: raw.status, headers })
  }

  async function userWithPassword(): Promise<string> {
    const email = `web-${randomUUID()}@example.com`
    const res = await tenant.as.admin.post('users', {
      email,
      name: 'Web',
      role: 'operator',
      password,
    })
    expect(res.status).toBe(200)
    expect(JSON.stringify(res.body)).not.toContain(password)
    return email
  }

  async function session(email: string): Promise<Session> {
    const res = await signIn(email)
    expect(res.status).toBe(200)
    const setCookie = res.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/tessera_session=[^;]+;.*HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Strict/i)
    const body = (await res.json()) as { csrf_token: string; account: { role: string } }
    expect(body.account.role).toBe('operator')
    return { cookie: setCookie.split(';')[0] ?? '', csrf: body.csrf_token }
  }

  it('signs in with a password, reads with the cookie, and needs the CSRF token to write', async () => {
    const s = await session(await userWithPassword())
    const me = await fetch(url('accounts/me'), { headers: { cookie: s.cookie } })
    expect(me.status).toBe(200)
    const write = (headers: Record<string, string>) =>
      fetch(url('tasks'), {
        method: 'POST',
        headers: { cookie: s.cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ fields: { title: 'from the web' } }),
      })
    expect((await write({})).status).toBe(403)
    expect((await write({ 'x-csrf-token': 'forged' })).status).toBe(403)
    expect((await write({ 'x-csrf-token': s.csrf })).status).toBe(200)
    const restored = await fetch(url('auth/session'), { headers: { cookie: s.cookie } })
    expect(((await restored.json()) as { csrf_token: string }).csrf_token).toBe(s.csrf)
  })

  it('signs out, and a deactivated user is signed out everywhere', async () => {
    const email = await userWithPassword()
    const first = await session(email)
    const out = await fetch(url('auth/logout'), {
      method: 'POST',
      headers: { cookie: first.cookie, 'x-csrf-token': first.csrf },
    })
    expect(out.status).toBe(204)
    expect((await fetch(url('accounts/me'), { headers: { cookie: first.cookie } })).status).toBe(
      401,
    )
    const second = await session(email)
    const users = (await tenant.as.admin.get('users')).body.items as {
      uid: string
      email: string
    }[]
    const uid = users.find((u) => u.email === email)?.uid
    await tenant.as.admin.patch(`users/${uid}`, { active: false })
    expect((await fetch(url('accounts/me'), { headers: { cookie: second.cookie } })).status).toBe(
      401,
    )
    expect((await signIn(email)).status).toBe(401)
  })

  it('gives one answer to a wrong password and to an unknown email', async () => {
    const email = await userWithPassword()
    const wrong = await signIn(email, 'not the password')
    const unknown = await signIn(`nobody-${randomUUID()}@example.com`)
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toBe(
      ((await unknown.json()) as { error: { message: string } }).error.message,
    )
  })

  it('streams task changes of the organization, and only of it', async () => {
    const controller = new AbortController()
    const stream = await fetch(url('live'), {
      headers: { authorization: `Bearer ${tenant.tokens.viewer}` },
      signal: controller.signal,
    })
    expect(stream.status).toBe(200)
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/)
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader()
    const other = claimTenant(engine)
    await other.api.post('tasks', { fields: { title: 'not yours' } })
    const { body: task } = await tenant.api.post('tasks', { fields: { title: 'live' } })
    let text = ''
    while (!text.includes(task.uid)) {
      const { value, done } = await reader.read()
      if (done) {
        break
      }
      text += new TextDecoder().decode(value)
    }
    controller.abort()
    expect(text).toMatch(/event: tasks\ndata: \{.*"created".*\}/)
    expect(text).toContain(task.uid)
    expect(text).not.toContain('not yours')
  })
})
