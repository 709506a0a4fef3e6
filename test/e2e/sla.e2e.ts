import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TesseraClient, unwrap } from '../../sdk/src/index'
import type { ServerProcess } from '../support/server-process'
import {
  type AppUnderTestWithApi,
  PASSWORD,
  SUPER_ADMIN,
  skipRestAfterFailure,
  startAppUnderTest,
} from './app-under-test'

const DAY_MS = 86_400_000
const CLOSED = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10)

/**
 * An SLA policy set in the queue editor, end to end: a named calendar (Tokyo, open on Mondays
 * 09:00–10:00, every Monday a holiday for five weeks) is made in Settings › Calendars, the
 * queue's policy counts business hours on it, and the backlog shows the countdown to the
 * deadline worked out by hand. A real `tessera serve` on PGlite serving the built app.
 */
describe('SLA policies in the web app', () => {
  let app: AppUnderTestWithApi
  let server: ServerProcess
  let page: Page
  let api: TesseraClient
  let shot: AppUnderTestWithApi['shot']
  let settled: AppUnderTestWithApi['settled']
  let queueUid: string

  const monday = new Date(Date.now())
  monday.setUTCHours(0, 0, 0, 0)
  monday.setTime(monday.getTime() - ((monday.getUTCDay() + 6) % 7) * DAY_MS)
  const holidays = Array.from({ length: 5 }, (_, week) =>
    isoDay(monday.getTime() + week * 7 * DAY_MS),
  )
  const open = isoDay(monday.getTime() + 5 * 7 * DAY_MS)

  beforeAll(async () => {
    app = await startAppUnderTest({ name: 'sla', adminToken: true })
    ;({ server, page, api, shot, settled } = app)
  })
  skipRestAfterFailure(() => page)
  afterAll(() => app?.close())

  it('makes a named calendar in Settings › Calendars', async () => {
    queueUid = (await unwrap(api.POST('/queues', { body: { name: 'Japan' } }))).uid
    await page.goto(server.url)
    await page.getByLabel('Email').fill(SUPER_ADMIN.email)
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { level: 1, name: 'All tasks' }).waitFor()
    await page.goto(`${server.url}/settings/calendars`)
    await page.getByRole('button', { name: 'New calendar' }).click()
    const form = page.getByRole('form', { name: 'New calendar' })
    await form.getByLabel('Name').fill('Tokyo')
    await form.getByLabel('Time zone').selectOption('Asia/Tokyo')
    await form.getByRole('button', { name: 'Save calendar' }).click()
    await page.getByRole('cell', { name: 'Tokyo', exact: true }).waitFor()
    // The hours and holidays of the test are set through the API: typing 35 dates is no test.
    const [tokyo] = (await unwrap(api.GET('/calendars'))).items
    expect(tokyo?.calendar.time_zone).toBe('Asia/Tokyo')
    await unwrap(
      api.PATCH('/calendars/{uid}', {
        params: { path: { uid: tokyo?.uid as string } },
        body: {
          calendar: {
            time_zone: 'Asia/Tokyo',
            weekly_hours: { ...CLOSED, mon: [{ start: '09:00', end: '10:00' }] },
            holidays,
          },
        },
      }),
    )
    await page.reload()
    await page.getByRole('cell', { name: '5', exact: true }).waitFor()
    await settled()
    await shot('sla-calendars')
  })

  it('sets the queue’s SLA policy in the queue editor', async () => {
    await page.goto(`${server.url}/settings/queues`)
    await page.getByRole('link', { name: /Edit.*Japan/ }).click()
    const editor = page.getByRole('form', { name: 'Edit queue Japan' })
    await editor.getByRole('checkbox', { name: /within a time limit/ }).check()
    await editor
      .getByLabel('Clock', { exact: true })
      .selectOption({ label: 'Business hours: Tokyo (Asia/Tokyo)' })
    await editor.getByLabel('First response (minutes)').fill('10')
    await editor.getByLabel('Resolution time (minutes)').fill('30')
    await editor.getByLabel('Other targets by the value of a field').fill('priority')
    await editor.getByRole('button', { name: 'Add a value' }).click()
    await editor.getByLabel('Value', { exact: true }).fill('urgent')
    await editor.getByLabel('Resolution', { exact: true }).fill('15')
    await editor.getByRole('checkbox', { name: /while a task is snoozed/ }).check()
    await settled()
    await shot('sla-queue-editor')
    await editor.getByRole('button', { name: 'Save queue' }).click()
    await page
      .getByRole('cell', { name: 'first response 10 min, resolution 30 min (business hours)' })
      .waitFor()
    const queue = await unwrap(api.GET('/queues/{uid}', { params: { path: { uid: queueUid } } }))
    const [tokyo] = (await unwrap(api.GET('/calendars'))).items
    expect(queue.sla_policy).toEqual({
      clock: 'business',
      calendar_uid: tokyo?.uid,
      first_response_minutes: 10,
      resolution_minutes: 30,
      by_field: { field: 'priority', targets: { urgent: { resolution_minutes: 15 } } },
      pause: { while_snoozed: true },
    })
  })

  it('shows the countdown to the policy’s deadline in the backlog', async () => {
    const task = await unwrap(
      api.POST('/tasks', { body: { fields: { title: 'Refund for Osaka order' } } }),
    )
    // Business time starts on the first open Monday, 09:00 in Tokyo (00:00Z).
    expect(task.first_response_due_at).toBe(`${open}T00:10:00.000Z`)
    expect(task.sla_due_at).toBe(`${open}T00:10:00.000Z`)
    await page.goto(server.url)
    const row = page.getByRole('row').filter({ hasText: 'Refund for Osaka order' })
    await row.waitFor()
    // Some 30 days ahead: the countdown reads in days (and hours), e.g. "29 d 5 h left".
    const countdown = row.getByText(/^\d+ d( \d+ h)? left$/)
    await countdown.waitFor()
    const days = Number((await countdown.textContent())?.split(' ')[0])
    const expected = Math.floor((Date.parse(`${open}T00:10:00Z`) - Date.now()) / DAY_MS)
    expect([expected, expected + 1]).toContain(days)
    await settled()
    await shot('sla-backlog')
  })
})
