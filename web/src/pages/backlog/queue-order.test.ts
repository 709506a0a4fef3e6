import { describe, expect, it } from 'vitest'
import type { Queue } from '../../api'
import { definition } from '../../test/field-fixtures'
import { queueOrder } from './queue-order'

function queue(priority: Queue['priority']): Queue {
  return {
    uid: '00000000-0000-4000-8000-000000000101',
    name: 'Disputes',
    description: '',
    position: 0,
    condition: { combinator: 'and', conditions: [] },
    skills: [],
    sla_policy: null,
    form_uid: null,
    priority,
    created_at: '2025-09-11T12:00:00.000Z',
    updated_at: '2025-09-11T12:00:00.000Z',
  }
}

describe('queueOrder', () => {
  it('shows a dispatch order the list can sort by exactly', () => {
    expect(queueOrder(queue([{ field: 'created_at', direction: 'descending' }]), [])).toEqual({
      sort: '-created_at',
      exact: true,
      note: 'In dispatch order (creation date, newest first): the order the player hands these tasks out.',
    })
  })

  it('says how the default order differs from the one shown', () => {
    const order = queueOrder(queue(null), [])
    expect(order.sort).toBe('due_at')
    expect(order.exact).toBe(false)
    expect(order.note).toContain('SLA deadline, soonest first; then due date')
    expect(order.note).toContain('shows them by due date, soonest first')
  })

  it('names custom fields of the priority by label and keeps a list key that comes first', () => {
    const order = queueOrder(
      queue([
        { field: 'updated_at', direction: 'ascending' },
        { field: 'amount', direction: 'descending' },
      ]),
      [definition('amount', 'money', { label: 'Amount' })],
    )
    expect(order.sort).toBe('updated_at')
    expect(order.exact).toBe(false)
    expect(order.note).toContain('Amount, descending')
  })
})
