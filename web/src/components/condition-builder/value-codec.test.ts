import { describe, expect, it } from 'vitest'
import { convertValue, formatValue, parseValue, valueTypeForOperator } from './value-codec'

describe('parseValue', () => {
  it('keeps text as typed, spaces included', () => {
    expect(parseValue('text', ' FR ')).toEqual({ ok: true, value: ' FR ' })
  })

  it('parses numbers and refuses what is not one', () => {
    expect(parseValue('number', ' 12.5 ')).toEqual({ ok: true, value: 12.5 })
    expect(parseValue('number', '-3e2')).toEqual({ ok: true, value: -300 })
    expect(parseValue('number', '')).toMatchObject({ ok: false })
    expect(parseValue('number', '0x10')).toMatchObject({ ok: false })
    expect(parseValue('number', '12abc')).toMatchObject({ ok: false })
  })

  it('splits lists on commas, trims items and drops blanks', () => {
    expect(parseValue('list', 'FR, DE ,, IT,')).toEqual({ ok: true, value: ['FR', 'DE', 'IT'] })
    expect(parseValue('list', '')).toEqual({ ok: true, value: [] })
    expect(parseValue('number-list', '1, 2.5,3')).toEqual({ ok: true, value: [1, 2.5, 3] })
    expect(parseValue('number-list', '1, two')).toMatchObject({ ok: false })
  })

  it('reads booleans, null, JSON and no value', () => {
    expect(parseValue('boolean', 'false')).toEqual({ ok: true, value: false })
    expect(parseValue('null', '')).toEqual({ ok: true, value: null })
    expect(parseValue('json', '{"a":[1,"b"]}')).toEqual({ ok: true, value: { a: [1, 'b'] } })
    expect(parseValue('json', '{')).toMatchObject({ ok: false })
    expect(parseValue('none', '')).toEqual({ ok: true, value: undefined })
  })
})

describe('formatValue', () => {
  const values: unknown[] = [
    'FR',
    '',
    ' padded ',
    0,
    -1.5,
    1e21,
    true,
    false,
    null,
    ['FR', 'DE'],
    [1, 2],
    [],
    ['a,b', 'c'],
    [' a'],
    ['', 'x'],
    ['x', 1],
    { nested: { value: [1] } },
    undefined,
  ]

  it.each(values.map((value) => [JSON.stringify(value) ?? 'undefined', value]))(
    'round-trips %s',
    (_name, value) => {
      const { valueType, valueText } = formatValue(value)
      expect(parseValue(valueType, valueText)).toEqual({ ok: true, value })
    },
  )

  it('picks the narrowest editor', () => {
    expect(formatValue(['FR', 'DE'])).toEqual({ valueType: 'list', valueText: 'FR, DE' })
    expect(formatValue([1, 2])).toEqual({ valueType: 'number-list', valueText: '1, 2' })
    expect(formatValue(['a,b'])).toEqual({ valueType: 'json', valueText: '["a,b"]' })
  })
})

describe('changing types and operators', () => {
  it('turns a scalar into a one-item list and back', () => {
    expect(valueTypeForOperator('in', 'text', 'FR')).toEqual({ valueType: 'list', valueText: 'FR' })
    expect(valueTypeForOperator('in', 'number', '3')).toEqual({
      valueType: 'number-list',
      valueText: '3',
    })
    expect(valueTypeForOperator('==', 'list', 'FR, DE')).toEqual({
      valueType: 'text',
      valueText: 'FR',
    })
  })

  it('keeps a type the new operator accepts', () => {
    expect(valueTypeForOperator('!=', 'number', '3')).toEqual({
      valueType: 'number',
      valueText: '3',
    })
    expect(valueTypeForOperator('exists', 'none', '')).toEqual({ valueType: 'none', valueText: '' })
  })

  it('gives exists a boolean and contains text', () => {
    expect(valueTypeForOperator('exists', 'text', 'x')).toEqual({
      valueType: 'boolean',
      valueText: 'true',
    })
    expect(valueTypeForOperator('contains', 'number', '12')).toEqual({
      valueType: 'text',
      valueText: '12',
    })
  })

  it('carries a valid value into JSON', () => {
    expect(convertValue('number-list', '1, 2', 'json')).toEqual({
      valueType: 'json',
      valueText: '[1,2]',
    })
  })
})
