import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Task } from '../../api'
import { type FakeRoute, installFakeApi } from '../../test/fake-api'
import { session, task } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

const ME = session('operator').account.user.uid
const MANAGER = '00000000-0000-4000-8000-0000000000d1'
const SESSION = { queue_uids: null, started_at: '2025-09-11T12:00:00.000Z', completed: 0 }

const person = (uid: string, name: string) => ({
  uid,
  email: `${name.toLowerCase()}@acme.test`,
  name,
  role: 'admin',
  active: true,
  skills: [],
  created_at: '2025-09-11T12:00:00.000Z',
  updated_at: '2025-09-11T12:00:00.000Z',
})

const refused = () =>
  Response.json(
    { error: { code: 'not_your_open_task', message: 'Not yours.', request_id: 'r' } },
    { status: 409 },
  )

describe('the player’s states', () => {
  it('says which tasks are paused but still yours, and which are snoozed until when', async () => {
    const waiting: Task[] = [
      { ...task('w1', { title: 'Paused claim' }), assignee_uid: ME },
      {
        ...task('w2', { title: 'Sleeping claim' }),
        assignee_uid: ME,
        snooze_expires_at: '2099-01-01T10:00:00.000Z',
      },
    ]
    const api = installFakeApi({
      'GET /auth/session': () => session('operator'),
      'GET /queues': () => ({ items: [] }),
      'GET /player': () => ({ session: SESSION, current: null }),
      'GET /tasks': () => ({ items: waiting, meta: {} }),
    })
    renderApp('/player')
    const panel = await screen.findByRole('region', { name: 'Still yours' })
    const paused = within(panel).getByRole('link', { name: 'Paused claim' }).closest('li')
    expect(paused?.textContent).toContain('Paused: still yours.')
    const sleeping = within(panel).getByRole('link', { name: 'Sleeping claim' }).closest('li')
    expect(sleeping?.textContent).toMatch(/Snoozed until .*2099/)
    const query = api.queriesOf('/tasks')[0]
    expect(query?.get('assignee_uid')).toBe(ME)
    expect(query?.get('status')).toBe('TODO')
  })

  it('says who unassigned the task in progress instead of letting it vanish', async () => {
    const user = userEvent.setup()
    let current: Task | null = { ...task('p1', { title: 'Refund' }), status: 'STARTED' }
    vi.spyOn(window, 'open').mockReturnValue(null)
    installFakeApi({
      'GET /auth/session': () => session('operator'),
      'GET /queues': () => ({ items: [] }),
      'GET /users': () => ({ items: [person(MANAGER, 'Maria')] }),
      'GET /player': () => ({ session: SESSION, current }),
      'GET /tasks/p1': () => ({
        ...task('p1', { title: 'Refund' }),
        assignee_uid: null,
        assignee_updated_by: MANAGER,
      }),
      // A manager unassigned it meanwhile: the API refuses, and the session moved on.
      'POST /player/complete': () => {
        current = null
        return refused()
      },
    })
    renderApp('/player')
    await user.click(await screen.findByRole('button', { name: 'Complete' }))
    await waitFor(() =>
      expect(screen.getByText(/was unassigned by Maria: it is no longer yours\./)).toBeTruthy(),
    )
  })

  it('says nothing of a task the operator paused themselves', async () => {
    const user = userEvent.setup()
    let current: Task | null = { ...task('p1', { title: 'Refund' }), status: 'STARTED' }
    const mine = { ...task('p1', { title: 'Refund' }), assignee_uid: ME, assignee_updated_by: ME }
    installFakeApi({
      'GET /auth/session': () => session('operator'),
      'GET /queues': () => ({ items: [] }),
      'GET /users': () => ({ items: [] }),
      'GET /player': () => ({ session: SESSION, current }),
      'GET /tasks/p1': () => mine,
      'GET /tasks': () => ({ items: current ? [] : [mine], meta: {} }),
      'POST /player/pause': () => {
        current = null
        return mine
      },
    })
    renderApp('/player')
    await user.click(await screen.findByRole('button', { name: 'Pause' }))
    const notice = await screen.findByText('Paused: still yours')
    expect(notice.closest('[role="status"]')?.textContent).toContain(
      'Refund stays assigned to you. Next (n) serves your paused tasks first.',
    )
    const panel = screen.getByRole('region', { name: 'Still yours' })
    expect(within(panel).getByText('Paused: still yours. Next (n) resumes it.')).toBeTruthy()
    expect(screen.queryByText(/unassigned by/i)).toBeNull()
  })

  it('says until when the task the operator snoozed sleeps, when nothing else came', async () => {
    const user = userEvent.setup()
    vi.spyOn(window, 'open').mockReturnValue(null)
    let current: Task | null = { ...task('p1', { title: 'Refund' }), status: 'STARTED' }
    const asleep = {
      ...task('p1', { title: 'Refund' }),
      assignee_uid: ME,
      assignee_updated_by: ME,
      snooze_expires_at: '2099-03-01T09:30:00.000Z',
    }
    installFakeApi({
      'GET /auth/session': () => session('operator'),
      'GET /queues': () => ({ items: [] }),
      'GET /users': () => ({ items: [] }),
      'GET /player': () => ({ session: SESSION, current }),
      'GET /tasks/p1': () => asleep,
      'GET /tasks': () => ({ items: [], meta: {} }),
      'POST /player/skip': () => {
        current = null
        return asleep
      },
      'POST /player/next': () => ({ task: null, skipped_available: 0 }),
    })
    renderApp('/player')
    await user.click(await screen.findByRole('button', { name: 'Skip' }))
    await user.type(screen.getByLabelText('Reason for skipping'), 'Waiting for the bank{Enter}')
    const notice = await screen.findByText(/^Snoozed until .*2099/)
    expect(notice.closest('[role="status"]')?.textContent).toContain(
      'Refund stays assigned to you and comes back to you when it wakes.',
    )
    expect(screen.getByText('Nothing to do right now')).toBeTruthy()
  })

  it('says who reassigned the task in progress, and to whom', async () => {
    const user = userEvent.setup()
    const OTHER = '00000000-0000-4000-8000-0000000000d2'
    let current: Task | null = { ...task('p1', { title: 'Refund' }), status: 'STARTED' }
    installFakeApi({
      'GET /auth/session': () => session('operator'),
      'GET /queues': () => ({ items: [] }),
      'GET /users': () => ({ items: [person(MANAGER, 'Maria'), person(OTHER, 'Bob')] }),
      'GET /player': () => ({ session: SESSION, current }),
      'GET /tasks/p1': () => ({
        ...task('p1', { title: 'Refund' }),
        assignee_uid: OTHER,
        assignee_updated_by: MANAGER,
      }),
      'GET /tasks': () => ({ items: [], meta: {} }),
      // A manager gave it to Bob meanwhile: the API refuses, and the session moved on.
      'POST /player/pause': () => {
        current = null
        return refused()
      },
    })
    renderApp('/player')
    await user.click(await screen.findByRole('button', { name: 'Pause' }))
    expect(await screen.findByText('Reassigned by Maria')).toBeTruthy()
    expect(screen.getByText(/was reassigned to Bob by Maria\./)).toBeTruthy()
    expect(screen.queryByText('Paused: still yours')).toBeNull()
  })

  it('has a comment box for the task in progress', async () => {
    const user = userEvent.setup()
    const comments: { text: string }[] = []
    const routes: Record<string, FakeRoute> = {
      'GET /auth/session': () => session('operator'),
      'GET /queues': () => ({ items: [] }),
      'GET /player': () => ({
        session: SESSION,
        current: { ...task('p1', { title: 'Refund' }), status: 'STARTED' },
      }),
      'GET /tasks/p1/comments': () => ({
        items: comments.map((comment, i) => ({
          uid: `c${i}`,
          task_uid: 'p1',
          text: comment.text,
          created_at: '2025-09-11T12:00:00.000Z',
          author: { uid: ME, name: 'Ada', email: 'ada@acme.test' },
        })),
      }),
      'POST /tasks/p1/comments': async (request) => {
        comments.push((await request.json()) as { text: string })
        return {}
      },
    }
    const api = installFakeApi(routes)
    renderApp('/player')
    // Every letter of the player's shortcuts, typed into the box, is text and no command.
    const box = await screen.findByLabelText('Add a comment')
    await user.type(box, 'Customer called back: next step, cancel the fix')
    await user.keyboard('{Control>}{Enter}{/Control}')
    expect(await screen.findByText('Customer called back: next step, cancel the fix')).toBeTruthy()
    expect(comments).toEqual([{ text: 'Customer called back: next step, cancel the fix' }])
    const moves = api.requests.filter((request) => request.url.includes('/player/'))
    expect(moves).toEqual([])
    // Escape leaves the box: the letters are shortcuts again.
    await user.type(box, 'x')
    await user.keyboard('{Escape}')
    expect(document.activeElement).not.toBe(box)
    await user.click(screen.getByRole('button', { name: 'Post comment' }))
    await waitFor(() => expect(comments).toHaveLength(2))
  })

  it('shows the history of the task in progress', async () => {
    installFakeApi({
      'GET /auth/session': () => session('operator'),
      'GET /queues': () => ({ items: [] }),
      'GET /users': () => ({ items: [person(MANAGER, 'Maria')] }),
      'GET /player': () => ({
        session: SESSION,
        current: { ...task('p1', { title: 'Refund' }), status: 'STARTED' },
      }),
      'GET /tasks/p1/comments': () => ({ items: [] }),
      'GET /tasks/p1/events': () => ({
        items: [
          {
            id: 1,
            task_uid: 'p1',
            type: 'created',
            actor_uid: MANAGER,
            data: {},
            created_at: '2025-09-11T12:00:00.000Z',
          },
        ],
      }),
    })
    renderApp('/player')
    const history = await screen.findByRole('region', { name: 'History' })
    await waitFor(() => expect(within(history).getByText(/Maria/)).toBeTruthy())
  })

  it('says when only skipped tasks are left, and serves one only when asked', async () => {
    const user = userEvent.setup()
    vi.spyOn(window, 'open').mockReturnValue(null)
    let current: Task | null = null
    const bodies: unknown[] = []
    installFakeApi({
      'GET /auth/session': () => session('operator'),
      'GET /queues': () => ({ items: [] }),
      'GET /tasks': () => ({ items: [], meta: {} }),
      'GET /player': () => ({ session: SESSION, current }),
      'POST /player/next': async (request) => {
        const body = (await request.json()) as { include_skipped?: boolean }
        bodies.push(body)
        if (!body.include_skipped) {
          return { task: null, skipped_available: 2 }
        }
        current = { ...task('s1', { title: 'Skipped claim' }), status: 'STARTED' }
        return { task: current, skipped_available: 0 }
      },
    })
    renderApp('/player')
    await user.click(await screen.findByRole('button', { name: 'Next' }))
    expect(await screen.findByText('Only tasks you skipped are left')).toBeTruthy()
    expect(screen.getByText(/2 tasks you skipped in this session are waiting\./)).toBeTruthy()
    expect(screen.queryByText('Nothing to do right now')).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Take a skipped task' }))
    expect(await screen.findByRole('link', { name: 'Skipped claim' })).toBeTruthy()
    expect(bodies).toEqual([{}, { include_skipped: true }])
  })
})
