import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ApiClient } from '../support/api-client'
import { FIVE_THEN_REFUSED, fireTwelve, limitedToken, startTwo } from '../support/limited-token'
import { queryDatabase } from '../support/pg-query'
import { REDIS_URL } from '../support/requirements'
import type { ServerProcess } from '../support/server-process'
import { claimTenant, type Tenant } from '../support/tenants'

// Starting server processes takes seconds when idle, far more on a loaded machine; the limit
// only stops a hung test.
const SLOW = 5 * 60_000

// Needs a Redis (vitest.config.ts leaves this file out, and says so, where none answers).
describe.each(inject('engines').filter((e) => e.databaseUrl))(
  'rate limits counted in Redis by several processes on $name',
  (engine) => {
    const databaseUrl = engine.databaseUrl as string
    let tenant: Tenant
    // Every start, settled or not: a test that times out mid-start must not orphan a server.
    const starting: Promise<ServerProcess>[] = []
    beforeAll(() => {
      tenant = claimTenant(engine)
    })
    afterAll(async () => {
      const started = await Promise.allSettled(starting)
      await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : null)))
    })

    it('counts in Redis when REDIS_URL is set, and not in the database', {
      timeout: SLOW,
    }, async () => {
      const [a, b] = await startTwo(databaseUrl, starting, { REDIS_URL })
      const token = await limitedToken(tenant)
      const clients = [a, b].map((s) => new ApiClient((s as ServerProcess).url, token.raw))
      // Redis windows start at a key's first hit, so a fresh token has a whole minute.
      expect(await fireTwelve(clients)).toEqual(FIVE_THEN_REFUSED)
      const redis = new Redis(REDIS_URL)
      try {
        expect(await redis.get(`tessera-rate-limit:token:${token.uid}`)).toBe('12')
      } finally {
        redis.disconnect()
      }
      const rows = await queryDatabase(
        databaseUrl,
        'SELECT 1 FROM rate_limit_hits WHERE key = $1',
        [`token:${token.uid}`],
      )
      expect(rows).toEqual([])
    })
  },
)
