import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { installFakeApi } from '../../../test/fake-api'
import { session } from '../../../test/fixtures'
import { renderApp } from '../../../test/render-app'
import type { Automation } from './automation-types'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

// Settings is a lazily loaded page: its first render waits for its chunk.
const LAZY = { timeout: 10_000 }

const ada = {
  uid: '00000000-0000-4000-8000-0000000000u1',
  email: 'ada@example.test',
  name: 'Ada Admin',
  role: 'admin',
  skills: [],
  active: true,
  created_at: '2025-01-01T00:00:00.000Z',
}

const looping: Automation = {
  uid: '00000000-0000-4000-8000-0000000000a1',
  name: 'Start urgent tasks',
  enabled: true,
  trigger: { kind: 'event', on: ['created', 'updated'] },
  condition: { field: 'priority', operator: '==', value: 'urgent' },
  actions: [
    { type: 'set_status', status: 'STARTED' },
    { type: 'add_comment', text: 'Started by a rule' },
  ],
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
  runs: 12,
  last_run_at: '2025-01-02T10:00:00.000Z',
  skipped_loops: 3,
  skipped_rate: 0,
}

const refused = (fields: { path: string; message: string }[]) =>
  Response.json(
    {
      error: {
        code: 'validation_failed',
        message: 'The rule is invalid.',
        request_id: 'r',
        fields,
      },
    },
    { status: 422 },
  )

