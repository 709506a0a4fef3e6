import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ApiClient } from '../support/api-client'
import {
  type Cluster,
  CREATED,
  HAMMERED,
  LIMIT,
  type LoadResult,
  runMixedLoad,
  startServers,
} from '../support/cluster-load'
import { misdispatchedTasks } from '../support/dispatch-ledger'
import { LiveStream } from '../support/live-stream'
import { createOperators } from '../support/operator-tokens'
import { queryDatabase } from '../support/pg-query'
import { awaitWindowRoom } from '../support/rate-window'
import { REDIS_URL } from '../support/requirements'
import type { ServerProcess } from '../support/server-process'
import { claimTenant } from '../support/tenants'

/** Tasks in the queue before the load starts (more are created during it). */
const SEEDED = 150
const OPERATORS = 6
// Starting three servers takes seconds when idle, far more on a loaded machine, and the PG
// store may have to wait up to half a minute for a fresh rate-limit window.
const SLOW = 5 * 60_000

const stores = [
  { store: 'PostgreSQL', env: { REDIS_URL: undefined } },
  { store: 'Redis', env: { REDIS_URL } },
]

// Several processes share one database only on PostgreSQL: PGlite belongs to its one server.
// Both variants read Redis (vitest.config.ts leaves this file out, and says so, without one).
describe.each(inject('engines').filter((e) => e.databaseUrl))(
  'three server processes on one $name database',
  (engine) => {
    const databaseUrl = engine.databaseUrl as string

    describe.each(stores)('with rate-limit counters in $store', ({ store, env }) => {
      // Every start, settled or not: a hook that times out mid-start must not orphan a server.
      const starting: Promise<ServerProcess>[] = []
      const streams: LiveStream[] = []
      let cluster: Cluster
      let limitedUid: string
      let result: LoadResult

      beforeAll(async () => {
        const tenant = claimTenant(engine)
        const [servers, operators] = await Promise.all([
          startServers(databaseUrl, env, starting),
          createOperators(databaseUrl, tenant.orgName, OPERATORS),
        ])
        const token = await tenant.as.admin.post('tokens', {
          name: `limited ${randomBytes(4).toString('hex')}`,
          role: 'viewer',
          rate_limit_per_minute: LIMIT,
        })
        expect(token.status, token.text).toBe(200)
        limitedUid = token.body.uid
        cluster = { servers, tenant, operators, limitedToken: token.body.token }
        expect((await tenant.as.admin.post('queues', { name: 'Everything' })).status).toBe(200)
        const items = Array.from({ length: SEEDED }, (_, i) => ({
          fields: { title: `seeded ${i}`, country: 'FR' },
        }))
        expect((await tenant.api.post('tasks/batch', { items })).status).toBe(200)
        for (const server of servers) {
          streams.push(await LiveStream.open(server.url, tenant.tokens.viewer))
        }
        if (store === 'PostgreSQL') {
          // Database windows are aligned on wall-clock minutes: the whole load must fit in one.
          const probe = new ApiClient(servers[0]?.url as string, tenant.tokens.viewer)
          await awaitWindowRoom(() => probe.get('accounts/me'), 30)
        }
        result = await runMixedLoad(cluster, databaseUrl)
      }, SLOW)

      afterAll(async () => {
        for (const stream of streams) {
          stream.close()
        }
        // Stopped here only if a test failed before the last one stopped them.
        const started = await Promise.allSettled(starting)
        await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : null)))
      })

      it('answers every request of the load as it should', () => {
        expect(result.incidents).toEqual([])
        expect(result.created).toHaveLength(CREATED)
      })

      it('admits one token’s limit once between the three processes, then 429 with Retry-After', async () => {
        const statuses = result.limited.map((res) => res.status)
        expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT)
        const refused = result.limited.filter((res) => res.status !== 200)
        expect(refused).toHaveLength(HAMMERED - LIMIT)
        for (const res of refused) {
          expect(res.status).toBe(429)
          expect(res.body.error.code).toBe('rate_limited')
          const retryAfter = Number(res.headers.get('retry-after'))
          expect(Number.isInteger(retryAfter) && retryAfter >= 0 && retryAfter <= 60).toBe(true)
          expect(res.headers.get('ratelimit-remaining')).toBe('0')
        }
        // Every request was counted in the one shared place, and only there.
        const rows = await queryDatabase<{ hits: number }>(
          databaseUrl,
          'SELECT hits FROM rate_limit_hits WHERE key = $1',
          [`token:${limitedUid}`],
        )
        const redis = new Redis(REDIS_URL)
        try {
          const counted = await redis.get(`tessera-rate-limit:token:${limitedUid}`)
          if (store === 'Redis') {
            expect(counted).toBe(String(HAMMERED))
            expect(rows).toEqual([])
          } else {
            expect(counted).toBeNull()
            expect(rows).toEqual([{ hits: HAMMERED }])
          }
        } finally {
          redis.disconnect()
        }
      })

      it('hands every task to exactly one operator, loses none, never two started at once', async () => {
        const all = result.handedOut.flat()
        expect(all).toHaveLength(SEEDED + CREATED)
        expect(new Set(all).size).toBe(SEEDED + CREATED)
        expect(result.startedChecks).toBeGreaterThan(0)
        expect(result.doubleStarts).toEqual([])
        const ledger = await misdispatchedTasks(
          databaseUrl,
          cluster.tenant.orgName,
          result.handedOut,
          cluster.operators,
        )
        expect(ledger.total).toBe(SEEDED + CREATED)
        expect(ledger.wrong).toEqual([])
      })

      it('streams every change to the live clients of every process, whichever process made it', async () => {
        const createdUids = result.created.map((c) => c.uid).sort()
        const doneUids = result.handedOut.flat().sort()
        // NOTIFY is delivered after commit, asynchronously: wait for the last ones to arrive.
        for (const stream of streams) {
          await expect
            .poll(() => [...stream.uidsOf('completed')].sort(), { timeout: 60_000, interval: 200 })
            .toEqual(doneUids)
          expect([...stream.uidsOf('created')].sort()).toEqual(createdUids)
        }
        // Each stream got changes made through the two other processes, and nothing else.
        const ours = new Set([...doneUids, ...createdUids])
        for (const stream of streams) {
          const stray = stream.events.flatMap((c) => c.task_uids).filter((uid) => !ours.has(uid))
          expect(stray).toEqual([])
        }
      })

      it('stops on SIGTERM while live clients are connected, ending their streams', async () => {
        // A hung shutdown fails this test by its timeout.
        await Promise.all(cluster.servers.map((server) => server.stop()))
        expect(cluster.servers.map((server) => server.process.exitCode)).toEqual([0, 0, 0])
        await expect.poll(() => streams.map((stream) => stream.ended)).toEqual([true, true, true])
      })
    })
  },
)

describe.each(inject('engines').filter((e) => e.databaseUrl))(
  'the health of one $name database shared by several processes',
  (engine) => {
    it('tells how long an open transaction has held back vacuum', async () => {
      const health = new ApiClient(engine.baseUrl, null)
      const seconds = async () => {
        const res = await health.get('health')
        expect(res.status).toBe(200)
        return res.body.oldest_transaction_seconds as number
      }
      expect(await seconds()).toBeGreaterThanOrEqual(0)
      // Another session — a forgotten psql, a long report — opens a transaction and idles.
      const holder = new pg.Client({ connectionString: engine.databaseUrl })
      await holder.connect()
      try {
        await holder.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
        await holder.query('SELECT txid_current()')
        await expect.poll(seconds, { timeout: 30_000, interval: 500 }).toBeGreaterThanOrEqual(3)
      } finally {
        await holder.end()
      }
    })
  },
)
