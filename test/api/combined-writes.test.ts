import { randomUUID } from 'node:crypto'
import { describe, expect, inject, it } from 'vitest'
import type { WorkClock } from '../../src/core/tasks/lifecycle'
import { describeChanges } from '../../src/core/tasks/task-events'
import { newTaskState } from '../../src/core/tasks/task-state'
import { insertTasksCombined, updateTaskIfUnchangedCombined } from '../../src/store/combined-writes'
import { readTaskVersion, type TaskInsert, type UnchangedWrite } from '../../src/store/tasks'
import { ApiClient } from '../support/api-client'
import { createOperators } from '../support/operator-tokens'
import { queryDatabase } from '../support/pg-query'
import { databaseBeside } from '../support/server-database'
import { claimTenant } from '../support/tenants'

// Compare-and-set writes that wait for a connection share one statement
// (src/store/combined-writes.ts). Here the database's one connection is held by a
// transaction while the writes arrive, so that they all wait; then each must come out as it
// would have alone. PostgreSQL only: the test opens the server's database beside it.
describe.each(inject('engines').filter((e) => e.databaseUrl))(
  'combined compare-and-set writes on $name',
  (engine) => {
    const databaseUrl = engine.databaseUrl as string
    const beside = databaseBeside(databaseUrl)

    const query = <T>(text: string, values: unknown[]) =>
      queryDatabase<T & Record<string, unknown>>(databaseUrl, text, values)

    /** An organization whose operators have each started one task, read at its version. */
    async function startedTasks(count: number) {
      const tenant = claimTenant(engine)
      expect((await tenant.as.admin.post('queues', { name: 'All' })).status).toBe(200)
      for (let i = 0; i < count; i++) {
        await tenant.api.post('tasks', { fields: { title: `task ${i}` } })
      }
      const operators = await createOperators(databaseUrl, tenant.orgName, count)
      const players = operators.map((op) => new ApiClient(tenant.api.baseUrl, op.token))
      const uids: string[] = []
      for (const player of players) {
        expect((await player.post('player/start', {})).status).toBe(200)
        uids.push((await player.post('player/next', {})).body.task.uid)
      }
      const orgUid = (await players[0]?.get('accounts/me'))?.body.organization.uid as string
      const reads = await Promise.all(
        uids.map(async (uid) => {
          const read = await readTaskVersion(beside.db.pool, orgUid, { uid })
          if (!read) {
            throw new Error(`task ${uid} not found`)
          }
          return read
        }),
      )
      /** The completion of task i by its operator, as the player would write it. */
      const completion = (i: number, fieldsVersion: string | null): UnchangedWrite => {
        const read = reads[i] as (typeof reads)[number]
        return {
          orgUid,
          before: read.task,
          after: { ...read.task, status: 'DONE', done_at: new Date() },
          version: read.version,
          events: [{ task_uid: read.task.uid, type: 'completed', data: { n: i } }],
          actorUid: operators[i]?.userUid as string,
          countCompletedFor: operators[i]?.userUid as string,
          fieldsVersion,
          asCurrent: false,
        }
      }
      return { tenant, operators, players, uids, orgUid, completion }
    }

    /** Makes the writes while the only connection is busy, so that they wait for it together. */
    async function whileWaiting(writes: UnchangedWrite[]) {
      const holding = await beside.db.pool.connect()
      const answers = Promise.all(writes.map((w) => updateTaskIfUnchangedCombined(beside.db, w)))
      holding.release()
      return answers
    }

    it('writes each row with its own history and count, and leaves out a stale one', async () => {
      const { tenant, operators, players, uids, completion } = await startedTasks(3)
      // The third task changes after it was read: its write must not land.
      expect(
        (await tenant.api.patch(`tasks/${uids[2]}`, { fields: { note: 'meanwhile' } })).status,
      ).toBe(200)
      const writes = [0, 1, 2].map((i) => completion(i, null))
      // The first write asks for the connection; the others, and a second write of the first
      // task (a double submit), arrive while it waits.
      const [first, second, stale, again] = await whileWaiting([...writes, completion(0, null)])

      expect(first).toMatchObject({ uid: uids[0], status: 'DONE' })
      expect(second).toMatchObject({ uid: uids[1], status: 'DONE' })
      expect(stale).toBeNull()
      // The double submit went in a later statement, which found the row changed.
      expect(again).toBeNull()

      const rows = await query<{
        uid: string
        status: string
        fields: Record<string, unknown>
        version: string
      }>(
        'SELECT uid, status, fields, xmin::text AS version FROM tasks WHERE uid = ANY($1::uuid[])',
        [uids],
      )
      const byUid = new Map(rows.map((row) => [row.uid, row]))
      expect(byUid.get(uids[0] as string)?.status).toBe('DONE')
      expect(byUid.get(uids[1] as string)?.status).toBe('DONE')
      // Written by one transaction, so by one statement: not one per write.
      expect(byUid.get(uids[0] as string)?.version).toBe(byUid.get(uids[1] as string)?.version)
      expect(byUid.get(uids[2] as string)).toMatchObject({
        status: 'STARTED',
        fields: { title: 'task 2', note: 'meanwhile' },
      })
      const completions = await query<{ task_uid: string; actor_uid: string; data: unknown }>(
        `SELECT task_uid, actor_uid, data FROM task_events
         WHERE task_uid = ANY($1::uuid[]) AND type = 'completed' ORDER BY task_uid`,
        [uids],
      )
      expect(completions).toEqual(
        [0, 1]
          .map((i) => ({
            task_uid: uids[i],
            actor_uid: operators[i]?.userUid,
            data: { n: i },
          }))
          .sort((a, b) => ((a.task_uid as string) < (b.task_uid as string) ? -1 : 1)),
      )
      const counts = await Promise.all(
        players.map(async (player) => (await player.get('player')).body.session.completed),
      )
      expect(counts).toEqual([1, 1, 0])
    })

    it('checks each row against the fields version its own move was decided on', async () => {
      const { uids, orgUid, completion } = await startedTasks(2)
      const [org] = await query<{ fields_version: string }>(
        'SELECT fields_version::text FROM organizations WHERE uid = $1',
        [orgUid],
      )
      const current = org?.fields_version as string
      const [decided, outdated] = await whileWaiting([
        completion(0, current),
        completion(1, String(Number(current) - 1)),
      ])
      expect(decided).toMatchObject({ uid: uids[0], status: 'DONE' })
      expect(outdated).toBeNull()
      const statuses = await query<{ uid: string; status: string }>(
        'SELECT uid, status FROM tasks WHERE uid = ANY($1::uuid[])',
        [uids],
      )
      expect(new Map(statuses.map((row) => [row.uid, row.status]))).toEqual(
        new Map([
          [uids[0], 'DONE'],
          [uids[1], 'STARTED'],
        ]),
      )
    })

    it('inserts the tasks of several callers in one statement, each answered its own', async () => {
      const { operators, orgUid, uids: started } = await startedTasks(2)
      const clock: WorkClock = { now: new Date(), businessMsBetween: () => 0 }
      const insert = (actorUid: string, titles: string[], uid?: string): TaskInsert => {
        const tasks = titles.map((title, i) =>
          newTaskState({ fields: { title } }, clock, i === 0 && uid ? uid : randomUUID()),
        )
        return {
          orgUid,
          tasks,
          events: tasks.flatMap((task) => describeChanges(null, task)),
          actorUid,
        }
      }
      const [alice, bob] = operators.map((op) => op.userUid) as [string, string]
      const shared = randomUUID()
      const inserts = [
        insert(alice, ['a1', 'a2']),
        insert(bob, ['b1'], shared),
        // A uid the organization has already: nothing inserted, as alone.
        insert(bob, ['taken'], started[0]),
        // The same uid as bob's: in a later statement, where it is taken.
        insert(alice, ['again'], shared),
      ]
      const holding = await beside.db.pool.connect()
      const answers = Promise.all(inserts.map((each) => insertTasksCombined(beside.db, each)))
      holding.release()
      const [aliceTasks, bobTasks, taken, again] = await answers

      expect(aliceTasks?.map((task) => task.fields.title).sort()).toEqual(['a1', 'a2'])
      expect(bobTasks?.map((task) => task.uid)).toEqual([shared])
      expect(taken).toEqual([])
      expect(again).toEqual([])
      const written = [...(aliceTasks ?? []), ...(bobTasks ?? [])].map((task) => task.uid)
      const rows = await query<{ uid: string; title: string; version: string }>(
        `SELECT uid, fields->>'title' AS title, xmin::text AS version
         FROM tasks WHERE uid = ANY($1::uuid[])`,
        [[...written, started[0]]],
      )
      expect(
        new Set(rows.filter((row) => row.uid !== started[0]).map((row) => row.version)).size,
      ).toBe(1)
      expect(rows.find((row) => row.uid === started[0])?.title).toBe('task 0')
      const created = await query<{ title: string; actor_uid: string }>(
        `SELECT t.fields->>'title' AS title, e.actor_uid FROM task_events e
         JOIN tasks t ON t.org_uid = e.org_uid AND t.uid = e.task_uid
         WHERE e.task_uid = ANY($1::uuid[]) AND e.type = 'created' ORDER BY title`,
        [written],
      )
      expect(created).toEqual([
        { title: 'a1', actor_uid: alice },
        { title: 'a2', actor_uid: alice },
        { title: 'b1', actor_uid: bob },
      ])
    })
  },
)
