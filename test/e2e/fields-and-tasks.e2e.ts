import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Schema } from '../../sdk/src/index'
import type { ServerProcess } from '../support/server-process'
import {
  type AppUnderTest,
  PASSWORD,
  SUPER_ADMIN,
  skipRestAfterFailure,
  startAppUnderTest,
} from './app-under-test'

const EMAIL = SUPER_ADMIN.email

type Task = Schema<'Task'>
type FieldDefinition = Schema<'FieldDefinition'>
type Form = Schema<'Form'>

/**
 * Field definitions, forms and editable tasks, end to end, as an admin does it in Chromium:
 * fields and a form defined in Settings, a task created from the form with "New task", its
 * title and a field edited in place, its status changed and undone. A real `tessera serve`
 * on PGlite serving the built app; the steps depend on each other and run in order.
 */
describe('fields, forms and tasks in the app', () => {
  let app: AppUnderTest
  let server: ServerProcess
  let page: Page
  let shot: AppUnderTest['shot']
  let settled: AppUnderTest['settled']
  let navigate: AppUnderTest['navigate']
  let heading: AppUnderTest['heading']
  let taskUid: string

  /** A GET of the API with the page's session, as the app makes it. */
  const read = async <T>(path: string): Promise<T> =>
    (await page.evaluate(`fetch('/api/v1${path}').then((response) => response.json())`)) as T

  beforeAll(async () => {
    app = await startAppUnderTest({ name: 'fields' })
    ;({ server, page, shot, settled, navigate, heading } = app)
  })
  skipRestAfterFailure(() => page)
  afterAll(() => app?.close())

  it('signs in', async () => {
    await page.goto(server.url)
    await page.getByLabel('Email', { exact: true }).fill(EMAIL)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await heading('All tasks')
  })

  it('defines a select, a money and a date field in Settings › Fields', async () => {
    await navigate('Settings')
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Fields', exact: true })
      .click()
    await page.getByText('No field defined yet').waitFor()

    await page.getByRole('link', { name: 'New field', exact: true }).click()
    await page.getByLabel('Label', { exact: true }).fill('Decision')
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Single choice' })
    await page.getByRole('button', { name: 'Add option' }).click()
    await page.getByRole('button', { name: 'Add option' }).click()
    await page.getByLabel('Option 1 label', { exact: true }).fill('Approved')
    await page.getByLabel('Option 2 label', { exact: true }).fill('Refused')
    await page.getByLabel('Help text', { exact: true }).fill('What we answer the customer.')
    await page.getByRole('button', { name: 'Create field' }).click()
    await page.getByRole('link', { name: 'Decision', exact: true }).waitFor()

    await page.getByRole('link', { name: 'New field', exact: true }).click()
    await page.getByLabel('Label', { exact: true }).fill('Refund amount')
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Money' })
    await page.getByLabel('Currency', { exact: true }).fill('EUR')
    await page.getByLabel('Shown in the backlog', { exact: true }).check()
    await page.getByLabel('Required before Complete (in every queue)', { exact: true }).check()
    await page.getByRole('button', { name: 'Create field' }).click()
    await page.getByRole('link', { name: 'Refund amount', exact: true }).waitFor()

    await page.getByRole('link', { name: 'New field', exact: true }).click()
    await page.getByLabel('Label', { exact: true }).fill('Purchase date')
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Date' })
    await page.getByRole('button', { name: 'Create field' }).click()
    await page.getByRole('link', { name: 'Purchase date', exact: true }).waitFor()

    // Shown first in the app: the amount moves above the decision.
    await page.getByRole('button', { name: 'Up Refund amount' }).click()
    const table = page.getByRole('table', { name: 'Field definitions in display order' })
    await expect
      .poll(() => table.getByRole('rowheader').allTextContents())
      .toEqual([
        'Refund amountrefund_amount',
        'Decisiondecision · What we answer the customer.',
        'Purchase datepurchase_date',
      ])
    const { items } = await read<{ items: FieldDefinition[] }>('/fields')
    expect(
      items.map(({ key, type, options, currency }) => ({ key, type, options, currency })),
    ).toEqual([
      { key: 'refund_amount', type: 'money', options: null, currency: 'EUR' },
      {
        key: 'decision',
        type: 'single_select',
        options: [
          { value: 'approved', label: 'Approved' },
          { value: 'refused', label: 'Refused' },
        ],
        currency: null,
      },
      { key: 'purchase_date', type: 'date', options: null, currency: null },
    ])
    await settled()
    await shot('field-settings')
    await app.onPhone('field-settings')
  })

  it('makes a form for refund requests in Settings › Forms', async () => {
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Forms', exact: true })
      .click()
    await page.getByRole('link', { name: 'New form', exact: true }).click()
    await page.getByLabel('Name', { exact: true }).fill('Refund request')
    await page.getByLabel('Task type', { exact: true }).fill('refund')
    await page.getByLabel('Section title', { exact: true }).fill('Claim')
    await page.getByLabel('Section help text', { exact: true }).fill('From the customer’s email.')
    for (let i = 0; i < 3; i++) {
      await page.getByRole('button', { name: 'Add a field to section 1' }).click()
    }
    await page.getByLabel('Required (field 1 of section 1)', { exact: true }).check()
    await shot('form-settings')
    await page.getByRole('button', { name: 'Create form' }).click()
    await page.getByRole('link', { name: 'Refund request', exact: true }).waitFor()
    const { items } = await read<{ items: Form[] }>('/forms')
    expect(items.map((form) => [form.name, form.task_type, form.sections[0]?.items])).toEqual([
      [
        'Refund request',
        'refund',
        [
          { key: 'refund_amount', required: true },
          { key: 'decision', required: false },
          { key: 'purchase_date', required: false },
        ],
      ],
    ])
  })

  it('creates a task from the form with New task, and opens it', async () => {
    await navigate('Backlog')
    await heading('All tasks')
    await page.getByRole('link', { name: 'New task', exact: true }).click()
    await heading('New task')
    await page.getByLabel('Form', { exact: true }).selectOption({ label: 'Refund request' })
    await page.getByRole('group', { name: 'Claim' }).waitFor()
    await page.getByLabel('Title (required)', { exact: true }).fill('Refund for order 1001')
    await page.getByLabel('Back-office link', { exact: true }).fill(`${server.url}/health`)
    // The amount is required by the form: the app asks for it before sending anything.
    await page.getByRole('button', { name: 'Create task' }).click()
    await page.getByText('Required.').waitFor()
    await page.getByLabel('Refund amount (required)', { exact: true }).fill('120.50')
    await page.getByLabel('Purchase date', { exact: true }).fill('2025-09-12')
    await page.getByLabel('Decision', { exact: true }).selectOption({ label: 'Approved' })
    await shot('new-task')
    await app.onPhone('new-task')
    await page.getByRole('button', { name: 'Create task' }).click()
    await heading('Refund for order 1001')
    taskUid = new URL(page.url()).pathname.split('/').pop() ?? ''
    const { items: forms } = await read<{ items: Form[] }>('/forms')
    const task = await read<Task>(`/tasks/${taskUid}`)
    expect(task.fields).toEqual({
      title: 'Refund for order 1001',
      url: `${server.url}/health`,
      refund_amount: 120.5,
      decision: 'approved',
      purchase_date: '2025-09-12',
    })
    expect(task.task_type).toBe('refund')
    expect(task.metadata_form_uid).toBe(forms[0]?.uid)
    const fields = page.getByRole('region', { name: 'Fields' })
    await fields.getByText('Approved').waitFor()
    await fields.getByText(/€\s?120\.50|120\.50\s?€/).waitFor()
  })

  it('edits the title and a field in place', async () => {
    await page.getByRole('button', { name: 'Edit the title' }).click()
    await page.getByLabel('Title', { exact: true }).fill('Refund for order 1001 (damaged parcel)')
    await page.getByLabel('Title', { exact: true }).press('Enter')
    await heading('Refund for order 1001 (damaged parcel)')

    const fields = page.getByRole('region', { name: 'Fields' })
    await fields.getByRole('button', { name: 'Edit Decision' }).click()
    await fields.getByLabel('Decision', { exact: true }).selectOption({ label: 'Refused' })
    await fields.getByLabel('Decision', { exact: true }).press('Enter')
    await fields.getByText('Refused').waitFor()
    const task = await read<Task>(`/tasks/${taskUid}`)
    expect(task.fields.title).toBe('Refund for order 1001 (damaged parcel)')
    expect(task.fields.decision).toBe('refused')

    // Escape leaves a field as it was.
    await fields.getByRole('button', { name: 'Edit Purchase date' }).click()
    await fields.getByLabel('Purchase date', { exact: true }).fill('2025-09-01')
    await fields.getByLabel('Purchase date', { exact: true }).press('Escape')
    await fields.getByRole('button', { name: 'Edit Purchase date' }).waitFor()
    expect((await read<Task>(`/tasks/${taskUid}`)).fields.purchase_date).toBe('2025-09-12')
  })

  it('changes the status at once and undoes it', async () => {
    const status = page.getByLabel('Status', { exact: true })
    await status.selectOption({ label: 'Done' })
    await page.getByText('Status changed to Done.').waitFor()
    await expect.poll(async () => (await read<Task>(`/tasks/${taskUid}`)).status).toBe('DONE')
    await page.getByRole('button', { name: 'Undo' }).click()
    await page.getByText('Status set back to To do.').waitFor()
    await expect.poll(async () => (await read<Task>(`/tasks/${taskUid}`)).status).toBe('TODO')
    expect(await status.inputValue()).toBe('TODO')
    await page.getByRole('button', { name: 'Dismiss' }).click()

    // The task page in edit mode, for the docs: a field open in its editor.
    const fields = page.getByRole('region', { name: 'Fields' })
    await fields.getByRole('button', { name: 'Edit Refund amount' }).click()
    await fields.getByLabel('Refund amount', { exact: true }).fill('95')
    await settled()
    await shot('task-edit')
    await app.onPhone('task-edit')
    await fields.getByLabel('Refund amount', { exact: true }).press('Enter')
    await fields.getByRole('button', { name: 'Edit Refund amount' }).waitFor()
    expect((await read<Task>(`/tasks/${taskUid}`)).fields.refund_amount).toBe(95)
  })

  it('shows the fields by label in the backlog, the one shown in the backlog first', async () => {
    await navigate('Backlog')
    const row = page.getByRole('row').filter({ hasText: 'Refund for order 1001 (damaged parcel)' })
    // Labels and formatted values, not raw keys: the amount (shown in the backlog) first.
    await expect
      .poll(() => row.textContent())
      .toMatch(/Refund amount: €95\.00.*Decision: Refused.*Purchase date: Sep 12, 2025/)
  })
})
