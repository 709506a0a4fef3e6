import { describe, expect, it } from 'vitest'
import {
  compareCodePoints,
  describeUnstorableValue,
  exceedsJsonDepth,
  foldAsciiCase,
  jsonEquals,
  parseTimestamp,
} from './json-values'

describe('parseTimestamp', () => {
  it('reads RFC 3339 date-times to the millisecond, any offset', () => {
    const noon = Date.UTC(2025, 8, 11, 12)
    expect(parseTimestamp('2025-09-11T12:00:00Z')).toBe(noon)
    expect(parseTimestamp('2025-09-11t14:00:00.000+02:00')).toBe(noon)
    expect(parseTimestamp('2025-09-11 06:30:00.999999-05:30')).toBe(noon + 999)
    expect(parseTimestamp('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29))
    expect(parseTimestamp('0050-01-01T00:00:00Z')).toBe(Date.parse('0050-01-01T00:00:00Z'))
  })

  it('refuses dates without a zone, impossible dates and out-of-range instants', () => {
    for (const value of [
      '2025-09-11T12:00:00',
      '2025-09-11',
      '2025-02-29T00:00:00Z',
      '2025-09-11T24:00:00Z',
      '2025-09-11T12:00:60Z',
      '0001-01-01T00:00:00+01:00',
      '9999-12-31T23:00:00-05:00',
      'Thu, 11 Sep 2025 12:00:00 GMT',
      1757592000000,
    ]) {
      expect(parseTimestamp(value)).toBeUndefined()
    }
  })
})

describe('compareCodePoints', () => {
  it('orders by code point, as UTF-8 bytes under COLLATE "C" do', () => {
    expect(compareCodePoints('Z', 'a')).toBeLessThan(0)
    expect(compareCodePoints('\uFF5A', '😀')).toBeLessThan(0)
    expect('\uFF5A' < '😀').toBe(false)
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0)
    expect(compareCodePoints('abc', 'abc')).toBe(0)
  })
})

describe('jsonEquals', () => {
  it('is structural, type-sensitive and ignores key order', () => {
    expect(jsonEquals({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true)
    expect(jsonEquals({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true)
    expect(jsonEquals({ a: 1 }, { a: 1, b: undefined })).toBe(false)
    expect(jsonEquals([1, 2], [2, 1])).toBe(false)
    expect(jsonEquals('1', 1)).toBe(false)
    expect(jsonEquals([], {})).toBe(false)
    expect(jsonEquals(null, {})).toBe(false)
  })
})

describe('foldAsciiCase', () => {
  it('lower-cases A–Z and nothing else', () => {
    expect(foldAsciiCase('ÉCLAIR Straße İ')).toBe('Éclair straße İ')
  })
})

describe('describeUnstorableValue', () => {
  it('accepts ordinary JSON and explains what PostgreSQL would reject', () => {
    expect(describeUnstorableValue({ a: ['x', 1.5, null, true] })).toBeUndefined()
    expect(describeUnstorableValue(['ok', { nested: 'a\u0000' }])).toMatch(/NUL/)
    expect(describeUnstorableValue({ '\uDC00': 1 })).toMatch(/surrogates/)
    expect(describeUnstorableValue('😀')).toBeUndefined()
  })
})

describe('exceedsJsonDepth', () => {
  it('counts nested arrays and objects, without recursion', () => {
    expect(exceedsJsonDepth({ a: [1] }, 2)).toBe(false)
    expect(exceedsJsonDepth({ a: [[1]] }, 2)).toBe(true)
    expect(exceedsJsonDepth('flat', 0)).toBe(false)
    let deep: unknown = null
    for (let i = 0; i < 100_000; i++) {
      deep = { conditions: [deep] }
    }
    expect(exceedsJsonDepth(deep, 64)).toBe(true)
  })
})
