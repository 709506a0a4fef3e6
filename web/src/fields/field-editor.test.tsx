import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiProvider, createAppQueryClient, type FieldDefinition, type Role } from '../api'
import { installFakeApi } from '../test/fake-api'
import { definition } from '../test/field-fixtures'
import { FieldInput } from './field-editor'

afterEach(() => {
  vi.unstubAllGlobals()
})

const person = (n: number, name: string, role: Role, active = true) => ({
  uid: `00000000-0000-4000-8000-0000000000c${n}`,
  email: `${name.toLowerCase()}@acme.test`,
  name,
  role,
  active,
  skills: [],
  created_at: '2025-09-11T12:00:00.000Z',
})

/** A FieldInput that keeps its value and reports every change. */
function Harness(props: {
  definition: FieldDefinition
  initial?: unknown
  onValue: (v: unknown) => void
}) {
  const [value, setValue] = useState<unknown>(props.initial)
  return (
    <FieldInput
      definition={props.definition}
      value={value}
      required
      onChange={(next) => {
        setValue(next)
        props.onValue(next)
      }}
    />
  )
}

function renderEditor(field: FieldDefinition, initial?: unknown) {
  installFakeApi({
    'GET /users': () => ({
      items: [
        person(1, 'Olga', 'operator'),
        person(2, 'Vera', 'viewer'),
        person(3, 'Gus', 'operator', false),
        person(4, 'Adam', 'admin'),
      ],
    }),
  })
  const values: unknown[] = []
  render(
    <ApiProvider queryClient={createAppQueryClient()}>
      <Harness definition={field} initial={initial} onValue={(v) => values.push(v)} />
    </ApiProvider>,
  )
  return values
}

describe('<FieldInput>', () => {
  it('edits money as a number beside its currency, empty as null', async () => {
    const user = userEvent.setup()
    const values = renderEditor(
      definition('amount', 'money', { label: 'Amount', currency: 'EUR' }),
      5,
    )
    const input = screen.getByLabelText('Amount (required)')
    expect(screen.getByText('EUR')).toBeTruthy()
    await user.clear(input)
    await user.type(input, '12.5')
    expect(values.at(-1)).toBe(12.5)
    await user.clear(input)
    expect(values.at(-1)).toBeNull()
  })

  it('picks a select option by its label and stores its value', async () => {
    const user = userEvent.setup()
    const values = renderEditor(
      definition('decision', 'single_select', {
        label: 'Decision',
        options: [
          { value: 'ok', label: 'Approved' },
          { value: 'ko', label: 'Refused' },
        ],
      }),
    )
    await user.selectOptions(screen.getByLabelText('Decision (required)'), 'Refused')
    expect(values).toEqual(['ko'])
  })

  it('ticks multi-select options into a list in the options order', async () => {
    const user = userEvent.setup()
    const values = renderEditor(
      definition('tags', 'multi_select', {
        label: 'Tags',
        options: [
          { value: 'vip', label: 'VIP' },
          { value: 'late', label: 'Late' },
        ],
      }),
    )
    const group = screen.getByRole('group', { name: 'Tags (required)' })
    await user.click(within(group).getByLabelText('Late'))
    await user.click(within(group).getByLabelText('VIP'))
    expect(values.at(-1)).toEqual(['vip', 'late'])
    await user.click(within(group).getByLabelText('VIP'))
    await user.click(within(group).getByLabelText('Late'))
    expect(values.at(-1)).toBeNull()
  })

  it('offers as users only active operators and above', async () => {
    renderEditor(definition('owner', 'user', { label: 'Owner' }))
    const select = screen.getByLabelText('Owner (required)')
    await within(select).findByRole('option', { name: 'Olga' })
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['—', 'Adam', 'Olga'])
  })

  it('says when the stored value does not match the definition', () => {
    renderEditor(
      definition('due', 'date', { label: 'Due', help_text: 'The customer’s date' }),
      'soon',
    )
    expect(screen.getByText(/which does not match its definition: must be a date/)).toBeTruthy()
    expect(screen.getByLabelText('Due (required)').getAttribute('aria-describedby')).toMatch(
      /help.*problem/,
    )
  })
})
