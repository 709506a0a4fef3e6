import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTesseraClient, type TesseraClient, unwrap } from '../../sdk/src/index'
import type { ServerProcess } from '../support/server-process'
import {
  type AppUnderTestWithApi,
  PASSWORD,
  skipRestAfterFailure,
  startAppUnderTest,
} from './app-under-test'
import { SCREENSHOTS_DIR, type TestBrowser } from './browser'

const OPERATOR = { email: 'olga@example.test', name: 'Olga Operator' }

/** What the steps read of the page's globals: the tests compile without the DOM's types. */
interface PageGlobals {
  getComputedStyle: (element: unknown) => { backgroundColor: string; fontFamily: string }
  document: { activeElement: unknown }
}

/** The back office's style sheet, inline in its pages (allowed by hash in its CSP). */
const BACK_OFFICE_STYLE = `
  body { margin: 0; font: 16px Georgia, serif; color: #222; background: #fbf7ef; }
  nav { background: #5b3a1a; color: #fff; padding: 14px 24px; font-weight: bold; }
  main { padding: 24px; max-width: 760px; }
  h1 { font-size: 28px; margin: 0 0 16px; }
  h3 { font-size: 40px; color: #a00; }
  p { color: #7a4a00; letter-spacing: 0.1em; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  td, th { border: 1px solid #d8ccb8; padding: 8px 12px; text-align: left; }
  button { background: #c00000; color: #fff; border: 0; border-radius: 0; padding: 12px 28px; font: bold 18px Georgia, serif; }
`
const STYLE_HASH = `sha256-${createHash('sha256').update(BACK_OFFICE_STYLE).digest('base64')}`

/**
 * A back office on an origin of its own, as an operator's company runs it: a claim page per
 * task, with a style sheet whose plain element rules (buttons, headings, paragraphs) would
 * restyle the panel if they could reach it.
 */
