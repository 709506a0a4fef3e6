import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createTesseraClient,
  TesseraApiError,
  type TesseraClient,
  unwrap,
} from '../../sdk/src/index'
import type { ServerProcess } from '../support/server-process'
import {
  type AppUnderTest,
  PASSWORD,
  SUPER_ADMIN,
  skipRestAfterFailure,
  startAppUnderTest,
} from './app-under-test'
import type { TestBrowser } from './browser'

const EMAIL = SUPER_ADMIN.email
const TOKEN_NAME = 'e2e script'

/**
 * The web app end to end, as a person uses it: a real `tessera serve` on PGlite serving the
 * built app, driven by headless Chromium. The steps depend on each other (one session, one
 * token, the same tasks), so they run in order in one describe block.
 */
describe('the web app', () => {
  let app: AppUnderTest
  let server: ServerProcess
  let browser: TestBrowser
  let page: Page
  let shot: AppUnderTest['shot']
  let settled: AppUnderTest['settled']
  let navigate: AppUnderTest['navigate']
  let heading: AppUnderTest['heading']
  let token: string
  let api: TesseraClient
  let searchedUid: string

  beforeAll(async () => {
    app = await startAppUnderTest({ name: 'web-app' })
    ;({ server, browser, page, shot, settled, navigate, heading } = app)
  })
  skipRestAfterFailure(() => page)
  afterAll(() => app?.close())

  it('signs in with email and password', async () => {
    await page.goto(server.url)
    await page.getByLabel('Email').waitFor()
    expect(new URL(page.url()).pathname).toBe('/login')
    await shot('login')
    await page.getByLabel('Email').fill(EMAIL)
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await heading('All tasks')
    await page.getByText('No open tasks here').waitFor()
  })

  it('creates a token in Settings › Developers that works against the API', async () => {
    await navigate('Settings')
    await page.getByRole('link', { name: 'Developers' }).click()
    await page.getByLabel('Token name').fill(TOKEN_NAME)
    // Admin: the script below also creates a queue.
    await page.getByLabel('Role').selectOption('admin')
    await page.getByRole('button', { name: 'Create token' }).click()
    const shown = page.getByTestId('new-token')
    await shown.waitFor()
    token = (await shown.textContent())?.trim() ?? ''
    expect(token).toMatch(/^tsr_/)
    await page.getByRole('button', { name: 'Copy' }).waitFor()

    api = createTesseraClient({ baseUrl: `${server.url}/api/v1`, token })
    const me = await unwrap(api.GET('/accounts/me'))
    expect(me.user.email).toBe(EMAIL)
  })

  it('shows tasks created through the API in the backlog, live, without a reload', async () => {
    await navigate('Backlog')
    await heading('All tasks')
    await page.evaluate('window.e2eNotReloaded = true')

    const tasks = [
      { title: 'Refund for order 1001', country: 'FR', claim_id: 'CLM-4242', amount: 120 },
      { title: 'Address change for Ms Lee', country: 'FR', claim_id: 'CLM-1000', amount: 0 },
      { title: 'Chargeback on card ending 4417', country: 'FR', claim_id: 'CLM-1001', amount: 89 },
      { title: 'Duplicate invoice INV-77', country: 'DE', claim_id: 'CLM-1002', amount: 40 },
      { title: 'KYC documents expired', country: 'DE', claim_id: 'CLM-1003', amount: 0 },
      { title: 'Refund for order 1044', country: 'ES', claim_id: 'CLM-1004', amount: 310 },
      { title: 'Account closure request', country: 'IT', claim_id: 'CLM-1005', amount: 0 },
      { title: 'Missing parcel, order 2210', country: 'DE', claim_id: 'CLM-1006', amount: 64 },
    ]
    const created = await unwrap(
      api.POST('/tasks/batch', {
        body: {
          items: tasks.map((fields, i) => ({
            due_at: new Date(Date.now() + (i + 1) * 86_400_000).toISOString(),
            // A url on the server itself: the player opens it, and the test needs no internet.
            fields: { ...fields, url: `${server.url}/health` },
          })),
        },
      }),
    )
    searchedUid = created.items[0]?.uid ?? ''

    for (const task of tasks) {
      await page.getByRole('link', { name: task.title }).waitFor()
    }
    expect(await page.evaluate('window.e2eNotReloaded')).toBe(true)
    await page.getByText('1–8 of 8').waitFor()
  })

  it('finds a task by a custom field value from the search bar', async () => {
    const search = page.getByRole('searchbox', { name: 'Search tasks' })
    await search.fill('CLM-4242')
    await search.press('Enter')
    await page.getByText('1–1 of 1').waitFor()
    const table = page.getByRole('table')
    await table.getByRole('link', { name: 'Refund for order 1001' }).waitFor()
    expect(await table.getByRole('link', { name: 'Address change for Ms Lee' }).count()).toBe(0)
  })

  it('opens the task and comments on it', async () => {
    await page.getByRole('table').getByRole('link', { name: 'Refund for order 1001' }).click()
    await heading('Refund for order 1001')
    expect(new URL(page.url()).pathname).toBe(`/tasks/${searchedUid}`)
    await page.getByText('CLM-4242').first().waitFor()
    await page.getByLabel('Add a comment').fill('Called the customer: refund approved.')
    await page.getByRole('button', { name: 'Post comment' }).click()
    const comments = page.getByRole('region', { name: 'Comments' })
    await comments.getByText('Called the customer: refund approved.').waitFor()
    await page.getByRole('region', { name: 'History' }).getByText('Commented').waitFor()
    await settled()
    await shot('task')
  })

  it('plays a queue made through the API and completes two tasks', async () => {
    await unwrap(
      api.POST('/queues', {
        body: {
          name: 'France',
          description: 'Everything from French customers',
          condition: { field: 'country', operator: '==', value: 'FR' },
          sla_policy: { resolution_minutes: 240 },
        },
      }),
    )
    await unwrap(
      api.POST('/queues', {
        body: {
          name: 'Germany',
          condition: { field: 'country', operator: '==', value: 'DE' },
          sla_policy: { resolution_minutes: 60 },
        },
      }),
    )
    await navigate('Player')
    await heading('Player')
    await page.getByRole('checkbox', { name: /France/ }).check()
    await page.getByRole('button', { name: 'Start' }).click()

    const counter = page.getByTestId('player-counter')
    const current = page.getByRole('region', { name: /Current task/ })
    await current.waitFor()
    await counter.filter({ hasText: 'Tasks done this session: 0' }).waitFor()
    await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor()
    await settled()
    await shot('player')

    const first = await current.getByRole('heading').textContent()
    await page.getByRole('button', { name: 'Complete' }).click()
    await counter.filter({ hasText: 'Tasks done this session: 1' }).waitFor()
    await expect.poll(() => current.getByRole('heading').textContent()).not.toBe(first)

    // The second with its keyboard shortcut.
    await page.locator('body').press('c')
    await counter.filter({ hasText: 'Tasks done this session: 2' }).waitFor()
    const player = await unwrap(api.GET('/player'))
    // The token acts as its user: the same session the page played.
    expect(player.session?.completed).toBe(2)
  })

  it('shows the dashboard', async () => {
    await navigate('Dashboard')
    await heading(/Dashboard/)
    await settled()
    await shot('dashboard')
  })

  it('shows every task of a back office on another origin in one reused tab', async () => {
    // A back office of its own origin (another port): the player's tab leaves the app's origin.
    const backOffice = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' })
      response.end(`<!doctype html><title>Back office</title><h1>${request.url}</h1>`)
    })
    await new Promise<void>((resolve) => backOffice.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(backOffice.address() as AddressInfo).port}`
    try {
      const played = 10
      await unwrap(
        api.POST('/queues', {
          body: {
            name: 'Back office',
            condition: { field: 'country', operator: '==', value: 'BO' },
          },
        }),
      )
      await unwrap(
        api.POST('/tasks/batch', {
          body: {
            items: Array.from({ length: played }, (_, i) => ({
              due_at: new Date(Date.now() + i * 60_000).toISOString(),
              fields: {
                title: `Back-office claim ${i}`,
                country: 'BO',
                url: `${origin}/claims/${i}`,
              },
            })),
          },
        }),
      )
      await page.setViewportSize({ width: 1280, height: 800 })
      await navigate('Player')
      await heading('Player')
      // Leave the earlier session (its task goes back to the pool) and play the new queue.
      await page.getByRole('button', { name: 'Stop' }).click()
      await page.getByRole('checkbox', { name: /Back office/ }).check()
      await page.getByRole('button', { name: 'Start' }).click()
      const current = page.getByRole('region', { name: /Current task/ })
      // The player's tab from the earlier session, and Chromium's first blank page, are there
      // already: playing must add no page, and show each task in the one player's tab.
      const pagesBefore = browser.context.pages().length
      const tabs = () =>
        browser.context.pages().filter((other) => other !== page && other.url() !== 'about:blank')
      for (let i = 0; i < played; i++) {
        await current.getByRole('link', { name: `Back-office claim ${i}` }).waitFor()
        await expect.poll(() => tabs().map((tab) => tab.url())).toEqual([`${origin}/claims/${i}`])
        await page.getByRole('button', { name: 'Complete' }).click()
      }
      await page.getByText('Nothing to do right now').waitFor()
      expect(tabs()).toHaveLength(1)
      expect(browser.context.pages()).toHaveLength(pagesBefore)
    } finally {
      backOffice.closeAllConnections()
      await new Promise((resolve) => backOffice.close(resolve))
    }
  })

  it('revokes the token in Settings › Developers, and the API refuses it at once', async () => {
    await navigate('Settings')
    await page.getByRole('link', { name: 'Developers' }).click()
    page.once('dialog', (dialog) => void dialog.accept())
    const row = page.getByRole('row').filter({ hasText: TOKEN_NAME })
    await row.getByRole('button', { name: 'Revoke' }).click()
    await expect.poll(() => row.getByRole('button', { name: 'Revoke' }).count()).toBe(0)
    await settled()
    await shot('settings')

    const refused = await unwrap(api.GET('/accounts/me')).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(TesseraApiError)
    expect((refused as TesseraApiError).status).toBe(401)
  })

  it('shows the backlog with its queues, at 1280 px and on a phone', async () => {
    await navigate('Backlog')
    await heading('All tasks')
    await page
      .getByRole('navigation', { name: 'Queues' })
      .getByRole('link', { name: /France/ })
      .waitFor()
    await page.getByRole('link', { name: 'Duplicate invoice INV-77' }).waitFor()
    await settled()
    await shot('backlog')

    await page.setViewportSize({ width: 375, height: 800 })
    await page.getByRole('button', { name: 'Filters' }).waitFor()
    // Nothing may be wider than the screen: the table scrolls inside its own box.
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    )
    expect(overflow).toBe(0)
    await shot('backlog-mobile')
  })

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByLabel('Email').waitFor()
    const session = await page.evaluate(
      "fetch('/api/v1/auth/session').then((response) => response.status)",
    )
    expect(session).toBe(401)
  })
})
