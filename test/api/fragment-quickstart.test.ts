import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { runPython } from '../support/python'
import { storedState } from '../support/task-state'
import { claimTenant, type Tenant } from '../support/tenants'

// Fragment's own guides, kept beside the repository (CI clones it with ../shared next to it).
const SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url))
const FRAGMENT_ORIGIN = 'https://api.onfragment.com'
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

/** The text of a guide between two markers: `from` included, `to` excluded. */
function excerpt(guide: string, after: string, from: string, to: string): string {
  const text = readFileSync(`${SEEDS}${guide}`, 'utf8')
  const anchor = text.indexOf(after)
  const start = text.indexOf(from, anchor)
  const end = text.indexOf(to, start)
  if (anchor < 0 || start < 0 || end < 0) {
    throw new Error(`${guide} changed: cannot find "${from}" after "${after}"`)
  }
  return text.slice(start, end)
}

/** Fragment's full quickstart.py, pointed at `origin` and at nothing else. */
function quickstartScript(origin: string): string {
  const script = excerpt(
    'quickstart.txt',
    'Full code\nquickstart.py\n',
    'import requests\nimport os',
    '\nTroubleshooting',
  )
  expect(script.split(FRAGMENT_ORIGIN).length - 1).toBe(6)
  return script.replaceAll(FRAGMENT_ORIGIN, origin)
}

describe.each(inject('engines'))('Fragment’s own scripts on $name', (engine) => {
  const origin = new URL(engine.baseUrl).origin
  let tenant: Tenant
  beforeAll(() => {
    tenant = claimTenant(engine)
  })

  it('runs the full quickstart.py unchanged but for the base URL', async () => {
    const run = await runPython(quickstartScript(origin), {
      FRAGMENT_TOKEN: tenant.tokens.super_admin,
    })
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

  it('follows the ID-mapping guide: a uid derived from a ticket id names one task', async () => {
    const recipe = excerpt('map-task-ids.txt', 'utils.py\n', 'import hashlib', '\nIf you need')
    const run = await runPython(`${recipe}\nprint(generate_uuid("ticket#ID#123"))\n`)
    expect(run.code, run.stderr).toBe(0)
    const uid = run.stdout.trim()
    const md5 = createHash('md5').update('ticket#ID#123').digest('hex')
    expect(uid).toBe(
      `${md5.slice(0, 8)}-${md5.slice(8, 12)}-${md5.slice(12, 16)}-${md5.slice(16, 20)}-${md5.slice(20)}`,
    )

    const example = JSON.parse(
      excerpt('map-task-ids.txt', 'with a /POST request to the tasks endpoint.', '{', '\nThen,'),
    )
    const body = { ...example, uid }
    const created = await tenant.api.post('tasks', body)
    expect(created.status, created.text).toBe(200)
    expect(created.body).toMatchObject({
      uid,
      status: 'TODO',
      due_at: '2025-09-11T12:00:00.000Z',
      fields: {
        title: 'Claim 123',
        url: 'https://backoffice.com/claims/123',
        claim_id: '123',
        country: 'FR',
      },
    })
    const got = await tenant.api.get(`tasks/${uid}`)
    expect(got.status).toBe(200)
    expect(storedState(got.body)).toEqual(storedState(created.body))
    const again = await tenant.api.post('tasks', { ...body, fields: { title: 'Claim 123 again' } })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('conflict')
    expect(storedState((await tenant.api.get(`tasks/${uid}`)).body)).toEqual(
      storedState(created.body),
    )
  })

  it('archives a task with requests.delete and Fragment’s usual headers', async () => {
    const { body: task } = await tenant.api.post('tasks', { fields: { title: 'to archive' } })
    const script = [
      'import os, requests',
      'headers = {"Authorization": f"Bearer {os.getenv(\'FRAGMENT_TOKEN\')}",',
      '           "Content-Type": "application/json", "User-Agent": "quickstart/1.0"}',
      `r = requests.delete("${origin}/api/v1/tasks/${task.uid}", headers=headers)`,
      'r.raise_for_status()',
      'print(r.json()["archived"])',
    ].join('\n')
    const run = await runPython(script, { FRAGMENT_TOKEN: tenant.tokens.operator })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout.trim()).toBe('True')
    expect((await tenant.api.get(`tasks/${task.uid}`)).body.archived).toBe(true)
  })
})