function backOfficePage(path: string): string {
  const claim = path.split('/').at(-1) ?? ''
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Claims back office · ${claim}</title>
<style>${BACK_OFFICE_STYLE}</style></head>
<body><nav>ACME Insurance · Claims desk</nav><main>
<h1>Claim ${claim}</h1>
<table>
  <tr><th>Policy holder</th><td>Jane Doe</td></tr>
  <tr><th>Policy</th><td>HOME-${claim}-2291</td></tr>
  <tr><th>Amount claimed</th><td>€ 1,240.00</td></tr>
  <tr><th>Documents</th><td>invoice.pdf, photos.zip</td></tr>
</table>
<p>Check the documents against the policy before approving.</p>
<button type="button">Approve claim</button> <button type="button">Reject</button>
</main></body></html>`
}

/**
 * The browser extension end to end: `npm run build:extension`'s output loaded unpacked in
 * headless Chromium, configured on its options page, playing tasks of a real `tessera serve`
 * whose urls open a back office on another origin. The steps depend on each other.
 */
describe('the browser extension', () => {
  let app: AppUnderTestWithApi
  let server: ServerProcess
  let backOffice: Server
  let backOfficeOrigin: string
  let browser: TestBrowser
  let page: Page
  let extensionId: string
  let admin: TesseraClient
  let operatorToken: string
  let operatorUid: string
  const taskUids: string[] = []
  const fieldUids: Record<string, string> = {}

  const panel = () => page.getByRole('region', { name: 'Tessera player' })
  const panelButton = (name: string) => panel().getByRole('button', { name, exact: true })
  const taskTitle = () => panel().getByTestId('panel-task-title')
  /** The tabs holding a page of the back office. */
  const backOfficeTabs = () =>
    browser.context.pages().filter((open) => open.url().startsWith(backOfficeOrigin))

  beforeAll(async () => {
    app = await startAppUnderTest({
      name: 'extension',
      adminToken: true,
      extension: true,
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
        // The API issues tokens to their caller only: an admin makes an operator's on the CLI.
        operatorToken = await tessera([
          'tokens',
          'create',
          '--name',
          'browser extension',
          '--role',
          'operator',
          '--user',
          OPERATOR.email,
        ])
      },
    })
    ;({ server, browser, page, extensionId, api: admin } = app)
    const operator = createTesseraClient({ baseUrl: `${server.url}/api/v1`, token: operatorToken })
    operatorUid = (await unwrap(operator.GET('/accounts/me'))).user.uid

    backOffice = createServer((request, response) => {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        // Locked down as back offices often are: no styles or scripts but its own (and the
        // one inline style sheet of its page, by hash).
        'content-security-policy': `default-src 'none'; style-src '${STYLE_HASH}'`,
      })
      response.end(backOfficePage(request.url ?? '/'))
    })
    await new Promise<void>((resolve) => backOffice.listen(0, '127.0.0.1', resolve))
    backOfficeOrigin = `http://127.0.0.1:${(backOffice.address() as AddressInfo).port}`
  })
  skipRestAfterFailure(() => page, 'extension-')
  afterAll(async () => {
    await app?.close()
    backOffice?.closeAllConnections()
    await new Promise((resolve) => (backOffice ? backOffice.close(resolve) : resolve(undefined)))
  })

  it('is loaded unpacked, with its service worker running', async () => {
    expect(extensionId).toMatch(/^[a-p]{32}$/)
    await page.goto(`chrome-extension://${extensionId}/options.html`)
    await page.getByRole('heading', { name: 'Tessera player' }).waitFor()
  })

  it('is configured on its options page: with no token, as the web app’s signed-in user', async () => {
    // Sign in as the web app does, on the server's origin: the browser keeps the cookie.
    await page.goto(`${server.url}/health`)
    const signedIn = await page.evaluate(
      async ({ email, password }) =>
        (
          await fetch('/api/v1/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password }),
          })
        ).status,
      { email: OPERATOR.email, password: PASSWORD },
    )
    expect(signedIn).toBe(200)

    await page.goto(`chrome-extension://${extensionId}/options.html`)
    await page.getByLabel('Tessera address').fill(`${server.url}/api/v1/`)
    await page.getByRole('button', { name: 'Save' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `Connected to ${server.url} as ${OPERATOR.name} (operator)` })
      .waitFor()
    // The address is kept without /api/v1 and the trailing slash.
    expect(await page.getByLabel('Tessera address').inputValue()).toBe(server.url)
  })

  it('starts playing from its player page and opens the first task’s back-office page in the same tab, under the panel', async () => {
    // A claims queue completed through a form: the decision is required.
    for (const field of [
      {
        key: 'decision',
        label: 'Decision',
        type: 'single_select' as const,
        options: [
          { value: 'approved', label: 'Approve' },
          { value: 'rejected', label: 'Reject' },
        ],
      },
      { key: 'amount_approved', label: 'Amount approved', type: 'money' as const, currency: 'EUR' },
      { key: 'notes', label: 'Notes', type: 'long_text' as const },
    ]) {
      fieldUids[field.key] = (await unwrap(admin.POST('/fields', { body: field }))).uid
    }
    const form = await unwrap(
      admin.POST('/forms', {
        body: {
          name: 'Claim decision',
          sections: [
            {
              title: 'Outcome',
              help_text: '',
              items: [
                { key: 'decision', required: true, help_text: 'As the policy says.' },
                { key: 'amount_approved', required: false },
                { key: 'notes', required: false },
              ],
            },
          ],
        },
      }),
    )
    await unwrap(
      admin.POST('/queues', {
        body: {
          name: 'Claims',
          condition: { field: 'country', operator: '==', value: 'BO' },
          form_uid: form.uid,
        },
      }),
    )
    const created = await unwrap(
      admin.POST('/tasks/batch', {
        body: {
          items: ['Water damage, kitchen', 'Stolen bicycle', 'Broken window'].map((title, i) => ({
            due_at: new Date(Date.now() + (i + 1) * 3_600_000).toISOString(),
            fields: { title, country: 'BO', url: `${backOfficeOrigin}/claims/${1000 + i}` },
          })),
        },
      }),
    )
    taskUids.push(...created.items.map((item) => item.uid))

    await page.getByRole('link', { name: 'Open the player' }).click()
    await page.waitForURL(`chrome-extension://${extensionId}/player.html`)
    await panel().getByText('Not playing').waitFor()
    await panel().getByText(`Playing as ${OPERATOR.name} · operator`).waitFor()
    const pagesBefore = browser.context.pages().length

    await panelButton('Start playing').click()
    await page.waitForURL(`${backOfficeOrigin}/claims/1000`)
    await page.getByRole('heading', { name: 'Claim 1000' }).waitFor()
    await expect.poll(() => taskTitle().textContent()).toBe('Water damage, kitchen')
    await panel().getByTestId('panel-session').filter({ hasText: '0 done' }).waitFor()
    expect(browser.context.pages()).toHaveLength(pagesBefore)
  })

  it('sits in the bottom right corner, with the back office’s styles kept out', async () => {
    const box = await panel().boundingBox()
    expect(box && Math.round(box.x + box.width)).toBe(1280 - 16)
    expect(box && Math.round(box.y + box.height)).toBe(800 - 16)
    // The page paints every button red in Georgia: the panel's Pause stays its own.
    const style = (button: Locator) =>
      button.evaluate((element) => {
        const computed = (globalThis as unknown as PageGlobals).getComputedStyle(element)
        return `${computed.backgroundColor} ${computed.fontFamily}`
      })
    const pause = await style(panelButton('Pause'))
    expect(pause).toMatch(/^rgb\(255, 255, 255\) /)
    expect(pause).not.toContain('Georgia')
    expect(await style(page.getByRole('button', { name: 'Approve claim' }))).toMatch(
      /^rgb\(192, 0, 0\) Georgia/,
    )
  })

  it('asks for the form’s required field before Complete', async () => {
    const decision = panel().getByRole('combobox', { name: 'Decision' })
    await decision.waitFor()
    expect(await decision.getAttribute('aria-describedby')).toBeTruthy()
    await panel().getByText('As the policy says.').waitFor()
    expect(await panelButton('Complete').isDisabled()).toBe(true)
    await panel().getByTestId('panel-missing').filter({ hasText: 'fill: Decision' }).waitFor()
    await decision.selectOption({ label: 'Approve' })
    await panel().getByRole('spinbutton', { name: 'Amount approved (EUR)' }).fill('1240')
    await panel().getByRole('textbox', { name: 'Notes' }).fill('Plumber’s invoice matches.')
    await expect.poll(() => panelButton('Complete').isEnabled()).toBe(true)
    expect(await panel().getByTestId('panel-missing').count()).toBe(0)
    // The operator's eyes go back to the claim: no focus ring in the picture.
    await page.getByRole('heading', { name: 'Claim 1000' }).click()
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'extension-panel.png') })
  })

  it('ignores clicks that the back office’s scripts make up', async () => {
    const session = panel().getByTestId('panel-session')
    // In the page's own world, as a script of the back office could.
    await panelButton('Complete').evaluate((button) => button.click())
    // An untrusted click is dropped synchronously: no move started, nothing to wait for.
    expect(await panel().getByTestId('panel-status').textContent()).toBe('')
    expect(await panelButton('Complete').isEnabled()).toBe(true)
    expect(await session.textContent()).toContain('0 done')
  })

  it('completes the task with the form, on the web session, and opens the next one in the same tab', async () => {
    const tab = page
    await panelButton('Complete').click()
    await page.waitForURL(`${backOfficeOrigin}/claims/1001`)
    await expect.poll(() => taskTitle().textContent()).toBe('Stolen bicycle')
    await panel().getByTestId('panel-session').filter({ hasText: '1 done' }).waitFor()
    expect(backOfficeTabs()).toEqual([tab])
    // The next task's form starts from its own values.
    expect(await panel().getByRole('combobox', { name: 'Decision' }).inputValue()).toBe('')

    const done = await unwrap(
      admin.GET('/tasks/{uid}', { params: { path: { uid: taskUids[0] ?? '' } } }),
    )
    expect(done.status).toBe('DONE')
    expect(done.fields).toMatchObject({
      decision: 'approved',
      amount_approved: 1240,
      notes: 'Plumber’s invoice matches.',
    })
    expect(done.form_data).toMatchObject({ decision: 'approved', amount_approved: 1240 })
  })

  it('plays on with an operator’s API token once the web session is gone', async () => {
    const options = await browser.context.newPage()
    await options.goto(`chrome-extension://${extensionId}/options.html`)
    await options.getByLabel('API token').fill(operatorToken)
    await options.getByRole('button', { name: 'Save' }).click()
    await options
      .getByRole('status')
      .filter({ hasText: `Connected to ${server.url} as ${OPERATOR.name} (operator)` })
      .waitFor()
    await options.close()
    // Signed out everywhere: from now on only the token can authenticate the extension.
    await browser.context.clearCookies()
    await page.bringToFront()

    await panelButton('Pause').click()
    await panel()
      .getByTestId('panel-notice')
      .filter({ hasText: 'Paused: “Stolen bicycle” is still yours. Next brings it back first.' })
      .waitFor()
    await panelButton('Next').click()
    await expect.poll(() => taskTitle().textContent()).toBe('Stolen bicycle')
  })

  it('folds and unfolds from the keyboard', async () => {
    const fold = panel().getByRole('button', { name: 'Fold the player' })
    await fold.focus()
    await page.keyboard.press('Enter')
    const unfold = panel().getByRole('button', { name: 'Unfold the player' })
    await unfold.waitFor()
    expect(await unfold.getAttribute('aria-expanded')).toBe('false')
    expect(await panelButton('Complete').isVisible()).toBe(false)
    await panel().getByRole('heading', { name: 'Tessera · Stolen bicycle' }).waitFor()
    await unfold.press('Enter')
    await panelButton('Complete').waitFor()
  })

  it('shows the server’s refusal of Complete on the field it names', async () => {
    // A manager makes notes required while the panel shows the form without it.
    await unwrap(
      admin.PATCH('/fields/{uid}', {
        params: { path: { uid: fieldUids.notes ?? '' } },
        body: { required_for_completion: true },
      }),
    )
    await panel().getByRole('combobox', { name: 'Decision' }).selectOption({ label: 'Reject' })
    await panelButton('Complete').click()
    await panel().getByRole('alert').waitFor()
    const notes = panel().getByRole('textbox', { name: 'Notes' })
    await expect.poll(() => notes.getAttribute('aria-invalid')).toBe('true')
    expect(await taskTitle().textContent()).toBe('Stolen bicycle')
    await panel().getByTestId('panel-missing').filter({ hasText: 'fill: Notes' }).waitFor()
    // What was chosen survives the refusal.
    expect(await panel().getByRole('combobox', { name: 'Decision' }).inputValue()).toBe('rejected')
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'extension-panel-refused.png') })
    await notes.fill('Bicycle was not locked.')
    await panelButton('Complete').click()
    await page.waitForURL(`${backOfficeOrigin}/claims/1002`)
    await expect.poll(() => taskTitle().textContent()).toBe('Broken window')
    await unwrap(
      admin.PATCH('/fields/{uid}', {
        params: { path: { uid: fieldUids.notes ?? '' } },
        body: { required_for_completion: false },
      }),
    )
  })

  it('completes the third task, then says there is nothing left', async () => {
    // The panel read the form before notes were optional again: a reload reads it anew.
    await page.reload()
    await expect.poll(() => taskTitle().textContent()).toBe('Broken window')
    await panel().getByRole('combobox', { name: 'Decision' }).selectOption({ label: 'Approve' })
    await panelButton('Complete').click()
    await panel()
      .getByTestId('panel-notice')
      .filter({ hasText: 'Nothing to do right now' })
      .waitFor()
    await panel().getByTestId('panel-session').filter({ hasText: '3 done' }).waitFor()
    expect(backOfficeTabs()).toHaveLength(1)
  })

  it('has all three tasks DONE by the operator, as the API says', async () => {
    expect(taskUids).toHaveLength(3)
    const decisions = []
    for (const uid of taskUids) {
      const task = await unwrap(admin.GET('/tasks/{uid}', { params: { path: { uid } } }))
      expect(task.status).toBe('DONE')
      expect(task.assignee_uid).toBe(operatorUid)
      decisions.push(task.fields.decision)
    }
    expect(decisions).toEqual(['approved', 'rejected', 'approved'])
  })

  it('asks why before skipping, and skips with that reason', async () => {
    const [skipped] = (
      await unwrap(
        admin.POST('/tasks/batch', {
          body: {
            items: [
              {
                fields: {
                  title: 'Flooded basement',
                  country: 'BO',
                  url: `${backOfficeOrigin}/claims/1003`,
                },
              },
            ],
          },
        }),
      )
    ).items
    await panelButton('Next').click()
    await page.waitForURL(`${backOfficeOrigin}/claims/1003`)
    await panelButton('Skip').click()
    const reason = panel().getByLabel('Reason for skipping')
    await expect
      .poll(() =>
        reason.evaluate(
          (input) =>
            input === (input.getRootNode() as unknown as PageGlobals['document']).activeElement,
        ),
      )
      .toBe(true)
    await reason.fill('Waiting for the expert report')
    await reason.press('Enter')
    await panel()
      .getByTestId('panel-notice')
      .filter({ hasText: 'Only tasks you skipped in this session are left (1).' })
      .waitFor()
    await panelButton('Take a skipped task').waitFor()
    const events = await unwrap(
      admin.GET('/tasks/{uid}/events', { params: { path: { uid: skipped?.uid ?? '' } } }),
    )
    expect(JSON.stringify(events)).toContain('Waiting for the expert report')
  })

  it('closes, and comes back on its player page', async () => {
    await panel().getByRole('button', { name: 'Close the player' }).click()
    await expect.poll(() => panel().count()).toBe(0)
    await page.goto(`chrome-extension://${extensionId}/player.html`)
    await panelButton('Take a skipped task').click()
    await page.waitForURL(`${backOfficeOrigin}/claims/1003`)
    await expect.poll(() => taskTitle().textContent()).toBe('Flooded basement')
  })
})
