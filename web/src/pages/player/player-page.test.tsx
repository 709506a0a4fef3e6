import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Task } from '../../api'
import { installFakeApi } from '../../test/fake-api'
import { session, stats, task } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

const QUEUE = '00000000-0000-4000-8000-000000000101'

/** A player server: two tasks in one queue, handed out in order. */
function playerApi() {
  const waiting: Task[] = [
    task('p1', { title: 'First claim', url: 'https://backoffice.example/claims/1' }),
    task('p2', { title: 'Second claim', url: 'https://backoffice.example/claims/2' }),
  ]
  let playing = false
  let current: Task | null = null
  let completed = 0
  const state = () => ({
    session: playing
      ? { queue_uids: [QUEUE], started_at: '2025-09-11T12:00:00.000Z', completed }
      : null,
    current,
  })
  const api = installFakeApi({
    'GET /auth/session': () => session('operator'),
    'GET /queues': () => ({
      items: [{ uid: QUEUE, name: 'Disputes', description: '', position: 0 }],
    }),
    'GET /queues/stats': () => ({ items: [stats(QUEUE, 'Disputes', 2)] }),
    'GET /player': state,
    'POST /player/start': () => {
      playing = true
      return state()
    },
    'POST /player/next': () => {
      current = waiting.shift() ?? null
      return { task: current }
    },
    'POST /player/complete': () => {
      completed += 1
      const done = current
      current = null
      return done
    },
  })
  return api
}

describe('the player', () => {
  it('starts a queue, opens each task, and completes with the keyboard', async () => {
    const user = userEvent.setup()
    const tab = { opener: {}, location: { href: 'about:blank' }, close: vi.fn() }
    const open = vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window)
    const api = playerApi()
    renderApp('/player')

    await user.click(await screen.findByRole('checkbox', { name: /Disputes/ }))
    await user.click(screen.getByRole('button', { name: 'Start' }))
    expect(await screen.findByRole('link', { name: 'First claim' })).toBeTruthy()
    expect(tab.location.href).toBe('https://backoffice.example/claims/1')
    // Kept as the tab's opener: only the opener may send it to the next cross-origin url.
    expect(tab.opener).toEqual({})
    const start = api.requests.find((request) => request.url.endsWith('/player/start'))
    expect(await start?.clone().json()).toEqual({ queue_uids: [QUEUE] })

    await user.keyboard('c')
    expect(await screen.findByRole('link', { name: 'Second claim' })).toBeTruthy()
    await waitFor(() =>
      expect(screen.getByTestId('player-counter').textContent).toBe('Tasks done this session: 1'),
    )
    expect(tab.location.href).toBe('https://backoffice.example/claims/2')

    await user.click(screen.getByRole('button', { name: 'Complete' }))
    expect(await screen.findByText('Nothing to do right now')).toBeTruthy()
    await waitFor(() =>
      expect(screen.getByTestId('player-counter').textContent).toBe('Tasks done this session: 2'),
    )
    // One tab, opened once and reused for every task.
    expect(open).toHaveBeenCalledTimes(1)
    // Nothing came: the tab keeps the last back-office page rather than closing under the user.
    expect(tab.close).not.toHaveBeenCalled()
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Complete' }).disabled).toBe(true)
    expect(screen.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeTruthy()
  })

  it('shows why a move was refused, and shows the session as the server now has it', async () => {
    const user = userEvent.setup()
    vi.spyOn(window, 'open').mockReturnValue(null)
    let completed = 0
    let current: Task | null = task('p1', { title: 'First claim' })
    const api = installFakeApi({
      'GET /auth/session': () => session('operator'),
      'GET /queues': () => ({ items: [] }),
      'GET /player': () => ({
        session: { queue_uids: null, started_at: '2025-09-11T12:00:00.000Z', completed },
        current,
      }),
      // Meanwhile the task was completed elsewhere: the API refuses, and the session moved on.
      'POST /player/complete': () => {
        completed = 1
        current = null
        return Response.json(
          {
            error: {
              code: 'not_your_open_task',
              message: 'The task is no longer yours.',
              request_id: 'r',
            },
          },
          { status: 409 },
        )
      },
    })
    renderApp('/player')

    await user.click(await screen.findByRole('button', { name: 'Complete' }))
    expect((await screen.findByRole('alert')).textContent).toContain('The task is no longer yours.')
    await waitFor(() =>
      expect(screen.getByTestId('player-counter').textContent).toBe('Tasks done this session: 1'),
    )
    expect(screen.queryByRole('link', { name: 'First claim' })).toBeNull()
    expect(api.requests.some((request) => request.url.endsWith('/player/next'))).toBe(false)
  })
})
