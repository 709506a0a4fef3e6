import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { issueToken } from '../../src/app/issue-token'
import { openDatabase } from '../../src/store/database'
import { migrate } from '../../src/store/migrate'
import { ApiClient } from '../support/api-client'
import { createFreshInstance, type FreshInstance } from '../support/fresh-instance'
import { queryDatabase } from '../support/pg-query'
import { type ServerProcess, startServer } from '../support/server-process'
import { waitFor } from '../support/wait-for'

const TASKS = 500
const WAVES = 10
const PROCESSES = 2
const MINUTE = 60_000
/** The promise of docs/AUTOMATIONS.md: a time rule fires within a minute of its moment. */
const BOUND_MS = 60_000
const RESOLUTION_MINUTES = 120
/**
 * The rule fires a minute before the breach, 119 minutes after creation. The time rules see
 * the clock this far ahead, so that moment comes about 20 s after the tasks are made: while
 * both processes run, and with time to make them all first.
 */
const LEAD_MS = 20_000
const SHIFT_MS = (RESOLUTION_MINUTES - 1) * MINUTE - LEAD_MS

// Several processes share one database only on PostgreSQL: TEST_DATABASE_URL's server, or
// the embedded engine's through its socket when that is not set.
describe.each(inject('engines').filter((e) => e.databaseUrl))(
  'a time rule on $name with two server processes',
  (engine) => {
    const starting: Promise<ServerProcess>[] = []
    let fresh: FreshInstance
    let databaseUrl: string
    let api: ApiClient

    beforeAll(async () => {
      fresh = await createFreshInstance('postgres', engine.databaseUrl, 'exactly_once')
      databaseUrl = (fresh.location as { databaseUrl: string }).databaseUrl
      const db = await openDatabase(fresh.location)
      let token: string
      try {
        await migrate(db)
        token = (
          await issueToken(db, {
            orgName: 'once',
            userEmail: 'admin@once.test',
            tokenName: 'admin',
            role: 'admin',
          })
        ).raw
      } finally {
        await db.close()
      }
      const env = {
        TESSERA_RATE_LIMIT: '1000000',
        TESSERA_AUTOMATION_TICK_MS: '200',
        TESSERA_AUTOMATION_CLOCK_SHIFT_MS: String(SHIFT_MS),
      }
      for (let i = 0; i < PROCESSES; i += 1) {
        starting.push(startServer(fresh.args, env))
      }
      const servers = await Promise.all(starting)
      api = new ApiClient((servers[0] as ServerProcess).url, token)
    }, 120_000)

    afterAll(async () => {
      await Promise.all(
        starting.map((start) => start.then((server) => server.stop()).catch(() => {})),
      )
      await fresh?.drop()
    })

    it(`fires once for each of ${TASKS} tasks, a minute before the SLA breach, within the bound`, async () => {
      const queue = await api.post('queues', {
        name: 'Everything',
        sla_policy: { resolution_minutes: RESOLUTION_MINUTES },
      })
      expect(queue.status, queue.text).toBe(200)
      const rule = await api.post('automations', {
        name: 'A minute before the breach',
        trigger: { kind: 'time', anchor: 'sla_due_at', offset_minutes: -1 },
        condition: { field: 'status', operator: '!=', value: 'DONE' },
        actions: [
          { type: 'add_comment', text: 'One minute left.' },
          { type: 'set_field', field: 'warned', value: true },
        ],
      })
      expect(rule.status, rule.text).toBe(200)
      // In waves a second apart: the moments come one after another over several ticks, so
      // both processes keep reaching for the rule while its tasks fall due.
      for (let wave = 0; wave < WAVES; wave += 1) {
        const items = Array.from({ length: TASKS / WAVES }, (_, i) => ({
          fields: { title: `task ${wave}.${i}` },
        }))
        const batch = await api.post('tasks/batch', { items })
        expect(batch.status, batch.text).toBe(200)
        await new Promise((resolve) => setTimeout(resolve, 1000))
      }

      const count = async (sql: string) =>
        Number((await queryDatabase<{ n: string }>(databaseUrl, sql))[0]?.n ?? 0)
      await waitFor(
        'every task to be warned',
        async () =>
          (await count(
            `SELECT count(*) AS n FROM tasks WHERE (fields->>'warned')::boolean IS TRUE`,
          )) === TASKS || undefined,
        90_000,
      )

      const perTask = await queryDatabase<{
        uid: string
        firings: number
        comments: number
        entries: number
        early_ms: number
        late_ms: number
      }>(
        databaseUrl,
        `SELECT t.uid,
             (SELECT count(*)::int FROM automation_firings f
              WHERE f.org_uid = t.org_uid AND f.task_uid = t.uid) AS firings,
             (SELECT count(*)::int FROM task_comments c
              WHERE c.org_uid = t.org_uid AND c.task_uid = t.uid) AS comments,
             (SELECT count(*)::int FROM task_events e
              WHERE e.org_uid = t.org_uid AND e.task_uid = t.uid
                AND e.data->>'automation_uid' = $1) AS entries,
             (SELECT min(extract(epoch FROM (f.fired_at + $2 * interval '1 millisecond'
                - f.moment)) * 1000)::float8 FROM automation_firings f
              WHERE f.org_uid = t.org_uid AND f.task_uid = t.uid) AS early_ms,
             (SELECT max(extract(epoch FROM (f.fired_at + $2 * interval '1 millisecond'
                - f.moment)) * 1000)::float8 FROM automation_firings f
              WHERE f.org_uid = t.org_uid AND f.task_uid = t.uid) AS late_ms
           FROM tasks t`,
        [rule.body.uid, SHIFT_MS],
      )
      expect(perTask).toHaveLength(TASKS)
      const off = perTask.filter((t) => t.firings !== 1 || t.comments !== 1 || t.entries !== 2)
      // One firing, one comment, and two history entries by the rule (the comment and the
      // field) for every task: none missed, none doubled.
      expect(off).toEqual([])
      const lateness = perTask.map((t) => t.late_ms).sort((a, b) => a - b)
      console.info(
        `${TASKS} firings on ${PROCESSES} processes: lateness after the moment p50 ${Math.round(lateness[TASKS / 2] ?? 0)} ms, max ${Math.round(lateness[TASKS - 1] ?? 0)} ms`,
      )
      // Never before the moment (as the rule's clock sees it), never more than the bound after.
      expect(Math.min(...perTask.map((t) => t.early_ms))).toBeGreaterThanOrEqual(0)
      expect(Math.max(...lateness)).toBeLessThanOrEqual(BOUND_MS)
      const runs = (await api.get(`automations/${rule.body.uid}`)).body.runs
      expect(runs).toBe(TASKS)
    }, 180_000)
  },
)
