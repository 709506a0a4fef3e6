import { createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import type { ApiClient } from '../support/api-client'
import { claimTenant, type Tenant } from '../support/tenants'
import { waitFor } from '../support/wait-for'

const FUTURE = '2999-01-01T00:00:00.000Z'

interface TaskEvent {
  type: string
  actor_uid: string | null
  data: Record<string, unknown>
}

/** The 422's paths. */
const paths = (body: { error: { fields?: { path: string }[] } }) =>
  (body.error.fields ?? []).map((field) => field.path).sort()

/** A local webhook receiver: every request answered 200 and kept. */
const received: { headers: IncomingHttpHeaders; body: string }[] = []
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
    res.writeHead(200).end('ok')
  })
})
let receiverUrl = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
})
afterAll(async () => {
  receiver.closeAllConnections()
  await new Promise((resolve) => receiver.close(resolve))
})

describe.each(inject('engines'))('automations on $name', (engine) => {
  let tenant: Tenant
  let admin: ApiClient
  beforeEach(() => {
    tenant = claimTenant(engine)
    admin = tenant.as.admin
  })

  const createRule = async (body: Record<string, unknown>) => {
    const res = await admin.post('automations', { name: `rule ${Math.random()}`, ...body })
    expect(res.status, res.text).toBe(200)
    return res.body as { uid: string; name: string; runs: number; skipped_loops: number }
  }
  const createTask = async (fields: Record<string, unknown>) => {
    const res = await tenant.api.post('tasks', {
      due_at: FUTURE,
      fields: { title: 't', ...fields },
    })
    expect(res.status, res.text).toBe(200)
    return res.body as { uid: string }
  }
  const readTask = async (uid: string) => {
    const res = await tenant.api.get(`tasks/${uid}`)
    expect(res.status, res.text).toBe(200)
    return res.body as { fields: Record<string, unknown>; queue_uid: string | null }
  }
  const history = async (uid: string) =>
    (await tenant.api.get(`tasks/${uid}/events`)).body.items as TaskEvent[]
  /** Waits until the task's fields hold `key`, as a rule sets it. */
  const fieldSet = (uid: string, key: string) =>
    waitFor(`${key} on ${uid}`, async () => {
      const task = await readTask(uid)
      return key in task.fields ? task : undefined
    })

  it('creates, lists, reads, changes and deletes rules, audited; admins only', async () => {
    const rule = await createRule({
      name: 'Tag new',
      trigger: { kind: 'event', on: ['created'] },
      condition: { field: 'country', operator: '==', value: 'FR' },
      actions: [{ type: 'set_field', field: 'tag', value: 'fr' }],
      enabled: false,
    })
    expect(rule).toMatchObject({ name: 'Tag new', enabled: false, runs: 0, skipped_loops: 0 })
    expect((await admin.get('automations')).body.items.map((r: { uid: string }) => r.uid)).toEqual([
      rule.uid,
    ])
    const changed = await admin.patch(`automations/${rule.uid}`, { name: 'Tag French' })
    expect(changed.status, changed.text).toBe(200)
    expect(changed.body).toMatchObject({ name: 'Tag French', enabled: false })
    expect((await admin.get(`automations/${rule.uid}`)).body.name).toBe('Tag French')

    for (const role of ['operator', 'viewer'] as const) {
      expect((await tenant.as[role].get('automations')).status).toBe(403)
      expect((await tenant.as[role].post('automations', {})).status).toBe(403)
    }

    expect((await admin.delete(`automations/${rule.uid}`)).status).toBe(204)
    expect((await admin.get(`automations/${rule.uid}`)).status).toBe(404)
    const audit = await tenant.api.get(`audit?kind=automation&object_uid=${rule.uid}`)
    expect(audit.status, audit.text).toBe(200)
    const actions = (audit.body.items as { action: string }[]).map((entry) => entry.action).sort()
    expect(actions).toEqual(['automation.created', 'automation.deleted', 'automation.updated'])
  })

  it('refuses a wrong rule naming every wrong field (422), and hides other organizations’', async () => {
    const wrong = await admin.post('automations', {
      name: 'Wrong',
      trigger: { kind: 'event', on: ['created'] },
      condition: { field: 'due_at', operator: 'contains', value: 3 },
      actions: [
        { type: 'route', queue_uid: '00000000-0000-4000-8000-00000000dead' },
        { type: 'assign', assignee_uid: '00000000-0000-4000-8000-00000000beef' },
      ],
    })
    expect(wrong.status, wrong.text).toBe(422)
    expect(paths(wrong.body)).toEqual(
      expect.arrayContaining(['/body/actions/0/queue_uid', '/body/actions/1/assignee_uid']),
    )
    expect(paths(wrong.body).some((path) => path.startsWith('/body/condition'))).toBe(true)
    const shape = await admin.post('automations', {
      name: '',
      trigger: { kind: 'time', anchor: 'sla_due_at' },
      actions: [],
    })
    expect(shape.status, shape.text).toBe(422)
    expect(paths(shape.body).length).toBeGreaterThan(0)

    const other = claimTenant(engine)
    const theirs = await other.as.admin.post('automations', {
      name: 'Theirs',
      enabled: false,
      trigger: { kind: 'event', on: ['created'] },
      actions: [{ type: 'set_field', field: 'x', value: 1 }],
    })
    expect(theirs.status, theirs.text).toBe(200)
    expect((await admin.get(`automations/${theirs.body.uid}`)).status).toBe(404)
    expect((await admin.patch(`automations/${theirs.body.uid}`, { enabled: true })).status).toBe(
      404,
    )
    expect((await admin.delete(`automations/${theirs.body.uid}`)).status).toBe(404)
    expect((await admin.post(`automations/${theirs.body.uid}/test-run`)).status).toBe(404)
    expect((await admin.get('automations')).body.items).toEqual([])
  })

  it('sets a field and routes a task on creation when the condition holds, naming the rule', async () => {
    // A queue no task is routed to by its own condition: only the rule puts tasks there.
    const queue = await admin.post('queues', {
      name: `VIP ${Math.random()}`,
      condition: { field: 'never_set', operator: 'exists' },
    })
    expect(queue.status, queue.text).toBe(200)
    const rule = await createRule({
      trigger: { kind: 'event', on: ['created'] },
      condition: { field: 'tier', operator: '==', value: 'gold' },
      actions: [
        { type: 'set_field', field: 'vip', value: true },
        { type: 'route', queue_uid: queue.body.uid },
      ],
    })
    // Created first: once the second has been acted on, the first has been looked at.
    const plain = await createTask({ tier: 'silver' })
    const gold = await createTask({ tier: 'gold' })
    const acted = await fieldSet(gold.uid, 'vip')
    expect(acted).toMatchObject({ fields: { vip: true }, queue_uid: queue.body.uid })
    const events = await history(gold.uid)
    const byRule = events.filter((event) => event.data.automation_uid === rule.uid)
    expect(byRule.map((event) => event.type).sort()).toEqual(['fields_changed', 'routed'])
    expect(byRule.every((event) => event.actor_uid === null)).toBe(true)

    const untouched = await readTask(plain.uid)
    expect(untouched.fields.vip).toBeUndefined()
    expect(
      (await history(plain.uid)).some((event) => event.data.automation_uid !== undefined),
    ).toBe(false)
    const counted = await admin.get(`automations/${rule.uid}`)
    expect(counted.body.runs).toBe(1)
    expect(counted.body.last_run_at).not.toBeNull()
  })

  it('comments on a task when someone comments on it, once', async () => {
    const rule = await createRule({
      trigger: { kind: 'event', on: ['commented'] },
      condition: { field: 'status', operator: '!=', value: 'DONE' },
      actions: [
        { type: 'add_comment', text: 'Thanks, we are on it.' },
        { type: 'set_field', field: 'acknowledged', value: true },
      ],
    })
    const task = await createTask({})
    const comment = await tenant.api.post(`tasks/${task.uid}/comments`, { text: 'Any news?' })
    expect(comment.status, comment.text).toBe(200)
    await fieldSet(task.uid, 'acknowledged')
    const comments = (await tenant.api.get(`tasks/${task.uid}/comments`)).body.items as {
      text: string
    }[]
    expect(comments.map((c) => c.text)).toEqual(['Any news?', 'Thanks, we are on it.'])
    const commented = (await history(task.uid)).filter((event) => event.type === 'commented')
    expect(commented.map((event) => event.data.automation_uid ?? null)).toEqual([null, rule.uid])
  })

  it('stops rules that trigger each other at the depth bound, and reports it', async () => {
    const flip = await createRule({
      trigger: { kind: 'event', on: ['updated'] },
      condition: { field: 'flag', operator: '==', value: true },
      actions: [{ type: 'set_field', field: 'flag', value: false }],
    })
    const flop = await createRule({
      trigger: { kind: 'event', on: ['updated'] },
      condition: { field: 'flag', operator: '==', value: false },
      actions: [{ type: 'set_field', field: 'flag', value: true }],
    })
    const task = await createTask({})
    const patched = await tenant.api.patch(`tasks/${task.uid}`, { fields: { flag: true } })
    expect(patched.status, patched.text).toBe(200)
    const held = await waitFor('a rule held back', async () => {
      const rules = (await admin.get('automations')).body.items as {
        uid: string
        runs: number
        skipped_loops: number
      }[]
      const total = rules.reduce((sum, rule) => sum + rule.skipped_loops, 0)
      return total > 0 ? rules : undefined
    })
    // The chain stops: once held, nothing more runs, and the holds are counted.
    const byUid = new Map(held.map((rule) => [rule.uid, rule]))
    const runs = (byUid.get(flip.uid)?.runs ?? 0) + (byUid.get(flop.uid)?.runs ?? 0)
    expect(runs).toBeGreaterThanOrEqual(3)
    const settled = await waitFor('the chain to stop', async () => {
      const again = (await admin.get('automations')).body.items as { runs: number }[]
      const total = again.reduce((sum, rule) => sum + rule.runs, 0)
      return total < 50 ? total : undefined
    })
    expect(settled).toBeLessThan(50)
  })

  it('runs rules that re-trigger each other exactly as deep as the bound, and counts the hold', async () => {
    const flag = `flag_${Math.random().toString(36).slice(2)}`
    const flip = await createRule({
      trigger: { kind: 'event', on: ['updated'] },
      condition: { field: flag, operator: '==', value: true },
      actions: [{ type: 'set_field', field: flag, value: false }],
    })
    const flop = await createRule({
      trigger: { kind: 'event', on: ['updated'] },
      condition: { field: flag, operator: '==', value: false },
      actions: [{ type: 'set_field', field: flag, value: true }],
    })
    const task = await createTask({})
    const patched = await tenant.api.patch(`tasks/${task.uid}`, { fields: { [flag]: true } })
    expect(patched.status, patched.text).toBe(200)
    const rules = async () => {
      const items = (await admin.get('automations')).body.items as {
        uid: string
        runs: number
        skipped_loops: number
      }[]
      return new Map(items.map((rule) => [rule.uid, rule]))
    }
    await waitFor('the chain to be held back', async () => {
      const byUid = await rules()
      const held = [...byUid.values()].reduce((sum, rule) => sum + rule.skipped_loops, 0)
      return held > 0 ? byUid : undefined
    })
    // Jobs are taken oldest first: once a change made after the hold has been acted on,
    // every job of the chain queued before it has been too.
    const sentinel = await createRule({
      trigger: { kind: 'event', on: ['updated'] },
      condition: { field: 'sentinel', operator: '==', value: flag },
      actions: [{ type: 'set_field', field: 'settled', value: true }],
    })
    const other = await createTask({})
    expect(
      (await tenant.api.patch(`tasks/${other.uid}`, { fields: { sentinel: flag } })).status,
    ).toBe(200)
    await fieldSet(other.uid, 'settled')
    const byUid = await rules()
    // Rules run in order on one change, each seeing what the one before did: a person's change
    // (depth 0) runs flip, then flop; their change (one job, depth 1) runs both again, and so
    // does theirs (2); the change at depth 3 would run flip: held back, once. Before, each
    // rule's change queued its own job and the work doubled at every level (7 runs each).
    expect({
      flip: byUid.get(flip.uid)?.runs,
      flop: byUid.get(flop.uid)?.runs,
      flipHeld: byUid.get(flip.uid)?.skipped_loops,
      flopHeld: byUid.get(flop.uid)?.skipped_loops,
    }).toEqual({ flip: 3, flop: 3, flipHeld: 1, flopHeld: 0 })
    const byRules = (await history(task.uid)).filter((event) => event.data.automation_uid)
    expect(byRules.map((event) => event.data.automation_uid)).toEqual([
      flip.uid,
      flop.uid,
      flip.uid,
      flop.uid,
      flip.uid,
      flop.uid,
    ])
    expect((await readTask(task.uid)).fields[flag]).toBe(true)
    await admin.delete(`automations/${sentinel.uid}`)
  })

  it('leaves a task alone when a rule or a PATCH changes nothing: same updated_at, no history', async () => {
    const rule = await createRule({
      trigger: { kind: 'event', on: ['created'] },
      condition: { field: 'tier', operator: '==', value: 'steady' },
      actions: [
        { type: 'set_field', field: 'tier', value: 'steady' },
        { type: 'set_status', status: 'TODO' },
      ],
    })
    const task = await tenant.api.post('tasks', {
      due_at: FUTURE,
      fields: { title: 't', tier: 'steady' },
    })
    expect(task.status, task.text).toBe(200)
    await waitFor('the rule to run', async () => {
      const read = await admin.get(`automations/${rule.uid}`)
      return read.body.runs > 0 ? read.body : undefined
    })
    const before = await tenant.api.get(`tasks/${task.body.uid}`)
    expect(before.body.updated_at).toBe(task.body.updated_at)
    const entries = await history(task.body.uid)
    expect(entries.map((event) => event.type)).toEqual(['created'])

    const same = await tenant.api.patch(`tasks/${task.body.uid}`, {
      status: 'TODO',
      due_at: FUTURE,
      fields: { title: 't', tier: 'steady' },
    })
    expect(same.status, same.text).toBe(200)
    expect(same.body.updated_at).toBe(task.body.updated_at)
    expect((await tenant.api.get(`tasks/${task.body.uid}`)).body.updated_at).toBe(
      task.body.updated_at,
    )
    expect(await history(task.body.uid)).toEqual(entries)
    // A real change still writes.
    const changed = await tenant.api.patch(`tasks/${task.body.uid}`, { fields: { tier: 'moved' } })
    expect(changed.status, changed.text).toBe(200)
    expect(Date.parse(changed.body.updated_at)).toBeGreaterThan(Date.parse(task.body.updated_at))
    expect((await history(task.body.uid)).map((event) => event.type)).toEqual([
      'created',
      'fields_changed',
    ])
  })

  it('test-runs a rule: the open tasks it would touch now, touching nothing', async () => {
    const a = await createTask({ country: 'FR' })
    const b = await createTask({ country: 'FR' })
    await createTask({ country: 'DE' })
    const done = await tenant.api.post('tasks', {
      due_at: FUTURE,
      status: 'DONE',
      fields: { title: 'done', country: 'FR' },
    })
    expect(done.status, done.text).toBe(200)
    const rule = await createRule({
      enabled: false,
      trigger: { kind: 'event', on: ['created'] },
      condition: { field: 'country', operator: '==', value: 'FR' },
      actions: [{ type: 'set_field', field: 'touched', value: true }],
    })
    const before = await history(a.uid)
    const run = await admin.post(`automations/${rule.uid}/test-run`)
    expect(run.status, run.text).toBe(200)
    expect(run.body.total).toBe(2)
    expect(run.body.items.map((item: { uid: string }) => item.uid).sort()).toEqual(
      [a.uid, b.uid].sort(),
    )
    expect(run.body.items[0].title).toBe('t')
    const unsaved = await admin.post('automations/test-run', {
      condition: { field: 'country', operator: '==', value: 'DE' },
    })
    expect(unsaved.status, unsaved.text).toBe(200)
    expect(unsaved.body.total).toBe(1)
    const bad = await admin.post('automations/test-run', {
      condition: { field: 'due_at', operator: 'contains', value: 3 },
    })
    expect(bad.status).toBe(422)
    expect(await history(a.uid)).toEqual(before)
    expect((await readTask(a.uid)).fields.touched).toBeUndefined()
    expect((await admin.get(`automations/${rule.uid}`)).body).toMatchObject({ runs: 0 })
  })

  const userUid = async (role: string) => {
    const users = (await admin.get('users')).body.items as { uid: string; role: string }[]
    const user = users.find((u) => u.role === role)
    if (!user) {
      throw new Error(`no ${role} in the tenant`)
    }
    return user.uid
  }

  it('refuses notification and webhook actions naming nothing or what the organization does not have', async () => {
    const other = claimTenant(engine)
    const theirChannel = await other.as.admin.post('notification-channels', {
      kind: 'in_app',
      name: 'Theirs',
    })
    expect(theirChannel.status, theirChannel.text).toBe(200)
    const theirHook = await other.as.admin.post('webhooks', {
      url: 'http://127.0.0.1:9/hook',
      active: false,
    })
    expect(theirHook.status, theirHook.text).toBe(200)
    const theirUser = (await other.as.admin.get('users')).body.items[0].uid as string
    const mine = await admin.post('notification-channels', { kind: 'in_app', name: 'Mine' })
    expect(mine.status, mine.text).toBe(200)
    const wrong = await admin.post('automations', {
      name: 'Wrong targets',
      trigger: { kind: 'event', on: ['created'] },
      actions: [
        {
          type: 'send_notification',
          channel_uids: [mine.body.uid, theirChannel.body.uid],
          user_uids: [theirUser],
          text: 'x',
        },
        { type: 'send_notification', text: 'to nobody' },
        { type: 'send_notification', assignee: false, text: 'to nobody either' },
        { type: 'call_webhook', webhook_uid: theirHook.body.uid },
      ],
    })
    expect(wrong.status, wrong.text).toBe(422)
    expect(paths(wrong.body)).toEqual([
      '/body/actions/0/channel_uids/1',
      '/body/actions/0/user_uids/0',
      '/body/actions/1',
      '/body/actions/2',
      '/body/actions/3/webhook_uid',
    ])
    const rule = await createRule({
      enabled: false,
      trigger: { kind: 'event', on: ['created'] },
      actions: [{ type: 'send_notification', channel_uids: [mine.body.uid], text: 'ok' }],
    })
    const changed = await admin.patch(`automations/${rule.uid}`, {
      actions: [{ type: 'call_webhook', webhook_uid: theirHook.body.uid }],
    })
    expect(changed.status, changed.text).toBe(422)
    expect(paths(changed.body)).toEqual(['/body/actions/0/webhook_uid'])
  })

  it('notifies bells and calls a webhook when a rule fires, through the outboxes, once', async () => {
    const operatorUid = await userUid('operator')
    const viewerUid = await userUid('viewer')
    const hook = await admin.post('webhooks', {
      url: receiverUrl,
      // Subscribed to something no test here does: only the rule's call reaches it.
      events: ['task.skipped'],
    })
    expect(hook.status, hook.text).toBe(200)
    const rule = await createRule({
      name: 'Escalate gold',
      trigger: { kind: 'event', on: ['created'] },
      condition: { field: 'tier', operator: '==', value: 'gold' },
      actions: [
        { type: 'set_field', field: 'escalated', value: true },
        {
          type: 'send_notification',
          user_uids: [viewerUid],
          assignee: true,
          subject: 'Gold task',
          text: 'A gold customer wrote in.',
        },
        { type: 'call_webhook', webhook_uid: hook.body.uid },
      ],
    })
    const silver = await createTask({ tier: 'silver' })
    const gold = await tenant.api.post('tasks', {
      due_at: FUTURE,
      assignee_uid: operatorUid,
      fields: { title: 'gold', tier: 'gold' },
    })
    expect(gold.status, gold.text).toBe(200)
    const calls = () =>
      received.filter((r) => JSON.parse(r.body).data?.info?.automation_uid === rule.uid)
    const [call] = await waitFor('the webhook call', async () =>
      calls().length > 0 ? calls() : undefined,
    )
    if (!call) {
      throw new Error('no call')
    }
    expect(call.headers['x-tessera-event']).toBe('automation.fired')
    const timestamp = String(call.headers['x-tessera-timestamp'])
    expect(call.headers['x-tessera-signature']).toBe(
      `sha256=${createHmac('sha256', hook.body.secret).update(`${timestamp}.${call.body}`).digest('hex')}`,
    )
    const payload = JSON.parse(call.body)
    expect(payload.type).toBe('automation.fired')
    // The task as the rule left it: its own change is in the snapshot.
    expect(payload.data.task).toMatchObject({
      uid: gold.body.uid,
      fields: { tier: 'gold', escalated: true },
    })
    expect(payload.data.info).toMatchObject({
      automation_uid: rule.uid,
      automation_name: 'Escalate gold',
      trigger: { kind: 'event', on: ['created'] },
    })
    // The receiver answers before the dispatcher records the outcome: wait for the record.
    const deliveries = await waitFor('the delivery recorded', async () => {
      const res = await admin.get(`webhooks/${hook.body.uid}/deliveries`)
      expect(res.status, res.text).toBe(200)
      return res.body.items[0]?.status === 'pending' ? undefined : res
    })
    expect(deliveries.body.items).toEqual([
      expect.objectContaining({
        type: 'automation.fired',
        task_uid: gold.body.uid,
        status: 'delivered',
      }),
    ])

    for (const role of ['viewer', 'operator'] as const) {
      const bell = await tenant.as[role].get('notifications')
      expect(bell.status, bell.text).toBe(200)
      expect(bell.body.items).toEqual([
        expect.objectContaining({
          subject: 'Gold task',
          body: 'A gold customer wrote in.',
          task_uid: gold.body.uid,
        }),
      ])
    }
    expect((await admin.get('notifications')).body.items).toEqual([])
    expect(calls()).toHaveLength(1)
    expect(received.some((r) => JSON.parse(r.body).data?.task?.uid === silver.uid)).toBe(false)
    expect((await admin.get(`automations/${rule.uid}`)).body.runs).toBe(1)
  })

  it('sends through a notification channel, and skips the assignee of an unassigned task', async () => {
    const channel = await admin.post('notification-channels', { kind: 'in_app', name: 'All' })
    expect(channel.status, channel.text).toBe(200)
    const rule = await createRule({
      trigger: { kind: 'event', on: ['commented'] },
      actions: [
        { type: 'send_notification', channel_uids: [channel.body.uid], text: 'New comment' },
        { type: 'send_notification', assignee: true, text: 'Your task has a comment' },
        { type: 'set_field', field: 'notified', value: true },
      ],
    })
    const task = await createTask({})
    expect((await tenant.api.post(`tasks/${task.uid}/comments`, { text: 'hi' })).status).toBe(200)
    await fieldSet(task.uid, 'notified')
    // An in-app channel reaches every user of the organization; nobody is assigned.
    for (const role of ['admin', 'operator', 'viewer'] as const) {
      const items = (await tenant.as[role].get('notifications')).body.items as {
        subject: string
        body: string
        task_uid: string
      }[]
      expect(items.map(({ subject, body, task_uid }) => ({ subject, body, task_uid }))).toEqual([
        { subject: rule.name, body: 'New comment', task_uid: task.uid },
      ])
    }
  })
})
