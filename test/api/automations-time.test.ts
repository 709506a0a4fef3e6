import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { issueToken } from '../../src/app/issue-token'
import { openDatabase } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'
import { ApiClient } from '../support/api-client'
import { createFreshInstance, type FreshInstance } from '../support/fresh-instance'
import { type ServerProcess, startServer } from '../support/server-process'
import { waitFor } from '../support/wait-for'

const MINUTE = 60_000
/**
 * The time rules see the clock an hour ahead: a moment up to an hour away is due at the next
 * tick, one further away is not. A restart with a larger shift stands for downtime.
 */
const SHIFT_MS = 60 * MINUTE
const serverEnv = (shiftMs: number) => ({
  TESSERA_RATE_LIMIT: '100000',
  TESSERA_AUTOMATION_TICK_MS: '200',
  TESSERA_AUTOMATION_CLOCK_SHIFT_MS: String(shiftMs),
})
const FUTURE = '2999-01-01T00:00:00.000Z'
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * MINUTE).toISOString()

interface TaskBody {
  uid: string
  created_at: string
  sla_due_at: string | null
}

describe.each(inject('engines'))('time rules on $name', (engine) => {
  let fresh: FreshInstance
  let server: ServerProcess
  let token: string
  let api: ApiClient
  let adminUid: string

  beforeAll(async () => {
    fresh = await createFreshInstance(engine.name, engine.databaseUrl, 'automations_time')
    const db = await openDatabase(fresh.location)
    try {
      await migrate(db)
      const admin = await issueToken(db, {
        orgName: 'timely',
        userEmail: 'admin@timely.test',
        tokenName: 'admin',
        role: 'admin',
      })
      token = admin.raw
      adminUid = admin.user.uid
    } finally {
      await db.close()
    }
    server = await startServer(fresh.args, serverEnv(SHIFT_MS))
    api = new ApiClient(server.url, token)
    // Every task lands here: a two-hour resolution target on the wall clock.
    const queue = await api.post('queues', {
      name: 'Everything',
      sla_policy: { resolution_minutes: 120 },
    })
    expect(queue.status, queue.text).toBe(200)
  })

  afterAll(async () => {
    await server?.stop()
    await fresh?.drop()
  })

  const createTask = async (scenario: string, body: Record<string, unknown> = {}) => {
    const res = await api.post('tasks', {
      due_at: FUTURE,
      fields: { title: 't', scenario },
      ...body,
    })
    expect(res.status, res.text).toBe(200)
    return res.body as TaskBody
  }
  const createRule = async (
    scenario: string,
    label: string,
    trigger: Record<string, unknown>,
    condition: Record<string, unknown> | null = null,
  ) => {
    const res = await api.post('automations', {
      name: label,
      trigger: { kind: 'time', ...trigger },
      condition: {
        combinator: 'and',
        conditions: [
          { field: 'scenario', operator: '==', value: scenario },
          ...(condition ? [condition] : []),
        ],
      },
      actions: [{ type: 'add_comment', text: label }],
    })
    expect(res.status, res.text).toBe(200)
    return res.body as { uid: string }
  }
  /** The comments the rules wrote on a task, by text, in order. */
  const firings = async (taskUid: string) => {
    const res = await api.get(`tasks/${taskUid}/comments`)
    expect(res.status, res.text).toBe(200)
    return (res.body.items as { text: string }[]).map((c) => c.text)
  }
  const fired = (taskUid: string, label: string, times = 1) =>
    waitFor(`${label} on ${taskUid}`, async () => {
      const texts = (await firings(taskUid)).filter((t) => t === label)
      return texts.length >= times ? texts : undefined
    })
  /**
   * Waits for a full look at every rule made so far: a rule made now, due at once, fires in a
   * tick that looks at the older rules before it (oldest first). After it, a rule that has
   * not fired for a task was not due for it.
   */
  let settles = 0
  const settle = async () => {
    settles += 1
    const scenario = `settle-${settles}`
    const task = await createTask(scenario, { due_at: inMinutes(1) })
    const rule = await createRule(scenario, scenario, { anchor: 'due_at', offset_minutes: 0 })
    await fired(task.uid, scenario)
    expect((await api.delete(`automations/${rule.uid}`)).status).toBe(204)
  }
  const historyByRule = async (taskUid: string, ruleUid: string) =>
    (
      (await api.get(`tasks/${taskUid}/events`)).body.items as { data: Record<string, unknown> }[]
    ).filter((e) => e.data.automation_uid === ruleUid)

  it('fires once before an SLA deadline, and not for a moment still ahead', async () => {
    const task = await createTask('sla')
    expect(Date.parse(task.sla_due_at ?? '') - Date.parse(task.created_at)).toBe(120 * MINUTE)
    // 30 minutes after creation (due: within the hour ahead); 90 minutes after (not yet).
    const soon = await createRule('sla', 'sla soon', { anchor: 'sla_due_at', offset_minutes: -90 })
    await createRule('sla', 'sla later', { anchor: 'sla_due_at', offset_minutes: -30 })
    await fired(task.uid, 'sla soon')
    await settle()
    await settle()
    expect(await firings(task.uid)).toEqual(['sla soon'])
    expect(await historyByRule(task.uid, soon.uid)).toHaveLength(1)
  })

  it('fires after the due date, for a snoozed task waking, for a task in progress for N minutes, and for one waiting N minutes since it came in', async () => {
    const due = await createTask('due', { due_at: inMinutes(10) })
    await createRule('due', 'after due', { anchor: 'due_at', offset_minutes: 5 })
    const snoozed = await createTask('snooze')
    const snooze = await api.post('tasks/bulk', {
      selection: { uids: [snoozed.uid] },
      action: { type: 'snooze', until: inMinutes(20) },
    })
    expect(snooze.status, snooze.text).toBe(200)
    await createRule('snooze', 'wakes', { anchor: 'snooze_expires_at', offset_minutes: 0 })
    const started = await createTask('started', { assignee_uid: adminUid })
    await createRule('started', 'in progress 30 min', { anchor: 'started_at', offset_minutes: 30 })
    const start = await api.patch(`tasks/${started.uid}`, { status: 'STARTED' })
    expect(start.status, start.text).toBe(200)
    const waiting = await createTask('waiting')
    await createRule('waiting', 'waiting 45 min', { anchor: 'created_at', offset_minutes: 45 })
    await fired(due.uid, 'after due')
    await fired(snoozed.uid, 'wakes')
    await fired(started.uid, 'in progress 30 min')
    await fired(waiting.uid, 'waiting 45 min')
    await settle()
    expect(await firings(due.uid)).toEqual(['after due'])
    expect(await firings(snoozed.uid)).toEqual(['wakes'])
    expect(await firings(started.uid)).toEqual(['in progress 30 min'])
    expect(await firings(waiting.uid)).toEqual(['waiting 45 min'])
  })

  it('does not fire when the condition does not hold, nor for a moment before the rule', async () => {
    const silver = await createTask('cond', {
      due_at: inMinutes(5),
      fields: { title: 't', scenario: 'cond', tier: 'silver' },
    })
    const gold = await createTask('cond', {
      due_at: inMinutes(5),
      fields: { title: 't', scenario: 'cond', tier: 'gold' },
    })
    await createRule(
      'cond',
      'gold due',
      { anchor: 'due_at', offset_minutes: 0 },
      {
        field: 'tier',
        operator: '==',
        value: 'gold',
      },
    )
    const past = await createTask('past', { due_at: inMinutes(-5) })
    const rule = await createRule('past', 'past due', { anchor: 'due_at', offset_minutes: 0 })
    await fired(gold.uid, 'gold due')
    // A change of the rule that keeps its trigger does not bring past moments back.
    expect((await api.patch(`automations/${rule.uid}`, { name: 'past due' })).status).toBe(200)
    await settle()
    expect(await firings(silver.uid)).toEqual([])
    expect(await firings(past.uid)).toEqual([])
    expect((await api.get(`automations/${rule.uid}`)).body.runs).toBe(0)
  })

  it('fires again when the deadline moves', async () => {
    const task = await createTask('moved', { due_at: inMinutes(10) })
    await createRule('moved', 'moved due', { anchor: 'due_at', offset_minutes: 0 })
    await fired(task.uid, 'moved due')
    const moved = await api.patch(`tasks/${task.uid}`, { due_at: inMinutes(20) })
    expect(moved.status, moved.text).toBe(200)
    await fired(task.uid, 'moved due', 2)
    await settle()
    expect(await firings(task.uid)).toEqual(['moved due', 'moved due'])
  })

  it('catches up after downtime: a moment that passed while no server ran fires at the start, once', async () => {
    // 90 minutes ahead: beyond what the running server sees.
    const task = await createTask('downtime', { due_at: inMinutes(90) })
    const rule = await createRule('downtime', 'caught up', { anchor: 'due_at', offset_minutes: 0 })
    await settle()
    expect(await firings(task.uid)).toEqual([])
    await server.stop()
    // Two hours later, as the time rules see it.
    server = await startServer(fresh.args, serverEnv(2 * SHIFT_MS + 10 * MINUTE))
    api = new ApiClient(server.url, token)
    await fired(task.uid, 'caught up')
    await settle()
    expect(await firings(task.uid)).toEqual(['caught up'])
    expect((await api.get(`automations/${rule.uid}`)).body.runs).toBe(1)
  })
})
