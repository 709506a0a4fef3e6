import { describe, expect, it } from 'vitest'
import type { TaskState } from '../tasks/task-state'
import { completionErrors, type DefinedField, fieldValueErrors, withFormData } from './task-values'

const definitions: DefinedField[] = [
  { key: 'amount', label: 'Amount', type: 'money', required_for_completion: false },
  { key: 'note', label: 'Note', type: 'text', required_for_completion: true },
  {
    key: 'level',
    label: 'Level',
    type: 'single_select',
    options: [{ value: 'low' }],
    required_for_completion: false,
  },
]
const byKey = new Map(definitions.map((definition) => [definition.key, definition]))
const form = {
  uid: '3f2a9c1e-0b7d-4c2e-9a51-7d3b2c1a0e9f',
  sections: [{ title: '', help_text: '', items: [{ key: 'level', required: true }] }],
}

describe('fieldValueErrors', () => {
  it('names each defined value that does not fit; free keys and absent values pass', () => {
    expect(
      fieldValueErrors(
        { title: 't', amount: '3', level: 'high', other: [1], note: null },
        byKey,
        '/body/items/2/fields',
      ),
    ).toEqual([
      { path: '/body/items/2/fields/amount', message: 'must be a number' },
      { path: '/body/items/2/fields/level', message: 'must be one of the options' },
    ])
  })
})

describe('completionErrors', () => {
  const rules = { form, definitions, strict: false }

  it('asks for the form’s required items and the definitions required for completion', () => {
    expect(completionErrors({ title: 't' }, {}, rules).map((error) => error.path)).toEqual([
      '/body/form_data/level',
      '/body/form_data/note',
    ])
    expect(completionErrors({ title: 't', level: 'x', note: 'n' }, {}, rules)).toEqual([])
    // Blank text and empty lists are no value.
    expect(completionErrors({ title: 't', level: [], note: ' ' }, {}, rules)).toHaveLength(2)
  })

  it('type-checks the values entered only when strict', () => {
    const merged = { title: 't', level: 'high', note: 'n' }
    expect(completionErrors(merged, { level: 'high' }, rules)).toEqual([])
    expect(completionErrors(merged, { level: 'high' }, { ...rules, strict: true })).toEqual([
      { path: '/body/form_data/level', message: 'must be one of the options' },
    ])
  })
})

describe('withFormData', () => {
  const task = {
    fields: { title: 't', gone: 1, kept: 2 },
    form_data: { earlier: true },
    metadata_form_uid: null,
  } as unknown as TaskState

  it('sets values in fields (null removes one), keeps them in form_data, records the form', () => {
    const next = withFormData(task, { gone: null, level: 'low' }, form.uid)
    expect(next.fields).toEqual({ title: 't', kept: 2, level: 'low' })
    expect(next.form_data).toEqual({ earlier: true, gone: null, level: 'low' })
    expect(next.metadata_form_uid).toBe(form.uid)
    expect(withFormData(task, {}, null)).toEqual(task)
  })
})
