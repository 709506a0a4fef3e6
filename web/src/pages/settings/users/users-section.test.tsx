import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { User } from '../../../api'
import { installFakeApi } from '../../../test/fake-api'
import { session } from '../../../test/fixtures'
import { renderApp } from '../../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

// Settings is a lazily loaded page: its first render waits for its chunk.
const LAZY = { timeout: 10_000 }

const person = (uid: string, name: string, role: User['role']): User => ({
  uid,
  email: `${name.toLowerCase()}@acme.test`,
  name,
  role,
  skills: [],
  active: true,
  created_at: '2025-01-01T00:00:00.000Z',
})
// The signed-in admin (the session fixture's user), an operator and a super admin.
const ada = person('00000000-0000-4000-8000-0000000000a1', 'Ada', 'admin')
const bob = person('00000000-0000-4000-8000-0000000000a2', 'Bob', 'operator')
const root = person('00000000-0000-4000-8000-0000000000a3', 'Root', 'super_admin')

describe('Settings › Users', () => {
  it('signs a user out everywhere, after asking, and says how many sessions ended', async () => {
    const user = userEvent.setup()
    const confirm = vi.fn(() => true)
    vi.stubGlobal('confirm', confirm)
    const api = installFakeApi({
      'GET /auth/session': () => session('admin'),
      'GET /users': () => ({ items: [ada, bob, root] }),
      [`POST /users/${bob.uid}/sign-out`]: () => ({ ended: 2 }),
    })
    renderApp('/settings/users')
    const table = await screen.findByRole('table', { name: 'Users' }, LAZY)
    const row = (name: string) =>
      within(table)
        .getByRole('rowheader', { name: new RegExp(`^${name}`) })
        .closest('tr') as HTMLElement
    // Not oneself (the Sessions page does that), and not someone above one's role.
    expect(within(row('Ada')).queryByRole('button', { name: /Sign out everywhere/ })).toBeNull()
    expect(
      (
        within(row('Root')).getByRole('button', {
          name: 'Sign out everywhere Root',
        }) as HTMLButtonElement
      ).disabled,
    ).toBe(true)

    await user.click(within(row('Bob')).getByRole('button', { name: 'Sign out everywhere Bob' }))
    expect(confirm).toHaveBeenCalledWith(
      'Sign Bob out of every browser? Their API tokens keep working.',
    )
    expect(await screen.findByText('Bob was signed out of 2 sessions.')).toBeTruthy()
    expect(
      api.requests
        .filter((request) => request.method === 'POST')
        .map((r) => new URL(r.url).pathname),
    ).toEqual([`/api/v1/users/${bob.uid}/sign-out`])
  })
})
