import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Schema, type TesseraClient, unwrap } from '../../sdk/src/index'
import type { ServerProcess } from '../support/server-process'
import {
  type AppUnderTest,
  type AppUnderTestWithApi,
  PASSWORD,
  skipRestAfterFailure,
  startAppUnderTest,
} from './app-under-test'
import { SCREENSHOTS_DIR } from './browser'

const OPERATOR = 'olivia@example.test'
const COMMENT = 'Called the customer: the parcel never arrived, refund agreed.'

/**
 * The player with a form, end to end: field definitions, a form with a required field and a
 * queue completing through it are made through the API; an operator then plays the queue in
 * Chromium, comments, fills the form (Complete waits for it) and pauses. A real
 * `tessera serve` on PGlite serving the built app; the steps run in order on one session.
 */
describe('the player with a form', () => {
  let app: AppUnderTestWithApi
  let server: ServerProcess
  let page: Page
  let api: TesseraClient
  let settled: AppUnderTest['settled']
  let formUid: string

  const current = () => page.getByRole('region', { name: /Current task/ })
  const counter = () => page.getByTestId('player-counter')

  /** The uid of the task in progress, read from the link to its page. */
  const currentUid = async () => {
    const href = await current().getByRole('heading').getByRole('link').getAttribute('href')
    return href?.split('/').pop() ?? ''
  }

  beforeAll(async () => {
    app = await startAppUnderTest({ name: 'form', adminToken: true })
    ;({ server, page, api, settled } = app)
  })
  skipRestAfterFailure(() => page)
  afterAll(() => app?.close())

  it('makes field definitions, a form with a required field, its queue and three tasks', async () => {
    const definitions: Schema<'CreateFieldBody'>[] = [
      { key: 'claim_amount', label: 'Amount claimed', type: 'money', currency: 'EUR' },
      {
        key: 'customer_tier',
        label: 'Customer tier',
        type: 'single_select',
        options: [
          { value: 'gold', label: 'Gold' },
          { value: 'standard', label: 'Standard' },
        ],
      },
      { key: 'ordered_on', label: 'Ordered on', type: 'date' },
      {
        key: 'outcome',
        label: 'Outcome',
        type: 'single_select',
        options: [
          { value: 'refund', label: 'Refund in full' },
          { value: 'partial', label: 'Partial refund' },
          { value: 'refused', label: 'Refused' },
        ],
      },
      { key: 'refund_amount', label: 'Refund', type: 'money', currency: 'EUR' },
      { key: 'decision_note', label: 'Decision note', type: 'long_text' },
      { key: 'call_back', label: 'Call the customer back', type: 'boolean' },
    ]
    for (const [position, definition] of definitions.entries()) {
      await unwrap(api.POST('/fields', { body: { ...definition, position } }))
    }
    const form = await unwrap(
      api.POST('/forms', {
        body: {
          name: 'Refund decision',
          description: 'What the customer gets back, and why.',
          sections: [
            {
              title: 'Decision',
              help_text: 'Check the order in the back office before deciding.',
              items: [
                { key: 'outcome', required: true },
                { key: 'refund_amount', required: false, help_text: 'Leave empty when refused.' },
              ],
            },
            {
              title: 'Follow-up',
              help_text: '',
              items: [
                { key: 'decision_note', required: false },
                { key: 'call_back', required: false },
              ],
            },
          ],
        },
      }),
    )
    formUid = form.uid
    await unwrap(
      api.POST('/queues', {
        body: {
          name: 'Refunds',
          description: 'Refund claims from French customers',
          condition: { field: 'country', operator: '==', value: 'FR' },
          sla_policy: { resolution_minutes: 240 },
          form_uid: formUid,
        },
      }),
    )
    await unwrap(
      api.POST('/users', {
        body: { email: OPERATOR, name: 'Olivia Operator', role: 'operator', password: PASSWORD },
      }),
    )
    const claims = [
      ['Parcel never arrived, order 2210', 64.9, 'gold', 'ORD-2210', '2026-11-21'],
      ['Damaged blender, order 1044', 129, 'standard', 'ORD-1044', '2026-11-24'],
      ['Double charge, order 3310', 42.5, 'standard', 'ORD-3310', '2026-11-28'],
    ] as const
    await unwrap(
      api.POST('/tasks/batch', {
        body: {
          items: claims.map(([title, amount, tier, order, orderedOn], i) => ({
            due_at: new Date(Date.now() + (i + 1) * 3_600_000).toISOString(),
            fields: {
              title,
              country: 'FR',
              claim_amount: amount,
              customer_tier: tier,
              ordered_on: orderedOn,
              // No definition: shown after the defined fields, under its key.
              order_ref: order,
              // A url on the server itself: the player opens it, and the test needs no internet.
              url: `${server.url}/health`,
            },
          })),
        },
      }),
    )
  })

  it('signs in as an operator and shows the form before Complete', async () => {
    await page.goto(server.url)
    await page.getByLabel('Email').fill(OPERATOR)
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { level: 1, name: 'All tasks' }).waitFor()
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Player' })
      .click()
    await page.getByRole('checkbox', { name: /Refunds/ }).check()
    await page.getByRole('button', { name: 'Start' }).click()

    await current().getByRole('link', { name: 'Parcel never arrived, order 2210' }).waitFor()
    // Fields by their labels and types, in position order, then the undefined key.
    const terms = current().locator('dl.fields dt')
    await expect
      .poll(() => terms.allTextContents())
      .toEqual(['Amount claimed', 'Customer tier', 'Ordered on', 'country', 'order_ref'])
    await current().getByText('Gold', { exact: true }).waitFor()

    const form = page.getByRole('region', { name: 'Refund decision' })
    await form.getByText('Check the order in the back office before deciding.').waitFor()
    const complete = page.getByRole('button', { name: 'Complete' })
    await page.getByText('Fill in Outcome to complete.').waitFor()
    expect(await complete.isDisabled()).toBe(true)
    // Its shortcut does nothing either while the form waits.
    await page.locator('body').press('c')
    await counter().filter({ hasText: 'Tasks done this session: 0' }).waitFor()
  })

  it('adds a comment from the player with the keyboard, shortcuts silent while typing', async () => {
    const box = page.getByLabel('Add a comment')
    await box.click()
    // Every letter of the shortcuts (c, n, p, s, x) typed: none is a command.
    await box.pressSequentially(COMMENT)
    await box.press('Control+Enter')
    await page.getByRole('region', { name: 'Comments' }).getByText(COMMENT).waitFor()
    await page.getByRole('region', { name: 'History' }).getByText('Commented').waitFor()
    await counter().filter({ hasText: 'Tasks done this session: 0' }).waitFor()
    expect(
      (
        await unwrap(
          api.GET('/tasks/{uid}/comments', {
            params: { path: { uid: await currentUid() } },
          }),
        )
      ).items.map((comment) => comment.text),
    ).toEqual([COMMENT])
  })

  it('enables Complete once the required field is filled, and stores what was entered', async () => {
    const form = page.getByRole('region', { name: 'Refund decision' })
    await form.getByLabel(/^Refund\b/).fill('64.9')
    await form.getByLabel(/^Decision note/).fill('Carrier confirmed the loss; refunded in full.')
    await form.getByLabel(/^Call the customer back/).check()
    await settled()
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'player-form.png'), fullPage: true })
    await app.onPhone('player-form')

    await form.getByLabel(/^Outcome/).selectOption('refund')
    const complete = page.getByRole('button', { name: 'Complete' })
    await expect.poll(() => complete.isEnabled()).toBe(true)
    expect(await page.getByText('Fill in Outcome to complete.').count()).toBe(0)
    const uid = await currentUid()
    await complete.click()
    await counter().filter({ hasText: 'Tasks done this session: 1' }).waitFor()
    await current().getByRole('link', { name: 'Damaged blender, order 1044' }).waitFor()

    const done = await unwrap(api.GET('/tasks/{uid}', { params: { path: { uid } } }))
    expect(done.status).toBe('DONE')
    const entered = {
      outcome: 'refund',
      refund_amount: 64.9,
      decision_note: 'Carrier confirmed the loss; refunded in full.',
      call_back: true,
    }
    expect(done.fields).toMatchObject({ ...entered, claim_amount: 64.9, order_ref: 'ORD-2210' })
    expect(done.form_data).toMatchObject(entered)
    expect(done.metadata_form_uid).toBe(formUid)
    // The next task's form starts from its own fields, not from what was just entered.
    const next = page.getByRole('region', { name: 'Refund decision' })
    expect(await next.getByLabel(/^Outcome/).inputValue()).toBe('')
    expect(await next.getByLabel(/^Decision note/).inputValue()).toBe('')
  })

  it('says a paused task is still the operator’s', async () => {
    const uid = await currentUid()
    await page.getByRole('button', { name: 'Pause' }).click()
    const notice = page.getByRole('status').filter({ hasText: 'Paused: still yours' })
    await notice.getByText('Damaged blender, order 1044').waitFor()
    await page
      .getByRole('region', { name: 'Still yours' })
      .getByRole('link', { name: 'Damaged blender, order 1044' })
      .waitFor()
    const paused = await unwrap(api.GET('/tasks/{uid}', { params: { path: { uid } } }))
    expect(paused.status).toBe('TODO')
    expect(paused.assignee_uid).not.toBeNull()
    await settled()
    await page.screenshot({ path: join(SCREENSHOTS_DIR, 'player-paused.png') })
  })
})
