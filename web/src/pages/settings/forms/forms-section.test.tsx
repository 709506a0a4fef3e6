import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Form } from '../../../api'
import { installFakeApi } from '../../../test/fake-api'
import { definition, form } from '../../../test/field-fixtures'
import { session } from '../../../test/fixtures'
import { renderApp } from '../../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
})

const DEFINITIONS = [
  definition('amount', 'money', { label: 'Amount', currency: 'EUR', position: 0 }),
  definition('decision', 'single_select', {
    label: 'Decision',
    position: 1,
    options: [{ value: 'ok', label: 'Approved' }],
  }),
  definition('notes', 'long_text', { label: 'Notes', position: 2 }),
]

function formsApi(answer?: (body: Form) => Response | null) {
  let forms: Form[] = [form('Quality check', ['notes'], { queue_uids: ['q1'] })]
  return installFakeApi({
    'GET /auth/session': () => session('admin'),
    'GET /fields': () => ({ items: DEFINITIONS }),
    'GET /queues': () => ({ items: [] }),
    'GET /forms': () => ({ items: forms }),
    'POST /forms': async (request) => {
      const body = (await request.json()) as Form
      const refused = answer?.(body)
      if (refused) {
        return refused
      }
      const created = form(body.name, [], body)
      forms = [...forms, created]
      return created
    },
  })
}

describe('Settings › Forms', () => {
  it('builds a form of sections and fields, in order, and creates it', async () => {
    const user = userEvent.setup()
    const api = formsApi()
    renderApp('/settings/forms')
    const table = await screen.findByRole('table', { name: 'Forms' }, { timeout: 10_000 })
    expect(within(table).getByText('Notes')).toBeTruthy()

    await user.click(screen.getByRole('link', { name: 'New form' }))
    await user.type(await screen.findByLabelText('Name'), 'Refund request')
    await user.type(screen.getByLabelText('Task type'), 'refund')
    await user.type(screen.getByLabelText('Section title'), 'Claim')
    await user.click(screen.getByRole('button', { name: 'Add a field to section 1' }))
    await user.click(screen.getByRole('button', { name: 'Add a field to section 1' }))
    // The first free field is offered each time: Amount, then Decision.
    expect((screen.getByLabelText('Field 2') as HTMLSelectElement).value).toBe('decision')
    await user.click(screen.getByLabelText('Required (field 1 of section 1)'))
    await user.type(screen.getAllByLabelText('Help text here')[0] as HTMLElement, 'With VAT')
    await user.click(screen.getByRole('button', { name: 'Up field 2 of section 1' }))
    await user.click(screen.getByRole('button', { name: 'Add a section' }))
    await user.click(screen.getByRole('button', { name: 'Add a field to section 2' }))
    await user.click(screen.getByRole('button', { name: 'Create form' }))
    await screen.findByRole('link', { name: 'Refund request' })

    const post = api.requests.find((request) => request.method === 'POST')
    expect(await post?.clone().json()).toEqual({
      name: 'Refund request',
      description: '',
      task_type: 'refund',
      sections: [
        {
          title: 'Claim',
          help_text: '',
          items: [
            { key: 'decision', required: false },
            { key: 'amount', required: true, help_text: 'With VAT' },
          ],
        },
        { title: '', help_text: '', items: [{ key: 'notes', required: false }] },
      ],
    })
  })

  it('shows a refusal next to the item it names', async () => {
    const user = userEvent.setup()
    formsApi(() =>
      Response.json(
        {
          error: {
            code: 'validation_failed',
            message: 'The form is invalid.',
            request_id: 'r',
            fields: [
              { path: '/body/sections/0/items/0/key', message: 'names no field definition' },
            ],
          },
        },
        { status: 422 },
      ),
    )
    renderApp('/settings/forms/new')
    await user.type(await screen.findByLabelText('Name', {}, { timeout: 10_000 }), 'Broken')
    await user.click(screen.getByRole('button', { name: 'Add a field to section 1' }))
    await user.click(screen.getByRole('button', { name: 'Create form' }))
    const select = screen.getByLabelText('Field 1')
    await waitFor(() => expect(select.getAttribute('aria-invalid')).toBe('true'))
    expect(screen.getByText('names no field definition')).toBeTruthy()
    expect(screen.getByRole('alert').textContent).toContain('fix what is marked above')
  })
})
