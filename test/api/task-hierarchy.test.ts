import pg from 'pg'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { lockTasks } from '../../src/store/tasks'
import type { ApiClient } from '../support/api-client'
import { queryDatabase } from '../support/pg-query'
import { claimTenant, type Tenant } from '../support/tenants'

type Counts = { num_children: number; num_children_done: number }

async function counts(api: ApiClient, uid: string): Promise<Counts> {
  const res = await api.get(`tasks/${uid}`)
  expect(res.status).toBe(200)
  return { num_children: res.body.num_children, num_children_done: res.body.num_children_done }
}

async function create(api: ApiClient, body: Record<string, unknown>): Promise<string> {
  const res = await api.post('tasks', { fields: { title: 't' }, ...body })
  expect(res.status, res.text).toBe(200)
  return res.body.uid
}

describe.each(inject('engines'))('sub-task counters on $name', (engine) => {
  let tenant: Tenant
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  it('follow sub-tasks as they are created, finished, reopened, archived and moved', async () => {
    const { api } = tenant
    const parent = await create(api, {})
    const other = await create(api, {})
    const a = await create(api, { parent_uid: parent })
    const b = await create(api, { parent_uid: parent, status: 'DONE' })
    expect(await counts(api, parent)).toEqual({ num_children: 2, num_children_done: 1 })
    await api.patch(`tasks/${a}`, { status: 'DONE' })
    expect(await counts(api, parent)).toEqual({ num_children: 2, num_children_done: 2 })
    await api.patch(`tasks/${b}`, { status: 'TODO' })
    expect(await counts(api, parent)).toEqual({ num_children: 2, num_children_done: 1 })
    await api.delete(`tasks/${a}`)
    expect(await counts(api, parent)).toEqual({ num_children: 1, num_children_done: 0 })
    await api.patch(`tasks/${a}`, { archived: false })
    expect(await counts(api, parent)).toEqual({ num_children: 2, num_children_done: 1 })
    await api.patch(`tasks/${a}`, { parent_uid: other })
    expect(await counts(api, parent)).toEqual({ num_children: 1, num_children_done: 0 })
    expect(await counts(api, other)).toEqual({ num_children: 1, num_children_done: 1 })
    await api.put(`tasks/${b}`, { fields: { title: 'b' }, parent_uid: null })
    expect(await counts(api, parent)).toEqual({ num_children: 0, num_children_done: 0 })
    // A batch that writes a parent and moves its children in one statement.
    const batch = await api.patch('tasks/batch', {
      items: [
        { uid: a, parent_uid: parent },
        { uid: b, parent_uid: parent, status: 'DONE' },
        { uid: parent, fields: { title: 'renamed' } },
      ],
    })
    expect(batch.status).toBe(200)
    expect(await counts(api, parent)).toEqual({ num_children: 2, num_children_done: 2 })
    expect(await counts(api, other)).toEqual({ num_children: 0, num_children_done: 0 })
    const expanded = await api.get(`tasks/${parent}`, { query: { expand: 'children,parent' } })
    expect(expanded.body.parent).toBeNull()
    expect(expanded.body.children.map((t: { uid: string }) => t.uid).sort()).toEqual([a, b].sort())
    const child = await api.get(`tasks/${a}`, { query: { expand: 'parent' } })
    expect(child.body.parent).toMatchObject({ uid: parent, fields: { title: 'renamed' } })
    const listed = await api.get('tasks', { query: { parent_uid: parent, expand: 'parent' } })
    expect(listed.body.items).toHaveLength(2)
    expect(
      listed.body.items.every((t: { parent: { uid: string } }) => t.parent.uid === parent),
    ).toBe(true)
  })

  it('stay exact under parallel child writes from many clients', async () => {
    const { api } = tenant
    const [p1, p2] = [await create(api, {}), await create(api, {})]
    // 40 children created in parallel, single and batched, half under each parent.
    const made = await Promise.all(
      Array.from({ length: 20 }, (_, i) => create(api, { parent_uid: i % 2 ? p1 : p2 })),
    )
    const batches = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        api.post('tasks/batch', {
          items: Array.from({ length: 5 }, () => ({
            fields: { title: 'c' },
            parent_uid: i % 2 ? p1 : p2,
          })),
        }),
      ),
    )
    expect(batches.map((res) => res.status)).toEqual([200, 200, 200, 200])
    const children = [
      ...made,
      ...batches.flatMap((res) => res.body.items.map((item: { uid: string }) => item.uid)),
    ]
    expect(await counts(api, p1)).toEqual({ num_children: 20, num_children_done: 0 })
    expect(await counts(api, p2)).toEqual({ num_children: 20, num_children_done: 0 })
    // Then, all at once: finish some, archive some, move some from one parent to the other.
    const writes = await Promise.all(
      children.map((uid, i) => {
        if (i % 4 === 0) {
          return api.patch(`tasks/${uid}`, { status: 'DONE' })
        }
        if (i % 4 === 1) {
          return api.delete(`tasks/${uid}`)
        }
        if (i % 4 === 2) {
          return api.patch(`tasks/${uid}`, { parent_uid: p1, status: 'DONE' })
        }
        return api.put(`tasks/${uid}`, { fields: { title: 'c' }, parent_uid: p2 })
      }),
    )
    expect(writes.map((res) => res.status)).toEqual(writes.map(() => 200))
    const listed = await api.get('tasks', { query: { archived: 'false', limit: '1000' } })
    const tasks = listed.body.items as { parent_uid: string | null; status: string }[]
    const expected = (parent: string) => ({
      num_children: tasks.filter((t) => t.parent_uid === parent).length,
      num_children_done: tasks.filter((t) => t.parent_uid === parent && t.status === 'DONE').length,
    })
    expect(await counts(api, p1)).toEqual(expected(p1))
    expect(await counts(api, p2)).toEqual(expected(p2))
    expect(expected(p1).num_children + expected(p2).num_children).toBe(30)
  })

  it('never deadlock when parents and children are written together from many clients', async () => {
    const { api } = tenant
    const [p1, p2] = [await create(api, {}), await create(api, {})]
    // Batches of children of both parents, in opposite orders.
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api.post('tasks/batch', {
          items: Array.from({ length: 10 }, (_, j) => ({
            fields: { title: 'c' },
            parent_uid: (i + j) % 2 ? p1 : p2,
          })),
        }),
      ),
    )
    expect(created.map((res) => res.status)).toEqual(created.map(() => 200))
    const children = created.flatMap((res) =>
      res.body.items.map((item: { uid: string }) => item.uid),
    )
    // Batches that write a parent with some children, beside single writes of those children.
    const writes = await Promise.all([
      ...children.slice(0, 20).map((uid, i) =>
        api.patch('tasks/batch', {
          items: [
            { uid: i % 2 ? p1 : p2, fields: { title: `p${i}` } },
            { uid, status: 'DONE' },
          ],
        }),
      ),
      ...children
        .slice(0, 20)
        .map((uid, i) => api.patch(`tasks/${uid}`, { parent_uid: i % 2 ? p2 : p1 })),
    ])
    expect(writes.map((res) => res.status)).toEqual(writes.map(() => 200))
    const listed = await api.get('tasks', { query: { limit: '1000' } })
    const tasks = listed.body.items as { parent_uid: string | null; status: string }[]
    for (const parent of [p1, p2]) {
      expect(await counts(api, parent)).toEqual({
        num_children: tasks.filter((t) => t.parent_uid === parent).length,
        num_children_done: tasks.filter((t) => t.parent_uid === parent && t.status === 'DONE')
          .length,
      })
    }
  })
})

