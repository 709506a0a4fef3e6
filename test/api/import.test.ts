import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { allTasks, essence } from '../support/all-tasks'
import { runCli } from '../support/cli'
import { claimTenant, type Tenant } from '../support/tenants'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import')
// Each command boots Node and the CLI, then talks to a server on a busy machine.
const SLOW = 5 * 60_000

const importInto = (tenant: Tenant, args: string[]) =>
  runCli(['import', ...args, '--api-url', `${tenant.api.baseUrl}/api/v1`], undefined, {
    TESSERA_TOKEN: tenant.tokens.operator,
  })

describe.each(inject('engines'))('tessera import on $name', (engine) => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-import-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('imports a CSV file: maps columns, types fields, refuses bad rows alone, and a re-run updates', {
    timeout: SLOW,
  }, async () => {
    const tenant = claimTenant(engine)
    const csv = join(FIXTURES, 'tasks.csv')

    const dry = await importInto(tenant, ['csv', csv, '--id-column', 'Ticket', '--dry-run'])
    expect(dry.stdout).toContain(
      'Dry run of 7 rows: would create 3 tasks, update 0, refuse 4 rows; nothing was written.',
    )
    expect(dry.code).toBe(2)
    expect((await allTasks(tenant.api)).size).toBe(0)

    const first = await importInto(tenant, ['csv', csv, '--id-column', 'Ticket'])
    expect(first.code, first.stderr).toBe(2)
    expect(first.stdout).toContain(
      'Mapping: title ← Subject, id ← Ticket, due ← Due, status ← State; every other column is a custom field.',
    )
    expect(first.stdout.split('\n').filter((line) => line.startsWith('row '))).toEqual([
      'row 5, column Subject: is empty: every task needs a title.',
      'row 6, column State: "WAITING" is not a status: use TODO, STARTED, DONE.',
      'row 6, column Due: "next week" is not a date: use ISO 8601, such as 2026-12-31 or 2026-12-31T17:00:00Z.',
      'row 8, column Ticket: names the same task as row 2.',
      'row 9: has 2 cells where the header has 8.',
    ])
    expect(first.stdout).toMatch(/created 3 tasks, updated 0, refused 4 rows\.$/m)

    const tasks = await allTasks(tenant.api)
    const byTicket = new Map([...tasks.values()].map((task) => [task.external_id, task]))
    expect([...byTicket.keys()].sort()).toEqual(['T-1', 'T-2', 'T-5'])
    expect(byTicket.get('T-1')).toMatchObject({
      status: 'TODO',
      due_at: '2026-12-31T00:00:00.000Z',
      fields: {
        title: 'Call the client',
        priority: 3,
        zip: '007',
        escalated: true,
        notes: 'first, with a comma',
      },
    })
    expect(byTicket.get('T-2')).toMatchObject({
      status: 'DONE',
      due_at: '2026-12-31T15:00:00.000Z',
      fields: {
        title: 'Send the invoice',
        priority: 1.5,
        zip: 75001,
        escalated: false,
        notes: 'two\nlines',
      },
    })
    expect(byTicket.get('T-5')?.fields).toEqual({ title: 'Fifth' })

    // The spreadsheet changes and is imported again: the same three tasks, updated.
    const changed = join(dir, 'changed.csv')
    writeFileSync(
      changed,
      readFileSync(csv, 'utf8').replace('Call the client', 'Call the client again'),
    )
    const again = await importInto(tenant, ['csv', changed, '--id-column', 'Ticket'])
    expect(again.stdout).toMatch(/created 0 tasks, updated 3, refused 4 rows\.$/m)
    const after = await allTasks(tenant.api)
    expect([...after.keys()].sort()).toEqual([...tasks.keys()].sort())
    expect([...after.values()].find((task) => task.external_id === 'T-1')?.fields).toMatchObject({
      title: 'Call the client again',
    })

    // A dry run now sees updates, and still writes nothing.
    const before = JSON.stringify([...after.values()].map(essence))
    const dryAgain = await importInto(tenant, ['csv', csv, '--id-column', 'Ticket', '--dry-run'])
    expect(dryAgain.stdout).toContain('would create 0 tasks, update 3, refuse 4 rows')
    expect(JSON.stringify([...(await allTasks(tenant.api)).values()].map(essence))).toBe(before)
  })

  it('imports JSON Lines with values kept as given, and refuses bad lines alone', {
    timeout: SLOW,
  }, async () => {
    const tenant = claimTenant(engine)
    const run = await importInto(tenant, ['jsonl', join(FIXTURES, 'tasks.jsonl')])
    expect(run.stdout.split('\n').filter((line) => line.startsWith('row '))).toEqual([
      'row 4, column uid: "not a uid" is not a uid (a UUID such as 0b5e8c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b).',
      'row 5, column uid: is empty: every row needs an id, so that a second import updates it.',
      expect.stringMatching(/^row 6: not valid JSON/),
      // Looked right here; the server refused it alone, and wrote the rest of its batch.
      'row 7 (task 7a1c2e6d-7c9b-4f2e-9d3a-1b2c3d4e5f62): refused by the server: fields/note must not contain the NUL character (\\u0000).',
    ])
    expect(run.stdout).toMatch(/created 2 tasks, updated 0, refused 4 rows\.$/m)
    expect(run.code).toBe(2)
    const tasks = await allTasks(tenant.api)
    expect(tasks.size).toBe(2)
    expect(tasks.get('7a1c2e6d-7c9b-4f2e-9d3a-1b2c3d4e5f60')).toMatchObject({
      status: 'STARTED',
      due_at: '2027-01-15T09:30:00.000Z',
      fields: { title: 'From an export', amount: 12.5, tags: ['a', 'b'], owner: { name: 'Ana' } },
    })
    expect(tasks.get('7a1c2e6d-7c9b-4f2e-9d3a-1b2c3d4e5f61')?.fields).toEqual({
      title: 'Flat object',
      zip: '007',
      done: false,
    })
  })

  it('refuses in one sentence, writing nothing: no id column, no token, a bad flag, a wrong token', {
    timeout: SLOW,
  }, async () => {
    const tenant = claimTenant(engine)
    const noId = join(dir, 'no-id.csv')
    writeFileSync(noId, 'title,owner\nA,Ana\n')
    const [missingId, missingToken, badCount, noSource, wrongToken] = await Promise.all([
      importInto(tenant, ['csv', noId]),
      runCli(['import', 'csv', noId, '--api-url', `${tenant.api.baseUrl}/api/v1`]),
      importInto(tenant, ['csv', noId, '--concurrency', 'many']),
      importInto(tenant, ['fragment', '--token', 'x']),
      runCli([
        'import',
        'jsonl',
        join(FIXTURES, 'tasks.jsonl'),
        '--api-url',
        `${tenant.api.baseUrl}/api/v1`,
        '--token',
        'tsr_wrong',
      ]),
    ])
    const sentences = [
      [
        missingId,
        /^tessera: Say which column identifies each row, so that running the import again updates its tasks/,
      ],
      [
        missingToken,
        /^tessera: Give a token of the Tessera to import into with --token or the TESSERA_TOKEN/,
      ],
      [badCount, /^tessera: --concurrency is set to "many": give a whole number from 1 to 16\.$/m],
      [noSource, /^tessera: Give the source's API address with --base-url/],
      [
        wrongToken,
        /^tessera: The Tessera to import into refused the token \(401\): give a valid one\.$/m,
      ],
    ] as const
    for (const [run, sentence] of sentences) {
      expect(run.code, run.stderr).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1)
      expect(run.stderr).toMatch(sentence)
    }
    expect((await allTasks(tenant.api)).size).toBe(0)
  })

  describe('import fragment, from another organization standing in for Fragment', () => {
    let source: Tenant
    let sourceTasks: Map<string, Record<string, unknown>>
    const commented: string[] = []

    beforeAll(async () => {
      source = claimTenant(engine)
      const statuses = ['TODO', 'STARTED', 'DONE']
      const items = Array.from({ length: 1000 }, (_, i) => ({
        uid: randomUUID(),
        status: statuses[i % 3],
        due_at: new Date(Date.UTC(2027, 0, 1) + i * 60_000).toISOString(),
        fields: { title: `Task ${i}`, n: i, country: i % 2 ? 'FR' : 'DE', nested: { i } },
      }))
      const res = await source.api.post('tasks/batch', { items })
      expect(res.status).toBe(200)
      // Sub-tasks, some of them on pages before their parent's.
      const links = await source.api.patch('tasks/batch', {
        items: [1, 2, 3, 998].map((i) => ({ uid: items[i]?.uid, parent_uid: items[999]?.uid })),
      })
      expect(links.status).toBe(200)
      for (const i of [5, 6, 7]) {
        expect((await source.api.delete(`tasks/${items[i]?.uid}`)).status).toBe(200)
      }
      for (let i = 0; i < 30; i += 1) {
        const uid = items[(i * 37) % 1000]?.uid as string
        commented.push(uid)
        for (const text of [`note ${i}`, 'same text twice', 'same text twice']) {
          const comment = await source.api.post(`tasks/${uid}/comments`, { text })
          expect(comment.status).toBe(200)
        }
      }
      sourceTasks = await allTasks(source.api)
      expect(sourceTasks.size).toBe(1000)
    })

    const fragmentArgs = (from: string, destination: Tenant) => [
      'fragment',
      '--base-url',
      from,
      '--token',
      source.tokens.viewer,
      '--archived',
      '--api-token',
      destination.tokens.operator,
    ]

    async function expectSameTasks(destination: Tenant) {
      const copied = await allTasks(destination.api)
      expect(copied.size).toBe(sourceTasks.size)
      for (const [uid, task] of sourceTasks) {
        const copy = copied.get(uid)
        expect(copy && essence(copy)).toEqual(essence(task))
        expect(copy?.external_created_at).toBe(task.created_at)
      }
      for (const uid of commented) {
        const [from, to] = await Promise.all([
          source.api.get(`tasks/${uid}/comments`),
          destination.api.get(`tasks/${uid}/comments`),
        ])
        expect(to.body.items.map((c: { text: string }) => c.text.split('\n\n— ')[0])).toEqual(
          from.body.items.map((c: { text: string }) => c.text),
        )
      }
    }

    it('copies every task with its uid, fields, status, due date, archive state, parent and comments; a re-run adds nothing', {
      timeout: SLOW,
    }, async () => {
      const destination = claimTenant(engine)
      const from = `${source.api.baseUrl}/api/v1`
      const dry = await importInto(destination, [...fragmentArgs(from, destination), '--dry-run'])
      expect(dry.stdout, dry.stderr).toContain(
        'Dry run: would create 1,000 tasks, update 0, link 4 sub-tasks;',
      )
      expect((await allTasks(destination.api)).size).toBe(0)

      const first = await importInto(destination, fragmentArgs(from, destination))
      expect(first.code, first.stderr).toBe(0)
      expect(first.stdout).toMatch(
        /^Copied 1,000 tasks in [\d.]+ s: created 1000, updated 0, refused 0; linked 4 sub-tasks; added 90 comments;/m,
      )
      await expectSameTasks(destination)

      const again = await importInto(destination, fragmentArgs(from, destination))
      expect(again.stdout).toMatch(
        /created 0, updated 1000, refused 0; linked 4 sub-tasks; added 0 comments;/,
      )
      await expectSameTasks(destination)
    })

    it('waits out 429s as Retry-After says and retries 5xx, lost answers included, ending with each task once', {
      timeout: SLOW,
    }, async () => {
      const destination = claimTenant(engine)
      const sourceProxy = await startFlakyProxy(source.api.baseUrl)
      const destinationProxy = await startFlakyProxy(destination.api.baseUrl)
      try {
        const run = await runCli(
          [
            'import',
            ...fragmentArgs(`${sourceProxy.url}/api/v1`, destination),
            '--api-url',
            `${destinationProxy.url}/api/v1`,
          ],
          undefined,
          {},
        )
        expect(run.code, run.stdout + run.stderr).toBe(0)
        const rateLimited = sourceProxy.sent[429] + destinationProxy.sent[429]
        expect(rateLimited).toBeGreaterThan(0)
        expect(sourceProxy.sent[503] + destinationProxy.sent[502]).toBeGreaterThan(10)
        expect(run.stdout).toContain(`waited out ${rateLimited} rate limit`)
        // Each 429 asked for a second's wait.
        expect(
          Math.min(...sourceProxy.retryGaps, ...destinationProxy.retryGaps),
        ).toBeGreaterThanOrEqual(950)
        await expectSameTasks(destination)
      } finally {
        await Promise.all([sourceProxy.close(), destinationProxy.close()])
      }
    })
  })
})

