import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role, Task } from '../../api'
import { type FakeRoute, installFakeApi } from '../../test/fake-api'
import { definition } from '../../test/field-fixtures'
import { session, task } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
})

const ME = session('admin').account.user.uid
const BOB = '00000000-0000-4000-8000-0000000000a2'
const UNDO = '00000000-0000-4000-8000-0000000000f1'

const users = [
  { uid: ME, email: 'ada@acme.test', name: 'Ada', role: 'admin', skills: [], active: true },
  { uid: BOB, email: 'bob@acme.test', name: 'Bob', role: 'operator', skills: [], active: true },
]

function view(uid: string, extra: Record<string, unknown> = {}) {
  return {
    uid,
    name: `View ${uid}`,
    filter: {},
    columns: [],
    sort: null,
    shared: false,
    pinned: true,
    owner_uid: ME,
    created_at: '2025-09-11T12:00:00.000Z',
    updated_at: '2025-09-11T12:00:00.000Z',
    ...extra,
  }
}

/** GET /tasks answering pages of `perPage` over `tasks`, by cursor. */
function pages(tasks: Task[], perPage: number): FakeRoute {
  return (_request, url) => {
    const from = Number(url.searchParams.get('cursor') ?? 0)
    const next = from + perPage < tasks.length ? String(from + perPage) : null
    return {
      items: tasks.slice(from, from + perPage),
      meta: {
        limit: perPage,
        self_cursor: null,
        prev_cursor: null,
        next_cursor: next,
        total_count: tasks.length,
      },
    }
  }
}

function api(role: Role, routes: Record<string, FakeRoute> = {}) {
  return installFakeApi({
    'GET /auth/session': () => session(role),
    'GET /tasks': pages([task('t1'), task('t2'), task('t3')], 50),
    'GET /queues': () => ({ items: [] }),
    'GET /users': () => ({ items: users }),
    'GET /queues/stats': () => ({ items: [] }),
    'GET /views': () => ({ items: [] }),
    'GET /fields': () => ({ items: [] }),
    ...routes,
  })
}

const bodies = async (fake: ReturnType<typeof api>, method: string, path: string) =>
  Promise.all(
    fake.requests
      .filter(
        (request) =>
          request.method === method && new URL(request.url).pathname === `/api/v1${path}`,
      )
      .map(async (request) => JSON.parse(await request.clone().text()) as Record<string, unknown>),
  )

const row = async (title: string) =>
  (await screen.findByRole('link', { name: title })).closest('tr') as HTMLElement

describe('columns and sorting', () => {
  it('adds a custom field as a column by its label, and sorts by a sortable header only', async () => {
    const user = userEvent.setup()
    const fake = api('viewer', {
      'GET /tasks': () => ({
        items: [task('t1', { amount: 1250 })],
        meta: {
          limit: 50,
          self_cursor: null,
          prev_cursor: null,
          next_cursor: null,
          total_count: 1,
        },
      }),
      'GET /fields': () => ({
        items: [definition('amount', 'money', { label: 'Refund amount', currency: 'EUR' })],
      }),
    })
    renderApp('/')
    await row('Task t1')
    await user.click(screen.getByRole('button', { name: 'Columns' }))
    const panel = screen.getByRole('region', { name: 'Columns' })
    await user.selectOptions(within(panel).getByLabelText('Add a column'), 'fields.amount')
    await user.click(within(panel).getByRole('button', { name: 'Add' }))
    await user.click(within(panel).getByRole('button', { name: 'Move Refund amount up' }))
    await user.click(within(panel).getByRole('button', { name: 'Remove SLA' }))
    const headers = screen.getAllByRole('columnheader').map((header) => header.textContent)
    expect(headers).toEqual(
      ['Title↕', 'Status', 'Assignee', 'Queue', 'Due↑', 'Refund amount', 'Fields'].map((label) =>
        label.replace('↕', ''),
      ),
    )
    const cell = (await row('Task t1')).querySelector('td[data-label="Refund amount"]')
    expect(cell?.textContent).toMatch(/1.?250/)

    // Queue is not sortable: no button; Due is, and a second click reverses it.
    expect(
      within(screen.getAllByRole('columnheader')[3] as HTMLElement).queryByRole('button', {
        name: /^Queue/,
      }),
    ).toBeNull()
    await user.click(screen.getByRole('button', { name: /^Due/ }))
    await waitFor(() => expect(fake.queriesOf('/tasks').at(-1)?.get('sort')).toBe('-due_at'))
    expect(screen.getByRole('columnheader', { name: /Due/ }).getAttribute('aria-sort')).toBe(
      'descending',
    )
  })
})

