import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { claimTenant, type Tenant } from '../support/tenants'

describe.each(inject('engines'))('the users API on $name', (engine) => {
  let tenant: Tenant
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  const newUser = (role: string) => ({
    email: `user-${randomUUID()}@example.com`,
    name: 'New',
    role,
  })
  const emails = async () =>
    ((await tenant.api.get('users')).body.items as { email: string }[]).map((u) => u.email)

  it('answers email_taken to a second user with the same email, and keeps the first', async () => {
    const body = newUser('operator')
    const first = await tenant.as.admin.post('users', body)
    expect(first.status).toBe(200)
    const again = await tenant.as.admin.post('users', { ...body, name: 'Other', role: 'viewer' })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('email_taken')
    const users = (await tenant.api.get('users')).body.items as { uid: string; name: string }[]
    expect(users.filter((user) => user.uid === first.body.uid)).toEqual([
      expect.objectContaining({ name: 'New' }),
    ])
  })

  it('refuses to create or raise a user above the actor’s role, and changes nothing', async () => {
    const before = await emails()
    const above = await tenant.as.admin.post('users', newUser('super_admin'))
    expect(above.status).toBe(403)
    expect(await emails()).toEqual(before)
    const operator = await tenant.as.admin.post('users', newUser('operator'))
    const raised = await tenant.as.admin.patch(`users/${operator.body.uid}`, {
      role: 'super_admin',
      name: 'Raised',
    })
    expect(raised.status).toBe(403)
    const boss = await tenant.api.post('users', newUser('super_admin'))
    const touched = await tenant.as.admin.patch(`users/${boss.body.uid}`, { name: 'Touched' })
    expect(touched.status).toBe(403)
    const users = (await tenant.api.get('users')).body.items as { uid: string; name: string }[]
    expect(users.find((user) => user.uid === operator.body.uid)?.name).toBe('New')
    expect(users.find((user) => user.uid === boss.body.uid)?.name).toBe('New')
  })

  it('answers 404 to a change of a user of no organization of the caller’s', async () => {
    const res = await tenant.as.admin.patch(`users/${randomUUID()}`, { name: 'Nobody' })
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })
})
