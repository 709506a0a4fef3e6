import { describe, expect, it } from 'vitest'
import { checkFieldValue, hasFieldValue } from './check-value'

const select = { type: 'single_select', options: [{ value: 'low' }, { value: 'high' }] } as const
const multi = { type: 'multi_select', options: [{ value: 'a' }, { value: 'b' }] } as const

describe('checkFieldValue', () => {
  it.each([
    [{ type: 'text' }, 'hello'],
    [{ type: 'long_text' }, 'line\nline'],
    [{ type: 'number' }, -1.5],
    [{ type: 'money' }, 12.3],
    [{ type: 'boolean' }, false],
    [{ type: 'date' }, '2024-02-29'],
    [{ type: 'datetime' }, '2026-12-05T10:00:00Z'],
    [{ type: 'datetime' }, '2026-12-05T10:00:00.123+01:00'],
    [{ type: 'url' }, 'https://example.com/a?b=c'],
    [{ type: 'email' }, 'ana@example.com'],
    [{ type: 'user' }, '3f2a9c1e-0b7d-4c2e-9a51-7d3b2c1a0e9f'],
    [select, 'high'],
    [multi, ['a', 'b']],
    [multi, []],
  ] as const)('accepts %o with %o', (shape, value) => {
    expect(checkFieldValue(shape, value)).toBeNull()
  })

  it.each([
    [{ type: 'text' }, 3, 'must be text'],
    [{ type: 'number' }, '3', 'must be a number'],
    [{ type: 'money' }, Number.NaN, 'must be a number'],
    [{ type: 'boolean' }, 'yes', 'must be true or false'],
    [{ type: 'date' }, '2023-02-29', 'must be a date (YYYY-MM-DD)'],
    [{ type: 'date' }, '05/12/2026', 'must be a date (YYYY-MM-DD)'],
    [
      { type: 'datetime' },
      '2026-12-05T10:00:00',
      'must be a date-time with a time zone (ISO 8601)',
    ],
    [{ type: 'url' }, 'javascript:alert(1)', 'must be an http(s) URL'],
    [{ type: 'email' }, 'not an email', 'must be an email address'],
    [{ type: 'user' }, 'ana', 'must be a user uid'],
    [select, 'medium', 'must be one of the options'],
    [multi, ['a', 'c'], 'must be a list of the options'],
    [multi, 'a', 'must be a list of the options'],
  ] as const)('refuses %o with %o', (shape, value, message) => {
    expect(checkFieldValue(shape, value)).toBe(message)
  })

  it('lets an absent value fit any type', () => {
    for (const value of [undefined, null, '']) {
      expect(checkFieldValue({ type: 'number' }, value)).toBeNull()
    }
  })
})

describe('hasFieldValue', () => {
  it('counts blanks and empty lists as missing, false and 0 as values', () => {
    expect([undefined, null, '', '  ', []].map(hasFieldValue)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
    expect([false, 0, 'x', ['a']].map(hasFieldValue)).toEqual([true, true, true, true])
  })
})
