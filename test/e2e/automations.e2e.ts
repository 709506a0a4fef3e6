import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unwrap } from '../../sdk/src/index'
import { formatCount } from '../../web/src/ui/format'
import type { ServerProcess } from '../support/server-process'
import {
  type AppUnderTestWithApi,
  SUPER_ADMIN,
  skipRestAfterFailure,
  startAppUnderTest,
} from './app-under-test'

const RULE = 'Escalate urgent tasks'
const COMMENT = 'Escalated: an urgent customer is waiting.'

/**
 * A manager's automation end to end: a rule made in Settings › Automations (when a task is
 * created with priority urgent: assign it, start it, comment and tell the manager's bell),
 * test-run on the open tasks, then a matching task created through the API is changed by the
 * rule, its notification shows in the bell, and once done the Reports page counts it. One
 * `tessera serve` on PGlite, headless Chromium.
 */
describe('an automation, its notification and the reports', () => {
  let app: AppUnderTestWithApi
  let server: ServerProcess
  let page: Page
  let adaUid = ''
  let taskUid = ''

  const urgent = { field: 'priority', operator: '==' as const, value: 'urgent' }
  const bell = () => page.getByRole('button', { name: /^Notifications/ })

  beforeAll(async () => {
    app = await startAppUnderTest({ name: 'automations', adminToken: true })
    ;({ server, page } = app)
    const users = await unwrap(app.api.GET('/users'))
    adaUid = users.items.find((user) => user.email === SUPER_ADMIN.email)?.uid ?? ''
    await unwrap(
      app.api.POST('/queues', {
        body: {
          name: 'Urgent',
          condition: { combinator: 'and', conditions: [urgent] },
          sla_policy: { resolution_minutes: 240 },
        },
      }),
    )
    // Open tasks the rule's condition selects (or not) before it exists: what a test-run finds.
    await unwrap(
      app.api.POST('/tasks/batch', {
        body: {
          items: [
            { fields: { title: 'Refund 41', priority: 'urgent' } },
            { fields: { title: 'Address change', priority: 'low' } },
          ],
        },
      }),
    )
  })
  skipRestAfterFailure(() => page)
  afterAll(() => app?.close())

  it('makes the rule in Settings › Automations and test-runs it', async () => {
    await page.goto(server.url)
    await app.signIn(SUPER_ADMIN.email)
    await app.navigate('Settings')
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Automations' })
      .click()
    await page.getByText('No rules yet').waitFor()
    await page.getByRole('link', { name: 'New rule' }).click()
    const form = page.getByRole('form', { name: 'New rule' })
    await form.getByLabel('Name', { exact: true }).fill(RULE)
    // "created" is the default change; a rule on one kind of change only.
    expect(await form.getByRole('checkbox', { name: 'created' }).isChecked()).toBe(true)

    await form.getByRole('button', { name: 'Add condition' }).click()
    const condition = form.getByRole('group', { name: 'Condition 1' })
    await condition.getByLabel('Field').fill('priority')
    await condition.getByLabel('Operator').selectOption('==')
    await condition.getByLabel('Value', { exact: true }).fill('urgent')
    await form.getByRole('button', { name: 'Test-run' }).click()
    const found = form.getByRole('region', { name: 'Test-run' })
    await expect
      .poll(() => found.getByRole('status').textContent())
      .toBe('1 open task matches now: the rule would touch it.')
    await found.getByRole('link', { name: 'Refund 41' }).waitFor()

    const action = (n: number) => form.getByRole('group', { name: `Action ${n}`, exact: true })
    await form.getByLabel('Action 1 type').selectOption({ label: 'Assign' })
    await action(1)
      .getByLabel('Action 1 person')
      .selectOption({ label: `${SUPER_ADMIN.name} (${SUPER_ADMIN.email})` })
    await form.getByRole('button', { name: 'Add an action' }).click()
    await form.getByLabel('Action 2 type').selectOption({ label: 'Set the status' })
    await action(2).getByLabel('Action 2 status').selectOption('STARTED')
    await form.getByRole('button', { name: 'Add an action' }).click()
    await form.getByLabel('Action 3 type').selectOption({ label: 'Send a notification' })
    await action(3).getByRole('checkbox', { name: SUPER_ADMIN.name }).check()
    await action(3).getByLabel('Action 3 message').fill('Refund and address tasks wait.')
    await form.getByRole('button', { name: 'Add an action' }).click()
    await form.getByLabel('Action 4 type').selectOption({ label: 'Add a comment' })
    await action(4).getByLabel('Action 4 comment').fill(COMMENT)
    // The comment goes before the notification: moved up a place.
    await form.getByRole('button', { name: 'Up Action 4' }).click()
    expect(await form.getByLabel('Action 3 comment').inputValue()).toBe(COMMENT)
    await action(4).getByLabel('Action 4 message').fill('An urgent task came in and was started.')
    await app.settled()
    // The top of the form: its name, when and if; the phone's full page shows the rest.
    await page.evaluate('window.scrollTo(0, 0)')
    await app.shot('automations-editor')
    await app.onPhone('automations-editor')

    await form.getByRole('button', { name: 'Create rule' }).click()
    const card = page.getByTestId('automation').filter({ hasText: RULE })
    await card.waitFor()
    expect(await card.getByTestId('automation-trigger').textContent()).toBe(
      'When a task is created, if priority == "urgent": assign, then set the status, then add a comment, then send a notification.',
    )
    const rules = await unwrap(app.api.GET('/automations'))
    expect(
      rules.items.map(({ name, trigger, condition, actions }) => ({
        name,
        trigger,
        condition,
        actions,
      })),
    ).toEqual([
      {
        name: RULE,
        trigger: { kind: 'event', on: ['created'] },
        condition: { combinator: 'and', conditions: [urgent] },
        actions: [
          { type: 'assign', assignee_uid: adaUid },
          { type: 'set_status', status: 'STARTED' },
          { type: 'add_comment', text: COMMENT },
          {
            type: 'send_notification',
            user_uids: [adaUid],
            text: 'An urgent task came in and was started.',
          },
        ],
      },
    ])
    await card.getByRole('button', { name: `Test-run ${RULE}` }).click()
    await expect
      .poll(() => card.getByRole('status').textContent())
      .toBe('1 open task matches now: the rule would touch it.')
    await app.settled()
    await app.shot('automations-list')
    await app.onPhone('automations-list')
  })

  it('changes a matching task created through the API, and the bell tells', async () => {
    const task = await unwrap(
      app.api.POST('/tasks', { body: { fields: { title: 'Refund 42', priority: 'urgent' } } }),
    )
    taskUid = task.uid
    // The rule runs right after the change, from the durable queue: a second or so.
    await expect
      .poll(
        async () =>
          (await unwrap(app.api.GET('/tasks/{uid}', { params: { path: { uid: taskUid } } })))
            .status,
        {
          timeout: 20_000,
        },
      )
      .toBe('STARTED')

    await page.goto(`${server.url}/tasks/${taskUid}`)
    await app.heading('Refund 42')
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('STARTED')
    expect(await page.getByLabel('Assignee', { exact: true }).inputValue()).toBe(adaUid)
    await page.getByText(COMMENT).waitFor()
    await expect.poll(() => bell().getAttribute('aria-label')).toBe('Notifications, 1 unread')
    await bell().click()
    const panel = page.getByRole('region', { name: 'Notifications' })
    await panel.getByText('An urgent task came in and was started.').waitFor()
    expect(await panel.locator('li strong').allTextContents()).toEqual([RULE])
    expect(
      await panel.getByRole('link', { name: 'Open the task' }).first().getAttribute('href'),
    ).toBe(`/tasks/${taskUid}`)
    await app.settled()
    await app.shot('automations-task-and-bell')
    await app.onPhone('automations-task-and-bell')

    // The task that did not match was left alone; the rule counts its run.
    const low = await unwrap(
      app.api.POST('/tasks', { body: { fields: { title: 'Newsletter', priority: 'low' } } }),
    )
    await app.navigate('Settings')
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Automations' })
      .click()
    const card = page.getByTestId('automation').filter({ hasText: RULE })
    await expect
      .poll(() => card.getByTestId('automation-runs').textContent())
      .toMatch(/^Ran 1 time, last /)
    const untouched = await unwrap(
      app.api.GET('/tasks/{uid}', { params: { path: { uid: low.uid } } }),
    )
    expect(untouched.status).toBe('TODO')
  })

  it('completes the task and sees it in the Reports', async () => {
    await page.goto(`${server.url}/tasks/${taskUid}`)
    await app.heading('Refund 42')
    await page.getByLabel('Status', { exact: true }).selectOption('DONE')
    await expect
      .poll(
        async () =>
          (await unwrap(app.api.GET('/tasks/{uid}', { params: { path: { uid: taskUid } } })))
            .status,
      )
      .toBe('DONE')

    await app.navigate('Reports')
    await app.heading('Reports')
    const operators = await unwrap(app.api.GET('/reports/operators'))
    const queues = await unwrap(app.api.GET('/reports/queues'))
    const ada = operators.items.find((row) => row.name === SUPER_ADMIN.name)
    expect(ada?.completed).toBe(1)
    const urgentQueue = queues.items.find((row) => row.name === 'Urgent')
    expect(urgentQueue?.completed).toBe(1)
    const rowOf = (caption: string, name: string) =>
      page
        .getByRole('table', { name: caption })
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name }) })
    await expect
      .poll(() =>
        rowOf('Figures per operator', SUPER_ADMIN.name)
          .locator('[data-column="completed"]')
          .textContent(),
      )
      .toBe(formatCount(1))
    // The queue figures come from a request of their own: they may render after the operators'.
    await expect
      .poll(() =>
        rowOf('Figures per queue', 'Urgent').locator('[data-column="completed"]').textContent(),
      )
      .toBe(formatCount(1))
    await app.settled()
    await app.shot('automations-reports')
    await app.onPhone('automations-reports')
  })

  it('switches the rule off on its card, and deletes it after asking', async () => {
    await app.navigate('Settings')
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Automations' })
      .click()
    const card = page.getByTestId('automation').filter({ hasText: RULE })
    // The switch shows the rule as the API has it: it turns off once the PATCH is answered,
    // not on the click itself (so not uncheck(), which wants the state to change at once).
    await card.getByRole('checkbox', { name: `Enabled ${RULE}` }).click()
    await expect
      .poll(async () => (await unwrap(app.api.GET('/automations'))).items[0]?.enabled)
      .toBe(false)
    await expect
      .poll(() => card.getByRole('checkbox', { name: `Enabled ${RULE}` }).isChecked())
      .toBe(false)

    const asked: string[] = []
    page.once('dialog', (dialog) => {
      asked.push(dialog.message())
      void dialog.accept()
    })
    await card.getByRole('button', { name: `Delete ${RULE}` }).click()
    await page.getByText('No rules yet').waitFor()
    expect(asked).toEqual([
      `Delete the rule "${RULE}"? It stops at once; what it already did stays.`,
    ])
    expect((await unwrap(app.api.GET('/automations'))).items).toEqual([])
  })
})
