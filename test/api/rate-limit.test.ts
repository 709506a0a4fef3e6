import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ApiClient, type ApiResponse } from '../support/api-client'
import {
  FIVE_THEN_REFUSED,
  fireTwelve,
  LIMIT,
  limitedToken,
  startTwo,
} from '../support/limited-token'
import { queryDatabase } from '../support/pg-query'
import { awaitWindowRoom } from '../support/rate-window'
import type { ServerProcess } from '../support/server-process'
import { claimTenant, type Tenant } from '../support/tenants'

// Starting server processes takes seconds when idle, far more on a loaded machine; the limit
// only stops a hung test.
const SLOW = 5 * 60_000

function expectRateLimited(res: ApiResponse) {
  expect(res.status).toBe(429)
  expect(res.body).toEqual({
    error: { code: 'rate_limited', message: expect.any(String), request_id: expect.any(String) },
  })
  const retryAfter = Number(res.headers.get('retry-after'))
  expect(Number.isInteger(retryAfter) && retryAfter >= 0 && retryAfter <= 60).toBe(true)
  expect(res.headers.get('ratelimit-limit')).toBe(String(LIMIT))
  expect(res.headers.get('ratelimit-remaining')).toBe('0')
}

describe.each(inject('engines'))('rate limits on $name', (engine) => {
  let tenant: Tenant
  beforeAll(() => {
    tenant = claimTenant(engine)
  })

  it('admits a token’s own limit per minute, then answers 429 with Retry-After', {
    timeout: SLOW,
  }, async () => {
    const token = await limitedToken(tenant)
    const client = new ApiClient(engine.baseUrl, token.raw)
    await awaitWindowRoom(() => tenant.api.get('accounts/me'))
    for (let i = 1; i <= LIMIT; i++) {
      const res = await client.get('accounts/me')
      expect(res.status).toBe(200)
      expect(res.headers.get('ratelimit-limit')).toBe(String(LIMIT))
      expect(res.headers.get('ratelimit-remaining')).toBe(String(LIMIT - i))
      const reset = Number(res.headers.get('ratelimit-reset'))
      expect(reset > 0 && reset <= 60).toBe(true)
    }
    expectRateLimited(await client.get('accounts/me'))
    expectRateLimited(await client.get('tasks'))
    // The limit is the token's: the organization's other tokens go on.
    const other = await tenant.as.viewer.get('accounts/me')
    expect(other.status).toBe(200)
    expect(Number(other.headers.get('ratelimit-limit'))).toBeGreaterThan(LIMIT)
  })
})

const postgres = inject('engines').filter((e) => e.databaseUrl)

describe.each(postgres)('rate limits shared by several processes on $name', (engine) => {
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

  it('counts in the database: two processes admit the limit once between them', {
    timeout: SLOW,
  }, async () => {
    const [a, b] = await startTwo(databaseUrl, starting, { REDIS_URL: undefined }, [
      '--rate-limit',
      '3',
    ])
    const token = await limitedToken(tenant)
    const clients = [a, b].map((s) => new ApiClient((s as ServerProcess).url, token.raw))
    await awaitWindowRoom(() =>
      (clients[0] as ApiClient).withToken(tenant.tokens.viewer).get('tasks'),
    )
    expect(await fireTwelve(clients)).toEqual(FIVE_THEN_REFUSED)
    const rows = await queryDatabase<{ hits: number }>(
      databaseUrl,
      'SELECT hits FROM rate_limit_hits WHERE key = $1',
      [`token:${token.uid}`],
    )
    expect(rows).toEqual([{ hits: 12 }])

    // Without a valid token, the limit is per client IP (the server's default, 3 here):
    // guessing tokens is limited too. Other test files count into the same IP key, so only
    // the 4th and 5th attempts are sure to be refused.
    const guess = (clients[0] as ApiClient).withToken(
      `tsr_${randomBytes(32).toString('base64url')}`,
    )
    await awaitWindowRoom(() =>
      (clients[0] as ApiClient).withToken(tenant.tokens.viewer).get('tasks'),
    )
    const attempts = []
    for (let i = 0; i < 5; i++) {
      attempts.push(await guess.get('accounts/me'))
    }
    expect(attempts.every((res) => res.status === 401 || res.status === 429)).toBe(true)
    expect(attempts.slice(3).map((res) => res.status)).toEqual([429, 429])
    await Promise.all([a, b].map((server) => server?.stop()))
  })
})
