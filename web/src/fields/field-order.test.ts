import { describe, expect, it } from 'vitest'
import { definition } from '../test/field-fixtures'
import { backlogFields, orderFields } from './field-order'

const amount = definition('amount', 'money', { label: 'Amount', position: 2, currency: 'EUR' })
const country = definition('country', 'text', { label: 'Country', position: 1 })
const reason = definition('reason', 'long_text', { label: 'Reason', position: 3 })

describe('orderFields', () => {
  it('puts defined fields first by position under their labels, then other keys by name', () => {
    const fields = { title: 'T', zeta: 1, amount: 12, alpha: 'a', country: 'FR', url: 'https://x' }
    const entries = orderFields(fields, [reason, amount, country])
    expect(entries.map((entry) => [entry.key, entry.label])).toEqual([
      ['country', 'Country'],
      ['amount', 'Amount'],
      ['alpha', 'alpha'],
      ['zeta', 'zeta'],
    ])
    expect(entries[0]?.definition).toBe(country)
    expect(entries[2]?.definition).toBeNull()
  })

  it('lists defined fields the task lacks when asked to', () => {
    const entries = orderFields({ title: 'T', amount: 3 }, [amount, reason], { includeEmpty: true })
    expect(entries.map((entry) => [entry.key, entry.value])).toEqual([
      ['amount', 3],
      ['reason', undefined],
    ])
  })
})

describe('backlogFields', () => {
  it('shows fields marked for the backlog first, then fills up to three', () => {
    const shown = { ...reason, shown_in_backlog: true }
    const fields = { title: 'T', reason: 'late', country: 'FR', amount: 4, b: 1, a: 2 }
    expect(backlogFields(fields, [shown, amount, country]).map((entry) => entry.key)).toEqual([
      'reason',
      'country',
      'amount',
    ])
  })

  it('skips empty values and keeps every field marked for the backlog', () => {
    const marked = [country, amount, reason].map((d) => ({ ...d, shown_in_backlog: true }))
    const fields = { title: 'T', country: '', amount: 4, reason: 'late', other: 'x', more: 'y' }
    expect(backlogFields(fields, marked, 1).map((entry) => entry.key)).toEqual(['amount', 'reason'])
  })
})
