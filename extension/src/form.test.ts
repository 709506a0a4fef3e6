import { describe, expect, it } from 'vitest'
import {
  buildFormView,
  type FieldDefinitionLike,
  type FormLike,
  fieldErrorsByKey,
  missingRequired,
  type RawValue,
  REQUIRED_SECTION_TITLE,
  toFieldValue,
  toFormData,
  toRawValue,
} from './form'

const definition = (
  key: string,
  type: FieldDefinitionLike['type'],
  extra: Partial<FieldDefinitionLike> = {},
): FieldDefinitionLike => ({
  key,
  label: key.toUpperCase(),
  type,
  options: null,
  currency: null,
  help_text: '',
  required_for_completion: false,
  position: 0,
  ...extra,
})

const DEFINITIONS = [
  definition('decision', 'single_select', {
    options: [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
    ],
    help_text: 'The field’s own help',
  }),
  definition('amount', 'money', { currency: 'EUR' }),
  definition('checked', 'boolean'),
  definition('owner', 'user'),
  definition('country', 'text', { required_for_completion: true, position: 5 }),
  definition('region', 'text', { required_for_completion: true, position: 2 }),
]

const FORM: FormLike = {
  name: 'Review',
  sections: [
    {
      title: 'Decision',
      help_text: 'Read the claim first.',
      items: [
        { key: 'decision', required: true, help_text: 'Overridden help' },
        { key: 'gone', required: true },
        { key: 'amount', required: false },
      ],
    },
    {
      title: 'Empty once the deleted field is left out',
      help_text: '',
      items: [{ key: 'gone', required: false }],
    },
    {
      title: '',
      help_text: '',
      items: [
        { key: 'owner', required: false },
        { key: 'country', required: false },
      ],
    },
  ],
}

describe('buildFormView', () => {
  it('follows the form, leaves out deleted fields and adds the fields every task needs', () => {
    const users = [{ value: 'u1', label: 'Ada' }]
    const view = buildFormView(FORM, DEFINITIONS, users)
    expect(view?.name).toBe('Review')
    expect(view?.sections.map((section) => section.title)).toEqual([
      'Decision',
      '',
      REQUIRED_SECTION_TITLE,
    ])
    const [decision, amount] = view?.sections[0]?.fields ?? []
    expect(decision).toMatchObject({
      key: 'decision',
      label: 'DECISION',
      required: true,
      helpText: 'Overridden help',
    })
    expect(decision?.options).toHaveLength(2)
    expect(amount).toMatchObject({ key: 'amount', required: false, currency: 'EUR' })
    // A user field offers the users; a field required by its definition is required here too.
    expect(view?.sections[1]?.fields).toMatchObject([
      { key: 'owner', options: users },
      { key: 'country', required: true },
    ])
    // Required by definition and not in the form: in position order.
    expect(view?.sections[2]?.fields.map((field) => field.key)).toEqual(['region'])
  })

  it('is null with nothing to fill, and lists required fields without a form', () => {
    expect(buildFormView(null, [definition('note', 'text')])).toBeNull()
    const view = buildFormView(null, DEFINITIONS)
    expect(view?.name).toBeNull()
    expect(view?.sections[0]?.fields.map((field) => field.key)).toEqual(['region', 'country'])
  })
})

describe('values', () => {
  it('turns what inputs hold into typed values, empty ones into nothing', () => {
    expect(toFieldValue('number', ' 12.5 ')).toBe(12.5)
    expect(toFieldValue('money', '')).toBeUndefined()
    expect(toFieldValue('number', 'lots')).toBe('lots')
    expect(toFieldValue('boolean', 'false')).toBe(false)
    expect(toFieldValue('boolean', 'true')).toBe(true)
    expect(toFieldValue('multi_select', ['a', 'b'])).toEqual(['a', 'b'])
    expect(toFieldValue('multi_select', [])).toBeUndefined()
    expect(toFieldValue('date', '2026-03-01')).toBe('2026-03-01')
    expect(toFieldValue('text', '  hi ')).toBe('hi')
    expect(toFieldValue('text', undefined)).toBeUndefined()
  })

  it('shows stored values in inputs and reads them back the same', () => {
    const stored = '2026-03-01T09:30:00.000Z'
    const raw = toRawValue('datetime', stored)
    expect(raw).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
    expect(toFieldValue('datetime', raw)).toBe(stored)
    expect(toRawValue('number', 3)).toBe('3')
    expect(toRawValue('boolean', false)).toBe('false')
    expect(toRawValue('multi_select', ['a'])).toEqual(['a'])
    expect(toRawValue('multi_select', null)).toEqual([])
    expect(toRawValue('text', undefined)).toBe('')
  })

  it('sends filled fields, and null for one emptied that had a value', () => {
    const view = buildFormView(FORM, DEFINITIONS)
    if (!view) {
      throw new Error('the form has fields')
    }
    const values = new Map<string, RawValue>([
      ['decision', 'yes'],
      ['amount', ''],
      ['country', 'FR'],
      ['region', ''],
    ])
    expect(toFormData(view, values, { amount: 10, region: null })).toEqual({
      decision: 'yes',
      amount: null,
      country: 'FR',
    })
    expect(missingRequired(view, values)).toEqual(['REGION'])
    values.set('region', 'Alsace')
    expect(missingRequired(view, values)).toEqual([])
  })
})

describe('fieldErrorsByKey', () => {
  it('puts each message of a 422 on its field, the first one winning', () => {
    expect(
      fieldErrorsByKey([
        { path: '/body/form_data/decision', message: 'is required' },
        { path: '/body/form_data/decision', message: 'second' },
        { path: '/body/fields/a~1b', message: 'must be a number' },
        { path: '/body/task_uid', message: 'not one' },
      ]),
    ).toEqual({ decision: 'is required', 'a/b': 'must be a number' })
  })
})
