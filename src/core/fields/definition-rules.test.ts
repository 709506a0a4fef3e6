import { describe, expect, it } from 'vitest'
import { definitionErrors } from './definition-rules'

const OPTIONS = [
  { value: 'a', label: 'A' },
  { value: 'b', label: 'B' },
]
const base = { key: 'k', options: null, currency: null }
const paths = (shape: Parameters<typeof definitionErrors>[0]) =>
  definitionErrors(shape).map((error) => error.path)

describe('definitionErrors', () => {
  it('accepts each type with what it needs and nothing else', () => {
    expect(paths({ ...base, type: 'text' })).toEqual([])
    expect(paths({ ...base, type: 'single_select', options: OPTIONS })).toEqual([])
    expect(paths({ ...base, type: 'multi_select', options: OPTIONS })).toEqual([])
    expect(paths({ ...base, type: 'money', currency: 'EUR' })).toEqual([])
    expect(paths({ ...base, key: 'title', type: 'long_text' })).toEqual([])
    expect(paths({ ...base, key: 'url', type: 'url' })).toEqual([])
  })

  it('names the key to change', () => {
    expect(paths({ ...base, type: 'text', options: OPTIONS })).toEqual(['/body/options'])
    expect(paths({ ...base, type: 'single_select' })).toEqual(['/body/options'])
    expect(paths({ ...base, type: 'money' })).toEqual(['/body/currency'])
    expect(paths({ ...base, type: 'date', currency: 'EUR' })).toEqual(['/body/currency'])
    expect(paths({ ...base, key: 'title', type: 'number' })).toEqual(['/body/type'])
    expect(
      paths({ ...base, type: 'multi_select', options: [...OPTIONS, { value: 'a', label: 'A2' }] }),
    ).toEqual(['/body/options/2/value'])
  })

  it('says what to send with a new type', () => {
    const [error] = definitionErrors({ ...base, type: 'text', options: OPTIONS }, true)
    expect(error?.message).toContain('send `null` with the new type')
  })
})
