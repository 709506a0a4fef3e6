import { beforeEach, describe, expect, inject, it } from 'vitest'
import { claimTenant, type Tenant } from '../support/tenants'

describe.each(inject('engines'))('query metrics on $name', (engine) => {
  let tenant: Tenant
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  it('counts, counts distinct, sums, averages and bounds, per group and overall', async () => {
    const { api } = tenant
    const made = await api.post('tasks/batch', {
      items: [
        { fields: { title: 'a', country: 'FR', amount: 10, client: 'x' } },
        { fields: { title: 'b', country: 'FR', amount: 30, client: 'y' } },
        { fields: { title: 'c', country: 'FR', amount: '99', client: 'y' } },
        { fields: { title: 'd', country: 'DE', amount: 5.5, client: 'x' }, status: 'DONE' },
        { fields: { title: 'e', country: 'DE' } },
      ],
    })
    expect(made.status).toBe(200)
    const parent = made.body.items[4].uid
    await api.post('tasks', { fields: { title: 'child' }, parent_uid: parent })
    const metrics = {
      tasks: { type: 'count' },
      with_amount: { type: 'count', field: 'amount' },
      clients: { type: 'count_distinct', field: 'client' },
      total: { type: 'sum', field: 'amount' },
      mean: { type: 'avg', field: 'fields.amount' },
      least: { type: 'min', field: 'amount' },
      most: { type: 'max', field: 'amount' },
      first: { type: 'min', field: 'created_at' },
      children: { type: 'sum', field: 'num_children' },
    }
    const grouped = await api.post('tasks/query', {
      groups: ['country'],
      metrics,
      condition: { field: 'title', operator: '!=', value: 'child' },
    })
    expect(grouped.status, grouped.text).toBe(200)
    expect(grouped.body.items).toEqual([
      {
        country: 'FR',
        tasks: 3,
        with_amount: 3,
        clients: 2,
        total: 40,
        mean: 20,
        least: 10,
        most: 30,
        first: made.body.items[0].task.created_at,
        children: 0,
      },
      {
        country: 'DE',
        tasks: 2,
        with_amount: 1,
        clients: 1,
        total: 5.5,
        mean: 5.5,
        least: 5.5,
        most: 5.5,
        first: made.body.items[0].task.created_at,
        children: 1,
      },
    ])
    const overall = await api.post('tasks/query', {
      metrics: { n: { type: 'count' }, total: { type: 'sum', field: 'amount' } },
    })
    expect(overall.body.items).toEqual([{ n: 6, total: 45.5 }])
    const byStatus = await api.post('tasks/query', {
      groups: ['status'],
      metrics: { n: { type: 'count' } },
    })
    expect(byStatus.body.items).toEqual([
      { status: 'TODO', n: 5 },
      { status: 'DONE', n: 1 },
    ])
  })

  it('names each metric it cannot compute', async () => {
    const res = await tenant.api.post('tasks/query', {
      groups: ['status'],
      metrics: {
        s: { type: 'sum', field: 'status' },
        d: { type: 'count_distinct' },
        m: { type: 'median', field: 'amount' },
      },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(
      '/body/metrics/m/type',
    )
    const valid = await tenant.api.post('tasks/query', {
      metrics: { s: { type: 'sum', field: 'status' }, d: { type: 'count_distinct' } },
    })
    expect(valid.status).toBe(422)
    expect(valid.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      '/body/metrics/s/field',
      '/body/metrics/d/field',
    ])
  })
})
