import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unwrap } from '../../sdk/src/index'
import type { ServerProcess } from '../support/server-process'
import {
  type AppUnderTestWithApi,
  PASSWORD,
  SUPER_ADMIN,
  skipRestAfterFailure,
  startAppUnderTest,
} from './app-under-test'

const OPERATOR = { email: 'bob@example.test', name: 'Bob Operator' }

/**
 * The audit log end to end: a queue changed through the API and a user's role changed on the
 * Users page both show on Settings > Audit, newest first, with who did it and, opened, the
 * before and after of what changed; the filters and the CSV export narrow it alike. One
 * `tessera serve` on PGlite, headless Chromium.
 */
describe('the audit log', () => {
  let app: AppUnderTestWithApi
  let server: ServerProcess
  let page: Page

  const settingsNav = () => page.getByRole('navigation', { name: 'Settings' })
  const entries = () => page.getByTestId('audit-entry')
  const entry = (action: string, text: string): Locator =>
    page.locator(`[data-testid="audit-entry"][data-action="${action}"]`).filter({ hasText: text })

  beforeAll(async () => {
    app = await startAppUnderTest({
      name: 'audit',
      adminToken: true,
      beforeServe: async (tessera) => {
        await tessera([
          'users',
          'create',
          '--email',
          OPERATOR.email,
          '--name',
          OPERATOR.name,
          '--role',
          'operator',
          '--password',
          PASSWORD,
        ])
      },
    })
    ;({ server, page } = app)
  })
  skipRestAfterFailure(() => page)
  afterAll(() => app?.close())

  it('shows a queue change and a role change with their before and after', async () => {
    const queue = await unwrap(app.api.POST('/queues', { body: { name: 'Claims' } }))
    await unwrap(
      app.api.PATCH('/queues/{uid}', {
        params: { path: { uid: queue.uid } },
        body: { name: 'Claims FR', skills: ['fr'] },
      }),
    )

    await page.goto(server.url)
    await app.signIn(SUPER_ADMIN.email)
    await app.navigate('Settings')
    await settingsNav().getByRole('link', { name: 'Users' }).click()
    const role = page.getByLabel(`Role of ${OPERATOR.name}`)
    await role.selectOption('admin')
    await expect.poll(() => role.inputValue()).toBe('admin')
    await expect.poll(() => role.isDisabled()).toBe(false)

    await settingsNav().getByRole('link', { name: 'Audit' }).click()
    await page.getByRole('heading', { name: 'Audit log' }).waitFor()
    const roleChange = entry('user.updated', 'Bob Operator')
    await roleChange.waitFor()
    // Newest first: the role change, made last, leads the list.
    await expect.poll(() => entries().first().getAttribute('data-action')).toBe('user.updated')
    await expect.poll(() => roleChange.textContent()).toContain(SUPER_ADMIN.email)
    await roleChange.locator('summary').click()
    const roleRow = roleChange.getByRole('row').filter({ hasText: 'role' })
    await expect.poll(() => roleRow.locator('.au-before').textContent()).toBe('operator')
    await expect.poll(() => roleRow.locator('.au-after').textContent()).toBe('admin')

    const queueChange = entry('queue.updated', 'Claims FR')
    await queueChange.locator('summary').click()
    const nameRow = queueChange.getByRole('row').filter({ hasText: 'name' })
    await expect.poll(() => nameRow.locator('.au-before').textContent()).toBe('Claims')
    await expect.poll(() => nameRow.locator('.au-after').textContent()).toBe('Claims FR')
    const skillsRow = queueChange.getByRole('row').filter({ hasText: 'skills' })
    await expect.poll(() => skillsRow.locator('.au-after').textContent()).toBe('["fr"]')
    // The request behind the change, as the API answered it.
    await expect.poll(() => queueChange.textContent()).toMatch(/Request[\w-]{8,}/)
    // Made on the command line before the server started: no one signed in made it.
    await expect
      .poll(() => entry('user.created', OPERATOR.name).textContent())
      .toContain('tessera command line')
    await app.settled()
    await app.shot('settings-audit')
    await app.onPhone('settings-audit')
  })

  it('filters by what changed, and exports what it shows as CSV', async () => {
    await page.getByLabel('What').selectOption('queue')
    await expect
      .poll(async () => [
        ...new Set(
          await entries().evaluateAll((els) => els.map((el) => el.getAttribute('data-action'))),
        ),
      ])
      .toEqual(['queue.updated', 'queue.created'])
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')
    expect(href).toMatch(/\/audit\/export\?kind=queue$/)
    const csv = await page.request.get(new URL(href ?? '', server.url).toString())
    expect(csv.status()).toBe(200)
    const text = await csv.text()
    expect(text).toContain('queue.updated')
    expect(text).not.toContain('user.updated')

    await page.getByLabel('Who').selectOption({ label: `${OPERATOR.name} (${OPERATOR.email})` })
    await page.getByText('Nothing matches these filters').waitFor()
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await entry('user.updated', 'Bob Operator').waitFor()
  })
})
