import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import type { ApiClient } from '../support/api-client'
import { queryDatabase } from '../support/pg-query'
import { claimTenant, type Tenant } from '../support/tenants'

interface TaskBody {
  uid: string
  created_at: string
  started_at: string | null
  done_at: string | null
  queue_uid: string | null
}

const PAST = (month: number) => `2020-0${month}-01T00:00:00.000Z`
const FUTURE = '2999-01-01T00:00:00.000Z'

const eq = (field: string, value: unknown) => ({
  combinator: 'and',
  conditions: [{ field, operator: '==', value }],
})

const ms = (iso: string | null) => Date.parse(iso as string)

/** The median of some durations given in ms, in seconds (what percentile_cont computes). */
function medianSeconds(durations: number[]): number {
  const sorted = [...durations].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const value =
    sorted.length % 2
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
  return value / 1000
}

/** Resolution, wait and work times of done tasks, as a task's own metrics define them. */
function expectedMedians(tasks: TaskBody[]) {
  return {
    resolution: medianSeconds(tasks.map((t) => ms(t.done_at) - ms(t.created_at))),
    wait: medianSeconds(tasks.map((t) => ms(t.started_at ?? t.done_at) - ms(t.created_at))),
    // One uninterrupted start-to-completion stretch each: work is done_at - started_at.
    work: medianSeconds(tasks.map((t) => (t.started_at ? ms(t.done_at) - ms(t.started_at) : 0))),
  }
}

const ageAt = (measuredAt: string, createdAt: string) =>
  Math.floor((ms(measuredAt) - ms(createdAt)) / 1000)

async function createQueue(api: ApiClient, body: Record<string, unknown>): Promise<string> {
  const res = await api.post('queues', body)
  expect(res.status).toBe(200)
  return res.body.uid
}

async function createTasks(api: ApiClient, items: unknown[]): Promise<TaskBody[]> {
  const res = await api.post('tasks/batch', { items })
  expect(res.status).toBe(200)
  return res.body.items.map((item: { task: TaskBody }) => item.task)
}

