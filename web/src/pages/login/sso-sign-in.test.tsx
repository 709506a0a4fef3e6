import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { installFakeApi, unauthorized } from '../../test/fake-api'
import { renderApp } from '../../test/render-app'
import { SsoSignIn } from './sso-sign-in'

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('signing in with single sign-on', () => {
  it('leaves for the server’s start route, by email domain or by organization name', async () => {
    const user = userEvent.setup()
    const navigate = vi.fn()
    const { unmount } = render(<SsoSignIn navigate={navigate} />)
    await user.type(screen.getByLabelText(/Work e-mail or organization/), ' ada@acme.test ')
    await user.click(screen.getByRole('button', { name: 'Continue with SSO' }))
    expect(navigate).toHaveBeenCalledWith(
      `${window.location.origin}/api/v1/auth/sso/start?email=ada%40acme.test`,
    )
    unmount()

    render(<SsoSignIn navigate={navigate} />)
    await user.type(screen.getByLabelText(/Work e-mail or organization/), 'Acme Ops')
    await user.click(screen.getByRole('button', { name: 'Continue with SSO' }))
    expect(navigate).toHaveBeenLastCalledWith(
      `${window.location.origin}/api/v1/auth/sso/start?organization=Acme+Ops`,
    )
  })

  it('says plainly why a single sign-on was refused', async () => {
    installFakeApi({ 'GET /auth/session': () => unauthorized() })
    renderApp('/login?sso_error=domain_not_allowed')
    expect((await screen.findByTestId('sso-error')).textContent).toBe(
      'Your email address is not in a domain allowed to sign in to this organization.',
    )
  })
})