describe('a queue and column widths', () => {
  it('shows a queue in its dispatch order when the list can sort by it, and says so', async () => {
    const queueUid = '00000000-0000-4000-8000-000000000101'
    const fake = api('viewer', {
      'GET /queues': () => ({
        items: [
          {
            uid: queueUid,
            name: 'Disputes',
            description: '',
            position: 0,
            condition: { combinator: 'and', conditions: [] },
            skills: [],
            sla_policy: null,
            form_uid: null,
            priority: [{ field: 'created_at', direction: 'descending' }],
            created_at: '2025-09-11T12:00:00.000Z',
            updated_at: '2025-09-11T12:00:00.000Z',
          },
        ],
      }),
    })
    renderApp(`/queues/${queueUid}`)
    await screen.findByText(/In dispatch order \(creation date, newest first\)/)
    await waitFor(() => {
      const last = fake.queriesOf('/tasks').at(-1)
      expect(last?.get('sort')).toBe('-created_at')
      expect(last?.get('queue_uid')).toBe(queueUid)
    })
  })

  it('widens a column from the keyboard and keeps every width in the address', async () => {
    const user = userEvent.setup()
    const fake = api('viewer')
    renderApp('/?sort=created_at')
    await row('Task t1')
    screen.getByRole('button', { name: 'Resize Title' }).focus()
    await user.keyboard('{ArrowRight}')
    await waitFor(() => expect(screen.getByRole('table').className).toContain('task-table-sized'))
    expect(screen.getByRole('table').querySelector('col')?.getAttribute('style')).toBe(
      'width: 136px;',
    )
    // The address changed, not the query: the same tasks, in the same order.
    expect(fake.queriesOf('/tasks').at(-1)?.get('sort')).toBe('created_at')
  })
})

describe('saved views', () => {
  it('lists pinned views with their counts and opens one with its filter', async () => {
    const user = userEvent.setup()
    const fake = api('operator', {
      'GET /views': () => ({
        items: [
          view('00000000-0000-4000-8000-00000000c001', {
            name: 'French refunds',
            filter: { status: 'TODO', country: 'FR' },
            columns: [{ key: 'fields.title', width: 300 }, { key: 'status' }],
            shared: true,
            owner_uid: BOB,
            count: 12,
          }),
        ],
      }),
    })
    renderApp('/')
    const sidebar = await screen.findByRole('navigation', { name: 'Pinned views' })
    const link = await within(sidebar).findByRole('link', { name: /French refunds/ })
    expect(link.textContent).toContain('12 tasks')
    await user.click(link)
    await screen.findByRole('heading', { level: 1, name: 'French refunds' })
    await waitFor(() => {
      const last = fake.queriesOf('/tasks').at(-1)
      expect(last?.get('status')).toBe('TODO')
      expect(last?.get('country')).toBe('FR')
    })
    expect(screen.getByText(/shared with the organization · by Bob/)).toBeTruthy()
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual([
      'Title',
      'Status',
    ])
    // Someone else's shared view: an operator cannot save changes into it.
    await user.selectOptions(screen.getByLabelText('Status'), 'DONE')
    await screen.findByText('Changed since saved')
    expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull()
  })

  it('saves what is shown as a shared, pinned view and opens it', async () => {
    const user = userEvent.setup()
    const saved = view('00000000-0000-4000-8000-00000000c002', {
      name: 'Müller',
      filter: { status: 'TODO,STARTED', q: 'muller' },
      shared: true,
    })
    let created = false
    const fake = api('viewer', {
      'POST /views': () => {
        created = true
        return saved
      },
      'GET /views': () => ({ items: created ? [saved] : [] }),
    })
    renderApp('/?q=muller')
    await row('Task t1')
    await user.click(screen.getByRole('button', { name: 'Save view' }))
    await user.type(screen.getByLabelText('View name'), 'Müller')
    await user.click(screen.getByLabelText('Shared with the organization'))
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByRole('heading', { level: 1, name: 'Müller' })
    expect(await bodies(fake, 'POST', '/views')).toEqual([
      {
        name: 'Müller',
        filter: { status: 'TODO,STARTED', q: 'muller' },
        columns: [],
        sort: null,
        shared: true,
        pinned: true,
      },
    ])
  })
})

