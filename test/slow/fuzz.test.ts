import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { runCli } from '../support/cli'
import { postDeclaringLength } from '../support/declared-body'
import type { EngineUnderTest } from '../support/engines'
import { expectSafeAnswer } from '../support/fuzz/answer-checks'
import {
  type FuzzCase,
  type FuzzTarget,
  hostileRequest,
  toRawRequest,
} from '../support/fuzz/hostile-request'
import { fetchOperations } from '../support/fuzz/operations'
import { residentMemory } from '../support/fuzz/process-memory'
import { type RawRequest, type RawResponse, sendRaw } from '../support/fuzz/raw-request'
import { snapshotTenant } from '../support/fuzz/tenant-snapshot'
import { startServer } from '../support/server-process'
import { claimTenant, type Tenant } from '../support/tenants'

const MiB = 1024 * 1024
/** The server's body limit for single-resource routes (src/server/config.ts). */
const BODY_LIMIT = MiB

/**
 * Property runs per operation and engine, each a batch of BATCH_SIZE requests: with about 55
 * operations, some 2,200 requests per run over both engines. FUZZ_BATCHES raises it for a
 * longer hunt.
 */
const BATCHES = Number(process.env.FUZZ_BATCHES ?? 2)
const BATCH_SIZE = 10
/** Requests in flight at once: enough to overlap, little enough for a loaded 2-core box. */
const CONCURRENCY = 4
/** Operations that answer 2xx without changing anything, besides GETs. */
const READ_ONLY = new Set(['POST /api/v1/tasks/query'])

const engines = inject('engines')
// The operations come from the server's own OpenAPI document: a new route is fuzzed as soon
// as it is documented.
const { operations, resolve } = await fetchOperations((engines[0] as EngineUnderTest).baseUrl)

/** Sign-in allows 10 attempts a minute per client IP: each attempt comes from its own. */
let signInClients = 0
function clientAddress(fuzzCase: FuzzCase): string {
  if (!fuzzCase.target.startsWith('/api/v1/auth/login')) {
    return '127.77.0.1'
  }
  signInClients++
  return `127.78.${Math.floor(signInClients / 250) % 250}.${(signInClients % 250) + 1}`
}

