import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FieldError } from '../../api'
import { type Condition, MATCH_ALL } from './condition'
import { ConditionBuilder } from './condition-builder'

type OnChange = (condition: Condition, state: { valid: boolean }) => void

/** Holds the condition the way a form does, so the builder is used as in the app. */
function Harness(props: { initial: Condition; onChange: OnChange; errors?: FieldError[] }) {
  const [value, setValue] = useState(props.initial)
  return (
    <ConditionBuilder
      value={value}
      errors={props.errors}
      onChange={(condition, state) => {
        setValue(condition)
        props.onChange(condition, state)
      }}
    />
  )
}

function setup(initial: Condition, errors?: FieldError[]) {
  const onChange = vi.fn<OnChange>()
  const user = userEvent.setup({ delay: null })
  const view = render(<Harness initial={initial} onChange={onChange} errors={errors} />)
  const last = () => onChange.mock.lastCall?.[0]
  return { onChange, user, view, last }
}

const node = (name: string) => screen.getByRole('group', { name })

afterEach(cleanup)

// Typing key by key through happy-dom is slow, more so beside other test files.
describe('ConditionBuilder', { timeout: 30_000 }, () => {
  it('builds a nested condition from clicks and typing', async () => {
    const { user, last, onChange } = setup(MATCH_ALL)
    const root = node('Condition')
    expect(within(root).getByText(/every task matches/)).toBeTruthy()

    await user.click(screen.getByRole('button', { name: 'Add condition' }))
    const first = node('Condition 1')
    await user.type(within(first).getByLabelText('Field'), 'country')
    await user.selectOptions(within(first).getByLabelText('Operator'), 'in')
    await user.type(within(first).getByLabelText(/^Values/), 'FR, DE')

    await user.click(screen.getByRole('button', { name: 'Add group' }))
    const group = node('Group 2')
    await user.selectOptions(within(group).getByLabelText('Match group 2'), 'or')
    await user.click(within(group).getByRole('checkbox', { name: 'Negate group 2' }))

    await user.click(screen.getByRole('button', { name: 'Add condition to group 2' }))
    const amount = node('Condition 2.1')
    await user.type(within(amount).getByLabelText('Field'), 'amount')
    await user.selectOptions(within(amount).getByLabelText('Operator'), '>=')
    await user.selectOptions(within(amount).getByLabelText('Value type'), 'number')
    await user.type(within(amount).getByLabelText('Value'), '100')
    await user.click(within(amount).getByRole('checkbox', { name: 'Disable condition 2.1' }))

    await user.click(screen.getByRole('button', { name: 'Add condition to group 2' }))
    const vip = node('Condition 2.2')
    await user.type(within(vip).getByLabelText('Field'), 'vip')
    await user.selectOptions(within(vip).getByLabelText('Operator'), 'exists')
    await user.selectOptions(within(vip).getByLabelText('Value'), 'false')

    await user.click(screen.getByRole('button', { name: 'Add condition to group 2' }))
    await user.click(screen.getByRole('button', { name: 'Remove condition 2.3' }))

    expect(last()).toStrictEqual({
      combinator: 'and',
      conditions: [
        { field: 'country', operator: 'in', value: ['FR', 'DE'] },
        {
          combinator: 'or',
          conditions: [
            { field: 'amount', operator: '>=', value: 100, disabled: true },
            { field: 'vip', operator: 'exists', value: false },
          ],
          negated: true,
        },
      ],
    })
    expect(onChange.mock.lastCall?.[1]).toEqual({ valid: true })
  })

  it('edits an existing condition and gives back the same JSON when undone', async () => {
    const existing: Condition = {
      combinator: 'or',
      conditions: [
        { field: 'status', operator: '==', value: 'TODO', disabled: true },
        {
          combinator: 'and',
          negated: true,
          conditions: [
            { field: 'vip', operator: 'exists' },
            { field: 'tags', operator: '==', value: { a: [1, 'x'] } },
            { field: 'score', operator: 'in', value: [1, 2.5] },
          ],
        },
      ],
    }
    const { user, last, onChange } = setup(existing)
    expect(onChange).not.toHaveBeenCalled()
    expect((within(node('Condition 2.2')).getByLabelText('Value') as HTMLInputElement).value).toBe(
      '{"a":[1,"x"]}',
    )

    const disableStatus = screen.getByRole('checkbox', { name: 'Disable condition 1' })
    await user.click(disableStatus)
    expect(last()).toMatchObject({
      conditions: [{ field: 'status', operator: '==', value: 'TODO' }, {}],
    })
    expect(last()).not.toHaveProperty('conditions.0.disabled')

    await user.click(disableStatus)
    await user.click(screen.getByRole('checkbox', { name: 'Negate group 2' }))
    await user.click(screen.getByRole('checkbox', { name: 'Negate group 2' }))
    expect(last()).toStrictEqual(existing)

    const score = within(node('Condition 2.3')).getByLabelText(/^Values/)
    await user.clear(score)
    await user.type(score, '3, 4')
    expect(last()).toMatchObject({ conditions: [{}, { conditions: [{}, {}, { value: [3, 4] }] }] })
  })

  it('parses an in list by its item type', async () => {
    const { user, last } = setup({ field: 'country', operator: '==', value: 'FR' })
    const leaf = node('Condition')
    await user.selectOptions(within(leaf).getByLabelText('Operator'), 'in')
    expect(last()).toStrictEqual({ field: 'country', operator: 'in', value: ['FR'] })

    await user.type(within(leaf).getByLabelText(/^Values/), ', DE,  IT ,')
    expect(last()).toStrictEqual({ field: 'country', operator: 'in', value: ['FR', 'DE', 'IT'] })

    await user.selectOptions(within(leaf).getByLabelText('Value type'), 'number-list')
    expect(screen.getByText('Value: Enter numbers separated by commas')).toBeTruthy()
    const values = within(leaf).getByLabelText(/^Values/)
    await user.clear(values)
    await user.type(values, '1,2')
    expect(last()).toStrictEqual({ field: 'country', operator: 'in', value: [1, 2] })
  })

  it('keeps a half-typed number on screen and reports it invalid', async () => {
    const { user, last, onChange } = setup({ field: 'amount', operator: '>', value: 5 })
    const value = within(node('Condition')).getByLabelText('Value') as HTMLInputElement
    await user.clear(value)
    await user.type(value, '-')
    expect(value.value).toBe('-')
    expect(last()).toStrictEqual({ field: 'amount', operator: '>' })
    expect(onChange.mock.lastCall?.[1]).toEqual({ valid: false })
    expect(value.getAttribute('aria-invalid')).toBe('true')
    await user.type(value, '2.5')
    expect(last()).toStrictEqual({ field: 'amount', operator: '>', value: -2.5 })
    expect(onChange.mock.lastCall?.[1]).toEqual({ valid: true })
  })

  it('turns a lone leaf into a group when a condition is added', async () => {
    const { user, last } = setup({ field: 'vip', operator: 'exists' })
    await user.click(screen.getByRole('button', { name: 'Add condition' }))
    expect(last()).toStrictEqual({
      combinator: 'and',
      conditions: [
        { field: 'vip', operator: 'exists' },
        { field: '', operator: '==', value: '' },
      ],
    })
    expect(node('Condition 2')).toBeTruthy()
  })

  it('shows each API error next to the node and input it names', () => {
    setup(
      {
        combinator: 'and',
        conditions: [
          { field: 'status', operator: '==', value: 'TODO' },
          {
            combinator: 'or',
            conditions: [
              { field: 'queue_uid', operator: 'in', value: ['x', 'y'] },
              { field: 'skills', operator: '==', value: 'fr' },
            ],
          },
        ],
      },
      [
        { path: '/body/condition/conditions/1/conditions/0/value/1', message: 'must be a UUID' },
        {
          path: '/body/condition/conditions/1/conditions/1/operator',
          message: 'does not apply to field skills',
        },
        { path: '/body/condition', message: 'must have at most 1000 nodes' },
        { path: '/body/name', message: 'is required' },
      ],
    )
    const described = (element: HTMLElement) =>
      document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent

    const queue = within(node('Condition 2.1')).getByLabelText(/^Values/)
    expect(queue.getAttribute('aria-invalid')).toBe('true')
    expect(described(queue)).toBe('Value: Item 2: must be a UUID')

    const skills = node('Condition 2.2')
    expect(described(within(skills).getByLabelText('Operator'))).toBe(
      'Operator: does not apply to field skills',
    )
    expect(within(skills).getByLabelText('Value').getAttribute('aria-invalid')).toBeNull()

    const status = node('Condition 1')
    expect(within(status).queryByText(/must/)).toBeNull()
    expect(screen.getByText('must have at most 1000 nodes')).toBeTruthy()
    expect(screen.queryByText(/is required/)).toBeNull()
  })

  it('loads a new condition given from outside', () => {
    const onChange = vi.fn<OnChange>()
    const { rerender } = render(
      <ConditionBuilder value={{ field: 'a', operator: '==', value: 1 }} onChange={onChange} />,
    )
    rerender(
      <ConditionBuilder value={{ field: 'b', operator: '!=', value: 'x' }} onChange={onChange} />,
    )
    expect((screen.getByLabelText('Field') as HTMLInputElement).value).toBe('b')
    expect((screen.getByLabelText('Value') as HTMLInputElement).value).toBe('x')
    expect(onChange).not.toHaveBeenCalled()
  })
})
