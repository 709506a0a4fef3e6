import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { allTasks, essence } from '../support/all-tasks'
import { ApiClient } from '../support/api-client'
import { runCli } from '../support/cli'
import { createFreshInstance, type FreshInstance } from '../support/fresh-instance'
import { type ServerProcess, startServer } from '../support/server-process'
import { claimTenant } from '../support/tenants'

const SOURCE_TASKS = 10_000
const COMMENTED = 100
const SLOW = 15 * 60_000

/**
 * `tessera import fragment` at the size the issue names: 10,000 tasks, some with comments,
 * from a second Tessera server standing in for Fragment (it speaks Fragment's API), into
 * each engine's server.
 */
describe('tessera import fragment from a second server', () => {
  let instance: FreshInstance
  let server: ServerProcess
  let source: ApiClient
  let sourceToken: string
  let sourceTasks: Map<string, Record<string, unknown>>
  const commented: string[] = []

  beforeAll(async () => {
    instance = await createFreshInstance('embedded', undefined, 'import_source')
    const made = await runCli([
      'tokens',
      'create',
      '--name',
      'fragment',
      '--role',
      'admin',
      '--org',
      'elsewhere',
      ...instance.args,
    ])
    expect(made.code, made.stderr).toBe(0)
    sourceToken = made.stdout.trim().split('\n').at(-1) ?? ''
    server = await startServer(instance.args, { TESSERA_RATE_LIMIT: '1000000' })
    source = new ApiClient(server.url, sourceToken)
    const statuses = ['TODO', 'STARTED', 'DONE']
    for (let start = 0; start < SOURCE_TASKS; start += 1000) {
      const items = Array.from({ length: 1000 }, (_, k) => ({
        uid: randomUUID(),
        status: statuses[(start + k) % 3],
        fields: { title: `Task ${start + k}`, n: start + k, country: k % 2 ? 'FR' : 'DE' },
      }))
      const res = await source.post('tasks/batch', { items })
      expect(res.status).toBe(200)
      for (let k = 0; k < COMMENTED / 10; k += 1) {
        const uid = items[k * 97]?.uid as string
        commented.push(uid)
        expect((await source.post(`tasks/${uid}/comments`, { text: `note ${k}` })).status).toBe(200)
      }
    }
    sourceTasks = await allTasks(source)
    expect(sourceTasks.size).toBe(SOURCE_TASKS)
  }, SLOW)

  afterAll(async () => {
    await server?.stop()
    await instance?.drop()
  })

  it.each(inject('engines').map((engine) => [engine.name, engine] as const))(
    'copies every task and comment into %s once, and a re-run adds nothing',
    { timeout: SLOW },
    async (_name, engine) => {
      const destination = claimTenant(engine)
      const args = [
        'import',
        'fragment',
        '--base-url',
        `${server.url}/api/v1`,
        '--token',
        sourceToken,
        '--api-url',
        `${destination.api.baseUrl}/api/v1`,
        '--api-token',
        destination.tokens.operator,
      ]
      const first = await runCli(args)
      expect(first.code, first.stderr).toBe(0)
      expect(first.stdout).toMatch(/created 10000, updated 0, refused 0;.* added 100 comments;/)
      const copied = await allTasks(destination.api)
      expect(copied.size).toBe(SOURCE_TASKS)
      for (const [uid, task] of sourceTasks) {
        const copy = copied.get(uid)
        expect(copy && essence(copy)).toEqual(essence(task))
      }
      for (const uid of commented.slice(0, 20)) {
        const comments = await destination.api.get(`tasks/${uid}/comments`)
        expect(comments.body.items).toHaveLength(1)
      }
      const again = await runCli(args)
      expect(again.code, again.stderr).toBe(0)
      expect(again.stdout).toMatch(/created 0, updated 10000, refused 0;.* added 0 comments;/)
      expect((await allTasks(destination.api)).size).toBe(SOURCE_TASKS)
    },
  )
})