describe.each(inject('engines'))('queue backlog figures on $name', (engine) => {
  let tenant: Tenant
  beforeEach(() => {
    tenant = claimTenant(engine)
  })

  it('counts open, started, overdue and done tasks per queue, with medians', async () => {
    const admin = tenant.as.admin
    const france = await createQueue(admin, {
      name: 'France',
      condition: eq('country', 'FR'),
      sla_policy: { resolution_minutes: 600 },
    })
    const germany = await createQueue(admin, { name: 'Germany', condition: eq('country', 'DE') })
    const empty = await createQueue(admin, { name: 'Nobody', condition: eq('country', 'XX') })

    const [, , , fr4] = await createTasks(tenant.api, [
      { due_at: PAST(1), fields: { title: 'fr1', country: 'FR' } },
      { due_at: PAST(2), fields: { title: 'fr2', country: 'FR' } },
      { due_at: PAST(3), fields: { title: 'fr3', country: 'FR' } },
      { due_at: FUTURE, fields: { title: 'fr4', country: 'FR' } },
      { due_at: FUTURE, fields: { title: 'fr5', country: 'FR' } },
      { due_at: PAST(1), archived: true, fields: { title: 'fr archived', country: 'FR' } },
    ])
    const [de1, , de3] = await createTasks(tenant.api, [
      { due_at: PAST(1), fields: { title: 'de1', country: 'DE' } },
      { due_at: FUTURE, fields: { title: 'de2', country: 'DE' } },
      { due_at: FUTURE, fields: { title: 'de3', country: 'DE' } },
    ])
    const [nowhere, , doneAtOnce] = await createTasks(tenant.api, [
      { due_at: PAST(1), fields: { title: 'no queue', country: 'IT' } },
      { due_at: PAST(1), archived: true, fields: { title: 'archived', country: 'IT' } },
      { status: 'DONE', fields: { title: 'born done', country: 'FR' } },
    ])
    expect(doneAtOnce?.queue_uid).toBeNull()

    // The operator plays France: fr1 and fr2 (most overdue first) are done, fr3 is started.
    const operator = tenant.as.operator
    expect((await operator.post('player/start', { queue_uids: [france] })).status).toBe(200)
    const played: TaskBody[] = []
    for (const title of ['fr1', 'fr2']) {
      const next = await operator.post('player/next', {})
      expect(next.body.task.fields.title).toBe(title)
      const done = await operator.post('player/complete', { task_uid: next.body.task.uid })
      expect(done.status).toBe(200)
      played.push(done.body)
    }
    expect((await operator.post('player/next', {})).body.task.fields.title).toBe('fr3')
    // Germany: de3 is completed by hand, without ever being started.
    const de3Done = await tenant.api.patch(`tasks/${de3?.uid}`, { status: 'DONE' })
    expect(de3Done.status).toBe(200)

    const res = await tenant.as.viewer.get('queues/stats')
    expect(res.status).toBe(200)
    const { items } = res.body
    const measuredAt: string = items[0].measured_at
    expect(items.map((row: { measured_at: string }) => row.measured_at)).toEqual(
      Array(4).fill(measuredAt),
    )
    const fr = expectedMedians(played)
    const de = expectedMedians([de3Done.body])
    expect(items).toEqual([
      {
        queue_uid: france,
        queue_name: 'France',
        measured_at: measuredAt,
        open: 3,
        started: 1,
        overdue: 1,
        breaching_sla: 0,
        oldest_open_age: ageAt(measuredAt, fr4?.created_at as string),
        done_last_hour: 2,
        done_last_day: 2,
        median_resolution_time: expect.closeTo(fr.resolution, 2),
        median_wait_time: expect.closeTo(fr.wait, 2),
        median_work_time: expect.closeTo(fr.work, 2),
        // France's policy (600 minutes) was met by both tasks done.
        sla_compliance_last_day: 100,
      },
      {
        queue_uid: germany,
        queue_name: 'Germany',
        measured_at: measuredAt,
        open: 2,
        started: 0,
        overdue: 1,
        breaching_sla: 0,
        oldest_open_age: ageAt(measuredAt, de1?.created_at as string),
        done_last_hour: 1,
        done_last_day: 1,
        median_resolution_time: expect.closeTo(de.resolution, 2),
        median_wait_time: expect.closeTo(de.resolution, 2),
        median_work_time: 0,
        sla_compliance_last_day: null,
      },
      {
        queue_uid: empty,
        queue_name: 'Nobody',
        measured_at: measuredAt,
        open: 0,
        started: 0,
        overdue: 0,
        breaching_sla: 0,
        oldest_open_age: null,
        done_last_hour: 0,
        done_last_day: 0,
        median_resolution_time: null,
        median_wait_time: null,
        median_work_time: null,
        sla_compliance_last_day: null,
      },
      {
        queue_uid: null,
        queue_name: null,
        measured_at: measuredAt,
        open: 1,
        started: 0,
        overdue: 1,
        breaching_sla: 0,
        oldest_open_age: ageAt(measuredAt, nowhere?.created_at as string),
        done_last_hour: 1,
        done_last_day: 1,
        median_resolution_time: 0,
        median_wait_time: 0,
        median_work_time: 0,
        sla_compliance_last_day: null,
      },
    ])

    const one = await tenant.as.viewer.get(`queues/${france}/stats`)
    expect(one.status).toBe(200)
    const { measured_at, oldest_open_age, ...figures } = one.body
    const { measured_at: _m, oldest_open_age: _o, ...listed } = items[0]
    expect(figures).toEqual(listed)
    expect(oldest_open_age).toBe(ageAt(measured_at, fr4?.created_at as string))
  })

  it('answers 404 for an unknown queue or another organization’s', async () => {
    const other = claimTenant(engine)
    const theirs = await createQueue(other.as.admin, { name: 'Theirs' })
    expect((await other.as.viewer.get(`queues/${theirs}/stats`)).status).toBe(200)
    for (const uid of [theirs, randomUUID()]) {
      const res = await tenant.as.viewer.get(`queues/${uid}/stats`)
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('not_found')
    }
    const mine = await tenant.as.viewer.get('queues/stats')
    expect(mine.body.items).toEqual([expect.objectContaining({ queue_uid: null, open: 0 })])
  })

  it('needs a token, and reads as any role', async () => {
    const queue = await createQueue(tenant.as.admin, { name: 'Q' })
    expect((await tenant.api.withToken(null).get('queues/stats')).status).toBe(401)
    expect((await tenant.api.withToken(null).get(`queues/${queue}/stats`)).status).toBe(401)
    for (const client of [tenant.as.viewer, tenant.as.operator, tenant.as.admin, tenant.api]) {
      expect((await client.get(`queues/${queue}/stats`)).status).toBe(200)
    }
  })
})

// SLA breach is measured from creation, which the API cannot backdate: on PostgreSQL the test
// moves a task's creation (and so its breach time) into the past behind the server's back.
describe.each(inject('engines').filter((e) => e.databaseUrl))(
  'SLA breaches in the backlog figures on $name',
  (engine) => {
    it('counts open tasks past their SLA breach time, not done ones', async () => {
      const tenant = claimTenant(engine)
      const queue = await createQueue(tenant.as.admin, {
        name: 'Claims',
        sla_policy: { resolution_minutes: 30 },
      })
      const tasks = await createTasks(
        tenant.api,
        ['late', 'late too', 'late but done', 'fresh'].map((title) => ({
          due_at: FUTURE,
          fields: { title },
        })),
      )
      const fresh = await tenant.as.viewer.get(`queues/${queue}/stats`)
      expect(fresh.body).toMatchObject({ open: 4, breaching_sla: 0, overdue: 0 })

      await queryDatabase(
        engine.databaseUrl as string,
        `UPDATE tasks SET created_at = created_at - interval '1 hour',
           sla_breach_at = sla_breach_at - interval '1 hour',
           resolution_due_at = resolution_due_at - interval '1 hour',
           sla_due_at = sla_due_at - interval '1 hour'
         WHERE uid = ANY($1::uuid[])`,
        [tasks.slice(0, 3).map((task) => task.uid)],
      )
      const done = await tenant.api.patch(`tasks/${tasks[2]?.uid}`, { status: 'DONE' })
      expect(done.status).toBe(200)
      const res = await tenant.as.viewer.get(`queues/${queue}/stats`)
      expect(res.body).toMatchObject({ open: 3, breaching_sla: 2, overdue: 0, done_last_hour: 1 })
      expect(res.body.oldest_open_age).toBeGreaterThanOrEqual(3600)
      expect(res.body.median_resolution_time).toBeGreaterThanOrEqual(3600)
    })
  },
)
