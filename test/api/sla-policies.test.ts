import { beforeEach, describe, expect, inject, it } from 'vitest'
import type { ApiClient } from '../support/api-client'
import { queryDatabase } from '../support/pg-query'
import { claimTenant, type Tenant } from '../support/tenants'

const DAY_MS = 86_400_000
const FUTURE = '2999-01-01T00:00:00.000Z'
const CLOSED = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }
const ms = (iso: string | null) => Date.parse(iso as string)
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10)

interface TaskBody {
  uid: string
  created_at: string
  sla_due_at: string | null
  first_response_due_at: string | null
  resolution_due_at: string | null
  sla_breach_at: string | null
  sla_paused_since: string | null
}

/** The 422's paths. */
const paths = (body: { error: { fields?: { path: string }[] } }) =>
  (body.error.fields ?? []).map((field) => field.path).sort()

/**
 * A Tokyo calendar open on Mondays 09:00–10:00 (00:00–01:00Z), with every Monday a holiday
 * until `open`, five weeks ahead: whenever a test task is created, its business time starts
 * at `open` 00:00Z, so its deadlines can be worked out by hand.
 */
function tokyoMondays(): { calendar: unknown; open: string } {
  const monday = new Date(Date.now())
  monday.setUTCHours(0, 0, 0, 0)
  monday.setTime(monday.getTime() - ((monday.getUTCDay() + 6) % 7) * DAY_MS)
  const holidays = Array.from({ length: 5 }, (_, week) =>
    isoDay(monday.getTime() + week * 7 * DAY_MS),
  )
  return {
    calendar: {
      time_zone: 'Asia/Tokyo',
      weekly_hours: { ...CLOSED, mon: [{ start: '09:00', end: '10:00' }] },
      holidays,
    },
    open: isoDay(monday.getTime() + 5 * 7 * DAY_MS),
  }
}