describe('selection and bulk actions', () => {
  it('are not offered to operators', async () => {
    api('operator')
    renderApp('/')
    await row('Task t1')
    expect(screen.queryByRole('checkbox')).toBeNull()
    expect(screen.queryByRole('region', { name: 'Bulk actions' })).toBeNull()
  })

  it('select a range with shift and set their status, then undo it', async () => {
    const user = userEvent.setup()
    const fake = api('admin', {
      'POST /tasks/bulk': () => ({
        matched_total: 3,
        processed: 3,
        changed: 2,
        unchanged: 1,
        failed: [],
        next: null,
        undo_uid: UNDO,
      }),
      [`POST /tasks/bulk/${UNDO}/undo`]: () => ({
        total: 2,
        processed: 2,
        restored: 2,
        skipped: [],
        remaining: 0,
      }),
    })
    renderApp('/')
    await row('Task t3')
    await user.click(screen.getByRole('checkbox', { name: 'Select Task t1' }))
    await user.keyboard('{Shift>}')
    await user.click(screen.getByRole('checkbox', { name: 'Select Task t3' }))
    await user.keyboard('{/Shift}')
    expect(screen.getByText(/3 selected/, { selector: 'strong' })).toBeTruthy()
    const bar = screen.getByRole('region', { name: 'Bulk actions' })
    await user.selectOptions(within(bar).getByLabelText('Bulk action'), 'set_status')
    await user.selectOptions(within(bar).getByLabelText('New status'), 'DONE')
    await user.click(within(bar).getByRole('button', { name: 'Apply to 3 tasks' }))
    await within(bar).findByText(/2 changed, 1 already so/)
    expect(await bodies(fake, 'POST', '/tasks/bulk')).toEqual([
      { selection: { uids: ['t1', 't2', 't3'] }, action: { type: 'set_status', status: 'DONE' } },
    ])
    await user.click(within(bar).getByRole('button', { name: 'Undo' }))
    await within(bar).findByText(/Undone: 2 restored/)
  })

  it('set a defined field with its typed editor, labelled Value, sending a typed value', async () => {
    const user = userEvent.setup()
    const fake = api('admin', {
      'GET /fields': () => ({ items: [definition('parcels', 'number')] }),
      'POST /tasks/bulk': () => ({
        matched_total: 2,
        processed: 2,
        changed: 2,
        unchanged: 0,
        failed: [],
        next: null,
        undo_uid: UNDO,
      }),
    })
    renderApp('/')
    await row('Task t2')
    await user.click(screen.getByRole('checkbox', { name: 'Select Task t1' }))
    await user.click(screen.getByRole('checkbox', { name: 'Select Task t2' }))
    const bar = screen.getByRole('region', { name: 'Bulk actions' })
    await user.selectOptions(within(bar).getByLabelText('Bulk action'), 'set_field')
    await user.type(within(bar).getByLabelText('Field'), 'parcels')
    await user.type(within(bar).getByRole('spinbutton', { name: 'Value' }), '3')
    await user.click(within(bar).getByRole('button', { name: 'Apply to 2 tasks' }))
    await within(bar).findByText(/Set a field: 2 changed/)
    expect(await bodies(fake, 'POST', '/tasks/bulk')).toEqual([
      {
        selection: { uids: ['t1', 't2'] },
        action: { type: 'set_field', key: 'parcels', value: 3 },
      },
    ])
  })

  it('select every task matching the filter across pages and archive them chunk by chunk', async () => {
    const user = userEvent.setup()
    const tasks = Array.from({ length: 60 }, (_, i) => task(`t${i}`))
    let calls = 0
    const fake = api('admin', {
      'GET /tasks': pages(tasks, 50),
      'POST /tasks/bulk': () => {
        calls += 1
        return {
          matched_total: 60,
          processed: calls === 1 ? 50 : 60,
          changed: calls === 1 ? 50 : 60,
          unchanged: 0,
          failed: [],
          next: calls === 1 ? 'after-50' : null,
          undo_uid: UNDO,
        }
      },
    })
    renderApp('/?status=TODO')
    await row('Task t0')
    await user.click(screen.getByRole('checkbox', { name: 'Select every task on this page' }))
    await user.click(
      screen.getByRole('button', { name: 'Select all 60 tasks matching this filter' }),
    )
    const bar = screen.getByRole('region', { name: 'Bulk actions' })
    await user.selectOptions(within(bar).getByLabelText('Bulk action'), 'archive')
    await user.click(within(bar).getByRole('button', { name: 'Apply to 60 tasks' }))
    await within(bar).findByText(/60 changed/)
    const sent = await bodies(fake, 'POST', '/tasks/bulk')
    expect(sent).toEqual([
      { selection: { filter: { status: 'TODO' } }, action: { type: 'archive' } },
      { selection: { filter: { status: 'TODO' }, after: 'after-50' }, action: { type: 'archive' } },
    ])
    // The selection is gone (the archived tasks left the filter); the result and Undo stay.
    expect(screen.queryByText(/tasks matching this filter are selected/)).toBeNull()
  })

  it('moves with j and k, selects with x, opens with Enter', async () => {
    const user = userEvent.setup()
    api('admin', {
      'GET /tasks/t2': () => task('t2'),
      'GET /tasks/t2/comments': () => ({ items: [] }),
      'GET /tasks/t2/events': () => ({ items: [] }),
    })
    renderApp('/')
    await row('Task t3')
    await user.keyboard('jj')
    expect(document.activeElement?.getAttribute('data-uid')).toBe('t2')
    await user.keyboard('x')
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select Task t2' }).checked).toBe(
      true,
    )
    await user.keyboard('k')
    expect(document.activeElement?.getAttribute('data-uid')).toBe('t1')
    await user.keyboard('j{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Task t2' })
  })
})

