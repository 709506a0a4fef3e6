import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ApiClient, type ApiResponse } from '../support/api-client'
import { misdispatchedTasks } from '../support/dispatch-ledger'
import { createOperators } from '../support/operator-tokens'
import { type ServerProcess, startServer } from '../support/server-process'
import { claimTenant } from '../support/tenants'

const TASKS = 2000
const OPERATORS = 40

/** A response the players should never see, with where it came from. */
interface Incident {
  operator: string
  call: string
  status: number
  body: unknown
}

/**
 * One operator playing until nothing is left: start, then next → complete, each call on the
 * other server than the previous one, so a task started through one process is completed
 * through the other. Returns the uids handed out; unexpected answers go to `incidents`.
 */
async function play(
  operator: string,
  clients: ApiClient[],
  incidents: Incident[],
): Promise<string[]> {
  let turn = 0
  const call = async (path: string, body: unknown): Promise<ApiResponse> => {
    const client = clients[turn++ % clients.length] as ApiClient
    const res = await client.post(path, body)
    if (res.status !== 200) {
      incidents.push({ operator, call: path, status: res.status, body: res.body })
    }
    return res
  }
  const handed: string[] = []
  if ((await call('player/start', {})).status !== 200) {
    return handed
  }
  for (;;) {
    const next = await call('player/next', {})
    const task = next.body?.task
    if (next.status !== 200 || !task) {
      return handed
    }
    handed.push(task.uid)
    if ((await call('player/complete', { task_uid: task.uid })).status !== 200) {
      return handed
    }
  }
}

// Two processes share one database only on PostgreSQL: PGlite belongs to its one server.
describe.each(inject('engines').filter((e) => e.databaseUrl))(
  'dispatch across two server processes on $name',
  (engine) => {
    const databaseUrl = engine.databaseUrl as string
    const servers: ServerProcess[] = []

    beforeAll(async () => {
      // One after the other: started together, the second one's migration step would find
      // the first one's advisory lock taken and exit (node-pg-migrate's default 'fail' mode).
      for (let i = 0; i < 2; i++) {
        servers.push(await startServer(['--database-url', databaseUrl, '--rate-limit', '1000000']))
      }
    })

    afterAll(async () => {
      await Promise.all(servers.map((server) => server.stop()))
    })

    it('hands each of 2,000 tasks to exactly one of 40 operators, and all get done', async () => {
      const tenant = claimTenant(engine)
      const operators = await createOperators(databaseUrl, tenant.orgName, OPERATORS)
      expect((await tenant.as.admin.post('queues', { name: 'Everything' })).status).toBe(200)
      for (let start = 0; start < TASKS; start += 1000) {
        const items = Array.from({ length: 1000 }, (_, i) => ({
          fields: { title: `task ${start + i}` },
        }))
        const res = await tenant.api.post('tasks/batch', { items })
        expect(res.status).toBe(200)
      }

      const incidents: Incident[] = []
      const handedOut = await Promise.all(
        operators.map((operator, i) => {
          // Half the operators begin on each server.
          const clients = servers.map((server) => new ApiClient(server.url, operator.token))
          return play(operator.email, i % 2 ? clients : clients.reverse(), incidents)
        }),
      )

      expect(incidents).toEqual([])
      const all = handedOut.flat()
      expect(all).toHaveLength(TASKS)
      expect(new Set(all).size).toBe(TASKS)
      const open = await tenant.api.get('tasks', { query: { status: 'TODO,STARTED' } })
      expect(open.body.meta.total_count).toBe(0)
      const done = await tenant.api.get('tasks', { query: { status: 'DONE' } })
      expect(done.body.meta.total_count).toBe(TASKS)

      // Every task is with the operator it was handed to, and its history says so once.
      const ledger = await misdispatchedTasks(databaseUrl, tenant.orgName, handedOut, operators)
      expect(ledger.total).toBe(TASKS)
      expect(ledger.wrong).toEqual([])
      const sessions = await Promise.all(
        operators.map(
          async (operator) => (await tenant.api.withToken(operator.token).get('player')).body,
        ),
      )
      const completed = sessions.reduce((sum, state) => sum + state.session.completed, 0)
      expect(completed).toBe(TASKS)
    }, 180_000)

    it('never lets one operator hold two started tasks, whichever server they call', async () => {
      const tenant = claimTenant(engine)
      expect((await tenant.as.admin.post('queues', { name: 'Everything' })).status).toBe(200)
      const items = Array.from({ length: 10 }, (_, i) => ({ fields: { title: `task ${i}` } }))
      expect((await tenant.api.post('tasks/batch', { items })).status).toBe(200)
      const [a, b] = servers.map((server) => new ApiClient(server.url, tenant.tokens.operator))
      const [first, second] = [a as ApiClient, b as ApiClient]
      expect((await first.post('player/start', {})).status).toBe(200)

      for (let round = 0; round < 5; round++) {
        const answers = await Promise.all([
          first.post('player/next', {}),
          second.post('player/next', {}),
        ])
        const statuses = answers.map((res) => res.status).sort()
        expect(statuses).toEqual([200, 409])
        const won = answers.find((res) => res.status === 200) as ApiResponse
        const lost = answers.find((res) => res.status === 409) as ApiResponse
        expect(lost.body.error.code).toBe('task_in_progress')
        const started = await tenant.api.get('tasks', { query: { status: 'STARTED' } })
        expect(started.body.items.map((task: { uid: string }) => task.uid)).toEqual([
          won.body.task.uid,
        ])
        const completed = await second.post('player/complete', {})
        expect(completed.body).toMatchObject({ uid: won.body.task.uid, status: 'DONE' })
      }
    })
  },
)
