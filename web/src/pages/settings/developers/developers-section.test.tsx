import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ApiToken } from '../../../api'
import { installFakeApi } from '../../../test/fake-api'
import { session } from '../../../test/fixtures'
import { renderApp } from '../../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

function token(uid: string, name: string, revoked = false): ApiToken {
  return {
    uid,
    name,
    role: 'operator',
    last4: uid.slice(-4),
    user_uid: '00000000-0000-4000-8000-0000000000a1',
    rate_limit_per_minute: null,
    created_at: '2025-09-01T10:00:00.000Z',
    expires_at: null,
    last_used_at: null,
    revoked_at: revoked ? '2025-09-02T10:00:00.000Z' : null,
  }
}

function tokensApi() {
  const tokens = [token('t-ci00', 'CI'), token('t-old1', 'Old', true)]
  return installFakeApi({
    'GET /auth/session': () => session('admin'),
    'GET /tokens': () => ({ items: tokens }),
    'POST /tokens': async (request) => {
      const body = (await request.json()) as { name: string; role: ApiToken['role'] }
      const created = { ...token('t-new9', body.name), role: body.role }
      tokens.push(created)
      return { ...created, token: 'tsr_secret_new9' }
    },
    'DELETE /tokens/t-ci00': () => {
      tokens[0] = token('t-ci00', 'CI', true)
      return tokens[0]
    },
  })
}

/** The row of a token; the first answer can be slow while other test files run. */
async function findRow(name: string): Promise<HTMLElement> {
  const header = await screen.findByRole('rowheader', { name }, { timeout: 10_000 })
  return header.closest('tr') as HTMLElement
}

describe('Settings > Developers', { timeout: 30_000 }, () => {
  it('creates a token, shows it once and copies it', async () => {
    const user = userEvent.setup()
    const api = tokensApi()
    renderApp('/settings/developers')

    await user.type(await screen.findByLabelText('Token name', {}, { timeout: 10_000 }), 'CRM')
    await user.selectOptions(screen.getByLabelText('Role'), 'viewer')
    await user.click(screen.getByRole('button', { name: 'Create token' }))

    const shown = await screen.findByTestId('new-token', {}, { timeout: 10_000 })
    expect(shown.textContent).toBe('tsr_secret_new9')
    const post = api.requests.find((request) => request.method === 'POST')
    expect(await post?.clone().json()).toEqual({ name: 'CRM', role: 'viewer' })
    expect(post?.headers.get('x-csrf-token')).toBe('csrf-test')

    await user.click(screen.getByRole('button', { name: 'Copy' }))
    expect(await navigator.clipboard.readText()).toBe('tsr_secret_new9')
    expect(await screen.findByText('Copied', {}, { timeout: 10_000 })).toBeTruthy()
    expect(await findRow('CRM')).toBeTruthy()
  })

  it('revokes an active token after confirmation, and only active ones offer it', async () => {
    const user = userEvent.setup()
    const api = tokensApi()
    const confirm = vi.fn(() => true)
    vi.stubGlobal('confirm', confirm)
    renderApp('/settings/developers')

    const ci = await findRow('CI')
    const old = await findRow('Old')
    expect(within(old).queryByRole('button', { name: 'Revoke' })).toBeNull()
    expect(within(old).getByText('Revoked')).toBeTruthy()

    await user.click(within(ci).getByRole('button', { name: 'Revoke' }))
    expect(confirm).toHaveBeenCalledOnce()
    await waitFor(() => {
      expect(api.requests.some((request) => request.method === 'DELETE')).toBe(true)
    })
    await waitFor(() => {
      expect(within(ci).queryByRole('button', { name: 'Revoke' })).toBeNull()
    })
  })

  it('keeps the token when the confirmation is declined', async () => {
    const user = userEvent.setup()
    const api = tokensApi()
    vi.stubGlobal(
      'confirm',
      vi.fn(() => false),
    )
    renderApp('/settings/developers')
    const ci = await findRow('CI')
    await user.click(within(ci).getByRole('button', { name: 'Revoke' }))
    expect(api.requests.some((request) => request.method === 'DELETE')).toBe(false)
  })
})
