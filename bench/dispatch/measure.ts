import pg from 'pg'
import { HttpClient } from '../http-client'
import type { DispatchFixture } from './setup'
import { type DispatchStats, runCycles } from './timed-pairs'

const API = '/api/v1'

type Timing = { warmupMs: number; durationMs: number }

/** `POST /player/next` then `POST /player/complete`, one operator per worker. */
export async function measureTessera(
  serverUrl: string,
  fixture: DispatchFixture,
  operators: number,
  timing: Timing,
): Promise<DispatchStats> {
  const clients = fixture.operators
    .slice(0, operators)
    .map((op) => new HttpClient(serverUrl, { authorization: `Bearer ${op.token}` }, 2))
  try {
    await Promise.all(clients.map((client) => client.ok('POST', `${API}/player/start`, '{}')))
    return await runCycles('API  next + complete', operators, timing, {
      claim: async (worker) => {
        const body = await (clients[worker] as HttpClient).ok('POST', `${API}/player/next`, '{}')
        const task = (JSON.parse(body) as { task: { uid: string } | null }).task
        if (!task) {
          throw new Error('the queue ran dry: raise --tasks')
        }
        return task.uid
      },
      complete: async (worker, uid) => {
        await (clients[worker] as HttpClient).ok(
          'POST',
          `${API}/player/complete`,
          JSON.stringify({ task_uid: uid }),
        )
      },
    })
  } finally {
    for (const client of clients) {
      client.close()
    }
  }
}

// The claim of ../shared/reference/storage-bench.md, on Tessera's table and its dispatch
// index: one statement, FOR UPDATE SKIP LOCKED, autocommit.
// A queue's default order (SLA breach, due date, age), as its dispatch index sorts it.
const DEFAULT_ORDER = 't.sla_breach_at ASC NULLS LAST, t.due_at ASC, t.created_at ASC, t.uid ASC'

const RAW_CLAIM = `UPDATE tasks SET status = 'STARTED', assignee_uid = $3, started_at = now()
  WHERE org_uid = $1 AND uid = (
    SELECT t.uid FROM tasks t
    WHERE t.org_uid = $1 AND t.queue_uid = $2 AND t.status = 'TODO' AND t.assignee_uid IS NULL
      AND NOT t.archived
    ORDER BY ${DEFAULT_ORDER}
    LIMIT 1 FOR UPDATE SKIP LOCKED)
  RETURNING uid`

const RAW_COMPLETE = `UPDATE tasks SET status = 'DONE', done_at = now()
  WHERE org_uid = $1 AND uid = $2`

/**
 * The raw claim through `pg`, one connection per operator; with `complete`, each claim is
 * followed by the raw completing UPDATE, the like-for-like floor of `next` + `complete`.
 */
export async function measureRaw(
  databaseUrl: string,
  fixture: DispatchFixture,
  operators: number,
  timing: Timing,
  complete: boolean,
): Promise<DispatchStats> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: operators })
  try {
    const claim = async (worker: number) => {
      const operator = fixture.operators[worker % fixture.operators.length]
      const result = await pool.query<{ uid: string }>({
        name: 'bench.rawClaim',
        text: RAW_CLAIM,
        values: [fixture.orgUid, fixture.queueUid, operator?.userUid],
      })
      const uid = result.rows[0]?.uid
      if (!uid) {
        throw new Error('the queue ran dry: raise --tasks')
      }
      return uid
    }
    return await runCycles(complete ? 'SQL  claim + complete' : 'SQL  claim', operators, timing, {
      claim,
      complete: async (_worker, uid) => {
        if (complete) {
          await pool.query({
            name: 'bench.rawComplete',
            text: RAW_COMPLETE,
            values: [fixture.orgUid, uid],
          })
        }
      },
    })
  } finally {
    await pool.end()
  }
}
