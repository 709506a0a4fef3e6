import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Task } from '../../api'
import { installFakeApi } from '../../test/fake-api'
import { definition, form } from '../../test/field-fixtures'
import { session, task } from '../../test/fixtures'
import { renderApp } from '../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

const QUEUE = '00000000-0000-4000-8000-000000000101'
const FORM = '00000000-0000-4000-8000-000000000f01'
const SESSION = { queue_uids: null, started_at: '2025-09-11T12:00:00.000Z', completed: 0 }

const DEFINITIONS = [
  definition('amount', 'money', { label: 'Amount claimed', currency: 'EUR', position: 1 }),
  definition('opened_on', 'date', { label: 'Opened on', position: 2 }),
  definition('outcome', 'single_select', {
    options: [
      { value: 'approved', label: 'Approved' },
      { value: 'refused', label: 'Refused' },
    ],
    position: 3,
  }),
  definition('note', 'long_text', { label: 'Decision note', position: 4 }),
  definition('policy', 'text', {
    label: 'Policy number',
    required_for_completion: true,
    position: 5,
  }),
]

const REFUND_FORM = form('Refund decision', [], {
  uid: FORM,
  description: 'What the customer gets back.',
  queue_uids: [QUEUE],
  sections: [
    {
      title: 'Decision',
      help_text: 'Check the contract first.',
      items: [
        { key: 'outcome', required: true },
        { key: 'note', required: false, help_text: 'Seen by the customer.' },
      ],
    },
  ],
})

/** A session playing one task of a queue completed through the refund form. */
function formApi(complete: (body: Record<string, unknown>) => unknown) {
  let current: Task | null = {
    ...task('p1', {
      title: 'Refund for order 1001',
      amount: 120.5,
      opened_on: '2025-09-02',
      zeta: 'kept raw',
      alpha: { nested: true },
      policy: 'POL-7',
    }),
    status: 'STARTED',
    queue_uid: QUEUE,
  }
  const bodies: Record<string, unknown>[] = []
  const api = installFakeApi({
    'GET /auth/session': () => session('operator'),
    'GET /queues': () => ({
      items: [{ uid: QUEUE, name: 'Refunds', description: '', position: 0, form_uid: FORM }],
    }),
    'GET /users': () => ({ items: [] }),
    'GET /fields': () => ({ items: DEFINITIONS }),
    [`GET /forms/${FORM}`]: () => REFUND_FORM,
    'GET /player': () => ({ session: SESSION, current }),
    'GET /tasks/p1/comments': () => ({ items: [] }),
    'GET /tasks/p1/events': () => ({ items: [] }),
    'GET /tasks': () => ({ items: [], meta: {} }),
    'POST /player/complete': async (request) => {
      const body = (await request.json()) as Record<string, unknown>
      bodies.push(body)
      const answer = complete(body)
      if (!(answer instanceof Response)) {
        current = null
      }
      return answer
    },
    'POST /player/next': () => ({ task: null, skipped_available: 0 }),
  })
  return { api, bodies }
}

describe('the player’s task fields and form', () => {
  it('shows the fields by their definitions, in position order, then the others by key', async () => {
    // Policy number, which the form asks for, is left to the form.
    vi.spyOn(window, 'open').mockReturnValue(null)
    formApi(() => ({}))
    renderApp('/player')
    const card = await screen.findByRole('region', { name: /Current task/ })
    const fields = card.querySelector<HTMLElement>('dl.fields') as HTMLElement
    await waitFor(() =>
      expect(
        within(fields)
          .getAllByRole('term')
          .map((term) => term.textContent),
      ).toEqual(['Amount claimed', 'Opened on', 'alpha', 'zeta']),
    )
    const values = within(fields)
      .getAllByRole('definition')
      .map((value) => value.textContent)
    expect(values[0]).toMatch(/120\.50/)
    expect(values[0]).toMatch(/€/)
    expect(values[1]).toMatch(/2025/)
    expect(values[1]).not.toBe('2025-09-02')
    expect(values[3]).toBe('kept raw')
  })

  it('keeps Complete disabled, saying why, until the required fields are filled', async () => {
    const user = userEvent.setup()
    vi.spyOn(window, 'open').mockReturnValue(null)
    const { bodies } = formApi(() => ({}))
    renderApp('/player')
    const form = await screen.findByRole('region', { name: 'Refund decision' })
    expect(within(form).getByText('Check the contract first.')).toBeTruthy()
    expect(within(form).getByText('Seen by the customer.')).toBeTruthy()
    const complete = screen.getByRole<HTMLButtonElement>('button', { name: 'Complete' })
    await waitFor(() => expect(complete.disabled).toBe(true))
    expect(screen.getByText('Fill in Outcome to complete.')).toBeTruthy()
    expect(complete.getAttribute('aria-describedby')).toBe('complete-blocker')
    // The key pressed outside the form does nothing either.
    await user.keyboard('c')
    expect(bodies).toEqual([])

    // Typing the shortcuts' letters in the form is text, never a command.
    await user.type(within(form).getByLabelText(/^Decision note/), 'Paid back, see policy')
    await user.selectOptions(within(form).getByLabelText(/^Outcome/), 'approved')
    await waitFor(() => expect(complete.disabled).toBe(false))
    expect(screen.queryByText(/to complete\.$/)).toBeNull()
    await user.click(complete)
    await waitFor(() =>
      expect(bodies).toEqual([
        {
          form_data: {
            outcome: 'approved',
            note: 'Paid back, see policy',
            policy: 'POL-7',
          },
        },
      ]),
    )
  })

  it('asks for a field required in every queue, prefilled, and waits when it is emptied', async () => {
    const user = userEvent.setup()
    vi.spyOn(window, 'open').mockReturnValue(null)
    formApi(() => ({}))
    renderApp('/player')
    const form = await screen.findByRole('region', { name: 'Refund decision' })
    const policy = await within(form).findByLabelText<HTMLInputElement>(/^Policy number/)
    expect(policy.value).toBe('POL-7')
    expect(within(form).getByRole('group', { name: 'Also needed to complete' })).toBeTruthy()
    await user.selectOptions(within(form).getByLabelText(/^Outcome/), 'approved')
    await user.clear(policy)
    expect(await screen.findByText('Fill in Policy number to complete.')).toBeTruthy()
    // The form edits these fields: the card does not show them a second time.
    const card = screen.getByRole('region', { name: /Current task/ })
    expect(within(card).queryByText('Policy number')).toBeNull()
  })

  it('shows the API’s refusal of a field beside its input', async () => {
    const user = userEvent.setup()
    vi.spyOn(window, 'open').mockReturnValue(null)
    formApi(() =>
      Response.json(
        {
          error: {
            code: 'validation_failed',
            message: 'Fill in the required fields before completing this task.',
            request_id: 'r',
            fields: [{ path: '/body/form_data/note', message: 'is required by the form' }],
          },
        },
        { status: 422 },
      ),
    )
    renderApp('/player')
    const form = await screen.findByRole('region', { name: 'Refund decision' })
    await user.selectOptions(within(form).getByLabelText(/^Outcome/), 'refused')
    await user.click(screen.getByRole('button', { name: 'Complete' }))
    const note = within(form).getByLabelText(/^Decision note/)
    await waitFor(() => expect(note.getAttribute('aria-invalid')).toBe('true'))
    expect(within(form).getByText('is required by the form')).toBeTruthy()
    expect(screen.getByRole('alert').textContent).toContain('Fill in the required fields')
    // The reason goes once the field is changed.
    await user.type(note, 'Out of warranty')
    expect(within(form).queryByText('is required by the form')).toBeNull()
  })
})