describe('export and search', () => {
  it('links the export to the filter, the sort and the columns shown', async () => {
    const user = userEvent.setup()
    api('viewer')
    renderApp('/?status=DONE&f.country=FR&sort=-created_at&col=fields.title&col=fields.country')
    await row('Task t1')
    await user.click(screen.getByRole('button', { name: 'Export' }))
    const csv = new URL(
      screen.getByRole('link', { name: 'Download CSV' }).getAttribute('href') ?? '',
    )
    expect(csv.pathname).toBe('/api/v1/tasks/export')
    expect(Object.fromEntries(csv.searchParams)).toEqual({
      status: 'DONE',
      country: 'FR',
      sort: '-created_at',
      format: 'csv',
      columns: 'fields.title,fields.country',
    })
    const jsonl = new URL(
      screen.getByRole('link', { name: 'Download JSON Lines' }).getAttribute('href') ?? '',
    )
    expect(jsonl.searchParams.get('format')).toBe('jsonl')
  })

  it('shows under each row which field matched the words, marked', async () => {
    installFakeApi({
      'GET /auth/session': () => session('viewer'),
      'GET /tasks': () => ({
        items: [task('t1', { title: 'Espresso machine broken', customer: 'Anna Müller' })],
        meta: {
          limit: 50,
          self_cursor: null,
          prev_cursor: null,
          next_cursor: null,
          total_count: 1,
        },
      }),
      'GET /fields': () => ({ items: [definition('customer', 'text', { label: 'Customer' })] }),
      'GET /queues': () => ({ items: [] }),
      'GET /users': () => ({ items: [] }),
      'GET /queues/stats': () => ({ items: [] }),
      'GET /views': () => ({ items: [] }),
    })
    renderApp('/?q=muller%20broken')
    const title = await screen.findByRole('link', { name: 'Espresso machine broken' })
    expect([...title.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['broken'])
    const matched = await screen.findByRole('list', { name: 'Matched in' })
    await waitFor(() => expect(matched.textContent).toBe('Customer: Anna Müller'))
    expect([...matched.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual([
      'Müller',
    ])
  })
})
