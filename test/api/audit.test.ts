import { randomUUID } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import type { AuditEvent } from '../../src/contract/audit'
import type { ApiClient } from '../support/api-client'
import { sendRaw } from '../support/fuzz/raw-request'
import { queryDatabase } from '../support/pg-query'
import { claimTenant, type Tenant } from '../support/tenants'

/** Every entry of the log matching `query`, walking the cursor `limit` entries at a time. */
async function readAll(
  client: ApiClient,
  query: Record<string, string> = {},
  limit = 500,
): Promise<AuditEvent[]> {
  const events: AuditEvent[] = []
  let cursor: string | null = null
  for (;;) {
    const res = await client.get('audit', {
      query: { ...query, limit: String(limit), ...(cursor ? { cursor } : {}) },
    })
    expect(res.status, res.text).toBe(200)
    events.push(...(res.body.items as AuditEvent[]))
    cursor = res.body.meta.next_cursor
    if (!cursor) {
      return events
    }
  }
}

/** The entries about one object, oldest first. */
async function entriesOf(client: ApiClient, objectUid: string): Promise<AuditEvent[]> {
  return (await readAll(client, { object_uid: objectUid })).reverse()
}

describe.each(inject('engines'))('audit log on $name', (engine) => {
  let tenant: Tenant
  let adminUid: string
  let adminTokenUid: string

  // Sign-in is limited per client address and other files sign in too: each request sent
  // here comes from a loopback address of its own, which the log must then show.
  let sent = 0
  const nextAddress = () => {
    sent++
    return `127.83.${Math.floor(sent / 250) % 250}.${(sent % 250) + 1}`
  }
  async function send(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown; requestId: string; ip: string }> {
    const ip = nextAddress()
    const raw = await sendRaw(
      engine.baseUrl,
      {
        method,
        target: `/api/v1/${path}`,
        headers: { 'content-type': 'application/json', ...headers },
        body: Buffer.from(JSON.stringify(body)),
      },
      ip,
    )
    return {
      status: raw.status,
      body: raw.text ? JSON.parse(raw.text) : undefined,
      requestId: String(raw.headers['x-request-id']),
      ip,
    }
  }

  beforeAll(async () => {
    tenant = claimTenant(engine)
    const me = await tenant.as.admin.get('accounts/me')
    adminUid = me.body.user.uid
    adminTokenUid = me.body.token.uid
  })

  it('records a queue change with its actor, request id, address and before/after', async () => {
    const auth = { authorization: `Bearer ${tenant.tokens.admin}` }
    const created = await send('POST', 'queues', { name: `Claims ${randomUUID()}` }, auth)
    expect(created.status).toBe(200)
    const queue = created.body as { uid: string; name: string }
    const renamed = await send('PATCH', `queues/${queue.uid}`, { name: 'Claims FR' }, auth)
    expect(renamed.status).toBe(200)
    expect((await tenant.as.admin.delete(`queues/${queue.uid}`)).status).toBe(204)

    const [create, update, remove] = await entriesOf(tenant.as.admin, queue.uid)
    expect(create).toMatchObject({
      action: 'queue.created',
      object: { kind: 'queue', uid: queue.uid, name: queue.name },
      actor: { kind: 'token', user_uid: adminUid, token_uid: adminTokenUid },
      request_id: created.requestId,
      changes: { after: { name: queue.name, uid: queue.uid } },
    })
    expect(create?.ip).toMatch(new RegExp(`${created.ip.replaceAll('.', '\\.')}$`))
    expect(create?.actor.email).toMatch(/@/)
    expect(create?.changes.before).toBeUndefined()
    expect(update).toMatchObject({
      action: 'queue.updated',
      object: { name: 'Claims FR' },
      request_id: renamed.requestId,
      changes: { before: { name: queue.name }, after: { name: 'Claims FR' } },
    })
    // Only what changed: the rest of the queue is not repeated.
    expect(Object.keys(update?.changes.after ?? {})).toEqual(['name'])
    expect(update?.ip).toMatch(new RegExp(`${renamed.ip.replaceAll('.', '\\.')}$`))
    expect(remove).toMatchObject({
      action: 'queue.deleted',
      changes: { before: { name: 'Claims FR' } },
    })
    expect(remove?.changes.after).toBeUndefined()
  })

  it("records users' creation, role, skills, activity and password without the password", async () => {
    const password = `pw-${randomUUID()}`
    const newPassword = `pw-${randomUUID()}`
    const created = await tenant.as.admin.post('users', {
      email: `audited-${randomUUID()}@example.com`,
      name: 'Audited',
      role: 'viewer',
      password,
    })
    expect(created.status, created.text).toBe(200)
    const uid = created.body.uid as string
    const changed = await tenant.as.admin.patch(`users/${uid}`, {
      role: 'operator',
      skills: ['fr'],
      active: false,
    })
    expect(changed.status, changed.text).toBe(200)
    expect(
      (await tenant.as.admin.patch(`users/${uid}`, { password: newPassword, active: true })).status,
    ).toBe(200)

    const entries = await entriesOf(tenant.as.admin, uid)
    expect(entries.map((entry) => entry.action)).toEqual([
      'user.created',
      'user.updated',
      'user.updated',
      'user.password_reset',
    ])
    expect(entries[0]?.changes.after).toMatchObject({ role: 'viewer', password: '[redacted]' })
    expect(entries[1]?.changes).toEqual({
      before: { role: 'viewer', skills: [], active: true },
      after: { role: 'operator', skills: ['fr'], active: false },
    })
    expect(entries[3]?.changes.after).toMatchObject({ password: '[redacted]' })
    const text = JSON.stringify(entries)
    expect(text).not.toContain(password)
    expect(text).not.toContain(newPassword)
  })

  it('records tokens, settings, the calendar, webhooks, fields, forms and shared views', async () => {
    const token = await tenant.as.admin.post('tokens', { name: 'audited', role: 'viewer' })
    expect(token.status).toBe(200)
    expect((await tenant.as.admin.delete(`tokens/${token.body.uid}`)).status).toBe(200)
    const tokens = await entriesOf(tenant.as.admin, token.body.uid)
    expect(tokens.map((entry) => entry.action)).toEqual(['token.issued', 'token.revoked'])
    expect(JSON.stringify(tokens)).not.toContain(token.body.token)

    const webhook = await tenant.as.admin.post('webhooks', {
      url: 'https://example.com/audited',
      active: false,
    })
    expect(webhook.status, webhook.text).toBe(200)
    const whUid = webhook.body.uid as string
    const rotated = await tenant.as.admin.post(`webhooks/${whUid}/rotate-secret`)
    expect(rotated.status, rotated.text).toBe(200)
    await tenant.as.admin.patch(`webhooks/${whUid}`, { active: true })
    await tenant.as.admin.patch(`webhooks/${whUid}`, { description: 'audited' })
    await tenant.as.admin.post(`webhooks/${whUid}/resume`)
    expect((await tenant.as.admin.delete(`webhooks/${whUid}`)).status).toBe(204)
    const hooks = await entriesOf(tenant.as.admin, whUid)
    expect(hooks.map((entry) => entry.action)).toEqual([
      'webhook.created',
      'webhook.secret_rotated',
      'webhook.activated',
      'webhook.updated',
      'webhook.resumed',
      'webhook.deleted',
    ])
    expect(hooks[0]?.changes.after).toMatchObject({ secret: '[redacted]' })
    expect(hooks[1]?.changes).toEqual({
      before: { secret: '[redacted]' },
      after: { secret: '[redacted]' },
    })
    const hookText = JSON.stringify(hooks)
    expect(hookText).not.toContain(webhook.body.secret)
    expect(hookText).not.toContain(rotated.body.secret)

    const settings = await tenant.as.admin.patch('settings', { snooze_minutes: 45 })
    expect(settings.status, settings.text).toBe(200)
    const [setting] = await readAll(tenant.as.admin, { action: 'settings.updated' })
    expect(setting?.changes).toEqual({
      before: { snooze_minutes: 60 },
      after: { snooze_minutes: 45 },
    })

    const calendar = await tenant.as.admin.get('settings/calendar')
    const put = await tenant.as.admin.put('settings/calendar', {
      ...calendar.body,
      time_zone: 'Europe/Paris',
    })
    expect(put.status, put.text).toBe(200)
    const [replaced] = await readAll(tenant.as.admin, { kind: 'calendar' })
    expect(replaced?.changes.after).toMatchObject({ time_zone: 'Europe/Paris' })

    const field = await tenant.as.admin.post('fields', {
      key: `audited_${randomUUID().slice(0, 8)}`,
      label: 'Audited',
      type: 'text',
    })
    expect(field.status, field.text).toBe(200)
    await tenant.as.admin.patch(`fields/${field.body.uid}`, { label: 'Audited field' })
    const form = await tenant.as.admin.post('forms', {
      name: `Audited ${randomUUID()}`,
      sections: [
        { title: 'One', help_text: '', items: [{ key: field.body.key, required: false }] },
      ],
    })
    expect(form.status, form.text).toBe(200)
    expect((await tenant.as.admin.delete(`forms/${form.body.uid}`)).status).toBe(204)
    expect((await tenant.as.admin.delete(`fields/${field.body.uid}`)).status).toBe(204)
    expect((await entriesOf(tenant.as.admin, field.body.uid)).map((e) => e.action)).toEqual([
      'field.created',
      'field.updated',
      'field.deleted',
    ])
    expect((await entriesOf(tenant.as.admin, form.body.uid)).map((e) => e.action)).toEqual([
      'form.created',
      'form.deleted',
    ])

    const shared = await tenant.as.admin.post('views', { name: 'Shared', shared: true })
    const own = await tenant.as.admin.post('views', { name: 'Mine' })
    expect((await entriesOf(tenant.as.admin, shared.body.uid)).map((e) => e.action)).toEqual([
      'view.created',
    ])
    expect(await entriesOf(tenant.as.admin, own.body.uid)).toEqual([])
  })

  it('writes nothing for a change that was refused', async () => {
    const name = `Taken ${randomUUID()}`
    expect((await tenant.as.admin.post('queues', { name })).status).toBe(200)
    const before = await readAll(tenant.as.admin)
    expect((await tenant.as.admin.post('queues', { name })).status).toBe(409)
    const superAdmin = (await tenant.as.super_admin.get('accounts/me')).body.user.uid
    expect((await tenant.as.admin.patch(`users/${superAdmin}`, { name: 'x' })).status).toBe(403)
    expect(
      (await tenant.as.admin.post('fields', { key: 'bad', label: 'x', type: 'single_select' }))
        .status,
    ).toBe(422)
    expect(await readAll(tenant.as.admin)).toEqual(before)
  })

  it('records sign-ins and failed sign-ins with the email tried, never the password', async () => {
    const password = `pw-${randomUUID()}`
    const wrong = `wrong-${randomUUID()}`
    const email = `signin-${randomUUID()}@example.com`
    const user = await tenant.as.admin.post('users', {
      email,
      name: 'Signs in',
      role: 'operator',
      password,
    })
    expect(user.status).toBe(200)
    const failed = await send('POST', 'auth/login', { email: email.toUpperCase(), password: wrong })
    expect(failed.status).toBe(401)
    const ok = await send('POST', 'auth/login', { email, password })
    expect(ok.status).toBe(200)

    const [failure] = await readAll(tenant.as.admin, { action: 'auth.sign_in_failed' })
    expect(failure).toMatchObject({
      actor: { kind: 'anonymous', user_uid: null, token_uid: null, email },
      object: { kind: 'user', uid: user.body.uid },
      request_id: failed.requestId,
      changes: { after: { reason: 'wrong_password' } },
    })
    expect(failure?.ip).toMatch(new RegExp(`${failed.ip.replaceAll('.', '\\.')}$`))
    const [success] = await readAll(tenant.as.admin, { action: 'auth.signed_in' })
    expect(success).toMatchObject({
      actor: { kind: 'user', user_uid: user.body.uid, token_uid: null, email },
      request_id: ok.requestId,
    })
    const log = JSON.stringify(await readAll(tenant.as.admin))
    expect(log).not.toContain(password)
    expect(log).not.toContain(wrong)
  })

  it('filters by actor, action, kind, object and time, and walks every page once', async () => {
    const names = Array.from({ length: 5 }, (_, i) => `Paged ${i} ${randomUUID()}`)
    const start = new Date().toISOString()
    for (const name of names) {
      expect((await tenant.as.super_admin.post('queues', { name })).status).toBe(200)
    }
    const superAdmin = (await tenant.as.super_admin.get('accounts/me')).body.user.uid
    const mine = await readAll(tenant.as.admin, {
      actor_uid: superAdmin,
      action: 'queue.created',
      occurred_after: start,
    })
    expect(mine.map((entry) => entry.changes.after?.name)).toEqual([...names].reverse())
    // Two at a time: the same entries, none twice.
    const paged = await readAll(
      tenant.as.admin,
      { actor_uid: superAdmin, action: 'queue.created', occurred_after: start },
      2,
    )
    expect(paged.map((entry) => entry.uid)).toEqual(mine.map((entry) => entry.uid))
    expect(
      await readAll(tenant.as.admin, { kind: 'queue,user', occurred_before: start }),
    ).not.toEqual(expect.arrayContaining([expect.objectContaining({ uid: mine[0]?.uid })]))
    const both = await readAll(tenant.as.admin, {
      action: 'queue.created,queue.deleted',
      occurred_after: start,
    })
    expect(both.every((entry) => entry.action === 'queue.created')).toBe(true)

    const bad = await tenant.as.admin.get('audit', {
      query: { cursor: 'nope', occurred_after: 'yesterday', action: 'DROP TABLE' },
    })
    expect(bad.status).toBe(422)
    const paths = (bad.body.error.fields as { path: string }[]).map((field) => field.path)
    expect(paths).toEqual(expect.arrayContaining(['/query/occurred_after', '/query/action']))
    const badCursor = await tenant.as.admin.get('audit', { query: { cursor: 'nope' } })
    expect(badCursor.status).toBe(422)
    expect(badCursor.body.error.fields).toEqual([
      { path: '/query/cursor', message: 'is not a valid cursor' },
    ])
  })

  it('exports the filtered log as CSV', async () => {
    const name = `=HYPERLINK("x") ${randomUUID()}`
    const created = await tenant.as.admin.post('queues', { name })
    const res = await tenant.as.admin.get('audit/export', {
      query: { object_uid: created.body.uid },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-/)
    const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      action: 'queue.created',
      object_kind: 'queue',
      object_uid: created.body.uid,
      actor_kind: 'token',
    })
    expect(JSON.parse(rows[0]?.after ?? '{}')).toMatchObject({ name })
  })

  it('refuses a filter value the database cannot take (a NUL) with a 422, not a cut-off 200', async () => {
    // The fuzzer found it, as it had for the tasks' export: the 200 and the CSV header went
    // out before the first page's query failed, and the stream could only be aborted.
    const listed = await tenant.as.admin.get('audit', { query: { object_uid: '\u0000' } })
    expect(listed.status).toBe(422)
    const res = await tenant.as.admin.get('audit/export', { query: { object_uid: '\u0000' } })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('validation_failed')
  })

  it('is for admins only, read-only, and walled off per organization', async () => {
    for (const role of ['viewer', 'operator'] as const) {
      expect((await tenant.as[role].get('audit')).status).toBe(403)
      expect((await tenant.as[role].get('audit/export')).status).toBe(403)
    }
    const [entry] = await readAll(tenant.as.admin)
    expect(entry).toBeDefined()
    for (const method of ['DELETE', 'PATCH', 'PUT'] as const) {
      const res = await tenant.as.super_admin.request(method, `audit/${entry?.uid}`, { body: {} })
      expect([404, 405]).toContain(res.status)
    }
    expect((await tenant.as.super_admin.delete('audit')).status).toBeGreaterThanOrEqual(404)
    expect((await readAll(tenant.as.admin)).map((e) => e.uid)).toContain(entry?.uid)

    const other = claimTenant(engine)
    const queue = await other.api.post('queues', { name: 'Neighbour' })
    expect(queue.status).toBe(200)
    const theirs = await readAll(other.api)
    expect(theirs.map((e) => e.object.uid)).toContain(queue.body.uid)
    const ours = await readAll(tenant.as.admin)
    const ourUids = new Set(ours.map((e) => e.uid))
    expect(theirs.some((e) => ourUids.has(e.uid))).toBe(false)
    expect(await readAll(tenant.as.admin, { object_uid: queue.body.uid })).toEqual([])
  })

  it('keeps entries for the retention the organization sets, 1 to 3650 days', async () => {
    for (const days of [0, 3651, 1.5]) {
      const res = await tenant.as.admin.patch('settings', { audit_retention_days: days })
      expect(res.status).toBe(422)
      expect(res.body.error.fields[0].path).toBe('/body/audit_retention_days')
    }
    expect((await tenant.as.admin.get('settings')).body.audit_retention_days).toBe(365)
    const { databaseUrl } = engine
    if (!databaseUrl) {
      // PGlite belongs to its server process: the rows behind the API are out of reach.
      return
    }
    const orgUid = (await tenant.as.admin.get('accounts/me')).body.organization.uid
    const old = randomUUID()
    await queryDatabase(
      databaseUrl,
      `INSERT INTO audit_events (org_uid, uid, occurred_at, actor_kind, action, object_kind)
       VALUES ($1, $2, now() - interval '40 days', 'system', 'queue.updated', 'queue')`,
      [orgUid, old],
    )
    expect((await readAll(tenant.as.admin)).map((e) => e.uid)).toContain(old)
    // Append-only in the database too.
    await expect(
      queryDatabase(databaseUrl, "UPDATE audit_events SET action = 'x' WHERE uid = $1", [old]),
    ).rejects.toThrow(/append-only/)
    await expect(
      queryDatabase(databaseUrl, 'DELETE FROM audit_events WHERE uid = $1', [old]),
    ).rejects.toThrow(/append-only/)

    const kept = await readAll(tenant.as.admin)
    const res = await tenant.as.admin.patch('settings', { audit_retention_days: 30 })
    expect(res.status, res.text).toBe(200)
    expect(res.body.audit_retention_days).toBe(30)
    const after = await readAll(tenant.as.admin)
    expect(after.map((e) => e.uid)).not.toContain(old)
    // Everything younger stays, and the change itself is recorded.
    expect(after.slice(1).map((e) => e.uid)).toEqual(
      kept.filter((e) => e.uid !== old).map((e) => e.uid),
    )
    expect(after[0]?.changes).toEqual({
      before: { audit_retention_days: 365 },
      after: { audit_retention_days: 30 },
    })
  })
})