/** An HTTP proxy that now and then refuses (429, 503) or loses the answer of a request it did pass on (502). */
interface FlakyProxy {
  url: string
  sent: Record<429 | 502 | 503, number>
  /** Milliseconds between each 429 and the next request. */
  retryGaps: number[]
  close: () => Promise<void>
}

async function startFlakyProxy(target: string): Promise<FlakyProxy> {
  let count = 0
  const sent = { 429: 0, 502: 0, 503: 0 }
  const retryGaps: number[] = []
  // The time each refused request was refused, to see how long its sender waited.
  const limited = new Map<string, number>()
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    count += 1
    const n = count
    const chunks: Buffer[] = []
    for await (const chunk of req) {
      chunks.push(chunk as Buffer)
    }
    const key = `${req.method} ${req.url} ${Buffer.concat(chunks).toString('base64')}`
    const refusedAt = limited.get(key)
    if (refusedAt !== undefined) {
      retryGaps.push(Date.now() - refusedAt)
      limited.delete(key)
    }
    if (n % 200 === 3) {
      sent[429] += 1
      limited.set(key, Date.now())
      res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' })
      res.end('{"error":{"code":"rate_limited","message":"slow down"}}')
      return
    }
    if (n % 11 === 5) {
      sent[503] += 1
      res.writeHead(503, { 'content-type': 'application/json' })
      res.end('{"error":{"code":"unavailable","message":"try again"}}')
      return
    }
    const headers: Record<string, string> = {}
    for (const name of ['authorization', 'content-type']) {
      const value = req.headers[name]
      if (typeof value === 'string') {
        headers[name] = value
      }
    }
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    })
    const body = Buffer.from(await upstream.arrayBuffer())
    if (n % 13 === 6) {
      // The request did its work; its answer is lost on the way back.
      sent[502] += 1
      res.writeHead(502, { 'content-type': 'text/plain' })
      res.end('bad gateway')
      return
    }
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'text/plain',
    })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    retryGaps,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
