import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role, Task } from '../../api'
import { installFakeApi } from '../../test/fake-api'
import { definition } from '../../test/field-fixtures'
import { session, task } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
})

const UID = '00000000-0000-4000-8000-000000000077'
const OLGA = '00000000-0000-4000-8000-0000000000c1'
const RULE = '00000000-0000-4000-8000-0000000000a1'
const GONE_RULE = '00000000-0000-4000-8000-0000000000a2'

const person = (uid: string, name: string, role: Role, active = true) => ({
  uid,
  email: `${name.toLowerCase()}@acme.test`,
  name,
  role,
  active,
  skills: [],
  created_at: '2025-09-11T12:00:00.000Z',
  updated_at: '2025-09-11T12:00:00.000Z',
})

const DEFINITIONS = [
  definition('amount', 'money', { label: 'Amount', currency: 'EUR', position: 2 }),
  definition('decision', 'single_select', {
    label: 'Decision',
    position: 1,
    options: [
      { value: 'ok', label: 'Approved' },
      { value: 'ko', label: 'Refused' },
    ],
  }),
  definition('notes', 'long_text', { label: 'Notes', position: 3 }),
]

function refusal(path: string, message: string): Response {
  return Response.json(
    {
      error: {
        code: 'validation_failed',
        message: 'The request is invalid.',
        request_id: 'r',
        fields: [{ path, message }],
      },
    },
    { status: 422 },
  )
}

interface Options {
  fields?: Record<string, unknown>
  /** What PATCH answers instead of applying the change. */
  refuse?: (body: Record<string, unknown>) => Response | null
}

/** A fake API around one task that PATCH, assign, unassign and route really change. */
function taskApi(role: Role, options: Options = {}) {
  const comments: { text: string }[] = []
  let version = 0
  const state: { task: Task } = {
    task: task(UID, {
      title: 'Refund claim',
      url: 'javascript:alert(1)',
      country: 'FR',
      amount: '12 EUR',
      decision: 'ok',
      ...options.fields,
    }),
  }
  const touch = () => {
    version += 1
    state.task = {
      ...state.task,
      updated_at: new Date(Date.UTC(2025, 8, 11, 12, version)).toISOString(),
    }
    return state.task
  }
  const api = installFakeApi({
    'GET /auth/session': () => session(role),
    [`GET /tasks/${UID}`]: () => state.task,
    [`PATCH /tasks/${UID}`]: async (request) => {
      const body = (await request.json()) as Record<string, unknown>
      const refused = options.refuse?.(body)
      if (refused) {
        return refused
      }
      const { fields, ...native } = body as { fields?: Record<string, unknown> }
      const merged: Record<string, unknown> = { ...state.task.fields, ...fields }
      for (const [key, value] of Object.entries(fields ?? {})) {
        if (value === null) {
          delete merged[key]
        }
      }
      state.task = { ...state.task, ...native, fields: merged as Task['fields'] }
      return touch()
    },
    [`POST /tasks/${UID}/assign`]: async (request) => {
      const { assignee_uid } = (await request.json()) as { assignee_uid: string }
      state.task = { ...state.task, assignee_uid }
      return touch()
    },
    [`POST /tasks/${UID}/unassign`]: () => {
      state.task = { ...state.task, assignee_uid: null }
      return touch()
    },
    [`GET /tasks/${UID}/comments`]: () => ({
      items: comments.map((comment, i) => ({
        uid: `c${i}`,
        task_uid: UID,
        text: comment.text,
        created_at: '2025-09-11T12:00:00.000Z',
        author: { uid: 'u', name: 'Ada', email: 'ada@acme.test' },
      })),
    }),
    [`POST /tasks/${UID}/comments`]: async (request) => {
      comments.push((await request.json()) as { text: string })
      return {}
    },
    [`GET /tasks/${UID}/events`]: () => ({
      items: [
        {
          id: 1,
          task_uid: UID,
          type: 'created',
          actor_uid: null,
          data: {},
          automation: null,
          created_at: '2025-09-11T12:00:00.000Z',
        },
        {
          id: 2,
          task_uid: UID,
          type: 'fields_changed',
          actor_uid: null,
          data: { keys: ['vip'], automation_uid: RULE },
          automation: { uid: RULE, name: 'Tag gold customers' },
          created_at: '2025-09-11T12:01:00.000Z',
        },
        {
          id: 3,
          task_uid: UID,
          type: 'updated',
          actor_uid: null,
          data: { keys: ['priority'], automation_uid: GONE_RULE },
          automation: { uid: GONE_RULE, name: null },
          created_at: '2025-09-11T12:02:00.000Z',
        },
      ],
    }),
    'GET /fields': () => ({ items: DEFINITIONS }),
    'GET /queues': () => ({ items: [] }),
    'GET /users': () => ({
      items: [
        person(OLGA, 'Olga', 'operator'),
        person('00000000-0000-4000-8000-0000000000c2', 'Vera', 'viewer'),
        person('00000000-0000-4000-8000-0000000000c3', 'Gus', 'operator', false),
        person('00000000-0000-4000-8000-0000000000c4', 'Adam', 'admin'),
      ],
    }),
    'GET /settings': () => ({
      skip_mode: 'return',
      snooze_minutes: 60,
      allow_parallel_tasks: false,
      strict_fields: false,
    }),
  })
  const writes = async () =>
    Promise.all(
      api.requests
        .filter((request) => request.method !== 'GET')
        .map(async (request) => ({
          call: `${request.method} ${new URL(request.url).pathname.replace('/api/v1', '')}`,
          body: await request
            .clone()
            .text()
            .then((text) => (text ? JSON.parse(text) : null)),
        })),
    )
  return { api, state, writes }
}

