import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import type { ApiClient } from '../support/api-client'
import { claimTenant, type Tenant } from '../support/tenants'

/**
 * Replays, call for call, what a public no-code integration written for Fragment's API does
 * (the community Activepieces piece: create, get, list, update, delete, and its two polling
 * triggers), against Tessera.
 */

type Task = Record<string, unknown> & { uid: string; created_at: string; updated_at: string }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Long enough for a poll to list what was written before it (docs/API.md, polling). */
const settle = () => sleep(2100)

async function newUser(api: ApiClient, role: string, active = true) {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.com`
  const created = await api.post('users', { email, name: 'Ana Maria Lopez', role })
  expect(created.status).toBe(200)
  if (!active) {
    expect((await api.patch(`users/${created.body.uid}`, { active: false })).status).toBe(200)
  }
  return { uid: created.body.uid as string, email }
}

/**
 * One run of a polling trigger as the piece does it: the tasks changed after the newest
 * timestamp seen so far, oldest first, and the newest timestamp seen after this run.
 */
async function poll(
  api: ApiClient,
  key: 'created_at' | 'updated_at',
  since: string,
): Promise<{ tasks: Task[]; since: string }> {
  const res = await api.get('tasks', {
    query: { order_by: key, limit: '100', [`${key}_after`]: since },
  })
  expect(res.status).toBe(200)
  const tasks = res.body.items as Task[]
  return { tasks, since: tasks.length > 0 ? (tasks.at(-1)?.[key] as string) : since }
}

describe.each(inject('engines'))('a Fragment integration on $name', (engine) => {
  let tenant: Tenant
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  it('creates a task for an assignee by email, with tags, and reads it back', async () => {
    const ana = await newUser(tenant.api, 'operator')
    const created = await tenant.api.post('tasks', {
      fields: { title: 'Call back', url: 'https://crm.example.com/1', claim: 42 },
      due_at: '2026-12-24T10:00:00.000Z',
      assignee_email: ana.email.toUpperCase(),
      tags: ['vip', 'callback'],
    })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({
      assignee_uid: ana.uid,
      tags: ['vip', 'callback'],
      status: 'TODO',
      due_at: '2026-12-24T10:00:00.000Z',
      fields: { title: 'Call back', url: 'https://crm.example.com/1', claim: 42 },
      is_assigned_player: false,
      num_children: 0,
      num_children_done: 0,
    })
    const got = await tenant.api.get(`tasks/${created.body.uid}`, {
      query: { expand: 'assignee' },
    })
    expect(got.body.assignee).toMatchObject({
      uid: ana.uid,
      email: ana.email,
      first_name: 'Ana',
      last_name: 'Maria Lopez',
      role: 'operator',
      archived: false,
    })
    const history = await tenant.api.get(`tasks/${created.body.uid}/events`)
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['created', 'assigned'])
    const listed = await tenant.api.get('tasks', {
      query: { assignee_uid: ana.uid, status: 'TODO', limit: '10' },
    })
    expect(listed.body.items.map((t: Task) => t.uid)).toEqual([created.body.uid])
    const byEmail = await tenant.api.get('tasks', { query: { assignee_email: ana.email } })
    expect(byEmail.body.items.map((t: Task) => t.uid)).toEqual([created.body.uid])
    const byTag = await tenant.api.get('tasks', { query: { tags: 'vip' } })
    expect(byTag.body.items.map((t: Task) => t.uid)).toEqual([created.body.uid])
  })

  it('refuses an assignee who cannot work the task, naming the key, and writes nothing', async () => {
    const viewer = await newUser(tenant.api, 'viewer')
    const gone = await newUser(tenant.api, 'operator', false)
    const cases = [
      [{ assignee_email: 'nobody@example.com' }, '/body/assignee_email'],
      [{ assignee_email: viewer.email }, '/body/assignee_email'],
      [{ assignee_uid: gone.uid }, '/body/assignee_uid'],
      [{ assignee_uid: randomUUID() }, '/body/assignee_uid'],
      [{ queue_uid: randomUUID() }, '/body/queue_uid'],
    ] as const
    for (const [keys, path] of cases) {
      const res = await tenant.api.post('tasks', { fields: { title: 'x' }, ...keys })
      expect(res.status, JSON.stringify(keys)).toBe(422)
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual([path])
    }
    expect((await tenant.api.get('tasks')).body.meta.total_count).toBe(0)
  })

  it('polls for new tasks across two polls without missing or repeating one', async () => {
    const start = new Date(Date.now() - 1000).toISOString()
    const first = await tenant.api.post('tasks/batch', {
      items: Array.from({ length: 30 }, (_, i) => ({ fields: { title: `a${i}` } })),
    })
    expect(first.status).toBe(200)
    await settle()
    const one = await poll(tenant.api, 'created_at', start)
    expect(one.tasks).toHaveLength(30)
    // Created right after the poll and polled at once: a poll never lists a task that a
    // write still in flight could precede, so the next poll finds these, and nothing twice.
    const second = await tenant.api.post('tasks/batch', {
      items: Array.from({ length: 30 }, (_, i) => ({ fields: { title: `b${i}` } })),
    })
    const two = await poll(tenant.api, 'created_at', one.since)
    await settle()
    const three = await poll(tenant.api, 'created_at', two.since)
    const seen = [...one.tasks, ...two.tasks, ...three.tasks].map((task) => task.uid)
    const all = [...first.body.items, ...second.body.items].map((item: Task) => item.uid)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.sort()).toEqual(all.sort())
  })

  it('polls pages of 100 without losing tasks that share a millisecond', async () => {
    const start = new Date(Date.now() - 1000).toISOString()
    // Two batches, each written by one statement, so each in one millisecond: the second holds
    // more tasks than a poll page.
    const batch = await tenant.api.post('tasks/batch', {
      items: Array.from({ length: 50 }, (_, i) => ({ fields: { title: `s${i}` } })),
    })
    const more = await tenant.api.post('tasks/batch', {
      items: Array.from({ length: 120 }, (_, i) => ({ fields: { title: `t${i}` } })),
    })
    await settle()
    const seen: string[] = []
    let since = start
    for (let i = 0; i < 5; i++) {
      const page = await poll(tenant.api, 'created_at', since)
      seen.push(...page.tasks.map((task) => task.uid))
      since = page.since
    }
    const all = [...batch.body.items, ...more.body.items].map((item: Task) => item.uid)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.sort()).toEqual(all.sort())
  })

  it('polls for updated tasks, then updates and deletes one as the actions do', async () => {
    const start = new Date(Date.now() - 1000).toISOString()
    const a = await tenant.api.post('tasks', { fields: { title: 'a' } })
    const b = await tenant.api.post('tasks', { fields: { title: 'b' } })
    await settle()
    const one = await poll(tenant.api, 'updated_at', start)
    expect(one.tasks.map((task) => task.uid)).toEqual([a.body.uid, b.body.uid])
    const patched = await tenant.api.patch(`tasks/${a.body.uid}`, {
      status: 'DONE',
      fields: { title: 'a, done' },
      external_status: 'closed',
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ status: 'DONE', external_status: 'closed' })
    const stamped = Date.parse(patched.body.external_status_updated_at)
    expect(Math.abs(stamped - Date.parse(patched.body.updated_at))).toBeLessThan(1000)
    await settle()
    const two = await poll(tenant.api, 'updated_at', one.since)
    expect(two.tasks.map((task) => task.uid)).toEqual([a.body.uid])
    const three = await poll(tenant.api, 'updated_at', two.since)
    expect(three.tasks).toEqual([])
    const got = await tenant.api.get(`tasks/${a.body.uid}`)
    expect(got.body.fields).toEqual({ title: 'a, done' })
    const deleted = await tenant.api.delete(`tasks/${b.body.uid}`)
    expect(deleted.status).toBe(200)
    expect(deleted.body.archived).toBe(true)
    await settle()
    // Deleted is archived: gone from lists, polls included, as a deleted task is on Fragment.
    const four = await poll(tenant.api, 'updated_at', two.since)
    expect(four.tasks).toEqual([])
    expect((await tenant.api.get(`tasks/${b.body.uid}`)).body.archived).toBe(true)
  })

  it('lists the reserved list parameters in the OpenAPI document', async () => {
    const doc = await tenant.api.get('/api/v1/openapi.json')
    expect(doc.status).toBe(200)
    const list = doc.body.paths['/tasks'].get
    const names = list.parameters.map((p: { name: string }) => p.name)
    for (const name of [
      'order_by',
      'created_at_after',
      'updated_at_after',
      'parent_uid',
      'case_uid',
      'assignee_email',
      'tags',
      'expand',
    ]) {
      expect(names).toContain(name)
      expect(list.description).toContain(name)
    }
  })

  it('answers 422 naming an unknown order_by key instead of an empty list', async () => {
    await tenant.api.post('tasks', { fields: { title: 'a' } })
    const res = await tenant.api.get('tasks', { query: { order_by: 'priority' } })
    expect(res.status).toBe(422)
    expect(res.body.error.fields).toEqual([
      expect.objectContaining({
        path: '/query/order_by',
        message: expect.stringContaining('priority'),
      }),
    ])
  })
})
