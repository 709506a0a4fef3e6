import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { claimTenant, type Tenant } from '../support/tenants'

describe.each(inject('engines'))('batch writes on $name', (engine) => {
  let tenant: Tenant
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  const count = async (marker: string) =>
    (await tenant.api.get('tasks', { query: { marker, archived: 'all' } })).body.meta.total_count

  it('creates many tasks and reports each item, a taken uid as 409', async () => {
    const marker = randomUUID()
    const taken = randomUUID()
    await tenant.api.post('tasks', { uid: taken, fields: { title: 'first', marker } })
    const res = await tenant.api.post('tasks/batch', {
      items: [
        { fields: { title: 'a', marker } },
        { uid: taken, fields: { title: 'again', marker } },
        { status: 'DONE', fields: { title: 'c', marker } },
      ],
    })
    expect(res.status).toBe(200)
    expect(
      res.body.items.map((i: { index: number; status: number }) => [i.index, i.status]),
    ).toEqual([
      [0, 200],
      [1, 409],
      [2, 200],
    ])
    expect(res.body.items[1]).toMatchObject({ uid: taken, error: { code: 'uid_taken' } })
    expect(res.body.items[2].task.done_at).not.toBeNull()
    expect(await count(marker)).toBe(3)
    expect((await tenant.api.get(`tasks/${taken}`)).body.fields.title).toBe('first')
  })

  it('gives the tasks it names time-ordered uids (UUIDv7), in the order of the items', async () => {
    const marker = randomUUID()
    const before = Date.now()
    const res = await tenant.api.post('tasks/batch', {
      items: Array.from({ length: 20 }, (_, i) => ({ fields: { title: `t${i}`, marker } })),
    })
    expect(res.status).toBe(200)
    const uids: string[] = res.body.items.map((item: { task: { uid: string } }) => item.task.uid)
    for (const uid of uids) {
      expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      // The first 48 bits are the creating server's clock, in milliseconds.
      const stamp = Number.parseInt(uid.replace('-', '').slice(0, 12), 16)
      expect(stamp).toBeGreaterThanOrEqual(before - 60_000)
      expect(stamp).toBeLessThanOrEqual(Date.now() + 60_000)
    }
    expect([...uids].sort()).toEqual(uids)
  })

  it('upserts by uid: creates the new ones and replaces the others', async () => {
    const marker = randomUUID()
    const existing = randomUUID()
    const fresh = randomUUID()
    await tenant.api.post('tasks', { uid: existing, fields: { title: 'old', marker, gone: 1 } })
    const res = await tenant.api.put('tasks/batch', {
      items: [
        { uid: existing, fields: { title: 'new', marker } },
        { uid: fresh, fields: { title: 'fresh', marker } },
      ],
    })
    expect(res.status).toBe(200)
    expect(res.body.items.map((i: { status: number }) => i.status)).toEqual([200, 200])
    expect((await tenant.api.get(`tasks/${existing}`)).body.fields).toEqual({
      title: 'new',
      marker,
    })
    expect((await tenant.api.get(`tasks/${fresh}`)).body.fields.title).toBe('fresh')
  })

  it('patches many tasks; an unknown uid is a 404 for that item only', async () => {
    const marker = randomUUID()
    const { body: task } = await tenant.api.post('tasks', { fields: { title: 't', marker } })
    const missing = randomUUID()
    const res = await tenant.api.patch('tasks/batch', {
      items: [
        { uid: task.uid, status: 'DONE', fields: { note: 'ok' } },
        { uid: missing, status: 'DONE' },
      ],
    })
    expect(res.status).toBe(200)
    expect(res.body.items[0]).toMatchObject({
      status: 200,
      task: { status: 'DONE', fields: { note: 'ok' } },
    })
    expect(res.body.items[1]).toMatchObject({
      uid: missing,
      status: 404,
      error: { code: 'not_found' },
    })
    expect((await tenant.api.get(`tasks/${missing}`)).status).toBe(404)
  })

  it('rejects the whole batch when one item is malformed, writing nothing', async () => {
    const marker = randomUUID()
    const res = await tenant.api.post('tasks/batch', {
      items: [
        { fields: { title: 'ok', marker } },
        { fields: { marker } },
        { status: 'NOPE', fields: { title: 'x', marker } },
      ],
    })
    expect(res.status).toBe(422)
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      '/body/items/1/fields/title',
      '/body/items/2/status',
    ])
    expect(await count(marker)).toBe(0)
  })

  it('refuses a batch naming one uid twice, or more than 1,000 items, or none', async () => {
    const uid = randomUUID()
    const twice = await tenant.api.put('tasks/batch', {
      items: [
        { uid, fields: { title: 'a' } },
        { uid, fields: { title: 'b' } },
      ],
    })
    expect(twice.status).toBe(422)
    expect(twice.body.error.fields).toEqual([
      { path: '/body/items/1/uid', message: 'repeats item 0' },
    ])
    expect((await tenant.api.get(`tasks/${uid}`)).status).toBe(404)
    const tooMany = await tenant.api.post('tasks/batch', {
      items: Array.from({ length: 1001 }, () => ({ fields: { title: 'x' } })),
    })
    expect(tooMany.status).toBe(422)
    expect((await tenant.api.post('tasks/batch', { items: [] })).status).toBe(422)
  })

  it('accepts a full batch of 1,000 tasks', async () => {
    const marker = randomUUID()
    const res = await tenant.api.post('tasks/batch', {
      items: Array.from({ length: 1000 }, (_, i) => ({
        fields: { title: `task ${i}`, marker, i },
      })),
    })
    expect(res.status).toBe(200)
    expect(res.body.items.every((i: { status: number }) => i.status === 200)).toBe(true)
    expect(await count(marker)).toBe(1000)
  })
})