const fieldsPanel = () => screen.getByRole('region', { name: 'Fields' })

describe('the task page', () => {
  it('shows fields by label in their defined order, flags a value that does not match, and comments', async () => {
    const user = userEvent.setup()
    const { api } = taskApi('operator')
    renderApp(`/tasks/${UID}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Refund claim' })).toBeTruthy()
    const panel = fieldsPanel()
    await waitFor(() => expect(within(panel).getAllByRole('term')).toHaveLength(4))
    const terms = within(panel)
      .getAllByRole('term')
      .map((term) => term.textContent)
    // Defined by position (even the empty Notes), then the other keys alphabetically.
    expect(terms).toEqual(['Decision', 'Amount', 'Notes', 'country'])
    expect(within(panel).getByText('Approved')).toBeTruthy()
    expect(
      within(panel).getByRole('img', { name: 'Does not match its definition: must be a number' }),
    ).toBeTruthy()
    const history = screen.getByRole('region', { name: 'History' })
    expect(await within(history).findByText('Created')).toBeTruthy()
    // A script url must not become a link.
    expect(screen.queryByRole('link', { name: /Open in back office/ })).toBeNull()
    expect(screen.getByLabelText('Status')).toBeTruthy()
    expect(screen.queryByLabelText('Assignee')).toBeNull()
    expect(screen.queryByLabelText('Queue')).toBeNull()

    await user.type(screen.getByLabelText('Add a comment'), 'Called the customer')
    await user.click(screen.getByRole('button', { name: 'Post comment' }))
    expect(await screen.findByText('Called the customer')).toBeTruthy()
    const post = api.requests.find((request) => request.method === 'POST')
    expect(post?.headers.get('x-csrf-token')).toBe('csrf-test')
  })

  it('edits the title in place: Enter saves, Escape cancels', async () => {
    const user = userEvent.setup()
    const { writes } = taskApi('operator')
    renderApp(`/tasks/${UID}`)
    await user.click(await screen.findByRole('button', { name: 'Edit the title' }))
    const input = screen.getByLabelText('Title')
    await user.clear(input)
    await user.type(input, 'Ignored{Escape}')
    expect(await screen.findByRole('heading', { level: 1, name: 'Refund claim' })).toBeTruthy()
    // Back on the button that opened the editor.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit the title' }))

    await user.click(screen.getByRole('button', { name: 'Edit the title' }))
    await user.clear(screen.getByLabelText('Title'))
    await user.type(screen.getByLabelText('Title'), 'Refund claim, urgent{Enter}')
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Refund claim, urgent' }),
    ).toBeTruthy()
    expect(await writes()).toEqual([
      { call: `PATCH /tasks/${UID}`, body: { fields: { title: 'Refund claim, urgent' } } },
    ])
  })

  it('edits a field by its type and saves it with Enter', async () => {
    const user = userEvent.setup()
    const { writes } = taskApi('operator')
    renderApp(`/tasks/${UID}`)
    await user.click(await screen.findByRole('button', { name: 'Edit Decision' }))
    const select = screen.getByLabelText('Decision')
    await user.selectOptions(select, 'Refused')
    select.focus()
    await user.keyboard('{Enter}')
    expect(await within(fieldsPanel()).findByText('Refused')).toBeTruthy()
    expect(await writes()).toEqual([
      { call: `PATCH /tasks/${UID}`, body: { fields: { decision: 'ko' } } },
    ])
  })

  it('shows a refusal next to the field it names, and keeps the editor open', async () => {
    const user = userEvent.setup()
    taskApi('operator', {
      refuse: (body) =>
        body.fields && 'amount' in (body.fields as object)
          ? refusal('/body/fields/amount', 'must be a number')
          : null,
    })
    renderApp(`/tasks/${UID}`)
    await user.click(await screen.findByRole('button', { name: 'Edit Amount' }))
    await user.type(screen.getByLabelText('Amount'), '12{Enter}')
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toBe('Not saved: must be a number.')
    expect(screen.getByLabelText('Amount').getAttribute('aria-describedby')).toContain(alert.id)
    expect(screen.getByRole('button', { name: 'Save Amount' })).toBeTruthy()
  })

  it('says when someone else changed a field being edited, and saves only when asked', async () => {
    const user = userEvent.setup()
    const { state, writes } = taskApi('operator')
    renderApp(`/tasks/${UID}`)
    await user.click(await screen.findByRole('button', { name: 'Edit country' }))
    await user.clear(screen.getByLabelText('country'))
    await user.type(screen.getByLabelText('country'), 'ES')
    // Someone else writes DE meanwhile; the page learns of it on its next refresh.
    state.task = { ...state.task, fields: { ...state.task.fields, country: 'DE' } }
    await user.selectOptions(screen.getByLabelText('Status'), 'Done')
    expect(
      await screen.findByText(/Someone changed country while you were editing: it is now/),
    ).toBeTruthy()
    await user.type(screen.getByLabelText('country'), '{Enter}')
    expect((await writes()).filter((write) => write.body?.fields)).toEqual([])
    await user.click(screen.getByRole('button', { name: 'Save mine anyway' }))
    await waitFor(() => expect(state.task.fields.country).toBe('ES'))
  })

  it('applies a status at once and undoes it from the toast', async () => {
    const user = userEvent.setup()
    const { writes } = taskApi('operator')
    renderApp(`/tasks/${UID}`)
    await user.selectOptions(await screen.findByLabelText('Status'), 'Done')
    expect(await screen.findByText('Status changed to Done.')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Undo' }))
    expect(await screen.findByText('Status set back to To do.')).toBeTruthy()
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('TODO')
    expect(await writes()).toEqual([
      { call: `PATCH /tasks/${UID}`, body: { status: 'DONE' } },
      { call: `PATCH /tasks/${UID}`, body: { status: 'TODO' } },
    ])
  })

  it('offers admins only active users who can work tasks, assigns at once, and undoes it', async () => {
    const user = userEvent.setup()
    const { writes } = taskApi('admin')
    renderApp(`/tasks/${UID}`)
    const select = (await screen.findByLabelText('Assignee')) as HTMLSelectElement
    await within(select).findByRole('option', { name: 'Olga' })
    const names = within(select)
      .getAllByRole('option')
      .map((option) => option.textContent)
    expect(names).toEqual(['Unassigned', 'Adam', 'Olga'])
    const started = within(screen.getByLabelText('Status')).getByRole('option', {
      name: 'Started (assign someone first)',
    }) as HTMLOptionElement
    expect(started.disabled).toBe(true)

    await user.selectOptions(select, 'Olga')
    expect(await screen.findByText('Assigned to Olga.')).toBeTruthy()
    await waitFor(() => expect(started.disabled).toBe(false))
    await user.click(screen.getByRole('button', { name: 'Undo' }))
    expect(await screen.findByText('Unassigned again.')).toBeTruthy()
    expect(await writes()).toEqual([
      { call: `POST /tasks/${UID}/assign`, body: { assignee_uid: OLGA } },
      { call: `POST /tasks/${UID}/unassign`, body: null },
    ])
    expect(screen.getByLabelText('Queue')).toBeTruthy()
  })

  it('shows a viewer the task without anything to change', async () => {
    taskApi('viewer')
    renderApp(`/tasks/${UID}`)
    expect(await screen.findByText('Your role can read tasks but not change them.')).toBeTruthy()
    await within(fieldsPanel()).findByText('Decision')
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull()
    expect(screen.queryByLabelText('Status')).toBeNull()
    expect(screen.queryByLabelText('Add a comment')).toBeNull()
  })

  it('names the automation rule behind a change, linking admins to it in Settings', async () => {
    taskApi('admin')
    renderApp(`/tasks/${UID}`)
    const history = await screen.findByRole('region', { name: 'History' })
    const byRule = (await within(history).findByText('Changed fields: vip')).closest('li')
    expect(byRule?.textContent).toContain('by rule Tag gold customers')
    const link = within(byRule as HTMLElement).getByRole('link', { name: 'Tag gold customers' })
    expect(link.getAttribute('href')).toBe(`/settings/automations/${RULE}`)
    const created = within(history).getByText('Created').closest('li')
    expect(created?.textContent).toContain('System')
    const byGone = within(history).getByText('Changed priority').closest('li')
    expect(byGone?.textContent).toContain('by a deleted rule')
    expect(within(byGone as HTMLElement).queryByRole('link')).toBeNull()
  })

  it('names the rule to an operator without a link to Settings, which is for admins', async () => {
    taskApi('operator')
    renderApp(`/tasks/${UID}`)
    const history = await screen.findByRole('region', { name: 'History' })
    const byRule = (await within(history).findByText('Changed fields: vip')).closest('li')
    expect(byRule?.textContent).toContain('by rule Tag gold customers')
    expect(within(history).queryByRole('link')).toBeNull()
  })
})
