import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { runPython } from '../support/python'
import { storedState } from '../support/task-state'
import { claimTenant, type Tenant } from '../support/tenants'

// Our own client of Fragment's documented API, written as a Fragment customer would.
const CLIENT = fileURLToPath(new URL('../fixtures/fragment-client.py', import.meta.url))
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

/** The uid the client derives from a record key: its MD5, written as a UUID. */
function md5Uuid(key: string): string {
  const md5 = createHash('md5').update(key).digest('hex')
  return `${md5.slice(0, 8)}-${md5.slice(8, 12)}-${md5.slice(12, 16)}-${md5.slice(16, 20)}-${md5.slice(20)}`
}

describe.each(inject('engines'))('a Fragment customer’s script on $name', (engine) => {
  let tenant: Tenant
  /** Runs the client with `token`, pointed at this engine's server and nothing else. */
  let client: (token: string, ...args: string[]) => ReturnType<typeof runPython>
  beforeAll(() => {
    tenant = claimTenant(engine)
    const apiUrl = new URL('/api/v1', engine.baseUrl).toString()
    client = (token, ...args) =>
      runPython(CLIENT, args, { FRAGMENT_API_URL: apiUrl, FRAGMENT_TOKEN: token })
  })

  it('runs Fragment’s quickstart flow: authenticate, create, get, search, complete, comment', async () => {
    const run = await client(tenant.tokens.super_admin, 'quickstart')
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(9)
    expect(lines[0]).toBe('Authentication successful')
    const uid = new RegExp(`^Task created with uid: (${UUID})$`).exec(lines[1] ?? '')?.[1]
    expect(uid).toBeDefined()
    expect(lines[2]).toBe(`Task retrieved with uid: ${uid}`)
    expect(lines[3]).toContain(`'uid': '${uid}'`)
    expect(lines[3]).toContain(
      "'fields': {'title': 'My first task', 'url': 'https://google.com', 'country': 'FR'}",
    )
    expect(lines[4]).toBe('Tasks found: 1')
    expect(lines[5]).toMatch(new RegExp(`^\\[\\{'uid': '${uid}'`))
    expect(lines[6]).toBe('Task updated with status: DONE')
    const commentUid = new RegExp(`^Comment added with uid: (${UUID})$`).exec(lines[7] ?? '')?.[1]
    expect(commentUid).toBeDefined()
    expect(lines[8]).toContain("'text': 'This is a comment'")

    const task = await tenant.api.get(`tasks/${uid}`)
    expect(task.body).toMatchObject({
      status: 'DONE',
      fields: { title: 'My first task', url: 'https://google.com', country: 'FR' },
    })
    expect(Date.parse(task.body.done_at)).toBeGreaterThanOrEqual(Date.parse(task.body.created_at))
    const comments = await tenant.api.get(`tasks/${uid}/comments`)
    expect(comments.body.items).toHaveLength(1)
    expect(comments.body.items[0]).toMatchObject({ uid: commentUid, text: 'This is a comment' })
  })

  it('follows the ID-mapping guide: a uid derived from a claim id names one task', async () => {
    const uid = md5Uuid('claim#ID#123')
    const first = await client(tenant.tokens.admin, 'sync-claim', '123', 'Claim 123')
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toBe(`Task created with uid: ${uid}, status: TODO\n`)
    const created = await tenant.api.get(`tasks/${uid}`)
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({
      uid,
      status: 'TODO',
      due_at: '2025-09-11T12:00:00.000Z',
      fields: {
        title: 'Claim 123',
        url: 'https://backoffice.example/claims/123',
        claim_id: '123',
        country: 'FR',
      },
    })

    // Run again with another title: the uid is taken (409), so the client finds the task by
    // it, and the task keeps what the first run stored.
    const again = await client(tenant.tokens.admin, 'sync-claim', '123', 'Claim 123 again')
    expect(again.stderr).toBe('')
    expect(again.code).toBe(0)
    expect(again.stdout).toBe(`Task already exists with uid: ${uid}, title: Claim 123\n`)
    const after = await tenant.api.get(`tasks/${uid}`)
    expect(storedState(after.body)).toEqual(storedState(created.body))
  })

  it('archives a task with requests.delete and Fragment’s usual headers', async () => {
    const { body: task } = await tenant.api.post('tasks', { fields: { title: 'to archive' } })
    const run = await client(tenant.tokens.operator, 'archive', task.uid)
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('Task archived: True\n')
    expect((await tenant.api.get(`tasks/${task.uid}`)).body.archived).toBe(true)
  })
})
