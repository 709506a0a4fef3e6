import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import type { ApiClient } from '../support/api-client'
import { claimTenant, type Tenant } from '../support/tenants'

const DESCRIPTIVE = {
  tags: ['vip'],
  case_uid: '6b3f1f2e-8a55-4c55-9d43-0f1e2d3c4b5a',
  participants: { watchers: ['a@example.com'] },
  form_data: { score: 3, ok: true },
  review_status: 'pending',
  task_type: 'kyc',
  external_id: 'HS-42',
  external_status: 'open',
  external_assignee_uid: 'hubspot-user-7',
  external_created_at: '2026-01-02T03:04:05.678Z',
  external_updated_at: '2026-01-03T03:04:05.678Z',
}

async function operatorUser(api: ApiClient, role = 'operator') {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.com`
  const res = await api.post('users', { email, name: 'Bo', role })
  expect(res.status).toBe(200)
  return { uid: res.body.uid as string, email }
}

describe.each(inject('engines'))("Fragment's task keys on $name", (engine) => {
  let tenant: Tenant
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  it('keeps the descriptive keys on create, PUT, PATCH and batch, and lists by them', async () => {
    const { api } = tenant
    const created = await api.post('tasks', { fields: { title: 'a' }, ...DESCRIPTIVE })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({
      ...DESCRIPTIVE,
      external_status_updated_at: expect.any(String),
    })
    expect((await api.get(`tasks/${created.body.uid}`)).body).toEqual(
      expect.objectContaining(DESCRIPTIVE),
    )
    const patched = await api.patch(`tasks/${created.body.uid}`, {
      tags: [],
      review_status: null,
    })
    expect(patched.body).toMatchObject({ ...DESCRIPTIVE, tags: [], review_status: null })
    const uid = randomUUID()
    const put = await api.put(`tasks/${uid}`, { fields: { title: 'b' }, task_type: 'aml' })
    expect(put.body).toMatchObject({ task_type: 'aml', tags: [], form_data: {}, participants: {} })
    const batch = await api.patch('tasks/batch', {
      items: [{ uid, tags: ['x', 'y'], case_uid: DESCRIPTIVE.case_uid }],
    })
    expect(batch.body.items[0].task).toMatchObject({
      tags: ['x', 'y'],
      case_uid: DESCRIPTIVE.case_uid,
    })
    const byCase = await api.get('tasks', { query: { case_uid: DESCRIPTIVE.case_uid } })
    expect(byCase.body.items.map((t: { uid: string }) => t.uid).sort()).toEqual(
      [created.body.uid, uid].sort(),
    )
    const byTags = await api.get('tasks', { query: { tags: ['y', 'nope'] } })
    expect(byTags.body.items.map((t: { uid: string }) => t.uid)).toEqual([uid])
    const events = await api.get(`tasks/${uid}/events`)
    expect(events.body.items.at(-1)).toMatchObject({
      type: 'updated',
      data: { keys: ['tags', 'case_uid'] },
    })
  })

  it('still reaches a custom field named like a reserved parameter through fields.<name>', async () => {
    const { api } = tenant
    const task = await api.post('tasks', { fields: { title: 'a', tags: 'red', order_by: 'x' } })
    const res = await api.get('tasks', { query: { 'fields.tags': 'red', 'fields.order_by': 'x' } })
    expect(res.body.items.map((t: { uid: string }) => t.uid)).toEqual([task.body.uid])
    const reserved = await api.get('tasks', { query: { tags: 'red' } })
    expect(reserved.body.items).toEqual([])
  })

  it('assigns and routes by hand for admins only, and lets anyone write back what they read', async () => {
    const { api, as } = tenant
    const ana = await operatorUser(api)
    const queue = await as.admin.post('queues', { name: `Q ${randomUUID()}` })
    expect(queue.status).toBe(200)
    const byOperator = await as.operator.post('tasks', {
      fields: { title: 'x' },
      assignee_uid: ana.uid,
      queue_uid: queue.body.uid,
    })
    expect(byOperator.status).toBe(403)
    expect(byOperator.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      '/body/assignee_uid',
      '/body/queue_uid',
    ])
    const byAdmin = await as.admin.post('tasks', {
      fields: { title: 'x' },
      assignee_email: ana.email,
      queue_uid: queue.body.uid,
      status: 'STARTED',
    })
    expect(byAdmin.status).toBe(200)
    expect(byAdmin.body).toMatchObject({
      assignee_uid: ana.uid,
      queue_uid: queue.body.uid,
      queue_updated_by: expect.any(String),
      status: 'STARTED',
    })
    // An operator PUTs back the task as read: same assignee and queue, nothing by hand.
    const { uid, ...read } = byAdmin.body
    const echoed = await as.operator.put(`tasks/${uid}`, { ...read, fields: { title: 'y' } })
    expect(echoed.status, echoed.text).toBe(200)
    expect(echoed.body).toMatchObject({ assignee_uid: ana.uid, queue_uid: queue.body.uid })
    const unassign = await as.operator.patch(`tasks/${uid}`, { assignee_uid: null })
    expect(unassign.status).toBe(403)
    const released = await as.admin.patch(`tasks/${uid}`, { assignee_email: null, queue_uid: null })
    expect(released.body).toMatchObject({ assignee_uid: null, queue_uid: null, status: 'TODO' })
    const both = await as.admin.patch(`tasks/${uid}`, {
      assignee_uid: ana.uid,
      assignee_email: ana.email,
    })
    expect(both.status).toBe(422)
    expect(both.body.error.fields[0].path).toBe('/body/assignee_email')
  })

  it('names the wrong keys of every batch item and writes nothing', async () => {
    const { api } = tenant
    const viewer = await operatorUser(api, 'viewer')
    const res = await api.post('tasks/batch', {
      items: [
        { fields: { title: 'ok' } },
        { fields: { title: 'v' }, assignee_email: viewer.email },
        { fields: { title: 'q' }, queue_uid: randomUUID() },
        { fields: { title: 'b' }, assignee_uid: randomUUID(), queue_uid: randomUUID() },
      ],
    })
    expect(res.status).toBe(422)
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      '/body/items/1/assignee_email',
      '/body/items/2/queue_uid',
      '/body/items/3/assignee_uid',
      '/body/items/3/queue_uid',
    ])
    expect((await api.get('tasks')).body.meta.total_count).toBe(0)
  })

  it('refuses to start a second task for an assignee in a create', async () => {
    const { api } = tenant
    const ana = await operatorUser(api)
    const first = await api.post('tasks', {
      fields: { title: '1' },
      assignee_uid: ana.uid,
      status: 'STARTED',
    })
    expect(first.status).toBe(200)
    const second = await api.post('tasks', {
      fields: { title: '2' },
      assignee_uid: ana.uid,
      status: 'STARTED',
    })
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('task_in_progress')
  })

  it('says whether the player handed the task over, and measures the running work', async () => {
    const { api, as } = tenant
    const queue = await as.admin.post('queues', { name: `All ${randomUUID()}` })
    expect(queue.status).toBe(200)
    const created = await api.post('tasks', { fields: { title: 'play me' } })
    expect((await as.operator.post('player/start', {})).status).toBe(200)
    const played = await as.operator.post('player/next')
    expect(played.body.task).toMatchObject({
      uid: created.body.uid,
      is_assigned_player: true,
      incremental_work_time: expect.any(Number),
    })
    const ana = await operatorUser(api)
    const handed = await as.admin.patch(`tasks/${created.body.uid}`, { assignee_uid: ana.uid })
    expect(handed.body).toMatchObject({
      assignee_uid: ana.uid,
      is_assigned_player: false,
      status: 'TODO',
      incremental_work_time: 0,
    })
  })
})
