import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Task } from '../../api'
import { installFakeApi } from '../../test/fake-api'
import { definition } from '../../test/field-fixtures'
import { session, stats, task } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
})

const QUEUE = '00000000-0000-4000-8000-000000000101'

/** One page of GET /tasks holding `items`, the last. */
function page(items: Task[], total = items.length) {
  return {
    items,
    meta: {
      limit: 50,
      self_cursor: null,
      prev_cursor: null,
      next_cursor: null,
      total_count: total,
    },
  }
}

function backlogApi() {
  return installFakeApi({
    'GET /auth/session': () => session('operator'),
    'GET /tasks': (_request, url) => {
      const cursor = url.searchParams.get('cursor')
      return {
        items: [task(cursor ? 't-page-2' : 't-page-1', { country: 'FR' })],
        meta: {
          limit: 50,
          self_cursor: cursor,
          prev_cursor: null,
          next_cursor: cursor ? null : 'cursor-2',
          total_count: 51,
        },
      }
    },
    'GET /queues': () => ({ items: [] }),
    'GET /users': () => ({ items: [] }),
    'GET /queues/stats': () => ({
      items: [stats(QUEUE, 'Disputes', 40, 3, 1), stats(null, null, 11)],
    }),
  })
}

describe('the backlog', () => {
  it('shows each queue with its open, overdue and breaching counts, and the totals', async () => {
    backlogApi()
    renderApp('/')
    const queues = await screen.findByRole('navigation', { name: 'Queues' })
    const disputes = await within(queues).findByRole('link', { name: /Disputes/ })
    expect(disputes.textContent).toContain('40 open')
    expect(disputes.textContent).toContain('3 overdue')
    expect(disputes.textContent).toContain('1 breaching')
    expect(within(queues).getByRole('link', { name: /All tasks/ }).textContent).toContain('51 open')
  })

  it('turns filters into the GET /tasks query and pages by cursor', async () => {
    const user = userEvent.setup()
    const api = backlogApi()
    renderApp('/')
    await screen.findByRole('link', { name: 'Task t-page-1' })

    await user.selectOptions(screen.getByLabelText('Status'), 'DONE')
    await user.type(screen.getByLabelText('Custom field'), 'country')
    await user.type(screen.getByLabelText('Value'), 'FR')
    await user.click(screen.getByRole('button', { name: 'Add filter' }))
    await waitFor(() => {
      const last = api.queriesOf('/tasks').at(-1)
      expect(last?.get('status')).toBe('DONE')
      expect(last?.get('country')).toBe('FR')
    })
    expect(screen.getByRole('button', { name: 'Remove filter country = FR' })).toBeTruthy()

    await user.click(screen.getByRole('button', { name: 'Next page' }))
    expect(await screen.findByRole('link', { name: 'Task t-page-2' })).toBeTruthy()
    expect(api.queriesOf('/tasks').at(-1)?.get('cursor')).toBe('cursor-2')
    expect(screen.getByText('51–51 of 51')).toBeTruthy()
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next page' }).disabled).toBe(true)
  })

  it('shows fields by label and type, those shown in the backlog first, and offers New task', async () => {
    installFakeApi({
      'GET /auth/session': () => session('operator'),
      'GET /tasks': () => ({
        items: [task('t1', { zeta: 'z', country: 'FR', amount: 1250, decision: 'ko', extra: 'x' })],
        meta: {
          limit: 50,
          self_cursor: null,
          prev_cursor: null,
          next_cursor: null,
          total_count: 1,
        },
      }),
      'GET /fields': () => ({
        items: [
          definition('country', 'text', { label: 'Country', position: 0 }),
          definition('amount', 'money', { label: 'Amount', currency: 'EUR', position: 1 }),
          definition('decision', 'single_select', {
            label: 'Decision',
            position: 2,
            shown_in_backlog: true,
            options: [{ value: 'ko', label: 'Refused' }],
          }),
        ],
      }),
      'GET /queues': () => ({ items: [] }),
      'GET /users': () => ({ items: [] }),
      'GET /queues/stats': () => ({ items: [] }),
    })
    renderApp('/')
    const row = (await screen.findByRole('link', { name: 'Task t1' })).closest('tr') as HTMLElement
    await waitFor(() =>
      expect(within(row).getAllByRole('listitem')[0]?.textContent).toBe('Decision: Refused'),
    )
    const items = within(row)
      .getAllByRole('listitem')
      .map((item) => item.textContent)
    expect(items).toHaveLength(3)
    expect(items[1]).toBe('Country: FR')
    expect(items[2]).toMatch(/^Amount: .*1.?250/)
    expect(screen.getByRole('link', { name: 'New task' }).getAttribute('href')).toBe('/tasks/new')
  })

  it('says no tasks match, and clears the filters, instead of "0–0 of 0"', async () => {
    const user = userEvent.setup()
    const api = installFakeApi({
      'GET /auth/session': () => session('viewer'),
      'GET /tasks': (_request, url) => page(url.searchParams.get('q') ? [] : [task('t1')]),
      'GET /queues': () => ({ items: [] }),
      'GET /users': () => ({ items: [] }),
      'GET /queues/stats': () => ({ items: [] }),
    })
    renderApp('/?q=nothing&status=DONE')
    expect(await screen.findByText('No tasks match')).toBeTruthy()
    expect(screen.queryByText(/0–0 of 0/)).toBeNull()
    // Viewers cannot create tasks.
    expect(screen.queryByRole('link', { name: 'New task' })).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Clear all filters' }))
    expect(await screen.findByRole('link', { name: 'Task t1' })).toBeTruthy()
    const last = api.queriesOf('/tasks').at(-1)
    expect(last?.get('q')).toBeNull()
    expect(last?.get('status')).toBe('TODO,STARTED')
  })
})
