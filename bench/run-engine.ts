import { startBareServer } from './bare'
import { FLOOR_ROUTES, type FloorDatabase } from './bare-routes'
import { type EngineTarget, openDirect } from './direct-db'
import { createToken, prepareEngine, profilerEnv, withServer } from './engine'
import { explainFilter } from './explain'
import { HttpClient } from './http-client'
import type { TimedLoad } from './load'
import {
  apiBatchIngest,
  apiFilter,
  apiFilterTotal,
  apiGetByUid,
  apiSingleCreate,
} from './measure-api'
import { rawBatchIngest, rawFilter, rawGetByUid, rawSingleInsert } from './measure-raw'
import type { BenchOptions } from './options'
import { createBaselineTable, dropBaselineTable, querySettings, queryVersion } from './raw-sql'
import type { PhaseStats } from './stats'
import { makeTask, toRow } from './task-data'

/** Tessera's figure for one metric, and its baselines. */
interface Pair {
  api: PhaseStats
  raw: PhaseStats
}

/** Everything measured on one engine. */
export interface EngineResult {
  engine: EngineTarget['engine']
  version: string
  tasksLoaded: number
  filterMatches: number
  ingest: Pair
  create: Pair & {
    bare: PhaseStats
    /** SQL: the store's row and history in one statement, into Tessera's tables. */
    rawWithHistory: PhaseStats
  }
  /** The same requests to a bare Fastify process running only the raw statements. */
  floor: {
    create: PhaseStats
    /** The single create with its history in the same statement, as the store writes it. */
    createWithHistory: PhaseStats
    createAfterRoundTrip: PhaseStats
    ingest: PhaseStats
    /** The same batches, each row's history entry written by the same statement. */
    ingestWithHistory: PhaseStats
  }
  get: Pair
  filter: Pair
  /** The filter with one request at a time: its latency without queueing. */
  filterAlone: Pair
  /** Server settings that move these figures (durability, statistics, memory). */
  settings: string
  /** EXPLAIN ANALYZE of the filter's two statements, at the end of the baselines. */
  plans: string
}

/** One engine's run: where its data is, and what every phase needs. */
interface Run {
  target: EngineTarget
  options: BenchOptions
  load: TimedLoad
  /** The same timed phase with a single request in flight. */
  alone: TimedLoad
  token: string
  env: Record<string, string | undefined>
  /** Batch bodies for the API and row sets for the SQL baseline, made before timing. */
  batches: { api: string[]; raw: string[] }
}

function makeBatches(options: BenchOptions): Run['batches'] {
  const now = new Date().toISOString()
  const api: string[] = []
  const raw: string[] = []
  for (let first = 0; first < options.tasks; first += options.batchSize) {
    const size = Math.min(options.batchSize, options.tasks - first)
    const bodies = Array.from({ length: size }, (_, i) => makeTask(first + i))
    api.push(JSON.stringify({ items: bodies }))
    raw.push(JSON.stringify(bodies.map((body) => toRow(body, now))))
  }
  return { api, raw }
}

/** Load, then read, through the API. */
async function apiPhases(run: Run) {
  return withServer(run.target, run.env, async (server) => {
    const client = new HttpClient(server.url, { authorization: `Bearer ${run.token}` })
    try {
      const me = JSON.parse(await client.ok('GET', '/api/v1/accounts/me')) as {
        organization: { uid: string }
      }
      const { batchSize, batchConcurrency } = run.options
      const ingest = await apiBatchIngest(client, run.batches.api, batchSize, batchConcurrency)
      return {
        orgUid: me.organization.uid,
        ingest,
        filterMatches: await apiFilterTotal(client),
        get: await apiGetByUid(client, ingest.uids, run.load),
        filter: await apiFilter(client, run.load),
        filterAlone: await apiFilter(client, run.alone),
      }
    } finally {
      client.close()
    }
  })
}

/** The same work as raw SQL, on the same database, with the server stopped. */
async function baselinePhases(run: Run, orgUid: string, uids: string[]) {
  const { batchSize, batchConcurrency, concurrency } = run.options
  const direct = await openDirect(run.target, Math.max(concurrency, batchConcurrency))
  try {
    const { pool } = direct
    await createBaselineTable(pool)
    const ingest = await rawBatchIngest(pool, orgUid, run.batches.raw, batchSize, batchConcurrency)
    const get = await rawGetByUid(pool, orgUid, uids, run.load)
    const filter = await rawFilter(pool, orgUid, run.load)
    const filterAlone = await rawFilter(pool, orgUid, run.alone)
    const create = await rawSingleInsert(pool, orgUid, run.load)
    const createWithHistory = await rawSingleInsert(pool, orgUid, run.load, true)
    const plans = await explainFilter(pool, orgUid)
    await dropBaselineTable(pool)
    return {
      ingest,
      get,
      filter,
      filterAlone,
      create,
      createWithHistory,
      plans,
      version: await queryVersion(pool),
      settings: await querySettings(pool),
    }
  } finally {
    await direct.close()
  }
}

