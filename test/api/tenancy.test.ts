import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import type { Role } from '../../src/core/auth/roles'
import { snapshotTenant } from '../support/fuzz/tenant-snapshot'
import { fill, ROLES_ASCENDING as ORDER, ROUTES, type RouteRow } from '../support/route-table'
import { storedState } from '../support/task-state'
import { claimTenant, type Tenant } from '../support/tenants'

describe.each(inject('engines'))('tenancy on $name', (engine) => {
  it("another organization's task is 404 to read, change, archive and comment", async () => {
    const a = claimTenant(engine)
    const b = claimTenant(engine)
    const marker = randomUUID()
    const { body: task } = await a.api.post('tasks', { fields: { title: 'A only', marker } })
    await a.api.post(`tasks/${task.uid}/comments`, { text: 'from A' })
    const attempts = [
      await b.api.get(`tasks/${task.uid}`),
      await b.api.patch(`tasks/${task.uid}`, { status: 'DONE', fields: { title: 'B was here' } }),
      await b.api.delete(`tasks/${task.uid}`),
      await b.api.get(`tasks/${task.uid}/comments`),
      await b.api.post(`tasks/${task.uid}/comments`, { text: 'from B' }),
    ]
    for (const res of attempts) {
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('not_found')
    }
    const batch = await b.api.patch('tasks/batch', { items: [{ uid: task.uid, status: 'DONE' }] })
    expect(batch.body.items[0]).toMatchObject({ status: 404, error: { code: 'not_found' } })
    expect((await b.api.get('tasks', { query: { marker } })).body.meta.total_count).toBe(0)

    // A PUT names a task of the caller's own organization: it creates B's own task.
    const put = await b.api.put(`tasks/${task.uid}`, { fields: { title: 'B copy' } })
    expect(put.status).toBe(200)
    expect((await b.api.get(`tasks/${task.uid}`)).body.fields).toEqual({ title: 'B copy' })

    expect(storedState((await a.api.get(`tasks/${task.uid}`)).body)).toEqual(storedState(task))
    const comments = (await a.api.get(`tasks/${task.uid}/comments`)).body.items
    expect(comments.map((c: { text: string }) => c.text)).toEqual(['from A'])
  })

  it("another organization's tokens can be neither listed nor revoked", async () => {
    const a = claimTenant(engine)
    const b = claimTenant(engine)
    const aToken = (await a.as.viewer.get('accounts/me')).body.token.uid
    expect((await b.as.admin.delete(`tokens/${aToken}`)).status).toBe(404)
    expect((await a.as.viewer.get('accounts/me')).status).toBe(200)
    const listed = (await b.as.admin.get('tokens')).body.items.map((t: { uid: string }) => t.uid)
    expect(listed).not.toContain(aToken)
    expect(listed).toHaveLength(4)
  })
})

describe.each(inject('engines'))('other organizations on $name', (engine) => {
  /** A holds the resources; B, with a token of every role, tries to reach them. */
  let a: Tenant
  let b: Tenant
  let uids: Record<string, string>
  let snapshotA: () => Promise<Record<string, unknown>>

  beforeAll(async () => {
    a = claimTenant(engine)
    b = claimTenant(engine)
    const create = async (path: string, body: unknown) => {
      const res = await a.api.post(path, body)
      expect(res.status, res.text).toBe(200)
      return res.body.uid as string
    }
    const task = await create('tasks', { fields: { title: 'A only' } })
    const putTask = await create('tasks', { fields: { title: 'A only, for PUTs' } })
    await create(`tasks/${task}/comments`, { text: 'A only' })
    uids = {
      tasks: task,
      putTask,
      queues: await create('queues', { name: 'A only' }),
      webhooks: await create('webhooks', { url: 'http://127.0.0.1:9/a', active: false }),
      users: await create('users', { email: `${randomUUID()}@a.test`, name: 'A', role: 'viewer' }),
      tokens: await create('tokens', { name: 'A only', role: 'viewer' }),
    }
    const orgUid = (await a.api.get('accounts/me')).body.organization.uid
    snapshotA = () =>
      snapshotTenant({
        api: a.api,
        taskUids: [task, putTask],
        databaseUrl: engine.databaseUrl,
        orgUid,
      })
  })

  /** The uid of A's resource a row acts on: task uids for the player and batches. */
  const uidFor = (row: RouteRow) => {
    if (row.method === 'PUT') {
      // A PUT creates B's own task under that uid: the other rows must not find it.
      return uids.putTask as string
    }
    const segment = row.path.split('/')[1] ?? ''
    return (uids[segment] ?? uids.tasks) as string
  }

  const rowsWithUid = ROUTES.filter((row) => JSON.stringify(row).includes('{uid}'))

  it('every route that takes a uid is in this test', () => {
    // Paths and bodies with a `{uid}`: a route that gains one is checked here too.
    expect(rowsWithUid.length).toBeGreaterThanOrEqual(25)
  })

  it.each(rowsWithUid)(
    "$method $path with another organization's uid: 403 below $least, else as if absent",
    async (row) => {
      const before = await snapshotA()
      for (const [rank, role] of ORDER.entries()) {
        const me = (await b.as[role].get('accounts/me')).body.user.uid
        const send = (uid: string) =>
          b.as[role].request(row.method, fill(row.path, uid).slice(1), {
            body: fill(row.body, uid, me),
          })
        const res = await send(uidFor(row))
        const context = `${role}: ${res.text.slice(0, 300)}`
        if (rank < ORDER.indexOf(row.least as Role)) {
          expect(res.status, context).toBe(403)
        } else if (row.path === '/tasks/batch') {
          // A batch names tasks of the caller's own organization, item by item.
          expect(res.status, context).toBe(row.otherOrg)
          const expected = row.method === 'PATCH' ? [404] : [200, 201]
          expect(expected, context).toContain(res.body.items[0].status)
        } else if (row.path.includes('{uid}')) {
          expect(res.status, context).toBe(row.otherOrg ?? 404)
        } else {
          // The uid is in the body (the player): the answer is the one for a uid of nothing.
          const absent = await send(randomUUID())
          expect([res.status, res.body?.error?.code], context).toEqual([
            absent.status,
            absent.body?.error?.code,
          ])
        }
      }
      expect(await snapshotA(), "A's organization changed").toEqual(before)
    },
  )
})