async function sendAll(baseUrl: string, cases: FuzzCase[]): Promise<RawResponse[]> {
  const responses: RawResponse[] = []
  let next = 0
  const worker = async () => {
    while (next < cases.length) {
      const i = next++
      const fuzzCase = cases[i] as FuzzCase
      responses[i] = await sendRaw(
        baseUrl,
        toRawRequest(fuzzCase, BODY_LIMIT),
        clientAddress(fuzzCase),
      ).catch((error: Error) => {
        throw new Error(`${fc.stringify(fuzzCase)} failed: ${error.message}`)
      })
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return responses
}

/** How long a rule's run already under way may take to commit after its rule is deleted. */
const AUTOMATION_SETTLE_MS = 3000

/**
 * Deletes the rules the fuzzer managed to create. They act after the change that triggers
 * them (a durable outbox, polled every second), so a rule left behind would change tasks
 * during later batches and make their refusals look like changes.
 */
async function removeAutomations(tenant: Tenant): Promise<void> {
  const rules = await tenant.api.get('automations')
  const items: { uid: string }[] = rules.body?.items ?? []
  for (const rule of items) {
    await tenant.api.delete(`automations/${rule.uid}`)
  }
  if (items.length > 0) {
    await new Promise((resolve) => setTimeout(resolve, AUTOMATION_SETTLE_MS))
  }
}

const changesNothing = (fuzzCase: FuzzCase, res: RawResponse) =>
  res.status >= 400 ||
  fuzzCase.method === 'GET' ||
  READ_ONLY.has(`${fuzzCase.method} ${fuzzCase.target.split('?')[0]}`)

describe.each(engines)('hostile requests on $name', (engine) => {
  let tenant: Tenant
  let target: FuzzTarget
  let snapshot: () => Promise<Record<string, unknown>>
  let compared = 0
  let batches = 0

  beforeAll(async () => {
    tenant = claimTenant(engine)
    const api = tenant.api
    const created = async (path: string, body: unknown) => {
      const res = await api.post(path, body)
      expect(res.status, res.text).toBe(200)
      return res.body.uid as string
    }
    const tasks = [
      await created('tasks', { fields: { title: 'fuzz target', country: 'FR' } }),
      await created('tasks', { fields: { title: 'fuzz sibling' }, status: 'DONE' }),
    ]
    await created(`tasks/${tasks[0]}/comments`, { text: 'before the fuzz' })
    // Resources the fuzzer may change or delete at will: never the token it acts with, nor its
    // user (deactivating it would turn every later request into a 401).
    target = {
      token: tenant.tokens.super_admin,
      bodyLimit: BODY_LIMIT,
      uids: {
        tasks,
        queues: [await created('queues', { name: 'fuzz queue' })],
        webhooks: [await created('webhooks', { url: 'http://127.0.0.1:9/fuzz', active: false })],
        users: [
          await created('users', { email: `${randomUUID()}@fuzz.test`, name: 'x', role: 'viewer' }),
        ],
        tokens: [await created('tokens', { name: 'fuzz victim', role: 'viewer' })],
      },
    }
    const orgUid = (await api.get('accounts/me')).body.organization.uid
    snapshot = () =>
      snapshotTenant({ api, taskUids: tasks, databaseUrl: engine.databaseUrl, orgUid })
  })

  afterAll(async () => {
    // Webhooks the fuzzer created would retry their deliveries for the rest of the run.
    const hooks = await tenant.api.get('webhooks')
    for (const hook of hooks.body?.items ?? []) {
      await tenant.api.delete(`webhooks/${hook.uid}`)
    }
    await removeAutomations(tenant)
  })

  it.each(operations)(
    '$method $path: never a 5xx, errors in one shape, and a refusal changes nothing',
    { timeout: 10 * 60_000 },
    async (op) => {
      let baseline = await snapshot()
      await fc.assert(
        fc.asyncProperty(
          fc.array(hostileRequest(op, resolve, target), {
            minLength: BATCH_SIZE,
            maxLength: BATCH_SIZE,
          }),
          async (cases) => {
            const responses = await sendAll(engine.baseUrl, cases)
            if (op.path.startsWith('/automations')) {
              await removeAutomations(tenant)
            }
            const before = baseline
            baseline = await snapshot()
            for (const [i, res] of responses.entries()) {
              expectSafeAnswer(cases[i] as FuzzCase, res)
            }
            batches++
            if (responses.every((res, i) => changesNothing(cases[i] as FuzzCase, res))) {
              compared++
              expect(baseline, 'refused requests changed the organization').toEqual(before)
            }
          },
        ),
        // Shrinking replays batches against the server: bounded, it still names the request.
        { numRuns: BATCHES, interruptAfterTimeLimit: 4 * 60_000 },
      )
    },
  )

  it('compared the organization before and after a good share of the batches', () => {
    // A batch with an accepted write cannot be compared. About two thirds have none; were it
    // far fewer, the "changes nothing" property above would be checking next to nothing.
    expect(batches).toBeGreaterThanOrEqual(operations.length * BATCHES)
    expect(compared).toBeGreaterThan(batches * 0.4)
  })
})

describe.each(engines)('prototype pollution on $name, after the fuzzing', (engine) => {
  it('keeps prototype-named keys as data, and no answer gains a polluted property', async () => {
    const tenant = claimTenant(engine)
    const fields = {
      title: 'keys as data',
      prototype: { polluted: true },
      constructor: 'polluted',
      toString: { polluted: true },
      __defineGetter__: ['polluted'],
    }
    const created = await tenant.api.post('tasks', { fields })
    expect(created.status, created.text).toBe(200)
    expect((await tenant.api.get(`tasks/${created.body.uid}`)).body.fields).toEqual(fields)
    for (const rawBody of [
      '{"fields":{"title":"x","__proto__":{"polluted":true}}}',
      '{"fields":{"title":"x","constructor":{"prototype":{"polluted":true}}}}',
    ]) {
      const res = await tenant.api.post('tasks', undefined, {
        rawBody,
        headers: { 'content-type': 'application/json' },
      })
      expect(res.status, res.text).toBe(400)
    }
    const query = await tenant.api.get('tasks?__proto__[polluted]=1&constructor[prototype][x]=1')
    expect([200, 422]).toContain(query.status)

    // A fresh organization sees nothing of it: no object of the server gained the property.
    const fresh = claimTenant(engine)
    const plain = await fresh.api.post('tasks', { fields: { title: 'plain' } })
    expect(plain.body.fields).toEqual({ title: 'plain' })
    for (const path of ['accounts/me', 'settings', 'queues', 'tasks', 'player', 'tokens']) {
      const res = await fresh.api.get(path)
      expect(res.status, path).toBe(200)
      expect(res.text, path).not.toContain('polluted')
    }
  })
})

describe('memory under hostile bodies', () => {
  const GiB = 1024 * MiB

  /** Bodies that cost the most to receive and parse, and what each must get. */
  const burst = (token: string): { request: RawRequest; status: number }[] => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const post = (path: string, text: string, status: number) => ({
      request: { method: 'POST', target: `/api/v1/${path}`, headers, body: Buffer.from(text) },
      status,
    })
    const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`
    const wide = (count: number) => `[${Array(count).fill('[]').join(',')}]`
    const untitled = Array(1000)
      .fill(`{"fields":{"pad":"${'x'.repeat(7000)}"}}`)
      .join(',')
    return [
      post('tasks', `{"fields":{"title":"x","pad":"${'x'.repeat(BODY_LIMIT)}"}}`, 413),
      post('tasks', `{"fields":{"title":"x","deep":${deep(BODY_LIMIT / 2 - 30)}}}`, 422),
      post('tasks/batch', `{"items":${deep(4 * MiB)}}`, 422),
      post('tasks/batch', `{"items":${wide(2 * MiB)}}`, 422),
      post('tasks/batch', `{"items":[${untitled}]}`, 422),
    ]
  }

  it('stays bounded through bursts of huge, deep and wide bodies', {
    timeout: 10 * 60_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-fuzz-memory-'))
    const issued = await runCli([
      'tokens',
      'create',
      '--data',
      dataDir,
      '--name',
      'memory',
      '--role',
      'super_admin',
    ])
    expect(issued.code, issued.stderr).toBe(0)
    const token = issued.stdout.trim().split('\n').at(-1) as string
    const server = await startServer(['--data', dataDir], { TESSERA_RATE_LIMIT: '100000' })
    try {
      const pid = server.process.pid as number
      const readings = []
      for (let round = 0; round < 2; round++) {
        const cases = burst(token)
        // Each kind three times, all at once: the server holds many bodies at the same time.
        await Promise.all(
          cases.flatMap(({ request, status }) =>
            Array.from({ length: 3 }, async () => {
              const res = await sendRaw(server.url, request)
              expect(res.status, res.text.slice(0, 300)).toBe(status)
            }),
          ),
        )
        const declared = await postDeclaringLength(
          server.url,
          '/api/v1/tasks/batch',
          token,
          17 * MiB,
        )
        expect(declared.status).toBe(413)
        readings.push(residentMemory(pid))
      }
      const [first, last] = readings as ReturnType<typeof residentMemory>[]
      expect(last?.peak, 'peak resident memory').toBeLessThan(GiB)
      // Later rounds reuse what the first one took: no growth without bound.
      expect(last?.now).toBeLessThan((first?.now ?? 0) + 256 * MiB)
    } finally {
      await server.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
