import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ListTasksQuery, type Task, type TesseraClient, unwrap } from '../../sdk/src/index'
import type { ServerProcess } from '../support/server-process'
import {
  type AppUnderTest,
  type AppUnderTestWithApi,
  PASSWORD,
  SUPER_ADMIN,
  skipRestAfterFailure,
  startAppUnderTest,
} from './app-under-test'

const ADMIN = SUPER_ADMIN.email
const OPERATOR = 'bob@example.test'

/** Tasks from Germany: more than a page of 25, to select across pages. */
const GERMAN = 30

/**
 * The manager's backlog end to end: an admin selects tasks across pages and runs bulk
 * actions (assign, set status, archive and undo; unassign, route by hand and back to the
 * rules, set and clear a field, snooze and wake, restore from the archive), saves a shared
 * view with its own columns and sort, which an operator then opens; words are searched in another order and without
 * their accents; a CSV of the filter is downloaded. A real `tessera serve` on PGlite serving
 * the built app, driven by headless Chromium; the steps run in order on one page.
 */
describe('the backlog', () => {
  let app: AppUnderTestWithApi
  let server: ServerProcess
  let page: Page
  let api: TesseraClient
  let shot: AppUnderTest['shot']
  let settled: AppUnderTest['settled']
  let heading: AppUnderTest['heading']
  let signIn: AppUnderTest['signIn']
  let bobUid: string

  const table = () => page.getByRole('table')
  const bulkBar = () => page.getByRole('region', { name: 'Bulk actions' })
  const check = (title: string, modifiers: ('Shift' | 'Alt')[] = []) =>
    table()
      .getByRole('checkbox', { name: `Select ${title}` })
      .click({ modifiers })
  /** The German tasks (`total` of them) on the first of two pages, nothing selected. */
  const openGerman = async (total = GERMAN) => {
    await page.goto(`${server.url}/?status=all&f.country=DE&limit=25`)
    await page.getByText(`1–25 of ${total}`).waitFor()
  }
  /** Applies the bulk action filled in to `count` tasks, and waits for what it says. */
  const apply = async (count: number, outcome: string) => {
    await bulkBar()
      .getByRole('button', { name: `Apply to ${count} tasks` })
      .click()
    await bulkBar().getByText(outcome).waitFor()
  }
  /** What `pick` says of each German task, by title: compared before and after an action. */
  const german = async <T>(pick: (task: Task) => T): Promise<Record<string, T>> =>
    Object.fromEntries(
      (await all({ country: 'DE' })).map((task) => [task.fields.title, pick(task)]),
    )
  const parcel = (n: number) => `Parcel lost in transit ${String(n).padStart(2, '0')}`
  /** Every task the API lists for `query`, all pages. */
  const all = async (query: ListTasksQuery): Promise<Task[]> => {
    const tasks: Task[] = []
    for await (const task of api.listAllTasks({ ...query, limit: 200 })) {
      tasks.push(task)
    }
    return tasks
  }

  beforeAll(async () => {
    app = await startAppUnderTest({ name: 'backlog', adminToken: true })
    ;({ server, page, api, shot, settled, heading, signIn } = app)
  })
  skipRestAfterFailure(() => page)
  afterAll(() => app?.close())

  it('makes an operator, field definitions, a queue and tasks through the API', async () => {
    const bob = await unwrap(
      api.POST('/users', {
        body: { email: OPERATOR, name: 'Bob Operator', role: 'operator', password: PASSWORD },
      }),
    )
    bobUid = bob.uid
    await unwrap(
      api.POST('/fields', {
        body: { key: 'customer', label: 'Customer', type: 'text', position: 0 },
      }),
    )
    await unwrap(
      api.POST('/fields', {
        body: { key: 'country', label: 'Country', type: 'text', position: 1 },
      }),
    )
    await unwrap(
      api.POST('/queues', {
        body: { name: 'France', condition: { field: 'country', operator: '==', value: 'FR' } },
      }),
    )
    const day = 86_400_000
    const french: [string, string][] = [
      ['Espresso machine broken', 'Anna Müller'],
      ['Water damage in the storage room', 'Jean Dupont'],
      ['Refund for order 1001', 'Zoë Martin'],
      ['Café grinder too noisy', 'Anna Müller'],
      ['Invoice address change', 'Élodie Brun'],
    ]
    await unwrap(
      api.POST('/tasks/batch', {
        body: {
          items: [
            ...french.map(([title, customer], i) => ({
              due_at: new Date(Date.now() + (i + 1) * day).toISOString(),
              fields: { title, customer, country: 'FR' },
            })),
            ...Array.from({ length: GERMAN }, (_, i) => ({
              due_at: new Date(Date.now() + (i + 10) * day).toISOString(),
              fields: {
                title: `Parcel lost in transit ${String(i + 1).padStart(2, '0')}`,
                customer: 'Hans Schmidt',
                country: 'DE',
              },
            })),
          ],
        },
      }),
    )
  })

  it('signs in as an admin', async () => {
    await page.goto(server.url)
    await signIn(ADMIN)
    await heading('All tasks')
    await page.getByText(`1–35 of ${35}`).waitFor()
  })

  it('selects tasks across pages and assigns them, then sets their status', async () => {
    await page.goto(`${server.url}/?status=all&f.country=DE&limit=25`)
    await page.getByText('1–25 of 30').waitFor()
    // A range with shift on the first page, one more on the second.
    await check('Parcel lost in transit 01')
    await check('Parcel lost in transit 03', ['Shift'])
    await page.getByRole('button', { name: 'Next page' }).click()
    await page.getByText('26–30 of 30').waitFor()
    await check('Parcel lost in transit 28')
    await page.getByText('4 selected (3 on other pages)').waitFor()

    await bulkBar().getByLabel('Bulk action').selectOption('assign')
    await bulkBar().getByLabel('Assign to').selectOption({ label: 'Bob Operator' })
    await bulkBar().getByRole('button', { name: 'Apply to 4 tasks' }).click()
    await bulkBar().getByText('Assign to: 4 changed.').waitFor()
    const assigned = await all({ assignee_uid: bobUid })
    expect(assigned.map((task) => task.fields.title).sort()).toEqual([
      'Parcel lost in transit 01',
      'Parcel lost in transit 02',
      'Parcel lost in transit 03',
      'Parcel lost in transit 28',
    ])

    // The same selection, still there: one may be started (a person works one task at a
    // time), the others are refused and say why; then all four done.
    await bulkBar().getByLabel('Bulk action').selectOption('set_status')
    await bulkBar().getByLabel('New status').selectOption({ label: 'Started' })
    await bulkBar().getByRole('button', { name: 'Apply to 4 tasks' }).click()
    await bulkBar().getByText('Set status: 1 changed, 3 refused.').waitFor()
    expect(await bulkBar().getByText('The assignee already has a task in progress.').count()).toBe(
      3,
    )
    await bulkBar().getByLabel('New status').selectOption({ label: 'Done' })
    await bulkBar().getByRole('button', { name: 'Apply to 4 tasks' }).click()
    await bulkBar().getByText('Set status: 4 changed.').waitFor()
    expect(await all({ assignee_uid: bobUid, status: 'DONE' })).toHaveLength(4)
    await page.getByRole('button', { name: 'Clear selection' }).click()
    await bulkBar().getByText('Nothing selected').waitFor()
    await bulkBar().getByRole('button', { name: 'Dismiss' }).click()
    await bulkBar().waitFor({ state: 'detached' })
  })

  it('archives every task matching the filter, then undoes it', async () => {
    await page.getByRole('button', { name: 'First page' }).click()
    await page.getByText('1–25 of 30').waitFor()
    await page.getByRole('checkbox', { name: 'Select every task on this page' }).check()
    await page.getByRole('button', { name: 'Select all 30 tasks matching this filter' }).click()
    await page.getByText('All 30 tasks matching this filter are selected.').waitFor()
    await bulkBar().getByLabel('Bulk action').selectOption('archive')
    await settled()
    await shot('backlog-bulk')
    await app.onPhone('backlog-bulk')
    await bulkBar().getByRole('button', { name: 'Apply to 30 tasks' }).click()
    await bulkBar().getByText('Archive: 30 changed.').waitFor()
    await page.getByText('No tasks match').waitFor()
    expect(await all({ country: 'DE' })).toHaveLength(0)
    expect(await all({ country: 'DE', archived: 'true' })).toHaveLength(GERMAN)

    await bulkBar().getByRole('button', { name: 'Undo' }).click()
    await bulkBar().getByText('Undone: 30 restored.').waitFor()
    await page.getByText('1–25 of 30').waitFor()
    expect(await all({ country: 'DE' })).toHaveLength(GERMAN)
    // The earlier actions stand: Bob's four tasks are still done.
    expect(await all({ assignee_uid: bobUid, status: 'DONE' })).toHaveLength(4)
  })

  it('unassigns two of the tasks assigned', async () => {
    await openGerman()
    const before = await german((task) => task.assignee_uid)
    await check(parcel(1))
    await check(parcel(2))
    await bulkBar().getByLabel('Bulk action').selectOption({ label: 'Unassign' })
    await apply(2, 'Unassign: 2 changed.')
    expect(await german((task) => task.assignee_uid)).toEqual({
      ...before,
      [parcel(1)]: null,
      [parcel(2)]: null,
    })
    // The other two stay Bob's.
    expect(before[parcel(3)]).toBe(bobUid)
    expect(before[parcel(28)]).toBe(bobUid)
  })

  it('routes two tasks to a queue by hand, then back to the queues’ rules', async () => {
    const queues = await unwrap(api.GET('/queues'))
    const france = queues.items.find((queue) => queue.name === 'France')?.uid
    expect(france).toBeDefined()
    await openGerman()
    const before = await german((task) => task.queue_uid)
    await check(parcel(4))
    await check(parcel(5))
    await bulkBar().getByLabel('Bulk action').selectOption({ label: 'Route to a queue…' })
    await bulkBar().getByLabel('Route to').selectOption({ label: 'France' })
    await apply(2, 'Route to a queue: 2 changed.')
    expect(await german((task) => task.queue_uid)).toEqual({
      ...before,
      [parcel(4)]: france,
      [parcel(5)]: france,
    })

    // Anew, since the outcome would read the same: by the rules, no queue takes German tasks.
    await openGerman()
    await check(parcel(4))
    await check(parcel(5))
    await bulkBar().getByLabel('Bulk action').selectOption({ label: 'Route to a queue…' })
    await bulkBar().getByLabel('Route to').selectOption({ label: 'Automatic (the queues’ rules)' })
    await apply(2, 'Route to a queue: 2 changed.')
    expect(await german((task) => task.queue_uid)).toEqual(before)
  })

  it('sets a defined field with its typed editor, then clears it', async () => {
    const parcels = await unwrap(
      api.POST('/fields', {
        body: { key: 'parcels', label: 'Parcels', type: 'number', position: 2 },
      }),
    )
    await openGerman()
    const before = await german((task) => task.fields.parcels)
    await check(parcel(6))
    await check(parcel(8), ['Shift'])
    await bulkBar().getByLabel('Bulk action').selectOption({ label: 'Set a field…' })
    await bulkBar().getByLabel('Field', { exact: true }).fill('parcels')
    // A number field's editor is a number input: the value is sent as a number.
    await bulkBar().getByRole('spinbutton', { name: 'Value' }).fill('3')
    await apply(3, 'Set a field: 3 changed.')
    expect(await german((task) => task.fields.parcels)).toEqual({
      ...before,
      [parcel(6)]: 3,
      [parcel(7)]: 3,
      [parcel(8)]: 3,
    })

    await bulkBar().getByLabel('Bulk action').selectOption({ label: 'Clear a field…' })
    await bulkBar().getByLabel('Field', { exact: true }).fill('parcels')
    await apply(3, 'Clear a field: 3 changed.')
    const after = await all({ country: 'DE' })
    expect(after.filter((task) => 'parcels' in task.fields)).toEqual([])
    // The definition goes again: the export below has a column per defined field.
    await unwrap(api.DELETE('/fields/{uid}', { params: { path: { uid: parcels.uid } } }))
  })

  it('snoozes two tasks until a time, then wakes them', async () => {
    await openGerman()
    const before = await german((task) => task.snooze_expires_at)
    await check(parcel(9))
    await check(parcel(10))
    await bulkBar().getByLabel('Bulk action').selectOption({ label: 'Snooze until…' })
    // Two days on at 09:30, in the browser's time zone, as the input takes it.
    const day = new Date(Date.now() + 2 * 86_400_000)
    const local = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(
      day.getDate(),
    ).padStart(2, '0')}T09:30`
    const until = await page.evaluate((value) => new Date(value).toISOString(), local)
    await bulkBar().getByLabel('Snooze until').fill(local)
    await apply(2, 'Snooze until: 2 changed.')
    const snoozed = await german((task) => task.snooze_expires_at)
    expect(snoozed).toEqual({ ...before, [parcel(9)]: until, [parcel(10)]: until })

    await bulkBar().getByLabel('Bulk action').selectOption({ label: 'Wake (end a snooze)' })
    await apply(2, 'Wake (end a snooze): 2 changed.')
    expect(await german((task) => task.snooze_expires_at)).toEqual(before)
  })

  it('restores two of three archived tasks, found with the Archived filter', async () => {
    const uids = await german((task) => task.uid)
    for (const n of [11, 12, 13]) {
      await unwrap(
        api.DELETE('/tasks/{uid}', { params: { path: { uid: uids[parcel(n)] as string } } }),
      )
    }
    await openGerman(GERMAN - 3)
    await page
      .getByRole('region', { name: 'Filters' })
      // Named by its label and the option chosen ("Archived Hidden").
      .getByRole('combobox', { name: /^Archived/ })
      .selectOption({ label: 'Only archived' })
    await page.getByText('1–3 of 3').waitFor()
    await check(parcel(11))
    await check(parcel(12))
    await bulkBar().getByLabel('Bulk action').selectOption({ label: 'Restore from the archive' })
    await apply(2, 'Restore from the archive: 2 changed.')
    // Restored tasks leave this filter; the third is still archived.
    await page.getByText('1–1 of 1').waitFor()
    const archived = await all({ country: 'DE', archived: 'true' })
    expect(archived.map((task) => task.fields.title)).toEqual([parcel(13)])
    expect(await all({ country: 'DE' })).toHaveLength(GERMAN - 1)
    // Back as it was for the steps below, which count every task.
    await unwrap(
      api.PATCH('/tasks/{uid}', {
        params: { path: { uid: uids[parcel(13)] as string } },
        body: { archived: false },
      }),
    )
  })

  it('saves a shared view with its own columns and sort', async () => {
    await page.goto(`${server.url}/?status=all&f.country=FR`)
    await page.getByText('1–5 of 5').waitFor()
    await page.getByRole('button', { name: 'Columns' }).click()
    const columns = page.getByRole('region', { name: 'Columns' })
    await columns.getByRole('button', { name: 'Remove SLA' }).click()
    await columns.getByRole('button', { name: 'Remove Fields' }).click()
    await columns.getByLabel('Add a column').selectOption({ label: 'Customer' })
    await columns.getByRole('button', { name: 'Add', exact: true }).click()
    for (let i = 0; i < 5; i++) {
      await columns.getByRole('button', { name: 'Move Customer up' }).click()
    }
    await columns.getByLabel('Add a column').selectOption({ label: 'Created (sortable)' })
    await columns.getByRole('button', { name: 'Add', exact: true }).click()
    await page.keyboard.press('Escape')
    await columns.waitFor({ state: 'detached' })
    // Newest first, by the Created column's header: ascending, then reversed.
    await table()
      .getByRole('button', { name: /^Created/ })
      .click()
    await table()
      .getByRole('button', { name: /^Created/ })
      .click()
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('-created_at')

    await page.getByRole('button', { name: 'Save view' }).click()
    await page.getByLabel('View name').fill('French desk')
    await page.getByLabel('Shared with the organization').check()
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await heading('French desk')
    const pinned = page.getByRole('navigation', { name: 'Pinned views' })
    await pinned
      .getByRole('link', { name: /French desk/ })
      .filter({ hasText: '5 tasks' })
      .waitFor()

    // Live counts: a new French task shows in the pinned view's count without a reload.
    await unwrap(
      api.POST('/tasks', {
        body: {
          due_at: new Date(Date.now() + 3_600_000).toISOString(),
          fields: { title: 'Müller order damaged', customer: 'Anna Müller', country: 'FR' },
        },
      }),
    )
    await pinned
      .getByRole('link', { name: /French desk/ })
      .filter({ hasText: '6 tasks' })
      .waitFor()
    await page.getByText('1–6 of 6').waitFor()
    await page.getByRole('button', { name: 'Views' }).click()
    await page.getByRole('region', { name: 'Saved views' }).getByText('Shared · by you').waitFor()
    await settled()
    await shot('backlog-views')
    await app.onPhone('backlog-views')
    await page.keyboard.press('Escape')
  })

  it('opens the shared view as another user, with its columns and order', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click()
    await signIn(OPERATOR)
    // Signing in may lead back to the page left: start from all tasks, as Bob would.
    await page.goto(server.url)
    await heading('All tasks')
    await page
      .getByRole('navigation', { name: 'Pinned views' })
      .getByRole('link', { name: /French desk/ })
      .click()
    await heading('French desk')
    await page.getByText('Saved view · shared with the organization · by Ada Admin').waitFor()
    await page.getByText('1–6 of 6').waitFor()
    expect(await table().getByRole('columnheader').allTextContents()).toEqual([
      'Customer',
      'Title',
      'Status',
      'Assignee',
      'Queue',
      'Due↕',
      'Created↓',
    ])
    const titles = await table().locator('td.cell-title a').allTextContents()
    // Newest first: the task made last leads.
    expect(titles[0]).toBe('Müller order damaged')
    expect(titles).toHaveLength(6)
    // An operator acts on tasks one by one: no checkboxes, no bulk bar.
    expect(await table().getByRole('checkbox').count()).toBe(0)
  })

  it('searches with words in another order and without their accents', async () => {
    await page.goto(`${server.url}/?status=all`)
    const words = page.getByRole('searchbox', { name: /Contains/ })
    await words.fill('broken espresso')
    await words.press('Enter')
    await page.getByText('1–1 of 1').waitFor()
    const title = table().getByRole('link', { name: 'Espresso machine broken' })
    expect(await title.locator('mark').allTextContents()).toEqual(['Espresso', 'broken'])

    await words.fill('muller')
    await words.press('Enter')
    await page.getByText('1–3 of 3').waitFor()
    const cafe = table().getByRole('row').filter({ hasText: 'Café grinder too noisy' })
    await cafe.getByRole('list', { name: 'Matched in' }).getByText('Customer:').waitFor()
    expect(await cafe.locator('mark').allTextContents()).toEqual(['Müller'])

    await words.fill('damage wat')
    await words.press('Enter')
    await page.getByText('1–1 of 1').waitFor()
    await table().getByRole('link', { name: 'Water damage in the storage room' }).waitFor()

    await words.fill('zzzz nothing')
    await words.press('Enter')
    await page.getByText('No tasks match').waitFor()
    await page.getByRole('button', { name: 'Clear the words' }).click()
    await page.getByText('1–36 of 36').waitFor()
  })

  it('downloads a CSV of the filter whose rows are the tasks it matches', async () => {
    await page.goto(`${server.url}/?status=all&f.customer=Anna M%C3%BCller`)
    await page.getByText('1–3 of 3').waitFor()
    await page.getByRole('button', { name: 'Export' }).click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^tasks-.*\.csv$/)
    const text = readFileSync((await download.path()) as string, 'utf8')
    const rows: Record<string, string>[] = parse(text, { columns: true, bom: true })
    const expected = await all({ customer: 'Anna Müller' })
    expect(rows.map((row) => row.uid).sort()).toEqual(expected.map((task) => task.uid).sort())
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'uid',
      'fields.title',
      'status',
      'assignee_email',
      'queue_name',
      'due_at',
      'sla_due_at',
      'fields.customer',
      'fields.country',
    ])
    expect(rows.every((row) => row['fields.customer'] === 'Anna Müller')).toBe(true)
    expect(rows.every((row) => row.queue_name === 'France')).toBe(true)
  })
})
