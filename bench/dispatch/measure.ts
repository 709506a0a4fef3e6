import pg from 'pg'
import type { TestOperator } from '../../test/support/operator-tokens'
import { FLOOR_OPERATOR_HEADER, FLOOR_ROUTES } from '../bare-routes'
import { HttpClient } from '../http-client'
import { rawClaim, rawComplete } from './raw-claim'
import type { DispatchFixture } from './setup'
import { type DispatchStats, runCycles } from './timed-pairs'

const API = '/api/v1'

/** A phase's warm-up and window, and a pool of its own to read the WAL position on. */
type Timing = { warmupMs: number; durationMs: number; database?: pg.Pool }

/** The HTTP requests of one dispatch cycle, and who makes them. */
interface HttpCycle {
  label: string
  next: string
  complete: string
  /** Headers of one operator's requests. */
  headers: (operator: TestOperator) => Record<string, string>
  /** A request each operator makes once before the timed loop, if any. */
  start?: string
  /** The server's process, whose CPU is counted apart. */
  pid?: number
}

/** Each operator a closed loop over its own keep-alive connection: next, then complete. */
async function measureHttpCycles(
  serverUrl: string,
  fixture: DispatchFixture,
  operators: number,
  timing: Timing,
  http: HttpCycle,
): Promise<DispatchStats> {
  const clients = fixture.operators
    .slice(0, operators)
    .map((op) => new HttpClient(serverUrl, http.headers(op), 2))
  try {
    const { start } = http
    if (start) {
      await Promise.all(clients.map((client) => client.ok('POST', start, '{}')))
    }
    return await runCycles(
      http.label,
      operators,
      timing,
      {
        claim: async (worker) => {
          const body = await (clients[worker] as HttpClient).ok('POST', http.next, '{}')
          const task = (JSON.parse(body) as { task: { uid: string } | null }).task
          if (!task) {
            throw new Error('the queue ran dry: raise --tasks')
          }
          return task.uid
        },
        complete: async (worker, uid) => {
          await (clients[worker] as HttpClient).ok(
            'POST',
            http.complete,
            JSON.stringify({ task_uid: uid }),
          )
        },
      },
      { serverPid: http.pid, database: timing.database },
    )
  } finally {
    for (const client of clients) {
      client.close()
    }
  }
}

/** Names the operator by their API token, as Tessera's clients do. */
const bearer = (op: TestOperator) => ({ authorization: `Bearer ${op.token}` })

/** `POST /player/next` then `POST /player/complete`, one operator per worker. */
export function measureTessera(
  server: { url: string; pid?: number },
  fixture: DispatchFixture,
  operators: number,
  timing: Timing,
): Promise<DispatchStats> {
  return measureHttpCycles(server.url, fixture, operators, timing, {
    label: 'API  next + complete',
    pid: server.pid,
    start: `${API}/player/start`,
    next: `${API}/player/next`,
    complete: `${API}/player/complete`,
    headers: bearer,
  })
}

/** Which pair of the bare floor server's routes a floor phase plays. */
export type FloorKind = 'bare' | 'withHistory' | 'inShape' | 'inContract' | 'atOnce'

/** Names the operator to the floor, which checks no token. */
const byHeader = (op: TestOperator) => ({ [FLOOR_OPERATOR_HEADER]: op.userUid })

const FLOOR_CYCLES: Record<
  FloorKind,
  Pick<HttpCycle, 'label' | 'next' | 'complete' | 'headers'>
> = {
  bare: {
    label: 'HTTP floor next + complete',
    next: FLOOR_ROUTES.claim,
    complete: FLOOR_ROUTES.complete,
    headers: byHeader,
  },
  withHistory: {
    label: 'HTTP floor + history',
    next: FLOOR_ROUTES.claimWithHistory,
    complete: FLOOR_ROUTES.completeWithHistory,
    headers: byHeader,
  },
  inShape: {
    label: "HTTP floor in Tessera's round trips",
    next: FLOOR_ROUTES.claimInShape,
    complete: FLOOR_ROUTES.completeInShape,
    headers: byHeader,
  },
  inContract: {
    label: "HTTP floor in Tessera's round trips and contract",
    next: FLOOR_ROUTES.claimInContract,
    complete: FLOOR_ROUTES.completeInContract,
    headers: bearer,
  },
  atOnce: {
    label: 'HTTP floor in the contract, one statement per request',
    next: FLOOR_ROUTES.claimAtOnce,
    complete: FLOOR_ROUTES.completeInContract,
    headers: bearer,
  },
}

/**
 * The same two requests to the bare floor server (bench/bare-server.ts), whose routes run
 * nothing but raw statements: the raw claim and completing UPDATE (what any HTTP server on
 * this machine pays before doing any of Tessera's work), the same writing their history
 * rows, or the round trips Tessera's store makes for them: as bare routes, or answering as
 * Tessera's API must (bearer token, the whole task in each answer; contract-floor.ts); or
 * that contract kept in one statement per request, the least any design keeping it can do.
 */
export function measureFloor(
  floor: { url: string; pid: number },
  fixture: DispatchFixture,
  operators: number,
  timing: Timing,
  kind: FloorKind = 'bare',
): Promise<DispatchStats> {
  return measureHttpCycles(floor.url, fixture, operators, timing, {
    ...FLOOR_CYCLES[kind],
    pid: floor.pid,
  })
}

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
    const claim = (worker: number) =>
      rawClaim(pool, {
        orgUid: fixture.orgUid,
        queueUid: fixture.queueUid,
        userUid: (fixture.operators[worker % fixture.operators.length] as TestOperator).userUid,
      })
    return await runCycles(
      complete ? 'SQL  claim + complete' : 'SQL  claim',
      operators,
      timing,
      {
        claim,
        complete: async (_worker, uid) => {
          if (complete) {
            await rawComplete(pool, fixture.orgUid, uid)
          }
        },
      },
      { database: timing.database },
    )
  } finally {
    await pool.end()
  }
}