describe.each(inject('engines').filter((e) => e.databaseUrl))(
  'locking a task family on $name',
  (engine) => {
    const databaseUrl = engine.databaseUrl as string

    it('locks the parent a child was moved to while the lock waited for it', async () => {
      const tenant = claimTenant(engine)
      const [p1, p2] = [await create(tenant.api, {}), await create(tenant.api, {})]
      const child = await create(tenant.api, { parent_uid: p1 })
      const [org] = await queryDatabase<{ uid: string }>(
        databaseUrl,
        'SELECT uid FROM organizations WHERE name = $1',
        [tenant.orgName],
      )
      const connect = () => new pg.Client({ connectionString: databaseUrl })
      const [mover, locker, prober] = [connect(), connect(), connect()]
      try {
        await Promise.all([mover, locker, prober].map((client) => client.connect()))
        // The mover holds the child (and both parents' counters) while it moves it to p2.
        await mover.query('BEGIN')
        await mover.query('UPDATE tasks SET parent_uid = $1 WHERE uid = $2', [p2, child])
        const lockerPid = (await locker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid
        await locker.query('BEGIN')
        const locking = lockTasks(locker, org?.uid as string, [p1, child], {
          childrenOf: [child],
          parents: [],
        })
        await waitUntilBlocked(prober, lockerPid)
        await mover.query('COMMIT')
        const locked = await locking
        expect(locked.find((task) => task.uid === child)?.parent_uid).toBe(p2)
        // The child's parent is now p2: the locker must hold it, or a counter update
        // would take it later, out of order.
        const probe = await prober
          .query('SELECT uid FROM tasks WHERE uid = $1 FOR UPDATE NOWAIT', [p2])
          .then(
            () => 'free',
            (error: { code?: string }) => error.code,
          )
        expect(probe).toBe('55P03')
        await locker.query('COMMIT')
      } finally {
        await Promise.all([mover, locker, prober].map((client) => client.end()))
      }
    })
  },
)

/** Waits until the backend `pid` waits for a lock. */
async function waitUntilBlocked(observer: pg.Client, pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await observer.query(
      `SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`,
      [pid],
    )
    if (rows.length > 0) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('the lock never waited')
}
