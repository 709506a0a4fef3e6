import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FieldDefinition } from '../../../api'
import { installFakeApi } from '../../../test/fake-api'
import { definition } from '../../../test/field-fixtures'
import { session } from '../../../test/fixtures'
import { renderApp } from '../../../test/render-app'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

function refusal(status: number, code: string, fields: { path: string; message: string }[] = []) {
  return Response.json(
    { error: { code, message: 'Refused.', request_id: 'r', fields } },
    { status },
  )
}

function fieldsApi(answer?: (request: Request) => Promise<Response | null>) {
  let fields: FieldDefinition[] = [
    definition('country', 'text', { label: 'Country', position: 0 }),
    definition('amount', 'money', { label: 'Amount', currency: 'EUR', position: 1 }),
  ]
  const patches = Object.fromEntries(
    fields.map((field) => [`PATCH /fields/${field.uid}`, () => ({})]),
  )
  const api = installFakeApi({
    ...patches,
    'GET /auth/session': () => session('admin'),
    'GET /fields': () => ({ items: fields }),
    'POST /fields': async (request) => {
      const refused = await answer?.(request.clone())
      if (refused) {
        return refused
      }
      const body = (await request.json()) as FieldDefinition
      const created = definition(body.key, body.type, { ...body, position: fields.length })
      fields = [...fields, created]
      return created
    },
  })
  return api
}

async function bodies(requests: Request[], method: string) {
  return Promise.all(
    requests
      .filter((request) => request.method === method)
      .map((request) => request.clone().json()),
  )
}

describe('Settings › Fields', () => {
  it('lists the definitions in order and creates a money field, its key following its label', async () => {
    const user = userEvent.setup()
    const api = fieldsApi()
    renderApp('/settings/fields')
    const table = await screen.findByRole(
      'table',
      { name: 'Field definitions in display order' },
      // Settings load lazily.
      { timeout: 10_000 },
    )
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Countrycountry',
      'Amountamount',
    ])
    expect(within(rows[1] as HTMLElement).getByText('Money (EUR)')).toBeTruthy()

    await user.click(screen.getByRole('link', { name: 'New field' }))
    await user.type(await screen.findByLabelText('Label', {}, { timeout: 10_000 }), 'Refund amount')
    expect((screen.getByLabelText('Key') as HTMLInputElement).value).toBe('refund_amount')
    await user.selectOptions(screen.getByLabelText('Type'), 'Money')
    await user.click(screen.getByRole('button', { name: 'Create field' }))
    expect(screen.getByText('Enter a three-letter currency code, such as EUR.')).toBeTruthy()
    await user.type(screen.getByLabelText('Currency'), 'eur')
    await user.click(screen.getByLabelText('Shown in the backlog'))
    await user.click(screen.getByRole('button', { name: 'Create field' }))
    await screen.findByRole('link', { name: 'Refund amount' })
    expect(await bodies(api.requests, 'POST')).toEqual([
      {
        key: 'refund_amount',
        label: 'Refund amount',
        type: 'money',
        options: null,
        currency: 'EUR',
        help_text: '',
        required_for_completion: false,
        shown_in_backlog: true,
      },
    ])
  })

  it('edits the options of a select and shows the API’s refusal next to the option it names', async () => {
    const user = userEvent.setup()
    const api = fieldsApi(async (request) => {
      const body = (await request.json()) as FieldDefinition
      return body.options?.[1]?.value === 'refund_approved'
        ? refusal(422, 'validation_failed', [
            { path: '/body/options/1/value', message: 'is reserved' },
          ])
        : null
    })
    renderApp('/settings/fields/new')
    await user.type(await screen.findByLabelText('Label', {}, { timeout: 10_000 }), 'Decision')
    await user.selectOptions(screen.getByLabelText('Type'), 'Single choice')
    await user.click(screen.getByRole('button', { name: 'Add option' }))
    await user.click(screen.getByRole('button', { name: 'Add option' }))
    await user.type(screen.getByLabelText('Option 1 label'), 'Refund approved')
    await user.type(screen.getByLabelText('Option 2 label'), 'Later')
    expect((screen.getAllByLabelText('Stored value')[0] as HTMLInputElement).value).toBe(
      'refund_approved',
    )
    await user.click(screen.getByRole('button', { name: 'Down option 1' }))
    await user.click(screen.getByRole('button', { name: 'Create field' }))
    const value = screen.getAllByLabelText('Stored value')[1] as HTMLInputElement
    await waitFor(() => expect(value.getAttribute('aria-invalid')).toBe('true'))
    expect(screen.getByText('is reserved')).toBeTruthy()
    expect(value.value).toBe('refund_approved')
    expect((await bodies(api.requests, 'POST'))[0].options).toEqual([
      { value: 'later', label: 'Later' },
      { value: 'refund_approved', label: 'Refund approved' },
    ])
  })

  it('says when a key is taken, and reorders fields', async () => {
    const user = userEvent.setup()
    const api = fieldsApi(async () => refusal(409, 'key_taken'))
    renderApp('/settings/fields/new')
    await user.type(await screen.findByLabelText('Label', {}, { timeout: 10_000 }), 'Country')
    await user.click(screen.getByRole('button', { name: 'Create field' }))
    expect(await screen.findByText('Another field has this key.')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    await user.click(await screen.findByRole('button', { name: 'Down Country' }))
    await waitFor(async () =>
      expect(await bodies(api.requests, 'PATCH')).toEqual([{ position: 0 }, { position: 1 }]),
    )
  })
})
