import { beforeEach, describe, expect, inject, it } from 'vitest'
import { claimTenant, type Tenant } from '../support/tenants'

const eq = (field: string, value: unknown) => ({
  combinator: 'and',
  conditions: [{ field, operator: '==', value }],
})

describe.each(inject('engines'))('queues and routing on $name', (engine) => {
  let tenant: Tenant
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  const createQueue = async (body: Record<string, unknown>) => {
    const res = await tenant.as.admin.post('queues', body)
    expect(res.status).toBe(200)
    return res.body as { uid: string; position: number }
  }

  it('routes a task to the first queue, by position, whose condition it matches', async () => {
    const catchAll = await createQueue({ name: 'Everything else', position: 99 })
    const vip = await createQueue({ name: 'VIP', condition: eq('vip', true), position: 0 })
    // Without a position, a queue goes after the last one.
    const france = await createQueue({ name: 'France', condition: eq('country', 'FR') })
    expect(france.position).toBe(100)
    await tenant.as.admin.patch(`queues/${france.uid}`, { position: 1 })
    const fr = await tenant.api.post('tasks', { fields: { title: 'a', country: 'FR' } })
    const frVip = await tenant.api.post('tasks', {
      fields: { title: 'b', country: 'FR', vip: true },
    })
    const other = await tenant.api.post('tasks', { fields: { title: 'c', country: 'DE' } })
    expect(fr.body.queue_uid).toBe(france.uid)
    expect(frVip.body.queue_uid).toBe(vip.uid)
    expect(other.body.queue_uid).toBe(catchAll.uid)
    expect(fr.body.queued_at).not.toBeNull()
  })

  it('leaves a task in no queue when nothing matches, as Fragment does', async () => {
    await createQueue({ name: 'France', condition: eq('country', 'FR') })
    const res = await tenant.api.post('tasks', { fields: { title: 'x', country: 'IT' } })
    expect(res.body.queue_uid).toBeNull()
  })

  it('re-routes a task when its fields change, and records each change of queue', async () => {
    const france = await createQueue({ name: 'France', condition: eq('country', 'FR') })
    const germany = await createQueue({ name: 'Germany', condition: eq('country', 'DE') })
    const { body: task } = await tenant.api.post('tasks', { fields: { title: 't', country: 'FR' } })
    const moved = await tenant.api.patch(`tasks/${task.uid}`, { fields: { country: 'DE' } })
    expect(moved.body.queue_uid).toBe(germany.uid)
    const events = await tenant.api.get(`tasks/${task.uid}/events`)
    const routed = events.body.items.filter((e: { type: string }) => e.type === 'routed')
    expect(
      routed.map((e: { data: { from: string | null; to: string } }) => [e.data.from, e.data.to]),
    ).toEqual([
      [null, france.uid],
      [france.uid, germany.uid],
    ])
  })

  it('re-routes open tasks when a queue condition changes, but not finished ones', async () => {
    const queue = await createQueue({ name: 'Q', condition: eq('country', 'FR') })
    const { body: open } = await tenant.api.post('tasks', {
      fields: { title: 'open', country: 'ES' },
    })
    const { body: done } = await tenant.api.post('tasks', {
      status: 'DONE',
      fields: { title: 'done', country: 'ES' },
    })
    expect(open.queue_uid).toBeNull()
    const edited = await tenant.as.admin.patch(`queues/${queue.uid}`, {
      condition: eq('country', 'ES'),
    })
    expect(edited.status).toBe(200)
    expect((await tenant.api.get(`tasks/${open.uid}`)).body.queue_uid).toBe(queue.uid)
    expect((await tenant.api.get(`tasks/${done.uid}`)).body.queue_uid).toBeNull()
    await tenant.as.admin.delete(`queues/${queue.uid}`)
    expect((await tenant.api.get(`tasks/${open.uid}`)).body.queue_uid).toBeNull()
  })

  it('keeps a task routed by hand where it was put, until handed back to the rules', async () => {
    const france = await createQueue({ name: 'France', condition: eq('country', 'FR') })
    const manual = await createQueue({ name: 'Manual', condition: eq('never', true) })
    const { body: task } = await tenant.api.post('tasks', { fields: { title: 't', country: 'FR' } })
    const routed = await tenant.as.admin.post(`tasks/${task.uid}/route`, { queue_uid: manual.uid })
    expect(routed.status).toBe(200)
    expect(routed.body.queue_uid).toBe(manual.uid)
    expect(routed.body.queue_updated_by).not.toBeNull()
    const patched = await tenant.api.patch(`tasks/${task.uid}`, { fields: { note: 'x' } })
    expect(patched.body.queue_uid).toBe(manual.uid)
    const back = await tenant.as.admin.post(`tasks/${task.uid}/route`, { automatic: true })
    expect(back.body).toMatchObject({ queue_uid: france.uid, queue_updated_by: null })
    expect(
      (await tenant.as.operator.post(`tasks/${task.uid}/route`, { automatic: true })).status,
    ).toBe(403)
  })

  it('stamps SLA breach times from the queue policy', async () => {
    await createQueue({ name: 'SLA', sla_policy: { resolution_minutes: 120 } })
    const { body: task } = await tenant.api.post('tasks', { fields: { title: 't' } })
    const created = Date.parse(task.created_at)
    expect(Date.parse(task.sla_breach_at)).toBe(created + 120 * 60_000)
    expect(Date.parse(task.sla_breach_business_at)).toBeGreaterThanOrEqual(created + 120 * 60_000)
  })

  it('validates queues: conditions, names, roles', async () => {
    const bad = await tenant.as.admin.post('queues', {
      name: 'Bad',
      condition: {
        combinator: 'and',
        conditions: [{ field: 'status', operator: '==', value: 'LATER' }],
      },
    })
    expect(bad.status).toBe(422)
    expect(bad.body.error.fields[0].path).toMatch(/^\/body\/condition/)
    await createQueue({ name: 'Twice' })
    const twice = await tenant.as.admin.post('queues', { name: 'Twice' })
    expect(twice.status).toBe(409)
    expect(twice.body.error.code).toBe('name_taken')
    expect((await tenant.as.operator.post('queues', { name: 'Nope' })).status).toBe(403)
    expect(
      (await tenant.as.viewer.get('queues')).body.items.map((q: { name: string }) => q.name),
    ).toEqual(['Twice'])
    const other = claimTenant(engine)
    const { body: theirs } = await other.as.admin.post('queues', { name: 'Theirs' })
    expect((await tenant.as.admin.patch(`queues/${theirs.uid}`, { name: 'Mine' })).status).toBe(404)
  })

  it('answers POST /tasks/query with conditions, sorts, selects and groups', async () => {
    await tenant.api.post('tasks/batch', {
      items: [
        { fields: { title: 'a', country: 'FR', amount: 10 } },
        { fields: { title: 'b', country: 'FR', amount: 30 } },
        { fields: { title: 'c', country: 'DE', amount: 20 } },
      ],
    })
    const query = await tenant.as.viewer.post('tasks/query', {
      condition: {
        combinator: 'or',
        conditions: [
          { field: 'amount', operator: '>=', value: 20 },
          { field: 'country', operator: '==', value: 'XX' },
        ],
      },
      sorts: [{ field: 'amount', direction: 'descending' }],
      selects: ['status', 'amount'],
    })
    expect(query.status).toBe(200)
    expect(query.body.items.map((t: { fields: { amount: number } }) => t.fields.amount)).toEqual([
      30, 20,
    ])
    expect(Object.keys(query.body.items[0]).sort()).toEqual(['fields', 'status', 'uid'])
    const groups = await tenant.api.post('tasks/query', {
      groups: ['country'],
      metrics: { total: { type: 'count' } },
    })
    expect(groups.body.items).toEqual([
      { country: 'FR', total: 2 },
      { country: 'DE', total: 1 },
    ])
    const invalid = await tenant.api.post('tasks/query', {
      condition: { field: 'due_at', operator: '<', value: 'yesterday' },
    })
    expect(invalid.status).toBe(422)
  })
})
