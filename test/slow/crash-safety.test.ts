import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { amcheck } from '@electric-sql/pglite/contrib/amcheck'
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { DatabaseLocation } from '../../src/store/database'
import { ApiClient } from '../support/api-client'
import { checkDatabaseIntegrity, type RunQuery } from '../support/database-integrity'
import { embeddedDatabaseUrl } from '../support/embedded-url'
import { createFreshInstance, type FreshInstance } from '../support/fresh-instance'
import { type Ledger, startIngestLoad } from '../support/ingest-load'
import { checkLedgerAgainstRows } from '../support/ledger-checks'
import { type SeededOrganization, seedOrganization } from '../support/seed-organization'
import { type ServerProcess, startServer } from '../support/server-process'

/** kill -9 / restart cycles per engine. */
const CYCLES = 2
/** Acknowledged requests before each kill: "some hundreds", enough to catch many in flight. */
const ACKS_BEFORE_KILL = 200
const OPERATORS = 4
/** Tasks the players work through; more than they can finish during the test. */
const PLAY_TASKS = 500

const playQueue = {
  name: 'Play',
  condition: { combinator: 'and', conditions: [{ field: 'kind', operator: '==', value: 'play' }] },
}

/** Every acknowledged create and upsert, read back through the API. */
async function checkThroughApi(client: ApiClient, ledger: Ledger): Promise<string[]> {
  const problems: string[] = []
  const expectations: [string, (fields: Record<string, unknown>) => boolean, string][] = [
    ...[...ledger.created].map(
      ([marker, uid]): [string, (f: Record<string, unknown>) => boolean, string] => [
        uid,
        (fields) => fields.marker === marker,
        `marker ${marker}`,
      ],
    ),
    ...[...ledger.upserts]
      .filter(([, versions]) => versions.acked > 0)
      .map(([uid, { acked, sent }]): [string, (f: Record<string, unknown>) => boolean, string] => [
        uid,
        (fields) => Number(fields.version) >= acked && Number(fields.version) <= sent,
        `version ${acked}..${sent}`,
      ]),
  ]
  // A few requests at a time: a slow, shared machine, and PGlite serves one query at a time.
  for (let start = 0; start < expectations.length; start += 8) {
    await Promise.all(
      expectations.slice(start, start + 8).map(async ([uid, holds, expected]) => {
        const res = await client.get(`tasks/${uid}`)
        if (res.status !== 200 || !holds(res.body.fields)) {
          problems.push(
            `GET ${uid}: ${res.status} ${JSON.stringify(res.body)}, expected ${expected}`,
          )
        }
      }),
    )
  }
  return problems
}

/** Runs `work` with a query function on a PGlite directory no server holds any more. */
async function withPgliteDirectory<T>(dataDir: string, work: (query: RunQuery) => Promise<T>) {
  // btree_gin: the tasks' field and tag indexes (migration 0024) use its operator classes.
  const lite = await PGlite.create({ dataDir, extensions: { amcheck, btree_gin } })
  try {
    return await work(
      async (sql, params) => (await lite.query<Record<string, unknown>>(sql, params)).rows,
    )
  } finally {
    await lite.close()
  }
}

/** Runs `work` with a query function on a PostgreSQL database, over one connection. */
async function withPostgres<T>(databaseUrl: string, work: (query: RunQuery) => Promise<T>) {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    return await work(async (sql, params) => (await client.query(sql, params)).rows)
  } finally {
    await client.end()
  }
}

describe.each(inject('engines').map((engine) => engine.name))('crash safety on %s', (engine) => {
  let fresh: FreshInstance | undefined
  let location: DatabaseLocation
  let serveArgs: string[]
  let server: ServerProcess | undefined

  beforeAll(async () => {
    fresh = await createFreshInstance(engine, process.env.TEST_DATABASE_URL, 'crash')
    location = fresh.location
    serveArgs = [...fresh.args, '--rate-limit', '1000000']
  })

  afterAll(async () => {
    await server?.stop({ kill: true })
    await fresh?.drop()
  })

  /** Kills the server with SIGKILL while the load runs, and starts it again on the same data. */
  const killAndRestart = async (): Promise<ServerProcess> => {
    await server?.stop({ kill: true })
    server = await startServer(serveArgs)
    if ('dataDir' in location) {
      // The dead process's lock on the directory was taken over by the new one.
      expect(readFileSync(join(location.dataDir, 'tessera.pid'), 'utf8')).toBe(
        String(server.process.pid),
      )
    }
    return server
  }

  it(`loses no acknowledged write through ${CYCLES} kill -9s mid-ingestion, and the database passes amcheck`, {
    timeout: 600_000,
  }, async () => {
    const org: SeededOrganization = await seedOrganization(location, 'crash-org', OPERATORS)
    server = await startServer(serveArgs)
    const admin = new ApiClient(server.url, org.adminToken)
    expect((await admin.post('queues', playQueue)).status).toBe(200)
    const playItems = Array.from({ length: PLAY_TASKS }, (_, i) => ({
      fields: { title: `play ${i}`, kind: 'play' },
    }))
    expect((await admin.post('tasks/batch', { items: playItems })).status).toBe(200)

    const target = { baseUrl: server.url }
    const load = startIngestLoad(target, { adminToken: org.adminToken, operators: org.operators })
    try {
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        await load.acknowledgeMore(ACKS_BEFORE_KILL)
        target.baseUrl = (await killAndRestart()).url
      }
      // The restarted server takes the load again before the load stops.
      await load.acknowledgeMore(50)
    } finally {
      await load.stop()
    }
    const { ledger } = load
    expect(ledger.unexpected).toEqual([])
    // The kills did land mid-flight: some requests were sent and never answered.
    expect(ledger.cut).toBeGreaterThan(0)
    // Every kind of write was acknowledged, so every check below has something to check.
    expect(ledger.createdWithClientUid.size).toBeGreaterThan(0)
    expect(ledger.created.size).toBeGreaterThan(ledger.createdWithClientUid.size)
    expect([...ledger.upserts.values()].some((v) => v.acked > 1)).toBe(true)
    expect(ledger.completed.size).toBeGreaterThan(0)

    const live = server as ServerProcess
    expect(await checkThroughApi(new ApiClient(live.url, org.adminToken), ledger)).toEqual([])
    const onRows = async (query: RunQuery) => ({
      broken: await checkLedgerAgainstRows(query, org.orgUid, ledger),
      integrity: await checkDatabaseIntegrity(query),
    })
    let found: Awaited<ReturnType<typeof onRows>>
    if ('databaseUrl' in location) {
      found = await withPostgres(location.databaseUrl, onRows)
    } else if (location.engine === 'pglite') {
      await live.stop()
      server = undefined
      found = await withPgliteDirectory(location.dataDir, onRows)
    } else {
      // The embedded PostgreSQL is checked through its socket while the server runs.
      found = await withPostgres(embeddedDatabaseUrl(location.dataDir), onRows)
    }
    expect(found.broken).toEqual([])
    expect(found.integrity.problems).toEqual([])
    expect(found.integrity.indexesChecked).toBeGreaterThan(10)
    expect(found.integrity.tablesChecked).toBeGreaterThan(5)
  })
})
