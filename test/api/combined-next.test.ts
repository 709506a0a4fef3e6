import { describe, expect, inject, it } from 'vitest'
import { playNext } from '../../src/app/play-next'
import type { PlayerContext } from '../../src/app/player'
import { AppError } from '../../src/contract/errors'
import { loadOrgRules } from '../../src/store/organizations'
import { ApiClient } from '../support/api-client'
import { createOperators } from '../support/operator-tokens'
import { queryDatabase } from '../support/pg-query'
import { databaseBeside } from '../support/server-database'
import { claimTenant } from '../support/tenants'

// Operators whose `next` waits for a connection at the same time are handed their tasks in
// one transaction (src/app/play-next.ts, playTogether). Here the database's one connection
// is held while their calls arrive, so that they all wait; then each must come out as it
// would have alone. PostgreSQL only: the test opens the server's database beside it.
describe.each(inject('engines').filter((e) => e.databaseUrl))(
  'next of several operators at once on $name',
  (engine) => {
    const databaseUrl = engine.databaseUrl as string
    const beside = databaseBeside(databaseUrl)

    const query = <T>(text: string, values: unknown[]) =>
      queryDatabase<T & Record<string, unknown>>(databaseUrl, text, values)

    /**
     * An organization with one queue of tasks due on consecutive days, and operators who
     * have each played one task through the database beside the server: that `next`, alone,
     * is what the next one guesses its claim from.
     */
    async function playing(operatorCount: number, taskCount: number) {
      const tenant = claimTenant(engine)
      expect((await tenant.as.admin.post('queues', { name: 'All' })).status).toBe(200)
      const tasks: string[] = []
      for (let day = 1; day <= taskCount; day++) {
        const created = await tenant.api.post('tasks', {
          due_at: `2030-01-${String(day).padStart(2, '0')}T00:00:00Z`,
          fields: { title: `day ${day}` },
        })
        tasks.push(created.body.uid)
      }
      const operators = await createOperators(databaseUrl, tenant.orgName, operatorCount)
      const players = operators.map((op) => new ApiClient(tenant.api.baseUrl, op.token))
      for (const player of players) {
        expect((await player.post('player/start', {})).status).toBe(200)
      }
      const orgUid = (await players[0]?.get('accounts/me'))?.body.organization.uid as string
      const rules = await loadOrgRules(beside.db.pool, orgUid)
      const contexts: PlayerContext[] = operators.map((op) => ({
        db: beside.db,
        orgUid,
        userUid: op.userUid,
        rules,
      }))
      const first: string[] = []
      for (const context of contexts) {
        first.push((await playNext(context)).task?.uid as string)
      }
      expect(first).toEqual(tasks.slice(0, operatorCount))
      return { tenant, operators, players, contexts, tasks }
    }

    /** Every operator's `next` made while the only connection is busy, so that they wait together. */
    async function whileWaiting(contexts: PlayerContext[]) {
      const holding = await beside.db.pool.connect()
      const answers = Promise.allSettled(contexts.map((context) => playNext(context)))
      holding.release()
      return answers
    }

    async function rows(uids: string[]) {
      const read = await query<{
        uid: string
        status: string
        assignee_uid: string | null
        version: string
      }>(
        'SELECT uid, status, assignee_uid, xmin::text AS version FROM tasks WHERE uid = ANY($1::uuid[])',
        [uids],
      )
      return new Map(read.map((row) => [row.uid, row]))
    }

    it('hands each a different task, most urgent first, in one transaction', async () => {
      const { players, contexts, operators, tasks } = await playing(3, 5)
      for (const player of players) {
        expect((await player.post('player/complete', {})).status).toBe(200)
      }
      // Two tasks left for three operators: the third is answered as `next` alone would.
      const [a, b, c] = await whileWaiting(contexts)
      expect(a).toMatchObject({ status: 'fulfilled', value: { task: { uid: tasks[3] } } })
      expect(b).toMatchObject({ status: 'fulfilled', value: { task: { uid: tasks[4] } } })
      expect(c).toEqual({ status: 'fulfilled', value: { task: null, skippedAvailable: 0 } })

      const written = await rows([tasks[3], tasks[4]] as string[])
      expect(written.get(tasks[3] as string)).toMatchObject({
        status: 'STARTED',
        assignee_uid: operators[0]?.userUid,
      })
      expect(written.get(tasks[4] as string)).toMatchObject({
        status: 'STARTED',
        assignee_uid: operators[1]?.userUid,
      })
      // Written by one transaction: not one per operator.
      expect(written.get(tasks[3] as string)?.version).toBe(
        written.get(tasks[4] as string)?.version,
      )
      const history = await query<{ task_uid: string; type: string; actor_uid: string }>(
        `SELECT task_uid, type, actor_uid FROM task_events
         WHERE task_uid = ANY($1::uuid[]) AND type IN ('assigned', 'started')
         ORDER BY task_uid, type`,
        [[tasks[3], tasks[4]]],
      )
      expect(history).toEqual(
        [
          { task_uid: tasks[3], type: 'assigned', actor_uid: operators[0]?.userUid },
          { task_uid: tasks[3], type: 'started', actor_uid: operators[0]?.userUid },
          { task_uid: tasks[4], type: 'assigned', actor_uid: operators[1]?.userUid },
          { task_uid: tasks[4], type: 'started', actor_uid: operators[1]?.userUid },
        ].sort((x, y) => ((x.task_uid as string) < (y.task_uid as string) ? -1 : 1)),
      )
      // What the API says each operator is working on.
      const current = await Promise.all(
        players.map(async (player) => (await player.get('player')).body.current?.uid ?? null),
      )
      expect(current).toEqual([tasks[3], tasks[4], null])
    })

    it('passes over what each skipped, gives back their own waiting task, refuses as alone', async () => {
      const { players, contexts, operators, tasks } = await playing(4, 6)
      const [skipper, pauser, , done] = players as [ApiClient, ApiClient, ApiClient, ApiClient]
      // The most urgent task goes back to the pool, skipped by its operator alone.
      expect((await skipper.post('player/skip', { reason: 'not mine' })).status).toBe(200)
      // The second waits with its operator, paused.
      expect((await pauser.post('player/pause', {})).status).toBe(200)
      // The third stays started: its operator may not take another. The fourth is done.
      expect((await done.post('player/complete', {})).status).toBe(200)

      const [a, b, c, d] = await whileWaiting(contexts)
      expect(a).toMatchObject({ status: 'fulfilled', value: { task: { uid: tasks[4] } } })
      expect(b).toMatchObject({ status: 'fulfilled', value: { task: { uid: tasks[1] } } })
      expect(c).toMatchObject({ status: 'rejected', reason: { code: 'task_in_progress' } })
      expect(c?.status === 'rejected' ? c.reason : null).toBeInstanceOf(AppError)
      expect(d).toMatchObject({ status: 'fulfilled', value: { task: { uid: tasks[0] } } })

      const written = await rows([tasks[0], tasks[1], tasks[2], tasks[4], tasks[5]] as string[])
      expect(written.get(tasks[4] as string)?.assignee_uid).toBe(operators[0]?.userUid)
      expect(written.get(tasks[1] as string)?.assignee_uid).toBe(operators[1]?.userUid)
      expect(written.get(tasks[0] as string)?.assignee_uid).toBe(operators[3]?.userUid)
      expect(written.get(tasks[2] as string)).toMatchObject({
        status: 'STARTED',
        assignee_uid: operators[2]?.userUid,
      })
      // Locked with the others, and left as it was.
      expect(written.get(tasks[5] as string)).toMatchObject({ status: 'TODO', assignee_uid: null })
      const versions = new Set(
        [tasks[0], tasks[1], tasks[4]].map((uid) => written.get(uid as string)?.version),
      )
      expect(versions.size).toBe(1)
    })
  },
)
