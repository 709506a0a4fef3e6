import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { setCsrfToken } from '../../api'
import { installFakeApi, unauthorized } from '../../test/fake-api'
import { session, stats, task } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'
import { safeNext } from './login-page'

afterEach(() => {
  vi.unstubAllGlobals()
  // The token lives in a module: no test may inherit the previous one's.
  setCsrfToken(null)
})

const backlog = {
  'GET /tasks': () => ({
    items: [task('t1', { country: 'FR' })],
    meta: { limit: 50, self_cursor: null, prev_cursor: null, next_cursor: null, total_count: 1 },
  }),
  'GET /queues': () => ({ items: [] }),
  'GET /users': () => ({ items: [] }),
  'GET /queues/stats': () => ({ items: [stats(null, null, 1)] }),
}

describe('signing in', () => {
  it('sends a visitor to sign-in, then back where they were going', async () => {
    const user = userEvent.setup()
    let signedIn = false
    const api = installFakeApi({
      'GET /auth/session': () => (signedIn ? session() : unauthorized()),
      'POST /auth/login': () => {
        signedIn = true
        return session()
      },
      ...backlog,
    })
    renderApp('/?status=all')

    await user.type(await screen.findByLabelText('Email'), 'ada@acme.test')
    await user.type(screen.getByLabelText('Password'), 'correct horse')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    expect(await screen.findByRole('link', { name: 'Task t1' })).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'All tasks' })).toBeTruthy()
    const login = api.requests.find((request) => request.url.endsWith('/auth/login'))
    expect(await login?.clone().json()).toEqual({
      email: 'ada@acme.test',
      password: 'correct horse',
    })
    expect(api.queriesOf('/tasks').at(-1)?.get('status')).toBeNull()
  })

  it('says so when the password is wrong', async () => {
    const user = userEvent.setup()
    installFakeApi({
      'GET /auth/session': () => unauthorized(),
      'POST /auth/login': () => unauthorized(),
    })
    renderApp('/login')
    await user.type(await screen.findByLabelText('Email'), 'ada@acme.test')
    await user.type(screen.getByLabelText('Password'), 'wrong')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The email or password is wrong.',
    )
  })
})

describe('signing out', () => {
  it('ends the session on the server, with the CSRF token, and returns to sign-in', async () => {
    const user = userEvent.setup()
    let signedIn = true
    const api = installFakeApi({
      'GET /auth/session': () => (signedIn ? session() : unauthorized()),
      'POST /auth/logout': () => {
        signedIn = false
        return new Response(null, { status: 204 })
      },
      ...backlog,
    })
    renderApp('/')

    await user.click(await screen.findByRole('button', { name: 'Sign out' }))
    expect(await screen.findByLabelText('Email')).toBeTruthy()
    const logout = api.requests.find((request) => request.url.endsWith('/auth/logout'))
    expect(logout?.headers.get('x-csrf-token')).toBe('csrf-test')
  })

  it('returns to sign-in when the server says the session is gone', async () => {
    installFakeApi({
      'GET /auth/session': () => session(),
      ...backlog,
      'GET /tasks': () => unauthorized(),
    })
    renderApp('/')
    expect(await screen.findByLabelText('Email')).toBeTruthy()
  })
})

describe('safeNext', () => {
  it('only follows paths inside the app', () => {
    expect(safeNext('/tasks/1?x=2')).toBe('/tasks/1?x=2')
    expect(safeNext('//evil.example')).toBe('/')
    expect(safeNext('https://evil.example')).toBe('/')
    expect(safeNext(null)).toBe('/')
  })
})
