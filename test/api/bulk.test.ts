import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { ApiClient, ApiResponse } from '../support/api-client'
import { storedState } from '../support/task-state'
import { claimTenant, type Tenant } from '../support/tenants'
import { waitFor } from '../support/wait-for'

interface Task {
  [key: string]: unknown
  uid: string
  status: string
  archived: boolean
  fields: Record<string, unknown>
  assignee_uid: string | null
  queue_uid: string | null
  queue_updated_by: string | null
  snooze_expires_at: string | null
  updated_at: string
}

interface BulkAnswer {
  matched_total: number
  processed: number
  changed: number
  unchanged: number
  failed: { uid: string; code: string; message: string }[]
  next: string | null
  undo_uid: string
}

/** Task uids of webhook payloads, as a receiver in this process sees them. */
class Receiver {
  readonly taskUids: string[] = []
  private server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      this.taskUids.push(JSON.parse(Buffer.concat(chunks).toString('utf8')).data.task.uid)
      res.writeHead(200).end('ok')
    })
  })

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise((resolve) => this.server.close(resolve))
  }
}

const HOUR = 3_600_000

describe.each(inject('engines'))('bulk actions on $name', (engine) => {
  let tenant: Tenant
  let other: Tenant
  let admin: ApiClient
  let operatorUid: string
  let viewerUid: string
  const receiver = new Receiver()
  let hookUrl: string

  beforeAll(async () => {
    tenant = claimTenant(engine)
    other = claimTenant(engine)
    admin = tenant.as.admin
    operatorUid = (await tenant.as.operator.get('accounts/me')).body.user.uid
    viewerUid = (await tenant.as.viewer.get('accounts/me')).body.user.uid
    hookUrl = await receiver.start()
  })

  afterAll(async () => {
    await receiver.stop()
  })

  const bulk = async (body: unknown, client: ApiClient = admin): Promise<ApiResponse> =>
    client.post('tasks/bulk', body)

  const ok = async (body: unknown): Promise<BulkAnswer> => {
    const res = await bulk(body)
    expect(res.status, res.text).toBe(200)
    return res.body
  }

  /** Sends the body, then again with `after` while there is a `next`: every answer. */
  const walk = async (body: { selection: Record<string, unknown>; action: unknown }) => {
    const answers = [await ok(body)]
    for (let next = answers[0]?.next; next; next = answers.at(-1)?.next) {
      answers.push(await ok({ ...body, selection: { ...body.selection, after: next } }))
    }
    return answers
  }

  const createTasks = async (count: number, fields: Record<string, unknown>): Promise<Task[]> => {
    const tasks: Task[] = []
    for (let start = 0; start < count; start += 1000) {
      const items = Array.from({ length: Math.min(1000, count - start) }, (_, i) => ({
        fields: { title: `bulk ${start + i}`, ...fields },
      }))
      const res = await tenant.api.post('tasks/batch', { items })
      expect(res.status, res.text).toBe(200)
      tasks.push(...res.body.items.map((item: { task: Task }) => item.task))
    }
    return tasks
  }

  const read = async (uid: string): Promise<Task> => (await admin.get(`tasks/${uid}`)).body
  const eventTypes = async (uid: string): Promise<string[]> =>
    (await admin.get(`tasks/${uid}/events`)).body.items.map((e: { type: string }) => e.type)

  /** Runs `work` on every item, a few at a time. */
  const eachOf = async <T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> => {
    const results: R[] = []
    for (let i = 0; i < items.length; i += 25) {
      results.push(...(await Promise.all(items.slice(i, i + 25).map(work))))
    }
    return results
  }

  it('applies each action by uids and by filter, with the single calls’ history', async () => {
    const queue = await admin.post('queues', {
      name: `bulk ${randomUUID()}`,
      condition: { combinator: 'and', conditions: [{ field: 'never', operator: '==', value: 1 }] },
    })
    expect(queue.status, queue.text).toBe(200)
    const until = new Date(Date.now() + 24 * HOUR).toISOString()
    const adminUid = (await admin.get('accounts/me')).body.user.uid
    const marker = randomUUID()
    const [byUid] = await createTasks(1, { marker, way: 'uids' })
    const [byFilter] = await createTasks(1, { marker, way: 'filter' })
    // One person may hold one started task (allow_parallel_tasks is off): one assignee each.
    const selections = [
      { task: byUid as Task, assignee: operatorUid, selection: { uids: [byUid?.uid] } },
      {
        task: byFilter as Task,
        assignee: adminUid,
        // archived=all: the filter still finds the task once it is archived.
        selection: { filter: { marker, way: 'filter', archived: 'all' } },
      },
    ]
    const steps: {
      action: (assignee: string) => Record<string, unknown>
      check: (task: Task, assignee: string) => void
      event: string
    }[] = [
      {
        action: (assignee) => ({ type: 'assign', assignee_uid: assignee }),
        check: (t, assignee) => expect(t.assignee_uid).toBe(assignee),
        event: 'assigned',
      },
      {
        action: () => ({ type: 'set_status', status: 'STARTED' }),
        check: (t) => expect(t.status).toBe('STARTED'),
        event: 'started',
      },
      {
        action: () => ({ type: 'snooze', until }),
        check: (t) => expect([t.status, t.snooze_expires_at]).toEqual(['TODO', until]),
        event: 'snoozed',
      },
      {
        action: () => ({ type: 'wake' }),
        check: (t) => expect(t.snooze_expires_at).toBeNull(),
        event: 'updated',
      },
      {
        action: () => ({ type: 'unassign' }),
        check: (t) => expect(t.assignee_uid).toBeNull(),
        event: 'unassigned',
      },
      {
        action: () => ({ type: 'route', queue_uid: queue.body.uid }),
        check: (t) => expect(t.queue_uid).toBe(queue.body.uid),
        event: 'routed',
      },
      {
        action: () => ({ type: 'route', automatic: true }),
        check: (t) => expect([t.queue_uid, t.queue_updated_by]).toEqual([null, null]),
        event: 'routed',
      },
      {
        action: () => ({
          type: 'set_field',
          key: 'customer',
          value: { name: 'Müller', vip: true },
        }),
        check: (t) => expect(t.fields.customer).toEqual({ name: 'Müller', vip: true }),
        event: 'fields_changed',
      },
      {
        action: () => ({ type: 'clear_field', key: 'customer' }),
        check: (t) => expect(t.fields).not.toHaveProperty('customer'),
        event: 'fields_changed',
      },
      {
        action: () => ({ type: 'set_status', status: 'DONE' }),
        check: (t) => expect(t.status).toBe('DONE'),
        event: 'completed',
      },
      {
        action: () => ({ type: 'archive' }),
        check: (t) => expect(t.archived).toBe(true),
        event: 'archived',
      },
      {
        action: () => ({ type: 'restore' }),
        check: (t) => expect(t.archived).toBe(false),
        event: 'unarchived',
      },
    ]
    for (const step of steps) {
      for (const { task, assignee, selection } of selections) {
        const action = step.action(assignee)
        const context = `${JSON.stringify(action)} by ${Object.keys(selection)[0]}`
        const before = await eventTypes(task.uid)
        const answer = await ok({ selection, action })
        expect(answer, context).toMatchObject({
          matched_total: 1,
          processed: 1,
          changed: 1,
          unchanged: 0,
          failed: [],
          next: null,
          undo_uid: expect.any(String),
        })
        const now = await read(task.uid)
        step.check(now, assignee)
        const events = await eventTypes(task.uid)
        expect(events.slice(before.length), context).toContain(step.event)
        // Again: already so, so nothing is written.
        const again = await ok({ selection, action })
        expect([again.changed, again.unchanged], context).toEqual([0, 1])
        expect(await eventTypes(task.uid), context).toEqual(events)
        expect((await read(task.uid)).updated_at, context).toBe(now.updated_at)
      }
    }
  })

  it('reports the tasks an action cannot apply to, and applies it to the others', async () => {
    const marker = randomUUID()
    const [free, held] = await createTasks(2, { marker })
    await admin.post(`tasks/${held?.uid}/assign`, { assignee_uid: operatorUid })
    const started = await ok({
      selection: { uids: [free?.uid, held?.uid] },
      action: { type: 'set_status', status: 'STARTED' },
    })
    expect(started).toMatchObject({ processed: 2, changed: 1, unchanged: 0 })
    expect(started.failed).toEqual([
      {
        uid: free?.uid,
        code: 'validation_failed',
        message: 'A started task needs an assignee: assign it first.',
      },
    ])
    expect((await read(free?.uid as string)).status).toBe('TODO')
    expect((await read(held?.uid as string)).status).toBe('STARTED')

    const toViewer = await ok({
      selection: { filter: { marker } },
      action: { type: 'assign', assignee_uid: viewerUid },
    })
    expect(toViewer).toMatchObject({ matched_total: 2, processed: 2, changed: 0 })
    expect(toViewer.failed.map((f) => [f.uid, f.code]).sort()).toEqual(
      [
        [free?.uid, 'validation_failed'],
        [held?.uid, 'validation_failed'],
      ].sort(),
    )
    expect(toViewer.failed[0]?.message).toContain('viewer')

    // One person, one started task: the second is refused as `next` would refuse it.
    const [third] = await createTasks(1, { marker })
    await admin.post(`tasks/${third?.uid}/assign`, { assignee_uid: operatorUid })
    const second = await ok({
      selection: { uids: [third?.uid] },
      action: { type: 'set_status', status: 'STARTED' },
    })
    expect(second.failed).toEqual([
      { uid: third?.uid, code: 'task_in_progress', message: expect.any(String) },
    ])
    await ok({ selection: { uids: [held?.uid] }, action: { type: 'unassign' } })
  })

  it('walks more than 500 tasks of a filter in chunks, each task changed once', async () => {
    const hook = await admin.post('webhooks', { url: hookUrl, events: ['task.completed'] })
    expect(hook.status, hook.text).toBe(200)
    const marker = randomUUID()
    const tasks = await createTasks(1100, { marker })
    // The action takes the tasks out of the filter: walking in uid order is not thrown off.
    const body = {
      selection: { filter: { marker, status: 'TODO' } },
      action: { type: 'set_status', status: 'DONE' },
    }
    const answers = await walk(body)
    expect(
      answers.map((a) => [a.matched_total, a.processed, a.changed, a.failed.length, !!a.next]),
    ).toEqual([
      [1100, 500, 500, 0, true],
      [1100, 1000, 1000, 0, true],
      [1100, 1100, 1100, 0, false],
    ])
    expect(new Set(answers.map((a) => a.undo_uid)).size).toBe(1)
    const done = await admin.get('tasks', { query: { marker, status: 'DONE', limit: '1' } })
    expect(done.body.meta.total_count).toBe(1100)
    const histories = await eachOf(tasks, (task) => eventTypes(task.uid))
    for (const history of histories) {
      expect(history).toEqual(['created', 'completed'])
    }
    const uids = new Set(tasks.map((task) => task.uid))
    await waitFor('a webhook delivery for each task', async () =>
      new Set(receiver.taskUids.filter((uid) => uids.has(uid))).size === 1100 ? true : undefined,
    )
    expect(receiver.taskUids.filter((uid) => uids.has(uid))).toHaveLength(1100)
    await admin.patch(`webhooks/${hook.body.uid}`, { active: false })

    // The same request again with the last `next`: nothing more to do, nothing done twice.
    const last = answers[1]?.next as string
    const replay = await ok({ ...body, selection: { ...body.selection, after: last } })
    expect(replay).toMatchObject({
      matched_total: 1100,
      processed: 1100,
      changed: 1100,
      next: null,
    })
    expect(replay.failed).toEqual([])

    // Undone in chunks too; a walk cannot go on once undone.
    const undo = answers[0]?.undo_uid
    const undos = [(await admin.post(`tasks/bulk/${undo}/undo`)).body]
    while (undos.at(-1).remaining > 0) {
      const res = await admin.post(`tasks/bulk/${undo}/undo`)
      expect(res.status, res.text).toBe(200)
      undos.push(res.body)
    }
    expect(undos.map((u) => [u.total, u.processed, u.restored, u.remaining])).toEqual([
      [1100, 500, 500, 600],
      [1100, 1000, 1000, 100],
      [1100, 1100, 1100, 0],
    ])
    const todo = await admin.get('tasks', { query: { marker, status: 'TODO', limit: '1' } })
    expect(todo.body.meta.total_count).toBe(1100)
    expect(await eventTypes(tasks[0]?.uid as string)).toEqual(['created', 'completed', 'reopened'])
    const refused = await bulk({ ...body, selection: { ...body.selection, after: last } })
    expect(refused.status).toBe(422)
    expect(refused.body.error.fields).toEqual([
      { path: '/body/selection/after', message: 'names a bulk action that was undone' },
    ])
  })

  it('refuses 1,001 uids and changes nothing', async () => {
    const [task] = await createTasks(1, {})
    const uids = [task?.uid, ...Array.from({ length: 1000 }, () => randomUUID())]
    const res = await bulk({ selection: { uids }, action: { type: 'archive' } })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('validation_failed')
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      '/body/selection/uids',
    ])
    expect(storedState(await read(task?.uid as string))).toEqual(storedState(task as Task))
    // 1,000 are read, and a uid that names nothing refuses the whole request too.
    const unknown = await bulk({
      selection: { uids: uids.slice(0, 1000) },
      action: { type: 'archive' },
    })
    expect(unknown.status).toBe(422)
    expect(unknown.body.error.fields).toHaveLength(999)
    expect(unknown.body.error.fields[0]).toEqual({
      path: '/body/selection/uids/1',
      message: 'No task with this uid in your organization.',
    })
    expect(storedState(await read(task?.uid as string))).toEqual(storedState(task as Task))
    const allowed = await ok({ selection: { uids: [task?.uid] }, action: { type: 'archive' } })
    expect(allowed).toMatchObject({ matched_total: 1, processed: 1, changed: 1 })
  })

  it("refuses a request naming another organization's uids, and changes nothing", async () => {
    const { body: theirs } = await other.api.post('tasks', { fields: { title: 'theirs' } })
    const [mine] = await createTasks(1, {})
    const refused = await bulk({
      selection: { uids: [theirs.uid, mine?.uid] },
      action: { type: 'set_field', key: 'touched', value: true },
    })
    expect(refused.status).toBe(422)
    expect(refused.body.error.fields).toEqual([
      { path: '/body/selection/uids/0', message: 'No task with this uid in your organization.' },
    ])
    expect((await read(mine?.uid as string)).fields.touched).toBeUndefined()
    const after = (await other.api.get(`tasks/${theirs.uid}`)).body
    expect(storedState(after)).toEqual(storedState(theirs))
    expect((await other.api.get(`tasks/${theirs.uid}/events`)).body.items).toHaveLength(1)
    const answer = await ok({
      selection: { uids: [mine?.uid] },
      action: { type: 'set_field', key: 'touched', value: true },
    })
    // Nor is another organization's bulk action to be undone, or gone on with.
    const undo = await other.as.admin.post(`tasks/bulk/${answer.undo_uid}/undo`)
    expect(undo.status).toBe(404)
    expect((await read(mine?.uid as string)).fields.touched).toBe(true)
  })

  it('is for admins: viewers and operators get 403 and change nothing', async () => {
    const [task] = await createTasks(1, {})
    const { undo_uid } = await ok({ selection: { uids: [task?.uid] }, action: { type: 'archive' } })
    for (const role of ['viewer', 'operator'] as const) {
      const attempts = [
        await bulk(
          { selection: { uids: [task?.uid] }, action: { type: 'restore' } },
          tenant.as[role],
        ),
        await tenant.as[role].post(`tasks/bulk/${undo_uid}/undo`),
      ]
      expect(attempts.map((res) => [res.status, res.body.error.code])).toEqual([
        [403, 'forbidden'],
        [403, 'forbidden'],
      ])
    }
    expect((await read(task?.uid as string)).archived).toBe(true)
  })

  it('names the wrong key of a bad request, before anything changes', async () => {
    const [task] = await createTasks(1, {})
    const uids = [task?.uid]
    const cases: [unknown, string[]][] = [
      [{ selection: { uids }, action: { type: 'assign' } }, ['/body/action/assignee_uid']],
      [{ selection: { uids }, action: { type: 'explode' } }, ['/body/action/type']],
      [{ selection: { uids }, action: {} }, ['/body/action/type']],
      [{ selection: { uids }, action: { type: 'wake', until: 'x' } }, ['/body/action/until']],
      [{ selection: { uids }, action: { type: 'route' } }, ['/body/action/queue_uid']],
      [
        { selection: { uids }, action: { type: 'route', queue_uid: null, automatic: true } },
        ['/body/action/queue_uid'],
      ],
      [
        { selection: { uids }, action: { type: 'set_status', status: 'LATER' } },
        ['/body/action/status'],
      ],
      [
        { selection: { uids }, action: { type: 'clear_field', key: 'title' } },
        ['/body/action/key'],
      ],
      [
        { selection: { uids }, action: { type: 'set_field', key: 'title', value: null } },
        ['/body/action/value'],
      ],
      [
        { selection: { uids }, action: { type: 'snooze', until: '2020-01-01T00:00:00Z' } },
        ['/body/action/until'],
      ],
      [{ selection: {}, action: { type: 'archive' } }, ['/body/selection/uids']],
      [{ selection: { uids }, action: null }, ['/body/action']],
      [{ selection: { uids }, action: 1 }, ['/body/action']],
      [{ selection: { uids: ['nope'] }, action: { type: 'archive' } }, ['/body/selection/uids/0']],
      [
        { selection: { filter: { status: 'LATER', limit: '5' } }, action: { type: 'archive' } },
        ['/body/selection/filter/limit', '/body/selection/filter/status'],
      ],
      [
        { selection: { filter: {}, after: 'forged' }, action: { type: 'archive' } },
        ['/body/selection/after'],
      ],
      // "One of no values" is a mistake, not "any value" (the fuzzer found it as a 500).
      [
        { selection: { filter: { country: [] } }, action: { type: 'archive' } },
        ['/body/selection/filter/country'],
      ],
    ]
    for (const [body, paths] of cases) {
      const res = await bulk(body)
      expect(res.status, JSON.stringify(body)).toBe(422)
      const named = res.body.error.fields.map((f: { path: string }) => f.path)
      expect([...new Set(named)].sort(), JSON.stringify(body)).toEqual(paths)
    }
    expect(storedState(await read(task?.uid as string))).toEqual(storedState(task as Task))

    // A cursor goes on with the same filter and action only.
    const marker = randomUUID()
    await createTasks(501, { marker })
    const first = await ok({ selection: { filter: { marker } }, action: { type: 'wake' } })
    expect(first.next).not.toBeNull()
    const changed = await bulk({
      selection: { filter: { marker }, after: first.next },
      action: { type: 'archive' },
    })
    expect(changed.status).toBe(422)
    expect(changed.body.error.fields[0].path).toBe('/body/selection/after')
    // Key order does not matter.
    const same = await ok({
      action: { type: 'wake' },
      selection: { after: first.next, filter: { marker } },
    })
    expect([same.processed, same.next]).toEqual([501, null])
  })

  it('undoes what it changed, skipping tasks changed since, with history', async () => {
    const marker = randomUUID()
    const tasks = await createTasks(3, { marker, country: 'FR' })
    const [a, b, c] = tasks.map((task) => task.uid) as [string, string, string]
    const answer = await ok({
      selection: { uids: [a, b, c] },
      action: { type: 'set_field', key: 'country', value: 'DE' },
    })
    expect(answer.changed).toBe(3)
    await admin.patch(`tasks/${b}`, { fields: { note: 'changed since' } })
    const undone = await admin.post(`tasks/bulk/${answer.undo_uid}/undo`)
    expect(undone.status, undone.text).toBe(200)
    expect(undone.body).toEqual({
      total: 3,
      processed: 3,
      restored: 2,
      skipped: [{ uid: b, code: 'version_conflict', message: expect.any(String) }],
      remaining: 0,
    })
    expect((await read(a)).fields.country).toBe('FR')
    expect((await read(c)).fields.country).toBe('FR')
    expect((await read(b)).fields).toMatchObject({ country: 'DE', note: 'changed since' })
    const history = (await admin.get(`tasks/${a}/events`)).body.items
    expect(history.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'fields_changed',
      'fields_changed',
    ])
    expect(history[2].data).toEqual({ keys: ['country'] })
    // Twice: nothing left to do.
    const again = await admin.post(`tasks/bulk/${answer.undo_uid}/undo`)
    expect(again.body).toMatchObject({ processed: 3, restored: 2, skipped: [], remaining: 0 })
    expect((await admin.get(`tasks/${a}/events`)).body.items).toHaveLength(3)
    expect((await admin.post(`tasks/bulk/${randomUUID()}/undo`)).status).toBe(404)
  })

  it('undoes an assignment: the old holder gets the task back, the new one loses it', async () => {
    const [task] = await createTasks(1, {})
    const uid = task?.uid as string
    await admin.post(`tasks/${uid}/assign`, { assignee_uid: operatorUid })
    const adminUid = (await admin.get('accounts/me')).body.user.uid
    const answer = await ok({
      selection: { uids: [uid] },
      action: { type: 'assign', assignee_uid: adminUid },
    })
    expect((await read(uid)).assignee_uid).toBe(adminUid)
    const undone = await admin.post(`tasks/bulk/${answer.undo_uid}/undo`)
    expect(undone.body).toMatchObject({ restored: 1, skipped: [] })
    expect((await read(uid)).assignee_uid).toBe(operatorUid)
    const events = (await admin.get(`tasks/${uid}/events`)).body.items
    expect(events.at(-1)).toMatchObject({
      type: 'assigned',
      data: { assignee_uid: operatorUid, previous: adminUid },
    })
  })
})