describe('Settings › Automations', () => {
  it('lists rules in words with their runs, holds and a test-run of each', async () => {
    const user = userEvent.setup()
    installFakeApi({
      'GET /auth/session': () => session('admin'),
      'GET /automations': () => ({ items: [looping] }),
      [`POST /automations/${looping.uid}/test-run`]: () => ({
        items: [{ uid: '00000000-0000-4000-8000-0000000000t1', title: 'Refund 42' }],
        total: 1,
      }),
    })
    renderApp('/settings/automations')
    const item = await screen.findByTestId('automation', {}, LAZY)
    expect(within(item).getByTestId('automation-trigger').textContent).toBe(
      'When a task is created or updated, if priority == "urgent": set the status, then add a comment.',
    )
    expect(within(item).getByTestId('automation-runs').textContent).toMatch(
      /^Ran 12 times, last .+\. Held back 3 × as rules triggered rules too deep\.$/,
    )
    expect(within(item).getByRole('checkbox', { name: 'Enabled Start urgent tasks' })).toBeTruthy()
    await user.click(within(item).getByRole('button', { name: 'Test-run Start urgent tasks' }))
    expect((await within(item).findByRole('status')).textContent).toBe(
      '1 open task matches now: the rule would touch it.',
    )
    expect(within(item).getByRole('link', { name: 'Refund 42' }).getAttribute('href')).toBe(
      '/tasks/00000000-0000-4000-8000-0000000000t1',
    )
  })

  it('creates a rule, and shows what the API refused next to the action it names', async () => {
    const user = userEvent.setup()
    const sent: unknown[] = []
    installFakeApi({
      'GET /auth/session': () => session('admin'),
      'GET /automations': () => ({ items: [] }),
      'GET /users': () => ({ items: [ada] }),
      'GET /notification-channels': () => ({ items: [] }),
      'GET /tasks': () => ({ items: [], next_cursor: null }),
      'POST /automations': async (request) => {
        sent.push(await request.json())
        return refused([{ path: '/body/actions/1/user_uids/0', message: 'is not a user here' }])
      },
    })
    renderApp('/settings/automations/new')
    const form = await screen.findByRole('form', { name: 'New rule' }, LAZY)
    await user.type(within(form).getByLabelText('Name'), 'Tell Ada')
    await user.click(within(form).getByRole('checkbox', { name: 'assigned' }))
    await user.click(within(form).getByRole('button', { name: 'Add an action' }))
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Action 2 type' }),
      'send_notification',
    )
    const second = within(form).getByRole('group', { name: 'Action 2' })
    await user.click(within(second).getByRole('checkbox', { name: 'Ada Admin' }))
    await user.type(within(second).getByRole('textbox', { name: 'Action 2 message' }), 'Look')
    await user.click(within(form).getByRole('button', { name: 'Create rule' }))
    expect(await within(second).findByText('is not a user here')).toBeTruthy()
    expect(within(form).getByRole('group', { name: 'Action 1' }).textContent).not.toContain(
      'is not a user here',
    )
    expect(sent).toEqual([
      {
        name: 'Tell Ada',
        enabled: true,
        trigger: { kind: 'event', on: ['created', 'assigned'] },
        condition: null,
        actions: [
          { type: 'set_status', status: 'STARTED' },
          { type: 'send_notification', text: 'Look', user_uids: [ada.uid] },
        ],
      },
    ])
  })

  it('checks the form before sending, and moves and removes actions', async () => {
    const user = userEvent.setup()
    const api = installFakeApi({
      'GET /auth/session': () => session('admin'),
      'GET /automations': () => ({ items: [] }),
      'GET /tasks': () => ({ items: [], next_cursor: null }),
    })
    renderApp('/settings/automations/new')
    const form = await screen.findByRole('form', { name: 'New rule' }, LAZY)
    await user.click(within(form).getByRole('button', { name: 'Add an action' }))
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'Action 2 type' }),
      'add_comment',
    )
    await user.click(within(form).getByRole('button', { name: 'Up Action 2' }))
    expect(
      (within(form).getByRole('combobox', { name: 'Action 1 type' }) as HTMLSelectElement).value,
    ).toBe('add_comment')
    await user.click(within(form).getByRole('button', { name: 'Create rule' }))
    expect(within(form).getByText('Enter a name')).toBeTruthy()
    expect(
      within(within(form).getByRole('group', { name: 'Action 1' })).getByText('Enter the comment'),
    ).toBeTruthy()
    await user.click(within(form).getByRole('button', { name: 'Remove Action 1' }))
    expect(within(form).queryByText('Enter the comment')).toBeNull()
    expect(api.requests.some((request) => request.method === 'POST')).toBe(false)
  })

  it('edits a time rule: its moment loaded as typed, sent whole, a refusal under When', async () => {
    const user = userEvent.setup()
    const sent: unknown[] = []
    const warn: Automation = {
      ...looping,
      name: 'Warn before the breach',
      trigger: { kind: 'time', anchor: 'sla_due_at', offset_minutes: -120 },
      condition: null,
      actions: [{ type: 'set_priority', value: 'high' }],
    }
    installFakeApi({
      'GET /auth/session': () => session('admin'),
      'GET /automations': () => ({ items: [warn] }),
      'GET /tasks': () => ({ items: [], next_cursor: null }),
      [`PATCH /automations/${warn.uid}`]: async (request) => {
        sent.push(await request.json())
        return refused([{ path: '/body/trigger/offset_minutes', message: 'must be <= 43200' }])
      },
    })
    renderApp(`/settings/automations/${warn.uid}`)
    const form = await screen.findByRole('form', { name: `Edit rule ${warn.name}` }, LAZY)
    const value = (name: string) =>
      (within(form).getByLabelText(name) as HTMLInputElement | HTMLSelectElement).value
    expect([
      value('How long'),
      value('Unit'),
      value('Before or after'),
      value('Counted from'),
    ]).toEqual(['2', 'hours', 'before', 'sla_due_at'])
    expect(value('Action 1 priority')).toBe('high')
    await user.clear(within(form).getByLabelText('How long'))
    await user.type(within(form).getByLabelText('How long'), '30')
    await user.selectOptions(within(form).getByLabelText('Unit'), 'minutes')
    await user.selectOptions(within(form).getByLabelText('Before or after'), 'after')
    await user.selectOptions(within(form).getByLabelText('Counted from'), 'due_at')
    await user.click(within(form).getByRole('button', { name: 'Save rule' }))
    const when = within(form).getByRole('group', { name: 'When' })
    expect(await within(when).findByText('must be <= 43200')).toBeTruthy()
    expect(sent).toEqual([
      {
        name: warn.name,
        enabled: true,
        trigger: { kind: 'time', anchor: 'due_at', offset_minutes: 30 },
        condition: null,
        actions: [{ type: 'set_priority', value: 'high' }],
      },
    ])
  })
})