/** The floor server's database: the one Tessera's server ran on, now stopped for it on PGlite. */
function floorDatabase(target: EngineTarget, orgUid: string): FloorDatabase {
  return target.engine === 'postgres'
    ? { databaseUrl: target.databaseUrl, orgUid }
    : { dataDir: target.dataDir, orgUid }
}

/**
 * The HTTP + SQL floor: single creates and the same batches, to a bare Fastify process whose
 * routes run only the raw INSERTs. On PGlite that process opens the data directory itself,
 * as Tessera's server does, so it runs with the server stopped. It runs last, on a table
 * already holding the API's tasks, so if anything it is understated.
 */
async function floorPhases(run: Run, orgUid: string, bodies: string[]) {
  const floor = await startBareServer(floorDatabase(run.target, orgUid))
  const client = new HttpClient(floor.url)
  try {
    const { batchSize, batchConcurrency } = run.options
    return {
      create: await apiSingleCreate(client, bodies, run.load, 'HTTP+SQL floor single create'),
      createWithHistory: await apiSingleCreate(
        client,
        bodies,
        run.load,
        'HTTP+SQL floor single create with history',
        FLOOR_ROUTES.createWithHistory,
      ),
      createAfterRoundTrip: await apiSingleCreate(
        client,
        bodies,
        run.load,
        'HTTP+SQL floor, 2 statements',
        FLOOR_ROUTES.createAfterRoundTrip,
      ),
      // With history first: the plain floor then writes into the larger table, so the
      // share the history leaves (the batch target's ceiling) is not understated.
      ingestWithHistory: (
        await apiBatchIngest(
          client,
          run.batches.api,
          batchSize,
          batchConcurrency,
          'HTTP+SQL floor batch ingest with history',
          FLOOR_ROUTES.batchWithHistory,
        )
      ).stats,
      ingest: (
        await apiBatchIngest(
          client,
          run.batches.api,
          batchSize,
          batchConcurrency,
          'HTTP+SQL floor batch ingest',
        )
      ).stats,
    }
  } finally {
    client.close()
    await floor.stop()
  }
}

/** Single create on a restarted server, then the same requests to a bare Fastify server. */
async function createPhases(run: Run) {
  const bodies = Array.from({ length: 1000 }, (_, n) => JSON.stringify(makeTask(n)))
  const api = await withServer(run.target, run.env, async (server) => {
    const client = new HttpClient(server.url, { authorization: `Bearer ${run.token}` })
    try {
      return await apiSingleCreate(client, bodies, run.load)
    } finally {
      client.close()
    }
  })
  const bare = await startBareServer()
  const client = new HttpClient(bare.url)
  try {
    const bareStats = await apiSingleCreate(client, bodies, run.load, 'HTTP bare Fastify POST')
    return { api, bare: bareStats, bodies }
  } finally {
    client.close()
    await bare.stop()
  }
}

/**
 * Measures one engine. The API phases run first with the server up; then the server stops
 * and the baselines open the same database directly (PGlite allows one process per data
 * directory), so their reads see exactly the data the API read. Single create runs last, on
 * a restarted server, so that the reads before it saw exactly the loaded tasks.
 */
export async function runEngine(
  engine: EngineTarget['engine'],
  options: BenchOptions,
): Promise<EngineResult> {
  const prepared = await prepareEngine(engine, options.databaseUrl, options.nice)
  try {
    const run: Run = {
      target: prepared.target,
      options,
      load: {
        concurrency: options.concurrency,
        warmupMs: options.warmupMs,
        durationMs: options.durationMs,
      },
      alone: { concurrency: 1, warmupMs: options.warmupMs, durationMs: options.durationMs },
      token: await createToken(prepared.target),
      env: profilerEnv(options.cpuProfDir),
      batches: makeBatches(options),
    }
    const api = await apiPhases(run)
    const raw = await baselinePhases(run, api.orgUid, api.ingest.uids)
    const create = await createPhases(run)
    const floor = await floorPhases(run, api.orgUid, create.bodies)
    return {
      engine,
      version: raw.version,
      tasksLoaded: api.ingest.uids.length,
      filterMatches: api.filterMatches,
      ingest: { api: api.ingest.stats, raw: raw.ingest },
      create: {
        api: create.api,
        raw: raw.create,
        bare: create.bare,
        rawWithHistory: raw.createWithHistory,
      },
      floor,
      get: { api: api.get, raw: raw.get },
      filter: { api: api.filter, raw: raw.filter },
      filterAlone: { api: api.filterAlone, raw: raw.filterAlone },
      settings: raw.settings,
      plans: raw.plans,
    }
  } finally {
    await prepared.dispose()
  }
}
