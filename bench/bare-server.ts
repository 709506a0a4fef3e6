import { availableParallelism } from 'node:os'
import Fastify, { type FastifyInstance } from 'fastify'
import pg from 'pg'
import {
  FLOOR_DATABASE_ENV,
  FLOOR_OPERATOR_HEADER,
  FLOOR_ROUTES,
  type FloorDatabase,
} from './bare-routes'
import { type DirectDb, openDirect } from './direct-db'
import { openContractFloor } from './dispatch/contract-floor'
import {
  rawClaim,
  rawClaimAtOnce,
  rawClaimInShape,
  rawClaimWithHistory,
  rawComplete,
  rawCompleteInShape,
  rawCompleteWithHistory,
} from './dispatch/raw-claim'
import {
  insertBatch,
  insertBatchWithHistory,
  insertOne,
  insertWithHistory,
  selectByUid,
} from './raw-sql'
import { type TaskBody, toRow } from './task-data'

// The floors under Tessera's figures: a Fastify server with nothing but routes, run as its
// own process like the real server, so that both share the CPUs with the load generator in
// the same way. Prints its URL as the first line on stdout.
//  - HTTP floor (no database): the task routes answer a fixed task.
//  - HTTP + SQL floor (FLOOR_DATABASE_ENV set): each request runs its baseline's raw
//    statement through `pg` and answers what it returned. No token, validation, rules,
//    history or log: the best any HTTP server on this machine could do.

const TASK = {
  uid: '6f1c2a9e-3b7d-4e2f-9a51-0c8d7e6b5a43',
  status: 'TODO',
  archived: false,
  due_at: '2026-01-01T00:00:00.000Z',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  started_at: null,
  done_at: null,
  snooze_expires_at: null,
  fields: {
    title: 'Review claim CLM-00100000',
    url: 'https://backoffice.example.com/claims/CLM-00100000',
    country: 'FR',
    claim_id: 'CLM-00100000',
    amount: 1234.56,
  },
  queue_uid: null,
  assignee_uid: null,
  skills: [],
  parent_uid: null,
}

/**
 * The floor's connection to its database: on PostgreSQL a pipelined pool, as Tessera's; on
 * PGlite the engine in this process's one thread (Tessera gives it a thread of its own).
 */
async function openFloorDatabase(floor: FloorDatabase): Promise<DirectDb> {
  if ('dataDir' in floor) {
    return openDirect({ engine: 'pglite', dataDir: floor.dataDir }, 1)
  }
  // Pipelined as Tessera's pool is: a transaction's BEGIN and COMMIT can share a round trip.
  // As many connections as Tessera keeps by default (defaultDbPoolSize in
  // src/config/serve-config.ts): twice the CPUs plus 2, at least 4.
  const max = Math.max(4, 2 * availableParallelism() + 2)
  const pool = new pg.Pool({ connectionString: floor.databaseUrl, max, pipeline: true })
  return { pool, close: () => pool.end() }
}

