import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { installFakeApi } from '../../test/fake-api'
import { session, stats, task } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
})

const QUEUE = '00000000-0000-4000-8000-000000000101'

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

  it('says so when nothing matches', async () => {
    installFakeApi({
      'GET /auth/session': () => session('viewer'),
      'GET /tasks': () => ({
        items: [],
        meta: {
          limit: 50,
          self_cursor: null,
          prev_cursor: null,
          next_cursor: null,
          total_count: 0,
        },
      }),
      'GET /queues': () => ({ items: [] }),
      'GET /users': () => ({ items: [] }),
      'GET /queues/stats': () => ({ items: [] }),
    })
    renderApp('/?q=nothing')
    expect(await screen.findByText('No task matches these filters')).toBeTruthy()
  })
})
