import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unwrap } from '../../sdk/src/index'
import type { ServerProcess } from '../support/server-process'
import {
  type AppUnderTestWithApi,
  SUPER_ADMIN,
  skipRestAfterFailure,
  startAppUnderTest,
} from './app-under-test'

/**
 * The bell end to end: notifications queued through an in-app channel show as the header's
 * unread count; the panel lists them newest first, links to the task, and marks one or all
 * read. One `tessera serve` on PGlite, headless Chromium.
 */
describe('the notification bell', () => {
  let app: AppUnderTestWithApi
  let server: ServerProcess
  let page: Page

  beforeAll(async () => {
    app = await startAppUnderTest({ name: 'notifications', adminToken: true })
    ;({ server, page } = app)
  })
  skipRestAfterFailure(() => page)
  afterAll(() => app?.close())

  it('counts unread items, lists them, and marks them read', async () => {
    const task = await unwrap(app.api.POST('/tasks', { body: { fields: { title: 'Refund 42' } } }))
    const bell = await unwrap(
      app.api.POST('/notification-channels', { body: { kind: 'in_app', name: 'Everyone' } }),
    )
    for (const subject of ['Queue Claims is over its SLA', 'Refund 42 needs a look']) {
      await unwrap(
        app.api.POST('/notifications', {
          body: {
            channel_uid: bell.uid,
            subject,
            body: `${subject}: details`,
            task_uid: task.uid,
          },
        }),
      )
    }

    await page.goto(server.url)
    await app.signIn(SUPER_ADMIN.email)
    const button = page.getByRole('button', { name: /^Notifications/ })
    await expect.poll(() => button.getAttribute('aria-label')).toBe('Notifications, 2 unread')
    await expect.poll(() => page.getByTestId('bell-count').textContent()).toBe('2')

    await button.click()
    const panel = page.getByRole('region', { name: 'Notifications' })
    await panel.waitFor()
    const subjects = await panel.locator('li strong').allTextContents()
    expect(subjects).toEqual(['Refund 42 needs a look', 'Queue Claims is over its SLA'])
    expect(
      await panel.getByRole('link', { name: 'Open the task' }).first().getAttribute('href'),
    ).toBe(`/tasks/${task.uid}`)
    await app.settled()
    await app.shot('notifications-bell')
    await app.onPhone('notifications-bell')

    if (!(await panel.isVisible())) {
      await button.click()
    }
    await panel.getByRole('button', { name: 'Mark "Refund 42 needs a look" read' }).click()
    await expect.poll(() => button.getAttribute('aria-label')).toBe('Notifications, 1 unread')
    await panel.getByRole('button', { name: 'Mark all read' }).click()
    await expect.poll(() => button.getAttribute('aria-label')).toBe('Notifications')
    const left = await unwrap(app.api.GET('/notifications'))
    expect(left.unread_count).toBe(0)
  })

  it('adds a channel in Settings › Notifications and sends its test to the bell', async () => {
    await app.navigate('Settings')
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Notifications' })
      .click()
    const form = page.getByRole('form', { name: 'New channel' })
    await form.getByLabel('Kind').selectOption('email')
    await form.getByLabel('SMTP host').waitFor()
    await form.getByLabel('Kind').selectOption('in_app')
    await form.getByLabel('Name').fill('Team bell')
    await form.getByRole('button', { name: 'Add channel' }).click()
    const channel = page.getByTestId('notification-channel').filter({ hasText: 'Team bell' })
    await channel.waitFor()
    await expect.poll(() => channel.getByTestId('channel-state').textContent()).toBe('healthy')
    await channel.getByRole('button', { name: 'Send test' }).click()
    await channel.getByRole('status').filter({ hasText: 'Test sent.' }).waitFor()
    const button = page.getByRole('button', { name: /^Notifications/ })
    await expect.poll(() => button.getAttribute('aria-label')).toBe('Notifications, 1 unread')
    await app.settled()
    await app.shot('notifications-settings')
    await app.onPhone('notifications-settings')
  })
})