/** The SQL floor's routes, on the API's own paths where the benchmark reuses its client. */
async function floorRoutes(
  app: FastifyInstance,
  floor: FloorDatabase,
  pool: pg.Pool,
): Promise<void> {
  app.post<{ Body: TaskBody }>('/api/v1/tasks', (request) =>
    insertOne(pool, floor.orgUid, toRow(request.body), 'tasks'),
  )
  app.get<{ Params: { uid: string } }>('/api/v1/tasks/:uid', (request) =>
    selectByUid(pool, floor.orgUid, request.params.uid),
  )
  app.post<{ Body: TaskBody }>(FLOOR_ROUTES.createAfterRoundTrip, async (request) => {
    await pool.query({ name: 'bench.roundTrip', text: 'SELECT 1' })
    return insertOne(pool, floor.orgUid, toRow(request.body), 'tasks')
  })
  app.post<{ Body: TaskBody }>(FLOOR_ROUTES.createWithHistory, (request) =>
    insertWithHistory(pool, floor.createOrgUid ?? floor.orgUid, toRow(request.body)),
  )
  const batches = [
    ['/api/v1/tasks/batch', (rows: string) => insertBatch(pool, floor.orgUid, rows, 'tasks')],
    [
      FLOOR_ROUTES.batchWithHistory,
      (rows: string) => insertBatchWithHistory(pool, floor.orgUid, rows),
    ],
  ] as const
  for (const [route, insert] of batches) {
    app.post<{ Body: { items: TaskBody[] } }>(route, async (request) => {
      const now = new Date().toISOString()
      const written = await insert(
        JSON.stringify(request.body.items.map((body) => toRow(body, now))),
      )
      return { items: written.map((task, index) => ({ index, status: 200, uid: task.uid, task })) }
    })
  }
  const claimInput = (userUid: string) => ({
    orgUid: floor.orgUid,
    queueUid: floor.queueUid ?? '',
    userUid,
  })
  const claims = [
    [FLOOR_ROUTES.claim, rawClaim],
    [FLOOR_ROUTES.claimWithHistory, rawClaimWithHistory],
    [
      FLOOR_ROUTES.claimInShape,
      async (...args: Parameters<typeof rawClaim>) => (await rawClaimInShape(...args)).uid,
    ],
  ] as const
  for (const [route, claim] of claims) {
    app.post(route, async (request) => ({
      task: { uid: await claim(pool, claimInput(String(request.headers[FLOOR_OPERATOR_HEADER]))) },
    }))
  }
  const completions = [
    [FLOOR_ROUTES.complete, rawComplete],
    [FLOOR_ROUTES.completeWithHistory, rawCompleteWithHistory],
    [FLOOR_ROUTES.completeInShape, rawCompleteInShape],
  ] as const
  for (const [route, complete] of completions) {
    app.post<{ Body: { task_uid: string } }>(route, async (request) => {
      await complete(pool, floor.orgUid, request.body.task_uid)
      return { uid: request.body.task_uid, status: 'DONE' }
    })
  }
  // Dispatch only (a queue to claim from): the contract floor reads its operators' tokens,
  // which the dispatch fixture has made by the time this server starts.
  if (!floor.queueUid) {
    return
  }
  const contract = await openContractFloor(pool, floor.orgUid)
  // Both claims answer the contract: in Tessera's two round trips, or in one statement.
  const contractClaims = [
    [FLOOR_ROUTES.claimInContract, rawClaimInShape],
    [FLOOR_ROUTES.claimAtOnce, rawClaimAtOnce],
  ] as const
  for (const [route, claim] of contractClaims) {
    app.post(route, async (request, reply) => {
      const userUid = contract.operatorOf(request.headers.authorization)
      if (!userUid) {
        return reply.code(401).send({ message: 'no such token' })
      }
      return { task: await claim(pool, claimInput(userUid), contract.shape) }
    })
  }
  app.post<{ Body: { task_uid: string } }>(
    FLOOR_ROUTES.completeInContract,
    async (request, reply) => {
      if (!contract.operatorOf(request.headers.authorization)) {
        return reply.code(401).send({ message: 'no such token' })
      }
      return rawCompleteInShape(pool, floor.orgUid, request.body.task_uid, contract.shape)
    },
  )
}

const floorJson = process.env[FLOOR_DATABASE_ENV]
const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 })
const floor = floorJson ? (JSON.parse(floorJson) as FloorDatabase) : null
const database = floor ? await openFloorDatabase(floor) : null
if (floor && database) {
  await floorRoutes(app, floor, database.pool)
} else {
  app.post('/api/v1/tasks', async () => TASK)
  app.get('/api/v1/tasks/:uid', async () => TASK)
}
const url = await app.listen({ port: 0, host: '127.0.0.1' })
process.stdout.write(`${url}\n`)
process.on('SIGTERM', () => {
  app
    .close()
    .then(() => database?.close())
    .then(() => process.exit(0))
})
