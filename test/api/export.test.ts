import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { claimTenant, type Tenant } from '../support/tenants'

describe.each(inject('engines'))('task export on $name', (engine) => {
  let tenant: Tenant
  let queueUid: string
  const total = 2345

  beforeAll(async () => {
    tenant = claimTenant(engine)
    const queue = await tenant.api.post('queues', {
      name: 'Claims',
      condition: { field: 'kind', operator: '==', value: 'claim' },
    })
    queueUid = queue.body.uid
    // More than two pages of the export's 1,000, so paging is exercised.
    for (let start = 0; start < total; start += 1000) {
      const items = Array.from({ length: Math.min(1000, total - start) }, (_, i) => ({
        fields: {
          title: `Task ${start + i}`,
          kind: (start + i) % 3 === 0 ? 'claim' : 'other',
          note:
            start + i === 7
              ? '=HYPERLINK("http://evil.example")'
              : `note, "quoted"\nline ${start + i}`,
          city: 'Zürich',
        },
      }))
      const res = await tenant.api.post('tasks/batch', { items })
      expect(res.status, res.text).toBe(200)
    }
  })

  const exported = (query: Record<string, string>) => tenant.api.get('tasks/export', { query })

  it('streams every matching task as CSV, with a header and the columns asked for', async () => {
    const res = await exported({
      kind: 'claim',
      columns: 'uid,fields.title,queue_name,status,fields.note,fields.city',
    })
    expect(res.status, res.text).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="tasks-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    // The byte-order mark Excel needs (fetch's text() drops it, so read the bytes).
    const raw = await fetch(new URL('/api/v1/tasks/export?columns=uid', engine.baseUrl), {
      headers: { authorization: `Bearer ${tenant.tokens.viewer}` },
    })
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 6)]).toEqual([
      0xef, 0xbb, 0xbf, 0x75, 0x69, 0x64,
    ])
    const rows: string[][] = parse(res.text, { bom: true })
    expect(rows[0]).toEqual([
      'uid',
      'fields.title',
      'queue_name',
      'status',
      'fields.note',
      'fields.city',
    ])
    const body = rows.slice(1)
    expect(body).toHaveLength(Math.ceil(total / 3))
    expect(new Set(body.map((row) => row[0])).size).toBe(body.length)
    expect(
      body.every((row) => row[2] === 'Claims' && row[3] === 'TODO' && row[5] === 'Zürich'),
    ).toBe(true)
    const listed = await tenant.api.get('tasks', { query: { kind: 'claim', limit: '1' } })
    expect(listed.body.meta.total_count).toBe(body.length)
    expect(body.find((row) => row[1] === 'Task 3')?.[4]).toBe('note, "quoted"\nline 3')
    expect(queueUid).toBeTruthy()
  })

  it('disarms text a spreadsheet would run as a formula', async () => {
    const res = await exported({ columns: 'fields.title,fields.note', 'fields.title': 'Task 7' })
    const rows: string[][] = parse(res.text, { bom: true })
    expect(rows.slice(1)).toEqual([['Task 7', `'=HYPERLINK("http://evil.example")`]])
  })

  it('streams JSON Lines: one task object per line, in the list’s order', async () => {
    const res = await exported({ format: 'jsonl', sort: '-created_at' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/jsonl; charset=utf-8')
    const tasks = res.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(tasks).toHaveLength(total)
    const newest = await tenant.api.get('tasks', { query: { sort: '-created_at', limit: '10' } })
    expect(tasks.slice(0, 10).map((task) => task.uid)).toEqual(
      newest.body.items.map((task: { uid: string }) => task.uid),
    )
    const one = await tenant.api.get(`tasks/${tasks[5].uid}`)
    // Durations run on with the clock (queue_time counts until now): compare the rest.
    const steady = (task: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(task).filter(([key]) => !/_time(_business)?$/.test(key)))
    expect(steady(tasks[5])).toEqual(steady(one.body))
  })

  it('exports nothing of another organization', async () => {
    const other = claimTenant(engine)
    const res = await other.api.get('tasks/export', { query: { format: 'jsonl' } })
    expect(res.status).toBe(200)
    expect(res.text).toBe('')
  })

  it('refuses unknown columns and bad filters with a 422 naming them, before sending anything', async () => {
    const columns = await exported({ columns: 'uid,password_hash' })
    expect(columns.status).toBe(422)
    expect(columns.body.error.fields).toEqual([
      expect.objectContaining({
        path: '/query/columns',
        message: expect.stringContaining('password_hash'),
      }),
    ])
    const status = await exported({ status: 'LOST' })
    expect(status.status).toBe(422)
    const format = await exported({ format: 'xlsx' })
    expect(format.status).toBe(422)
    expect(format.body.error.fields[0].path).toBe('/query/format')
  })

  it('refuses a filter value the database cannot take (a NUL) with a 422, not a cut-off 200', async () => {
    // The fuzzer found it: the export had sent its 200 and the CSV header before the first
    // page's query failed, and then could only abort the stream.
    const res = await exported({ tags: '\u0000' })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('validation_failed')
  })
})
