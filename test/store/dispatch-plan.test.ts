import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureOrganization, ensureUser } from '../../src/store/accounts'
import type { Database, Queryable } from '../../src/store/database'
import { claimNext } from '../../src/store/dispatch'
import { migrate } from '../../src/store/migrate'
import { type TaskRecord, updateTasks } from '../../src/store/tasks'
import type { PlanNode } from '../support/org-scope-plan'
import { storeEngines } from '../support/store-engines'

// An organization that routes by skill nowhere (every task's skills empty, the usual case)
// gives the planner no statistics on the skills' elements, and `skills <@ $3` then falls back
// to a selectivity of 0.5%. The planner expected the claim to match almost none of a queue's
// tasks, so it read and sorted all of them for each `next` it planned afresh (20 to 85 ms for
// a queue of 10,000 in bench:scale), instead of taking the first off the dispatch index.
//
// And where tenants differ in size, the plan pg keeps for a prepared statement expects every
// organization to hold the average number of tasks: a write that found its task only by
// joining the uid scanned all of a large organization's tasks to write one.

const ENGINES = storeEngines('tessera-dispatch-plan')
const QUEUE_TASKS = 1_000
const NEIGHBOURS = 9
const SMALL_ORGANIZATIONS = 400

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)]

/** A node as EXPLAIN names it: its type, and the index it reads if any. */
const label = (node: PlanNode) => [node['Node Type'], node['Index Name']].filter(Boolean).join(' ')

/**
 * Runs each statement, after recording what the planner makes of it: with its values, or
 * (`generic`) as the plan pg keeps for a prepared statement after five runs, made for any
 * values.
 */
function explaining(q: Queryable, plans: PlanNode[], generic = false): Queryable {
  const query = async (config: pg.QueryConfig) => {
    if (generic) {
      await q.query('SET plan_cache_mode = force_generic_plan')
    }
    const explained = await q.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (FORMAT JSON) ${config.text}`,
      config.values,
    )
    if (generic) {
      await q.query('RESET plan_cache_mode')
    }
    const plan = explained.rows[0]?.['QUERY PLAN'][0].Plan
    if (plan) {
      plans.push(plan)
    }
    return q.query(config)
  }
  // pg's query() is overloaded many ways; the store only ever calls it with a config.
  return { query } as unknown as Queryable
}

describe.each(ENGINES)("the player's statements on $name", (engine) => {
  let db: Database
  let dispose: () => Promise<void>
  let orgUid: string
  let userUid: string
  let queueUid: string

  beforeAll(async () => {
    ;({ db, dispose } = await engine.open())
    await migrate(db)
    const { organization } = await ensureOrganization(db.pool, 'Dispatch plan')
    orgUid = organization.uid
    const user = await ensureUser(db.pool, {
      orgUid,
      email: 'operator@example.com',
      name: 'Operator',
      role: 'operator',
    })
    userUid = user.uid
    const queue = await db.pool.query<{ uid: string }>(
      `INSERT INTO queues (org_uid, name, position, condition) VALUES ($1, 'Claims', 0, '{}')
       RETURNING uid`,
      [orgUid],
    )
    queueUid = queue.rows[0]?.uid as string
    const neighbours = await Promise.all(
      Array.from({ length: NEIGHBOURS }, async (_, i) => {
        const { organization } = await ensureOrganization(db.pool, `Neighbour ${i}`)
        return organization.uid
      }),
    )
    // Due dates in no particular order, rows interleaved with other organizations' (each with
    // a queue of its own): a heap as months of traffic leave it, where the dispatch index's
    // order is not the rows' order and each organization is one tenant among several.
    await db.pool.query(
      `INSERT INTO tasks (org_uid, uid, status, fields, due_at, queue_uid)
       SELECT o.uid, gen_random_uuid(), 'TODO', '{}',
         timestamptz '2026-01-01' + (i * 7919 % $3::int) * interval '1 minute',
         CASE WHEN o.uid = $1::uuid THEN $2::uuid ELSE o.queue END
       FROM generate_series(0, $3::int * ($4::int + 1) - 1) AS i
       JOIN (SELECT uid, gen_random_uuid() AS queue, row_number() OVER () - 1 AS n
             FROM unnest($5::uuid[]) AS uid) AS o ON o.n = i % ($4::int + 1)`,
      [orgUid, queueUid, QUEUE_TASKS, NEIGHBOURS, [orgUid, ...neighbours]],
    )
    // And many small tenants, so that the average organization holds a few tasks only.
    await db.pool.query(
      `WITH small AS (
         INSERT INTO organizations (name) SELECT 'Small ' || n FROM generate_series(1, $1::int) AS n
         RETURNING uid
       )
       INSERT INTO tasks (org_uid, uid, status, fields, due_at)
       SELECT small.uid, gen_random_uuid(), 'TODO', '{}', timestamptz '2026-01-01'
       FROM small, generate_series(1, 3)`,
      [SMALL_ORGANIZATIONS],
    )
    await db.pool.query('ANALYZE tasks')
  })

  afterAll(async () => {
    await db?.close()
    await dispose?.()
  })

  /** The operator's `next` claim on the queue, at a time before every due date. */
  const claimFirst = (q: Queryable) =>
    claimNext(q, {
      orgUid,
      userUid,
      skills: [],
      now: new Date('2026-01-01T00:00:00Z'),
      queue: { uid: queueUid, priority: null },
      includeSkipped: false,
    })

  it('takes the most urgent task from the dispatch index, without reading the whole queue', async () => {
    const plans: PlanNode[] = []
    const { task } = await claimFirst(explaining(db.pool, plans))
    const first = await db.pool.query<{ due_at: Date }>(
      'SELECT min(due_at) AS due_at FROM tasks WHERE org_uid = $1',
      [orgUid],
    )
    expect(task?.due_at).toEqual(first.rows[0]?.due_at)

    const [plan] = plans
    const pool = nodes(plan as PlanNode).find((node) => node['Subplan Name'] === 'CTE pool')
    const scans = nodes(pool as PlanNode).map(label)
    expect(scans).toContain('Index Scan tasks_dispatch')
    expect(scans).not.toContain('Sort')
  })

  it("writes a task through the primary key, even in a plan made for any organization's size", async () => {
    const client = await db.pool.connect()
    try {
      const { task } = await claimFirst(client)
      const plans: PlanNode[] = []
      const [written] = await updateTasks(
        explaining(client, plans, true),
        orgUid,
        [task as TaskRecord],
        [],
        userUid,
      )
      expect(written?.uid).toBe(task?.uid)
      const scans = nodes(plans[0] as PlanNode)
        .filter((node) => node['Relation Name'] === 'tasks' && node['Node Type'] !== 'ModifyTable')
        .map(label)
      expect(scans).toEqual(['Index Scan tasks_pkey'])
    } finally {
      client.release()
    }
  })
})
