import { describe, expect, it } from 'vitest'
import { cellValue } from './field-value'

describe('cellValue', () => {
  it('turns true/false and numbers written as JSON writes them into JSON values', () => {
    expect(['true', 'FALSE', '42', '-3.5', '0', '0.25'].map(cellValue)).toEqual([
      true,
      false,
      42,
      -3.5,
      0,
      0.25,
    ])
  })

  it('keeps as text what a number would change: leading zeros, trailing zeros, exponents, signs, huge integers', () => {
    for (const cell of [
      '007',
      '1.50',
      '1e3',
      '+33 6 12',
      '9007199254740993',
      '-0',
      '1.',
      'yes',
      ' 42',
    ]) {
      expect(cellValue(cell)).toBe(cell)
    }
  })
})
