import { beforeAll, describe, expect, inject, it } from 'vitest'
import { claimTenant, type Tenant } from '../support/tenants'

interface ViewBody {
  uid: string
  name: string
  owner_uid: string
  shared: boolean
  pinned: boolean
  count?: number
  filter: Record<string, unknown>
  columns: { key: string; width?: number }[]
  sort: string | null
}

describe.each(inject('engines'))('saved views on $name', (engine) => {
  let tenant: Tenant

  beforeAll(async () => {
    tenant = claimTenant(engine)
    const res = await tenant.api.post('tasks/batch', {
      items: [
        { fields: { title: 'FR one', country: 'FR' } },
        { fields: { title: 'FR two', country: 'FR' }, status: 'DONE' },
        { fields: { title: 'DE one', country: 'DE' } },
      ],
    })
    expect(res.status, res.text).toBe(200)
  })

  const names = (items: ViewBody[]) => items.map((view) => view.name)

  it('saves a private view that only its owner sees, and counts it live', async () => {
    const created = await tenant.as.operator.post('views', {
      name: 'My French tasks',
      filter: { country: 'FR', status: 'TODO,DONE' },
      columns: [
        { key: 'fields.title', width: 320 },
        { key: 'fields.country' },
        { key: 'queue_name' },
      ],
      sort: '-created_at',
      pinned: true,
    })
    expect(created.status, created.text).toBe(200)
    const view = created.body as ViewBody
    expect(view).toMatchObject({ shared: false, pinned: true, sort: '-created_at' })
    expect(view.columns[0]).toEqual({ key: 'fields.title', width: 320 })
    const mine = await tenant.as.operator.get('views', { query: { counts: 'true' } })
    const counted = (mine.body.items as ViewBody[]).find((v) => v.uid === view.uid)
    expect(counted?.count).toBe(2)
    expect(names((await tenant.as.viewer.get('views')).body.items)).not.toContain('My French tasks')
    expect((await tenant.as.viewer.get(`views/${view.uid}`)).status).toBe(404)
    expect((await tenant.as.admin.patch(`views/${view.uid}`, { name: 'x' })).status).toBe(404)
    // A new task matching the filter shows in the count at once.
    await tenant.api.post('tasks', { fields: { title: 'FR three', country: 'FR' } })
    const again = await tenant.as.operator.get('views', { query: { counts: 'true' } })
    expect((again.body.items as ViewBody[]).find((v) => v.uid === view.uid)?.count).toBe(3)
  })

  it('shares a view with the organization: others read it, only the owner or an admin changes it', async () => {
    const created = await tenant.as.operator.post('views', {
      name: 'Germany',
      filter: { country: 'DE' },
      shared: true,
    })
    const uid = created.body.uid
    const seen = await tenant.as.viewer.get(`views/${uid}`)
    expect(seen.status).toBe(200)
    expect(seen.body.filter).toEqual({ country: 'DE' })
    const refused = await tenant.as.viewer.patch(`views/${uid}`, { name: 'mine now' })
    expect(refused.status).toBe(403)
    expect((await tenant.as.viewer.delete(`views/${uid}`)).status).toBe(403)
    expect((await tenant.as.operator.get(`views/${uid}`)).body.name).toBe('Germany')
    const renamed = await tenant.as.admin.patch(`views/${uid}`, {
      name: 'Germany (all)',
      pinned: true,
    })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({
      name: 'Germany (all)',
      pinned: true,
      filter: { country: 'DE' },
    })
    expect((await tenant.as.admin.delete(`views/${uid}`)).status).toBe(204)
    expect((await tenant.as.operator.get(`views/${uid}`)).status).toBe(404)
  })

  it('refuses a view the backlog could not show, naming every wrong part, and saves nothing', async () => {
    const before = (await tenant.as.operator.get('views')).body.items.length
    const res = await tenant.as.operator.post('views', {
      name: 'broken',
      filter: { status: 'LOST', cursor: 'x' },
      columns: [{ key: 'uid' }, { key: 'secret_column' }],
      sort: 'title',
    })
    expect(res.status).toBe(422)
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      '/body/filter/cursor',
      '/body/filter/status',
      '/body/columns/1/key',
      '/body/sort',
    ])
    expect((await tenant.as.operator.get('views')).body.items.length).toBe(before)
    const blank = await tenant.as.operator.post('views', { name: '' })
    expect(blank.status).toBe(422)
    expect(blank.body.error.fields[0].path).toBe('/body/name')
  })

  it('never shows another organization’s views, shared or not', async () => {
    const other = claimTenant(engine)
    const theirs = await other.api.post('views', { name: 'Theirs', shared: true })
    expect(theirs.status).toBe(200)
    expect(names((await tenant.api.get('views')).body.items)).not.toContain('Theirs')
    expect((await tenant.api.get(`views/${theirs.body.uid}`)).status).toBe(404)
    expect((await tenant.api.delete(`views/${theirs.body.uid}`)).status).toBe(404)
    expect((await other.api.get(`views/${theirs.body.uid}`)).status).toBe(200)
  })
})
