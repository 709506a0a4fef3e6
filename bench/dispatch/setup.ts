import type pg from 'pg'
import { createOperators, type TestOperator } from '../../test/support/operator-tokens'
import { checkpoint } from '../checkpoint'
import type { HttpClient } from '../http-client'
import { runCounted } from '../load'
import { startProgress } from '../progress'
import { makeTask } from '../task-data'

const API = '/api/v1'
const BATCH = 1000

/** The organization the bench dispatches from. */
export interface DispatchFixture {
  orgUid: string
  queueUid: string
  operators: TestOperator[]
}

/**
 * Through the API, as an admin: one queue that takes every task, then `tasks` open tasks
 * (routed into it as they arrive); and `operators` operators with tokens of their own.
 */
export async function createFixture(
  admin: HttpClient,
  databaseUrl: string,
  tasks: number,
  operators: number,
): Promise<DispatchFixture> {
  const me = JSON.parse(await admin.ok('GET', `${API}/accounts/me`)) as {
    organization: { uid: string; name: string }
  }
  const queue = JSON.parse(
    await admin.ok('POST', `${API}/queues`, JSON.stringify({ name: 'Claims' })),
  ) as { uid: string }
  const progress = startProgress('API  load open tasks', tasks, 'tasks')
  try {
    await runCounted(
      {
        concurrency: 4,
        operations: Math.ceil(tasks / BATCH),
        unitsPerOperation: BATCH,
        onDone: () => progress.increment(BATCH),
      },
      async (index) => {
        const size = Math.min(BATCH, tasks - index * BATCH)
        const items = Array.from({ length: size }, (_, i) => ({
          ...makeTask(index * BATCH + i),
          status: 'TODO',
        }))
        await admin.ok('POST', `${API}/tasks/batch`, JSON.stringify({ items }))
      },
    )
  } finally {
    progress.stop()
  }
  return {
    orgUid: me.organization.uid,
    queueUid: queue.uid,
    operators: await createOperators(databaseUrl, me.organization.name, operators),
  }
}

/**
 * Puts every task of the organization back in the pool, unassigned and to do, then vacuums,
 * so each phase starts from the same `tasks` open tasks and a table without dead rows; then
 * checkpoints, so each starts as far from the next checkpoint: the first change to a page
 * after one writes the whole page to the WAL, which otherwise weighs on whichever phase the
 * checkpoint falls in.
 */
export async function resetQueue(pool: pg.Pool, orgUid: string): Promise<number> {
  await pool.query(
    `UPDATE tasks SET status = 'TODO', assignee_uid = NULL, assignee_updated_by = NULL,
       assigned_at = NULL, played_at = NULL, started_at = NULL, done_at = NULL,
       work_started_at = NULL, work_ms = 0, work_business_ms = 0
     WHERE org_uid = $1 AND (status <> 'TODO' OR assignee_uid IS NOT NULL)`,
    [orgUid],
  )
  await pool.query('VACUUM ANALYZE tasks')
  await checkpoint(pool)
  const open = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM tasks WHERE org_uid = $1 AND status = 'TODO' AND assignee_uid IS NULL`,
    [orgUid],
  )
  return open.rows[0]?.n ?? 0
}