describe.each(inject('engines'))('SLA policies on $name', (engine) => {
  let tenant: Tenant
  let admin: ApiClient
  beforeEach(() => {
    tenant = claimTenant(engine)
    admin = tenant.as.admin
  })

  const createCalendar = async (name: string, calendar: unknown) => {
    const res = await admin.post('calendars', { name, calendar })
    expect(res.status, res.text).toBe(200)
    return res.body as { uid: string; name: string; queue_uids: string[] }
  }
  const createQueue = async (body: Record<string, unknown>) => {
    const res = await admin.post('queues', { name: `q ${Math.random()}`, ...body })
    expect(res.status, res.text).toBe(200)
    return res.body.uid as string
  }
  const createTask = async (body: Record<string, unknown> = {}): Promise<TaskBody> => {
    const res = await tenant.api.post('tasks', { due_at: FUTURE, fields: { title: 't' }, ...body })
    expect(res.status, res.text).toBe(200)
    return res.body
  }
  const patchTask = async (uid: string, body: Record<string, unknown>): Promise<TaskBody> => {
    const res = await tenant.api.patch(`tasks/${uid}`, body)
    expect(res.status, res.text).toBe(200)
    return res.body
  }
  const bulk = async (uid: string, action: Record<string, unknown>) => {
    const res = await tenant.api.post('tasks/bulk', { selection: { uids: [uid] }, action })
    expect(res.status, res.text).toBe(200)
    const read = await tenant.api.get(`tasks/${uid}`)
    return read.body as TaskBody & { snooze_expires_at: string | null }
  }

  it('creates, lists, reads, changes and deletes named calendars; refuses what is wrong', async () => {
    const { calendar } = tokyoMondays()
    const tokyo = await createCalendar('Tokyo', calendar)
    expect(tokyo).toMatchObject({ name: 'Tokyo', calendar, queue_uids: [] })
    await createCalendar('Montréal', {
      time_zone: 'America/Montreal',
      weekly_hours: CLOSED,
      holidays: [],
    })
    const list = await tenant.as.viewer.get('calendars')
    expect(list.body.items.map((item: { name: string }) => item.name)).toEqual([
      'Montréal',
      'Tokyo',
    ])

    const taken = await admin.post('calendars', { name: 'tokyo', calendar })
    expect(taken.status).toBe(409)
    expect(taken.body.error.code).toBe('name_taken')
    const invalid = await admin.post('calendars', {
      name: 'Mars',
      calendar: {
        time_zone: 'Mars/Olympus_Mons',
        weekly_hours: {
          ...CLOSED,
          tue: [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
        },
        holidays: ['2025-02-30'],
      },
    })
    expect(invalid.status).toBe(422)
    expect(paths(invalid.body)).toEqual([
      '/body/calendar/holidays/0',
      '/body/calendar/time_zone',
      '/body/calendar/weekly_hours/tue/1',
    ])
    const operator = await tenant.as.operator.post('calendars', { name: 'x', calendar })
    expect(operator.status).toBe(403)

    const renamed = await admin.patch(`calendars/${tokyo.uid}`, { name: 'Tokyo office' })
    expect(renamed.status, renamed.text).toBe(200)
    expect(renamed.body).toMatchObject({ name: 'Tokyo office', calendar })

    // A queue's policy names it: it cannot go, and the refusal names the queue.
    const queue = await createQueue({
      name: 'Japan',
      sla_policy: { clock: 'business', calendar_uid: tokyo.uid, resolution_minutes: 60 },
    })
    expect((await admin.get(`calendars/${tokyo.uid}`)).body.queue_uids).toEqual([queue])
    const inUse = await admin.delete(`calendars/${tokyo.uid}`)
    expect(inUse.status).toBe(409)
    expect(inUse.body.error.code).toBe('calendar_in_use')
    expect(inUse.body.error.message).toContain('“Japan”')

    // Policies that name no calendar of ours, or set no target, are refused.
    const unknown = await admin.post('queues', {
      name: 'Nowhere',
      sla_policy: { clock: 'business', calendar_uid: crypto.randomUUID(), resolution_minutes: 5 },
    })
    expect(unknown.status).toBe(422)
    expect(paths(unknown.body)).toEqual(['/body/sla_policy/calendar_uid'])
    const noTarget = await admin.patch(`queues/${queue}`, {
      sla_policy: {
        clock: 'business',
        by_field: { field: 'priority', targets: { urgent: {} } },
        pause: { condition: { field: 'status', operator: '==', value: 'WAITING' } },
      },
    })
    expect(noTarget.status).toBe(422)
    expect(paths(noTarget.body)).toEqual([
      '/body/sla_policy',
      '/body/sla_policy/by_field/targets/urgent',
      '/body/sla_policy/pause/condition/value',
    ])

    expect((await admin.patch(`queues/${queue}`, { sla_policy: null })).status).toBe(200)
    expect((await admin.delete(`calendars/${tokyo.uid}`)).status).toBe(204)
    expect((await admin.get(`calendars/${tokyo.uid}`)).status).toBe(404)

    // Each change is in the audit log, with what it changed.
    const audit = await admin.get('audit', { query: { object_uid: tokyo.uid } })
    expect(audit.status, audit.text).toBe(200)
    expect(audit.body.items.map((item: { action: string }) => item.action)).toEqual([
      'named_calendar.deleted',
      'named_calendar.updated',
      'named_calendar.created',
    ])
  })

  it('gives the deadlines of a business-hours policy on its calendar: first response, then resolution', async () => {
    const { calendar, open } = tokyoMondays()
    const tokyo = await createCalendar('Tokyo', calendar)
    await createQueue({
      sla_policy: {
        clock: 'business',
        calendar_uid: tokyo.uid,
        first_response_minutes: 10,
        resolution_minutes: 30,
      },
    })
    const task = await createTask()
    // Business time starts on the first open Monday, 09:00 in Tokyo (00:00Z).
    expect(task.first_response_due_at).toBe(`${open}T00:10:00.000Z`)
    expect(task.resolution_due_at).toBe(`${open}T00:30:00.000Z`)
    expect(task.sla_due_at).toBe(`${open}T00:10:00.000Z`)
    // Fragment's breach time stays wall-clock minutes of resolution from creation.
    expect(ms(task.sla_breach_at) - ms(task.created_at)).toBe(30 * 60_000)

    // Once started, the first response is met: the resolution is the deadline to meet.
    const op = tenant.as.operator
    expect((await op.post('player/start', {})).status).toBe(200)
    const next = await op.post('player/next')
    expect(next.body.task).toMatchObject({
      uid: task.uid,
      status: 'STARTED',
      sla_due_at: `${open}T00:30:00.000Z`,
      first_response_due_at: `${open}T00:10:00.000Z`,
    })
  })

  it('moves the deadlines of the tasks already in a queue when its policy changes', async () => {
    const queue = await createQueue({ sla_policy: { resolution_minutes: 600 } })
    const task = await createTask()
    expect(ms(task.sla_due_at) - ms(task.created_at)).toBe(600 * 60_000)
    const changed = await admin.patch(`queues/${queue}`, {
      sla_policy: { first_response_minutes: 5, resolution_minutes: 60 },
    })
    expect(changed.status, changed.text).toBe(200)
    const read = (await tenant.api.get(`tasks/${task.uid}`)).body as TaskBody
    expect(ms(read.first_response_due_at) - ms(read.created_at)).toBe(5 * 60_000)
    expect(ms(read.resolution_due_at) - ms(read.created_at)).toBe(60 * 60_000)
    expect(read.sla_due_at).toBe(read.first_response_due_at)
  })

  it('keeps an old policy of resolution_minutes alone on the wall clock', async () => {
    await createQueue({ sla_policy: { resolution_minutes: 120 } })
    const task = await createTask()
    expect(task.sla_due_at).toBe(task.sla_breach_at)
    expect(ms(task.sla_due_at) - ms(task.created_at)).toBe(120 * 60_000)
    expect(task.first_response_due_at).toBeNull()
  })

  it('takes the targets of a field’s value, and moves the deadline when the value changes', async () => {
    await createQueue({
      sla_policy: {
        resolution_minutes: 600,
        by_field: { field: 'priority', targets: { urgent: { resolution_minutes: 15 } } },
      },
    })
    const low = await createTask({ fields: { title: 'low', priority: 'low' } })
    expect(ms(low.sla_due_at) - ms(low.created_at)).toBe(600 * 60_000)
    const urgent = await createTask({ fields: { title: 'urgent', priority: 'urgent' } })
    expect(ms(urgent.sla_due_at) - ms(urgent.created_at)).toBe(15 * 60_000)
    const raised = await patchTask(low.uid, { fields: { priority: 'urgent' } })
    expect(ms(raised.sla_due_at) - ms(raised.created_at)).toBe(15 * 60_000)
  })

  it('moves the deadline by a snooze, and gives back what is left when woken early', async () => {
    await createQueue({ sla_policy: { resolution_minutes: 600, pause: { while_snoozed: true } } })
    const task = await createTask()
    const due = ms(task.sla_due_at)
    const until = Date.now() + 2 * 3_600_000
    const before = Date.now()
    const snoozed = await bulk(task.uid, { type: 'snooze', until: new Date(until).toISOString() })
    const after = Date.now()
    // The write happened between `before` and `after`: the pause is what was left until then.
    expect(ms(snoozed.sla_due_at)).toBeGreaterThanOrEqual(due + (until - after))
    expect(ms(snoozed.sla_due_at)).toBeLessThanOrEqual(due + (until - before))

    const wakeBefore = Date.now()
    const woken = await bulk(task.uid, { type: 'wake' })
    const wakeAfter = Date.now()
    // Only the time it actually slept is paused: from the snooze to the wake.
    expect(ms(woken.sla_due_at)).toBeGreaterThanOrEqual(due + (wakeBefore - after))
    expect(ms(woken.sla_due_at)).toBeLessThanOrEqual(due + (wakeAfter - before))
    expect(ms(woken.sla_due_at)).toBeLessThan(ms(snoozed.sla_due_at))
  })

  it('stops the clock while the pause condition holds, and resumes it later by the pause', async () => {
    await createQueue({
      sla_policy: {
        resolution_minutes: 600,
        pause: { condition: { field: 'waiting_on', operator: '==', value: 'customer' } },
      },
    })
    const task = await createTask()
    const due = ms(task.sla_due_at)
    const waiting = await patchTask(task.uid, { fields: { waiting_on: 'customer' } })
    expect(waiting.sla_due_at).toBeNull()
    expect(waiting.sla_paused_since).not.toBeNull()
    const before = Date.now()
    const answered = await patchTask(task.uid, { fields: { waiting_on: 'us' } })
    const after = Date.now()
    expect(answered.sla_paused_since).toBeNull()
    const paused = ms(answered.sla_due_at) - due
    expect(paused).toBeGreaterThanOrEqual(before - ms(waiting.sla_paused_since))
    expect(paused).toBeLessThanOrEqual(after - ms(waiting.sla_paused_since))
  })

  it('hands out the task whose policy deadline comes first, whatever its due date', async () => {
    await createQueue({
      sla_policy: {
        resolution_minutes: 600,
        by_field: { field: 'priority', targets: { urgent: { resolution_minutes: 30 } } },
      },
    })
    const low = await createTask({ due_at: '2030-01-01T00:00:00Z', fields: { title: 'low' } })
    const urgent = await createTask({
      due_at: '2030-06-01T00:00:00Z',
      fields: { title: 'urgent', priority: 'urgent' },
    })
    const op = tenant.as.operator
    expect((await op.post('player/start', {})).status).toBe(200)
    expect((await op.post('player/next')).body.task.uid).toBe(urgent.uid)
    expect((await op.post('player/complete', {})).status).toBe(200)
    expect((await op.post('player/next')).body.task.uid).toBe(low.uid)
  })
})

// A deadline passes with time, which the API cannot hurry: on PostgreSQL the test moves tasks'
// creation an hour back behind the server's back, then writes them so the server recomputes.
describe.each(inject('engines').filter((e) => e.databaseUrl))(
  'SLA breaches and compliance on $name',
  (engine) => {
    it('counts breaches once they have happened, and compliance per queue and day', async () => {
      const tenant = claimTenant(engine)
      const created = await tenant.as.admin.post('queues', {
        name: 'Claims',
        sla_policy: { first_response_minutes: 20, resolution_minutes: 45 },
      })
      expect(created.status, created.text).toBe(200)
      const queue = created.body.uid as string
      const batch = await tenant.api.post('tasks/batch', {
        items: ['late', 'late response', 'done late', 'done in time', 'fresh'].map((title) => ({
          due_at: FUTURE,
          fields: { title },
        })),
      })
      expect(batch.status, batch.text).toBe(200)
      const [late, lateResponse, doneLate, doneInTime, fresh] = batch.body.items.map(
        (item: { task: TaskBody }) => item.task,
      )
      const stats = async () => (await tenant.as.viewer.get(`queues/${queue}/stats`)).body
      expect(await stats()).toMatchObject({ open: 5, breaching_sla: 0 })

      await queryDatabase(
        engine.databaseUrl as string,
        `UPDATE tasks SET created_at = created_at - interval '40 minutes'
         WHERE uid = ANY($1::uuid[])`,
        [[late.uid, lateResponse.uid, doneLate.uid].map((uid: string) => uid)],
      )
      await queryDatabase(
        engine.databaseUrl as string,
        `UPDATE tasks SET created_at = created_at - interval '10 minutes' WHERE uid = $1`,
        [doneInTime.uid],
      )
      // Writes recompute the deadlines from the (moved) creation.
      const lateNow = await tenant.api.patch(`tasks/${late.uid}`, { tags: ['x'] })
      expect(ms(lateNow.body.first_response_due_at)).toBeLessThan(Date.now())
      // Not started: the first response is the deadline to meet, and it has passed.
      expect(lateNow.body.sla_due_at).toBe(lateNow.body.first_response_due_at)
      expect(ms(lateNow.body.resolution_due_at)).toBeGreaterThan(Date.now())
      await tenant.api.patch(`tasks/${lateResponse.uid}`, { tags: ['x'] })
      expect((await tenant.api.patch(`tasks/${doneLate.uid}`, { status: 'DONE' })).status).toBe(200)
      expect((await tenant.api.patch(`tasks/${doneInTime.uid}`, { status: 'DONE' })).status).toBe(
        200,
      )
      // Open and past their first response: late, late response. Fresh is not yet due.
      expect(await stats()).toMatchObject({
        open: 3,
        breaching_sla: 2,
        sla_compliance_last_day: 50,
      })
      expect(fresh.sla_due_at).not.toBeNull()

      const now = Date.now()
      const daily = await tenant.as.viewer.get('stats/daily', {
        query: { from: isoDay(now - 2 * DAY_MS), to: isoDay(now + 2 * DAY_MS), queue_uid: queue },
      })
      expect(daily.status, daily.text).toBe(200)
      const sum = (key: string) =>
        daily.body.days.reduce(
          (total: number, day: Record<string, number>) => total + (day[key] ?? 0),
          0,
        )
      // Three tasks missed their first response (one of them then done late); the done-in-time
      // one met both of its deadlines.
      expect(sum('breached')).toBe(3)
      expect(sum('sla_due')).toBe(2)
      expect(sum('sla_met')).toBe(1)
      const today = daily.body.days.find((day: { sla_due: number }) => day.sla_due > 0)
      expect(today.sla_compliance).toBe(50)
      expect(
        daily.body.queues.find((item: { queue_uid: string }) => item.queue_uid === queue),
      ).toMatchObject({ sla_due: 2, sla_met: 1, sla_compliance: 50 })
    })
  },
)
