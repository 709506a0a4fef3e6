import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import type { ApiClient } from './api-client'
import { type ServerProcess, startServer } from './server-process'
import type { Tenant } from './tenants'

/** Requests per minute allowed to a limited token. */
export const LIMIT = 5

/** What `fireTwelve` sees for a fresh limited token: its LIMIT, then refusals. */
export const FIVE_THEN_REFUSED = [...Array(LIMIT).fill(200), ...Array(12 - LIMIT).fill(429)]

/** A viewer token of `tenant` limited to LIMIT requests per minute. */
export async function limitedToken(tenant: Tenant): Promise<{ uid: string; raw: string }> {
  const res = await tenant.as.admin.post('tokens', {
    name: `limited ${randomBytes(4).toString('hex')}`,
    role: 'viewer',
    rate_limit_per_minute: LIMIT,
  })
  expect(res.status, res.text).toBe(200)
  expect(res.body.rate_limit_per_minute).toBe(LIMIT)
  return { uid: res.body.uid, raw: res.body.token }
}

/** Sends 12 requests with one token, round-robin over `clients`, one after the other. */
export async function fireTwelve(clients: ApiClient[]): Promise<number[]> {
  const statuses: number[] = []
  for (let i = 0; i < 12; i++) {
    const client = clients[i % clients.length] as ApiClient
    statuses.push((await client.get('accounts/me')).status)
  }
  return statuses
}

/**
 * Starts two servers on one database, recording each start in `starting` (settled or not) so
 * that a test timing out mid-start can still stop them.
 */
export async function startTwo(
  databaseUrl: string,
  starting: Promise<ServerProcess>[],
  env: Record<string, string | undefined>,
  args: string[] = [],
): Promise<ServerProcess[]> {
  // One after the other: migrations run at start-up, and node-pg-migrate's advisory lock
  // makes a process that starts while another one migrates exit instead of waiting.
  const started: ServerProcess[] = []
  for (let i = 0; i < 2; i++) {
    const server = startServer(['--database-url', databaseUrl, ...args], env)
    starting.push(server)
    started.push(await server)
  }
  return started
}
