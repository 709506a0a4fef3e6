import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { claimTenant, type Tenant } from '../support/tenants'

/** A task without its durations (`*_time`, `*_time_business`), which grow with the clock. */
function withoutDurations(task: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(task).filter(([key]) => !/_time(_business)?$/.test(key)))
}

describe.each(inject('engines'))('tasks on $name', (engine) => {
  let tenant: Tenant
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  it('creates a task with Fragment defaults and keeps custom fields as given', async () => {
    const before = Date.now()
    const res = await tenant.api.post('tasks', {
      fields: {
        title: 'My first task',
        url: 'https://google.com',
        country: 'FR',
        n: 1.5,
        nested: { a: [1, null] },
      },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      status: 'TODO',
      archived: false,
      fields: {
        title: 'My first task',
        url: 'https://google.com',
        country: 'FR',
        n: 1.5,
        nested: { a: [1, null] },
      },
      queue_uid: null,
      assignee_uid: null,
      skills: [],
      parent_uid: null,
      done_at: null,
      started_at: null,
    })
    expect(res.body.uid).toMatch(/^[0-9a-f-]{36}$/)
    expect(Date.parse(res.body.due_at)).toBeGreaterThanOrEqual(before - 1000)
    const got = await tenant.api.get(`tasks/${res.body.uid}`)
    expect(got.status).toBe(200)
    // The durations of an open task grow while it waits: on a slow machine, by a second.
    expect(withoutDurations(got.body)).toEqual(withoutDurations(res.body))
    expect(got.body.wait_time).toBeGreaterThanOrEqual(res.body.wait_time)
  })

  it('answers every write with the task exactly as a later read returns it', async () => {
    // Writes answer from the state they wrote, not from a read-back: upper-case uids and
    // fields in any key order must still come back as the database keeps them.
    const uid = randomUUID().toUpperCase()
    const parent = randomUUID().toUpperCase()
    const fields = { zeta: 1, title: 'Order', a: { y: 2, b: [true] }, url: 'https://x.test' }
    const writes = [
      () =>
        tenant.api.post('tasks', {
          uid,
          parent_uid: parent,
          fields,
          due_at: '2030-01-02T03:04:05.678Z',
        }),
      () =>
        tenant.api.patch(`tasks/${uid}`, {
          parent_uid: randomUUID().toUpperCase(),
          fields: { k: 'v' },
        }),
      () =>
        tenant.api.put(`tasks/${uid}`, {
          fields: { title: 'Replaced', b: 2, a: 1 },
          status: 'DONE',
        }),
      // Leaving DONE clears done_at: the cleared column must reach the row, not only the answer.
      () => tenant.api.patch(`tasks/${uid}`, { status: 'TODO', parent_uid: null }),
    ]
    for (const write of writes) {
      const answer = await write()
      expect(answer.status).toBe(200)
      const got = await tenant.api.get(`tasks/${uid}`)
      expect(withoutDurations(answer.body)).toEqual(withoutDurations(got.body))
      expect(answer.body.uid).toBe(uid.toLowerCase())
    }
    const last = await tenant.api.get(`tasks/${uid}`)
    expect(last.body).toMatchObject({ status: 'TODO', done_at: null, parent_uid: null })
    const batch = await tenant.api.post('tasks/batch', {
      items: [{ uid: randomUUID().toUpperCase(), parent_uid: parent, fields }],
    })
    expect(batch.status).toBe(200)
    const [item] = batch.body.items
    expect(item.task.parent_uid).toBe(parent.toLowerCase())
    const got = await tenant.api.get(`tasks/${item.task.uid}`)
    expect(withoutDurations(item.task)).toEqual(withoutDurations(got.body))
  })

  it('answers 409 to a second POST with the same uid and leaves the task alone', async () => {
    const uid = randomUUID()
    expect((await tenant.api.post('tasks', { uid, fields: { title: 'one' } })).status).toBe(200)
    const again = await tenant.api.post('tasks', { uid, fields: { title: 'two' } })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('uid_taken')
    expect((await tenant.api.get(`tasks/${uid}`)).body.fields.title).toBe('one')
  })

  it('names every wrong field in a 422 and creates nothing', async () => {
    const uid = randomUUID()
    const res = await tenant.api.post('tasks', {
      uid,
      status: 'LATER',
      due_at: 'tomorrow',
      fields: { url: 42 },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('validation_failed')
    const paths = res.body.error.fields.map((f: { path: string }) => f.path).sort()
    expect(paths).toEqual([
      '/body/due_at',
      '/body/fields/title',
      '/body/fields/url',
      '/body/status',
    ])
    expect((await tenant.api.get(`tasks/${uid}`)).status).toBe(404)
  })

  it('PATCH merges fields key by key and stamps done_at, cleared when leaving DONE', async () => {
    const { body: task } = await tenant.api.post('tasks', {
      fields: { title: 'T', country: 'FR', claim_id: '1', drop: true },
    })
    const done = await tenant.api.patch(`tasks/${task.uid}`, {
      status: 'DONE',
      fields: { claim_id: '2', drop: null, extra: [1] },
    })
    expect(done.status).toBe(200)
    expect(done.body.fields).toEqual({ title: 'T', country: 'FR', claim_id: '2', extra: [1] })
    expect(done.body.done_at).not.toBeNull()
    expect(Date.parse(done.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(task.updated_at))
    const operatorUid = (await tenant.as.operator.get('accounts/me')).body.user.uid
    const started = await tenant.api.patch(`tasks/${task.uid}`, {
      status: 'STARTED',
      assignee_uid: operatorUid,
    })
    expect(started.body.done_at).toBeNull()
    expect(started.body.started_at).not.toBeNull()
    const todo = await tenant.api.patch(`tasks/${task.uid}`, { status: 'TODO' })
    expect(todo.body).toMatchObject({ status: 'TODO', started_at: null, done_at: null })
  })

  it('refuses a PATCH that would remove the title', async () => {
    const { body: task } = await tenant.api.post('tasks', { fields: { title: 'T' } })
    const res = await tenant.api.patch(`tasks/${task.uid}`, { fields: { title: null } })
    expect(res.status).toBe(422)
    expect(res.body.error.fields[0].path).toBe('/body/fields/title')
    expect((await tenant.api.get(`tasks/${task.uid}`)).body.fields.title).toBe('T')
  })

  it('PUT creates, then replaces, and the same PUT twice gives the same task', async () => {
    const uid = randomUUID()
    const body = { status: 'STARTED', fields: { title: 'Claim 123', claim_id: '123' } }
    const created = await tenant.api.put(`tasks/${uid}`, body)
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({ uid, status: 'STARTED' })
    const replaced = await tenant.api.put(`tasks/${uid}`, { fields: { title: 'Claim 123 bis' } })
    expect(replaced.body.fields).toEqual({ title: 'Claim 123 bis' })
    expect(replaced.body.status).toBe('STARTED')
    const again = await tenant.api.put(`tasks/${uid}`, { fields: { title: 'Claim 123 bis' } })
    // Everything but the write time and the durations, which grow while it waits.
    const stable = ({ updated_at, ...rest }: Record<string, unknown>) => withoutDurations(rest)
    expect(stable(again.body)).toEqual(stable(replaced.body))
  })

  it('PUT refuses a body uid that differs from the path', async () => {
    const res = await tenant.api.put(`tasks/${randomUUID()}`, {
      uid: randomUUID(),
      fields: { title: 'x' },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.fields).toEqual([
      { path: '/body/uid', message: 'must equal the uid in the path' },
    ])
  })

  it('DELETE archives: hidden from the list unless asked for, still readable', async () => {
    const marker = randomUUID()
    const { body: task } = await tenant.api.post('tasks', { fields: { title: 'T', marker } })
    const deleted = await tenant.api.delete(`tasks/${task.uid}`)
    expect(deleted.status).toBe(200)
    expect(deleted.body.archived).toBe(true)
    expect((await tenant.api.get('tasks', { query: { marker } })).body.items).toEqual([])
    const archived = await tenant.api.get('tasks', { query: { marker, archived: 'true' } })
    expect(archived.body.items.map((t: { uid: string }) => t.uid)).toEqual([task.uid])
    expect((await tenant.api.get(`tasks/${task.uid}`)).body.archived).toBe(true)
  })

  it('answers 404 for an unknown or malformed uid', async () => {
    for (const uid of [randomUUID(), 'not-a-uuid']) {
      for (const res of [
        await tenant.api.get(`tasks/${uid}`),
        await tenant.api.patch(`tasks/${uid}`, { status: 'DONE' }),
        await tenant.api.delete(`tasks/${uid}`),
      ]) {
        expect(res.status).toBe(404)
        expect(res.body.error.code).toBe('not_found')
      }
    }
  })

  it('keeps comments with their author and time', async () => {
    const { body: task } = await tenant.api.post('tasks', { fields: { title: 'T' } })
    const first = await tenant.as.operator.post(`tasks/${task.uid}/comments`, { text: 'first' })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({
      task_uid: task.uid,
      text: 'first',
      author: { email: `operator@${tenant.orgName}.test` },
    })
    await tenant.api.post(`tasks/${task.uid}/comments`, { text: 'second' })
    const list = await tenant.as.viewer.get(`tasks/${task.uid}/comments`)
    expect(list.body.items.map((c: { text: string }) => c.text)).toEqual(['first', 'second'])
    expect((await tenant.api.post(`tasks/${task.uid}/comments`, { text: '' })).status).toBe(422)
    expect((await tenant.api.post(`tasks/${randomUUID()}/comments`, { text: 'x' })).status).toBe(
      404,
    )
  })
})
