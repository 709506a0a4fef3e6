import { beforeAll, describe, expect, inject, it } from 'vitest'
import { claimTenant, type Tenant } from '../support/tenants'

interface Found {
  task: { uid: string; fields: Record<string, unknown> }
  matches: { field: string; snippet: string; highlights: [number, number][] }[]
}

describe.each(inject('engines'))('search on $name', (engine) => {
  let tenant: Tenant
  const uids: Record<string, string> = {}

  beforeAll(async () => {
    tenant = claimTenant(engine)
    const tasks = {
      espresso: { title: 'Espresso machine broken', customer: 'Jürgen Müller', floor: 3 },
      water: { title: 'Water damage in kitchen', ref: 'ZX-81' },
      damage: { title: 'Claim review', note: 'damage from water, see photos' },
      muller: { title: 'Refund for Muller GmbH', email: 'ana@example.com' },
      exact: { title: 'Order lookup', order_id: 'espresso' },
    }
    for (const [name, fields] of Object.entries(tasks)) {
      const res = await tenant.api.post('tasks', { fields })
      expect(res.status, res.text).toBe(200)
      uids[name] = res.body.uid
    }
    const archived = await tenant.api.post('tasks', {
      fields: { title: 'Espresso archived' },
      archived: true,
    })
    uids.archived = archived.body.uid
  })

  const search = async (q: string, query: Record<string, string> = {}) => {
    const res = await tenant.api.get('tasks/search', { query: { q, ...query } })
    expect(res.status, res.text).toBe(200)
    return res.body.items as Found[]
  }
  const found = (items: Found[]) => items.map((item) => item.task.uid)
  const listed = async (q: string) =>
    ((await tenant.api.get('tasks', { query: { q } })).body.items as { uid: string }[])
      .map((task) => task.uid)
      .sort()

  it('finds words in any order, as prefixes, accents and case ignored', async () => {
    expect(found(await search('broken espresso'))).toContain(uids.espresso)
    expect(found(await search('BROK esp'))).toContain(uids.espresso)
    expect((await search('damage water')).map((item) => item.task.uid).sort()).toEqual(
      [uids.water, uids.damage].sort(),
    )
    expect(found(await search('muller')).sort()).toEqual([uids.espresso, uids.muller].sort())
    expect(found(await search('müller')).sort()).toEqual([uids.espresso, uids.muller].sort())
    expect(found(await search('zx-8'))).toEqual([uids.water])
    expect(found(await search('ana@example'))).toEqual([uids.muller])
    expect(await search('espresso nowhere')).toEqual([])
    expect(await search('%!')).toEqual([])
  })

  it('says which field matched, with the words highlighted in a snippet', async () => {
    const [hit] = await search('muller jurg')
    expect(hit?.task.uid).toBe(uids.espresso)
    expect(hit?.matches).toEqual([
      {
        field: 'customer',
        snippet: 'Jürgen Müller',
        highlights: [
          [0, 4],
          [7, 13],
        ],
      },
    ])
  })

  it('puts a uid and an exact field value first, then title matches', async () => {
    expect(found(await search('espresso'))[0]).toBe(uids.exact)
    const [byUid] = await search(uids.water as string)
    expect(byUid?.task.uid).toBe(uids.water)
    expect(byUid?.matches).toEqual([])
    expect(found(await search('damage'))).toEqual([uids.water, uids.damage])
  })

  it('leaves archived tasks out unless asked, and honours the limit', async () => {
    expect(found(await search('espresso'))).not.toContain(uids.archived)
    expect(found(await search('espresso', { archived: 'all' }))).toContain(uids.archived)
    expect(await search('espresso', { limit: '1' })).toHaveLength(1)
  })

  it('filters the task list with the same rule', async () => {
    expect(await listed('damage water')).toEqual([uids.water, uids.damage].sort())
    expect(await listed('muller')).toEqual([uids.espresso, uids.muller].sort())
    expect(await listed(uids.damage as string)).toEqual([uids.damage])
  })

  it('never finds another organization’s tasks', async () => {
    const other = claimTenant(engine)
    await other.api.post('tasks', { fields: { title: 'Espresso elsewhere' } })
    const mine = await search('espresso elsewhere')
    expect(mine).toEqual([])
    const res = await other.api.get('tasks/search', { query: { q: uids.water as string } })
    expect(res.body.items).toEqual([])
  })

  it('refuses a missing or oversized query or limit with a 422 naming it', async () => {
    for (const [query, path] of [
      [{}, '/query/q'],
      [{ q: 'x'.repeat(501) }, '/query/q'],
      [{ q: 'x', limit: '51' }, '/query/limit'],
    ] as const) {
      const res = await tenant.api.get('tasks/search', { query })
      expect(res.status).toBe(422)
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(path)
    }
  })
})
