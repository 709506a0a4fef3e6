import { describe, expect, inject, it } from 'vitest'
import { queryDatabase } from '../support/pg-query'
import { claimTenant } from '../support/tenants'

const FUTURE = '2999-01-01T00:00:00.000Z'
const DAY_MS = 86_400_000
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

// An SLA breach is measured from creation, which the API cannot backdate: on PostgreSQL the
// test moves a task's creation (and so its breach time) into the past behind the server's back.
describe.each(inject('engines').filter((e) => e.databaseUrl))(
  "the dashboard's SLA breaches per day on $name",
  (engine) => {
    it('counts only breaches that have happened, not deadlines still ahead', async () => {
      const tenant = claimTenant(engine)
      const queue = await tenant.as.admin.post('queues', {
        name: 'Claims',
        sla_policy: { resolution_minutes: 30 },
      })
      expect(queue.status, queue.text).toBe(200)
      const batch = await tenant.api.post('tasks/batch', {
        items: ['late', 'late but done in time', 'fresh'].map((title) => ({
          due_at: FUTURE,
          fields: { title },
        })),
      })
      expect(batch.status, batch.text).toBe(200)
      const [late, doneInTime, fresh] = batch.body.items.map(
        (item: { task: { uid: string; sla_breach_at: string | null } }) => item.task,
      )
      expect(fresh.sla_breach_at).not.toBe(null)

      // A period of a few days around today, whatever the organization's time zone.
      const now = Date.now()
      const query = { from: isoDay(now - 2 * DAY_MS), to: isoDay(now + 2 * DAY_MS) }
      const breaches = async () => {
        const res = await tenant.as.viewer.get('stats/daily', { query })
        expect(res.status, res.text).toBe(200)
        return res.body.days.reduce((sum: number, d: { breached: number }) => sum + d.breached, 0)
      }
      // Deadlines 30 minutes ahead: nothing has been breached yet.
      expect(await breaches()).toBe(0)

      const done = await tenant.api.patch(`tasks/${doneInTime.uid}`, { status: 'DONE' })
      expect(done.status).toBe(200)
      await queryDatabase(
        engine.databaseUrl as string,
        `UPDATE tasks SET created_at = created_at - interval '1 hour',
           sla_breach_at = sla_breach_at - interval '1 hour',
           resolution_due_at = resolution_due_at - interval '1 hour',
           sla_due_at = sla_due_at - interval '1 hour'
         WHERE uid = ANY($1::uuid[])`,
        [[late.uid]],
      )
      // The late one's deadline passed while it was open; the done one met its own.
      expect(await breaches()).toBe(1)
    })
  },
)
