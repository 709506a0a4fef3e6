import { describe, expect, it } from 'vitest'
import { TesseraApiError } from '../../api'
import { definition } from '../../test/field-fixtures'
import {
  completeBlocker,
  completionItems,
  completionSections,
  fieldErrorsOf,
  formData,
  invalidValues,
  missingItems,
} from './completion'

const DEFINITIONS = [
  definition('amount', 'money', { currency: 'EUR', position: 1, help_text: 'Refunded' }),
  definition('outcome', 'single_select', {
    options: [
      { value: 'ok', label: 'Approved' },
      { value: 'no', label: 'Refused' },
    ],
    position: 2,
  }),
  definition('reviewer', 'email', { position: 3 }),
  definition('country', 'text', { required_for_completion: true, position: 5 }),
  definition('policy', 'text', { required_for_completion: true, position: 4 }),
]

const FORM = {
  sections: [
    {
      title: 'Decision',
      help_text: 'What was decided',
      items: [
        { key: 'outcome', required: true },
        { key: 'amount', required: false, help_text: 'In euros' },
      ],
    },
    {
      title: '',
      help_text: '',
      items: [
        { key: 'reviewer', required: false },
        { key: 'policy', required: false },
      ],
    },
  ],
}

describe('completionSections', () => {
  it('follows the form, then asks for the fields required in every queue it leaves out', () => {
    const sections = completionSections(FORM, DEFINITIONS)
    expect(sections.map((section) => section.title)).toEqual([
      'Decision',
      '',
      'Also needed to complete',
    ])
    const items = completionItems(sections)
    expect(items.map((item) => [item.key, item.label, item.required, item.helpText])).toEqual([
      ['outcome', 'Outcome', true, ''],
      ['amount', 'Amount', false, 'In euros'],
      ['reviewer', 'Reviewer', false, ''],
      // Optional in the form, required by its definition in every queue.
      ['policy', 'Policy', true, ''],
      ['country', 'Country', true, ''],
    ])
  })

  it('asks only for the required fields without a form, and for nothing when none is', () => {
    const sections = completionSections(null, DEFINITIONS)
    expect(sections.map((section) => section.title)).toEqual(['Needed to complete'])
    expect(completionItems(sections).map((item) => item.key)).toEqual(['policy', 'country'])
    expect(completionSections(null, DEFINITIONS.slice(0, 3))).toEqual([])
  })

  it('shows a key the form names without a definition as a text field under its key', () => {
    const sections = completionSections(
      { sections: [{ title: 'A', help_text: '', items: [{ key: 'legacy', required: true }] }] },
      [],
    )
    expect(completionItems(sections)).toEqual([
      { key: 'legacy', definition: null, label: 'legacy', required: true, helpText: '' },
    ])
  })
})

describe('what Complete waits for and sends', () => {
  const items = completionItems(completionSections(FORM, DEFINITIONS))

  it('waits for every required value, then for values that fit their type', () => {
    const values = { outcome: 'ok', policy: '  ', reviewer: 'not an email' }
    const missing = missingItems(items, values)
    expect(missing.map((item) => item.key)).toEqual(['policy', 'country'])
    const invalid = invalidValues(items, values)
    expect([...invalid]).toEqual([['reviewer', 'must be an email address']])
    expect(completeBlocker(missing, invalid, items)).toBe('Fill in Policy and Country to complete.')
    const filled = { ...values, policy: 'P-1', country: 'FR' }
    expect(completeBlocker(missingItems(items, filled), invalidValues(items, filled), items)).toBe(
      'Correct Reviewer to complete.',
    )
    const good = { ...filled, reviewer: 'ana@example.com' }
    expect(completeBlocker(missingItems(items, good), invalidValues(items, good), items)).toBeNull()
  })

  it('sends every filled field, false and 0 included, and null for one the operator emptied', () => {
    const values = {
      outcome: 'no',
      amount: 0,
      reviewer: '',
      policy: 'P-1',
      country: 'FR',
      other: 1,
    }
    expect(formData(items, values, {})).toEqual({
      outcome: 'no',
      amount: 0,
      policy: 'P-1',
      country: 'FR',
    })
    const original = { reviewer: 'ana@example.com', other: 2 }
    expect(formData(items, { ...values, outcome: null }, original)).toEqual({
      amount: 0,
      reviewer: null,
      policy: 'P-1',
      country: 'FR',
    })
  })
})

describe('fieldErrorsOf', () => {
  it('names the field of each 422 reason under form_data or fields', () => {
    const response = new Response(null, { status: 422 })
    const error = new TesseraApiError(response, {
      error: {
        code: 'validation_failed',
        message: 'Some fields are wrong.',
        request_id: 'r',
        fields: [
          { path: '/body/form_data/outcome', message: 'is required' },
          { path: '/body/fields/a~1b', message: 'must be a number' },
          { path: '/body/task_uid', message: 'must be a uid' },
        ],
      },
    })
    expect([...fieldErrorsOf(error)]).toEqual([
      ['outcome', 'is required'],
      ['a/b', 'must be a number'],
    ])
    expect(fieldErrorsOf(new Error('offline')).size).toBe(0)
  })
})
