import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { ApiClient } from '../support/api-client'
import { startTwo } from '../support/limited-token'
import { queryDatabase } from '../support/pg-query'
import { type SeededOrganization, seedOrganization } from '../support/seed-organization'
import type { ServerProcess } from '../support/server-process'
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/throwaway-database'

// Each server process answers known tokens from memory (src/server/auth-cache.ts); the bound
// it promises: a change committed through one process is seen by every other within 100 ms.
// The tests wait out the bound and then expect the change, whatever the machine's load: a
// process whose LISTEN connection lags behind stops answering from memory instead.
const BOUND_MS = 100
const SLOW = 5 * 60_000

describe.each(inject('engines').filter((e) => e.databaseUrl))(
  'the authentication cache of two server processes on $name',
  (engine) => {
    // A database of this file's own: one test holds back a trigger, which must not touch the
    // other suites' tokens.
    let database: ThrowawayDatabase
    let org: SeededOrganization
    let a: ServerProcess
    let b: ServerProcess
    const starting: Promise<ServerProcess>[] = []

    beforeAll(async () => {
      database = await createThrowawayDatabase(engine.databaseUrl as string, 'auth_cache')
      org = await seedOrganization({ databaseUrl: database.url }, 'cache-org', 2)
      ;[a, b] = (await startTwo(database.url, starting, { REDIS_URL: undefined }, [
        '--rate-limit',
        '1000000',
      ])) as [ServerProcess, ServerProcess]
    }, SLOW)

    afterAll(async () => {
      const started = await Promise.allSettled(starting)
      await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : null)))
      await database?.drop()
    }, SLOW)

    const admin = (server: ServerProcess) => new ApiClient(server.url, org.adminToken)

    /** A new token, used on both processes so that each answers it from memory. */
    async function warmToken(role: 'viewer' | 'operator' = 'viewer'): Promise<{
      uid: string
      on: (server: ServerProcess) => ApiClient
    }> {
      const res = await admin(a).post('tokens', { name: `t${Date.now()}`, role })
      expect(res.status, res.text).toBe(200)
      const on = (server: ServerProcess) => new ApiClient(server.url, res.body.token)
      for (const server of [a, b, a, b]) {
        expect((await on(server).get('accounts/me')).status).toBe(200)
      }
      return { uid: res.body.uid, on }
    }

    it('refuses a token revoked through the other process within the bound, and at once where it was revoked', {
      timeout: SLOW,
    }, async () => {
      const token = await warmToken()
      expect((await admin(a).delete(`tokens/${token.uid}`)).status).toBe(200)
      expect((await token.on(a).get('accounts/me')).status).toBe(401)
      await sleep(BOUND_MS)
      expect((await token.on(b).get('accounts/me')).status).toBe(401)
      expect((await token.on(b).get('tasks')).status).toBe(401)
    })

    it('refuses the tokens of a user deactivated through the other process', {
      timeout: SLOW,
    }, async () => {
      const operator = org.operators[0]
      if (!operator) {
        throw new Error('seeded without operators')
      }
      const on = (server: ServerProcess) => new ApiClient(server.url, operator.token)
      for (const server of [a, b, a, b]) {
        expect((await on(server).get('accounts/me')).status).toBe(200)
      }
      const res = await admin(b).patch(`users/${operator.userUid}`, { active: false })
      expect(res.status, res.text).toBe(200)
      await sleep(BOUND_MS)
      expect((await on(a).get('accounts/me')).status).toBe(401)
      expect((await on(b).get('accounts/me')).status).toBe(401)
    })

    it('routes by a queue created through the other process', { timeout: SLOW }, async () => {
      const operator = org.operators[1]
      if (!operator) {
        throw new Error('seeded without operators')
      }
      const creator = new ApiClient(b.url, operator.token)
      const before = await creator.post('tasks', { fields: { title: 'before the queue' } })
      expect(before.status, before.text).toBe(200)
      expect(before.body.queue_uid).toBeNull()
      const queue = await admin(a).post('queues', { name: 'Everything' })
      expect(queue.status, queue.text).toBe(200)
      await sleep(BOUND_MS)
      const after = await creator.post('tasks', { fields: { title: 'after the queue' } })
      expect(after.status, after.text).toBe(200)
      expect(after.body.queue_uid).toBe(queue.body.uid)
    })

    it('drops what it knew when its LISTEN connection is lost, so a missed revocation is not served', {
      timeout: SLOW,
    }, async () => {
      const token = await warmToken()
      // A revocation whose announcement nobody hears, as when it commits while a process's
      // LISTEN connection is down: the trigger held back, the row changed directly.
      await queryDatabase(
        database.url,
        `BEGIN;
         ALTER TABLE api_tokens DISABLE TRIGGER api_tokens_notify_auth;
         UPDATE api_tokens SET revoked_at = now() WHERE uid = '${token.uid}';
         ALTER TABLE api_tokens ENABLE TRIGGER api_tokens_notify_auth;
         COMMIT`,
      )
      // Unannounced, the processes still answer from memory: what the cache is for.
      expect((await token.on(b).get('accounts/me')).status).toBe(200)
      // B's LISTEN connection is cut; B must forget, and ask the database until it is back.
      const cut = await queryDatabase<{ cut: boolean }>(
        database.url,
        `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = 'tessera auth cache'`,
      )
      expect(cut.length).toBe(2)
      await sleep(BOUND_MS)
      expect((await token.on(b).get('accounts/me')).status).toBe(401)
      expect((await token.on(a).get('accounts/me')).status).toBe(401)
      // Both LISTEN again, and cache again: a new token is answered, the old one still refused.
      const listening = async () =>
        (
          await queryDatabase(
            database.url,
            `SELECT 1 FROM pg_stat_activity
             WHERE datname = current_database() AND application_name = 'tessera auth cache'`,
          )
        ).length
      while ((await listening()) < 2) {
        await sleep(100)
      }
      const fresh = await warmToken()
      expect((await fresh.on(b).get('accounts/me')).status).toBe(200)
      expect((await token.on(b).get('accounts/me')).status).toBe(401)
    })
  },
)
