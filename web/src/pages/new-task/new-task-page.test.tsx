import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../api'
import { installFakeApi } from '../../test/fake-api'
import { definition, form } from '../../test/field-fixtures'
import { session, task } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
})

/** Waits for the task page opened after creating to finish loading, before the API goes. */
const settled = () => waitFor(() => expect(document.querySelector('p.loading')).toBeNull())

const NEW_UID = '00000000-0000-4000-8000-000000000901'
const QUEUE = '00000000-0000-4000-8000-000000000101'

const DEFINITIONS = [
  definition('amount', 'money', { label: 'Amount', currency: 'EUR', position: 1 }),
  definition('decision', 'single_select', {
    label: 'Decision',
    position: 2,
    options: [
      { value: 'ok', label: 'Approved' },
      { value: 'ko', label: 'Refused' },
    ],
  }),
  definition('notes', 'long_text', { label: 'Notes', position: 3 }),
]

const REFUND = form('Refund request', [], {
  task_type: 'refund',
  description: 'A customer asks for money back.',
  sections: [
    {
      title: 'Claim',
      help_text: 'From the customer’s email.',
      items: [
        { key: 'amount', required: true, help_text: 'Including VAT' },
        { key: 'decision', required: false },
      ],
    },
  ],
})
// Without a task type: only for completing a queue's tasks, not offered here.
const CHECK = form('Quality check', ['notes'])

function newTaskApi(role: Role, answer?: (body: unknown) => Response | null) {
  const api = installFakeApi({
    'GET /auth/session': () => session(role),
    'GET /fields': () => ({ items: DEFINITIONS }),
    'GET /forms': () => ({ items: [REFUND, CHECK] }),
    'GET /queues': () => ({
      items: [
        {
          uid: QUEUE,
          name: 'Disputes',
          description: '',
          position: 0,
          condition: { combinator: 'and', conditions: [] },
          skills: [],
          sla_policy: null,
          priority: null,
          form_uid: null,
          created_at: '2025-09-11T12:00:00.000Z',
          updated_at: '2025-09-11T12:00:00.000Z',
        },
      ],
    }),
    'POST /tasks': async (request) => {
      const body = (await request.json()) as { fields: Record<string, unknown> }
      return answer?.(body) ?? task(NEW_UID, body.fields)
    },
    [`GET /tasks/${NEW_UID}`]: () => task(NEW_UID, { title: 'Refund for order 1001' }),
    [`GET /tasks/${NEW_UID}/comments`]: () => ({ items: [] }),
    [`GET /tasks/${NEW_UID}/events`]: () => ({ items: [] }),
    'GET /users': () => ({ items: [] }),
    'GET /settings': () => ({
      skip_mode: 'return',
      snooze_minutes: 60,
      allow_parallel_tasks: false,
      strict_fields: false,
    }),
  })
  const posted = async () => {
    const post = api.requests.find((request) => request.method === 'POST')
    return post ? await post.clone().json() : null
  }
  return { api, posted }
}

describe('New task', () => {
  it('creates a task from a form, asking for its required fields first, then opens it', async () => {
    const user = userEvent.setup()
    const { posted } = newTaskApi('operator')
    renderApp('/tasks/new')
    const choice = await screen.findByLabelText('Form')
    expect(
      within(choice)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Blank task', 'Refund request'])
    await user.selectOptions(choice, 'Refund request')
    expect(screen.getByText(/Tasks made with it are of type “refund”/)).toBeTruthy()
    const section = screen.getByRole('group', { name: 'Claim' })
    expect(within(section).getByText('Including VAT')).toBeTruthy()
    expect(screen.queryByLabelText('Notes')).toBeNull()
    // Operators do not choose the queue: the rules do.
    expect(screen.queryByLabelText('Queue')).toBeNull()

    await user.type(screen.getByLabelText('Title (required)'), 'Refund for order 1001')
    await user.click(screen.getByRole('button', { name: 'Create task' }))
    expect(within(section).getByText('Required.')).toBeTruthy()
    expect(await posted()).toBeNull()

    await user.type(within(section).getByLabelText('Amount (required)'), '120.5')
    // Filled in: what was said about it goes.
    expect(within(section).queryByText('Required.')).toBeNull()
    expect(screen.queryByRole('alert')).toBeNull()
    await user.selectOptions(within(section).getByLabelText('Decision'), 'Approved')
    await user.click(screen.getByRole('button', { name: 'Create task' }))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Refund for order 1001' }),
    ).toBeTruthy()
    expect(await posted()).toEqual({
      fields: { title: 'Refund for order 1001', amount: 120.5, decision: 'ok' },
      task_type: 'refund',
      metadata_form_uid: REFUND.uid,
      form_data: { amount: 120.5, decision: 'ok' },
    })
    await settled()
  })

  it('creates a blank task with every defined field, and lets admins pick the queue', async () => {
    const user = userEvent.setup()
    const { posted } = newTaskApi('admin')
    renderApp(`/tasks/new?queue=${QUEUE}`)
    await user.type(await screen.findByLabelText('Title (required)'), 'Call back Ms Lee')
    await user.type(screen.getByLabelText('Back-office link'), 'https://backoffice.test/lee')
    await user.type(screen.getByLabelText('Notes'), 'Prefers mornings')
    expect((screen.getByLabelText('Queue') as HTMLSelectElement).value).toBe(QUEUE)
    await user.click(screen.getByRole('button', { name: 'Create task' }))
    await screen.findByRole('heading', { level: 1 })
    expect(await posted()).toEqual({
      fields: {
        title: 'Call back Ms Lee',
        url: 'https://backoffice.test/lee',
        notes: 'Prefers mornings',
      },
      queue_uid: QUEUE,
    })
    await settled()
  })

  it('shows the API’s refusal next to the field it names', async () => {
    const user = userEvent.setup()
    newTaskApi('operator', () =>
      Response.json(
        {
          error: {
            code: 'validation_failed',
            message: 'A field does not match its definition.',
            request_id: 'r',
            fields: [{ path: '/body/fields/amount', message: 'must be a number' }],
          },
        },
        { status: 422 },
      ),
    )
    renderApp('/tasks/new')
    await user.type(await screen.findByLabelText('Title (required)'), 'Strict')
    await user.type(screen.getByLabelText('Amount'), '3')
    await user.click(screen.getByRole('button', { name: 'Create task' }))
    expect(await screen.findByText('must be a number')).toBeTruthy()
    expect(screen.getByLabelText('Amount').getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('alert').textContent).toContain('fix the fields marked above')
  })

  it('is not for viewers', async () => {
    newTaskApi('viewer')
    renderApp('/tasks/new')
    expect(await screen.findByText('Your role cannot create tasks')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Create task' })).toBeNull()
  })
})
