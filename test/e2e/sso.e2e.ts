import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider'
import type { ServerProcess } from '../support/server-process'
import {
  type AppUnderTest,
  SUPER_ADMIN,
  skipRestAfterFailure,
  startAppUnderTest,
} from './app-under-test'

const NORA = { email: 'nora@example.test', name: 'Nora Ops', groups: ['ops'] }

/**
 * Single sign-on end to end: an admin sets up the organization's provider on Settings > Single
 * sign-on (a real OpenID provider, oidc-provider, on the loopback), then a person new to
 * Tessera signs in through it from the login page and lands in the app with the role their
 * group maps to; they see their session; someone outside the allowed domains is turned back
 * to the login page with a sentence saying why. One `tessera serve` on PGlite, Chromium.
 */
describe('single sign-on', () => {
  let app: AppUnderTest
  let server: ServerProcess
  let page: Page
  let idp: TestOidcProvider

  beforeAll(async () => {
    app = await startAppUnderTest({ name: 'sso' })
    ;({ server, page } = app)
    idp = await startOidcProvider([`${server.url}/api/v1/auth/sso/callback`])
    idp.accounts.set(NORA.email, { email: NORA.email, name: NORA.name, groups: NORA.groups })
    idp.accounts.set('eve@elsewhere.test', { email: 'eve@elsewhere.test', groups: ['ops'] })
  })
  skipRestAfterFailure(() => page, 'sso-')
  afterAll(async () => {
    await app?.close()
    await idp?.close()
  })

  const settingsField = (label: string) =>
    page.getByRole('form', { name: 'Single sign-on settings' }).getByLabel(label, { exact: true })

  it('an admin sets up the provider on Settings, and tests the connection', async () => {
    await page.goto(server.url)
    await app.signIn(SUPER_ADMIN.email)
    await page.goto(`${server.url}/settings/sso`)
    await page.getByRole('heading', { level: 2, name: 'Single sign-on' }).waitFor()
    await settingsField('Issuer URL').fill(idp.issuer)
    await settingsField('Client ID').fill(idp.client.id)
    await settingsField('Client secret').fill(idp.client.secret)
    await settingsField('Scopes').fill('openid email profile groups')
    await settingsField('Allowed email domains').fill('example.test')
    await settingsField('Operator: claim values').fill('ops')
    await page.getByRole('button', { name: 'Turn on single sign-on' }).click()
    await page.getByTestId('sso-redirect-uri').waitFor()
    expect(await page.getByTestId('sso-redirect-uri').textContent()).toBe(
      `${server.url}/api/v1/auth/sso/callback`,
    )
    // Saved: the secret is write-only, shown as set, with a way to replace it.
    await page.getByText('Set · never shown').waitFor()
    expect(await page.content()).not.toContain(idp.client.secret)
    await page.getByRole('button', { name: 'Test connection' }).click()
    await page.getByText(`Connected: ${idp.issuer} answers`).waitFor()
    await app.settled()
    await app.shot('sso-settings')
    await app.onPhone('sso-settings')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByLabel('Password', { exact: true }).waitFor()
  })

  it('someone new signs in through the provider and lands in the app with the mapped role', async () => {
    await page.getByLabel(/Work e-mail or organization/).fill(NORA.email)
    await app.shot('sso-login')
    await app.onPhone('sso-login')
    await page.getByRole('button', { name: 'Continue with SSO' }).click()
    // The provider's own page, the address filled in from the login hint.
    await page.getByRole('heading', { name: 'Test provider: sign in' }).waitFor()
    expect(await page.getByLabel('Email').inputValue()).toBe(NORA.email)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('button', { name: 'Sign out' }).waitFor()
    expect(new URL(page.url()).origin).toBe(server.url)
    await page.getByText(`${NORA.name}`).first().waitFor()
    await page.getByText('Operator ·').waitFor()
    await app.settled()
    await app.shot('sso-signed-in')
  })

  it('they see their sessions, this browser marked, opened by single sign-on', async () => {
    await page.getByRole('link', { name: 'Sessions' }).click()
    await app.heading('Your sessions')
    const row = page.getByRole('row').filter({ hasText: 'this browser' })
    await row.waitFor()
    expect(await row.textContent()).toContain('single sign-on')
    await app.settled()
    await app.shot('sso-sessions')
    await app.onPhone('sso-sessions')
  })

  it('someone outside the allowed domains is turned back with a sentence saying why', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click()
    // By address: no organization takes this domain.
    await page.getByLabel(/Work e-mail or organization/).fill('eve@elsewhere.test')
    await page.getByRole('button', { name: 'Continue with SSO' }).click()
    await page.getByTestId('sso-error').waitFor()
    expect(await page.getByTestId('sso-error').textContent()).toMatch(/^No organization/)
    // By the organization's name: the provider is reached, and there the domain is refused.
    // The provider would remember Nora: forget its session, as another person's browser would.
    await page.context().clearCookies()
    await page.getByLabel(/Work e-mail or organization/).fill('default')
    await page.getByRole('button', { name: 'Continue with SSO' }).click()
    await page.getByRole('heading', { name: 'Test provider: sign in' }).waitFor()
    await page.getByLabel('Email').fill('eve@elsewhere.test')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByTestId('sso-error').waitFor()
    expect(await page.getByTestId('sso-error').textContent()).toBe(
      'Your email address is not in a domain allowed to sign in to this organization.',
    )
    expect(new URL(page.url()).pathname).toBe('/login')
    await app.shot('sso-refused')
  })
})
