import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../api'
import { installFakeApi } from '../../test/fake-api'
import { session, task } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
})

const UID = '00000000-0000-4000-8000-000000000077'

const person = (uid: string, name: string, role: Role, active = true) => ({
  uid,
  email: `${name.toLowerCase()}@acme.test`,
  name,
  role,
  active,
  skills: [],
  created_at: '2025-09-11T12:00:00.000Z',
  updated_at: '2025-09-11T12:00:00.000Z',
})

function taskApi(role: Role) {
  const comments: { text: string }[] = []
  const api = installFakeApi({
    'GET /auth/session': () => session(role),
    [`GET /tasks/${UID}`]: () =>
      task(UID, { title: 'Refund claim', url: 'javascript:alert(1)', country: 'FR' }),
    [`GET /tasks/${UID}/comments`]: () => ({
      items: comments.map((comment, i) => ({
        uid: `c${i}`,
        task_uid: UID,
        text: comment.text,
        created_at: '2025-09-11T12:00:00.000Z',
        author: { uid: 'u', name: 'Ada', email: 'ada@acme.test' },
      })),
    }),
    [`POST /tasks/${UID}/comments`]: async (request) => {
      comments.push((await request.json()) as { text: string })
      return {}
    },
    [`GET /tasks/${UID}/events`]: () => ({
      items: [
        {
          id: 1,
          task_uid: UID,
          type: 'created',
          actor_uid: null,
          data: {},
          created_at: '2025-09-11T12:00:00.000Z',
        },
      ],
    }),
    'GET /queues': () => ({ items: [] }),
    'GET /users': () => ({
      items: [
        person('00000000-0000-4000-8000-0000000000c1', 'Olga', 'operator'),
        person('00000000-0000-4000-8000-0000000000c2', 'Vera', 'viewer'),
        person('00000000-0000-4000-8000-0000000000c3', 'Gus', 'operator', false),
        person('00000000-0000-4000-8000-0000000000c4', 'Adam', 'admin'),
      ],
    }),
    'GET /settings': () => ({
      skip_mode: 'return',
      snooze_minutes: 60,
      allow_parallel_tasks: false,
    }),
  })
  return api
}

describe('the task page', () => {
  it('shows the fields and history, and lets an operator comment but not assign', async () => {
    const user = userEvent.setup()
    const api = taskApi('operator')
    renderApp(`/tasks/${UID}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Refund claim' })).toBeTruthy()
    expect(screen.getByText('country')).toBeTruthy()
    const history = screen.getByRole('region', { name: 'History' })
    expect(await within(history).findByText('Created')).toBeTruthy()
    // A script url must not become a link.
    expect(screen.queryByRole('link', { name: /Open in back office/ })).toBeNull()
    expect(screen.getByLabelText('Status')).toBeTruthy()
    expect(screen.queryByLabelText('Assignee')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Re-route' })).toBeNull()

    await user.type(screen.getByLabelText('Add a comment'), 'Called the customer')
    await user.click(screen.getByRole('button', { name: 'Post comment' }))
    expect(await screen.findByText('Called the customer')).toBeTruthy()
    const post = api.requests.find((request) => request.method === 'POST')
    expect(post?.headers.get('x-csrf-token')).toBe('csrf-test')
  })

  it('gives admins assignment and routing', async () => {
    taskApi('admin')
    renderApp(`/tasks/${UID}`)
    expect(await screen.findByLabelText('Assignee')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Re-route' })).toBeTruthy()
  })

  it('offers as assignees only active users who can work tasks, and STARTED only with one', async () => {
    taskApi('admin')
    renderApp(`/tasks/${UID}`)
    const select = (await screen.findByLabelText('Assignee')) as HTMLSelectElement
    await within(select).findByRole('option', { name: 'Olga' })
    const names = within(select)
      .getAllByRole('option')
      .map((option) => option.textContent)
    expect(names).toEqual(['Nobody (back to the pool)', 'Olga', 'Adam'])
    const started = within(screen.getByLabelText('Status')).getByRole('option', {
      name: 'Started (assign someone first)',
    }) as HTMLOptionElement
    expect(started.disabled).toBe(true)
  })

  it('shows a viewer no actions', async () => {
    taskApi('viewer')
    renderApp(`/tasks/${UID}`)
    expect(await screen.findByText('Your role can read tasks but not change them.')).toBeTruthy()
    expect(screen.queryByLabelText('Add a comment')).toBeNull()
  })
})
