import { describe, expect, it } from 'vitest'
import type { Condition, ConditionLeaf } from '../../contract/conditions'
import { AppError } from '../../contract/errors'
import { assertValidCondition, validateCondition } from './validate-condition'

const leaf = (field: string, operator: ConditionLeaf['operator'], value?: unknown) =>
  ({ field, operator, value }) as ConditionLeaf
const and = (...conditions: Condition[]): Condition => ({ combinator: 'and', conditions })
const messageOf = (condition: Condition) => validateCondition(condition)[0]?.message

describe('validateCondition', () => {
  it('accepts well-typed conditions on native and custom fields', () => {
    const condition = and(
      leaf('status', 'in', ['TODO', 'STARTED']),
      leaf('due_at', '<', '2025-09-11T12:00:00.123456+02:00'),
      leaf('queue_uid', '==', '6F1C2F0E-58A3-4B0E-9A51-2F1C8E0B7A10'),
      leaf('archived', '!=', true),
      leaf('skills', 'contains', 'fr'),
      leaf('started_at', 'exists', false),
      leaf('meta', '==', { nested: [1, null, 'x'] }),
      leaf('amount', '>=', 10),
      leaf('title', 'contains', 'invoice'),
      leaf('fields.status', '<', 'open'),
    )
    expect(validateCondition(condition)).toEqual([])
  })

  it('points at each wrong value, relative to the condition', () => {
    const condition = and(
      leaf('status', '==', 'TODO'),
      and(leaf('status', '==', 'todo'), leaf('archived', '==', 'yes')),
      leaf('queue_uid', 'in', ['6f1c2f0e-58a3-4b0e-9a51-2f1c8e0b7a10', 'nope']),
    )
    expect(validateCondition(condition)).toEqual([
      { path: '/conditions/1/conditions/0/value', message: 'must be one of TODO, STARTED, DONE' },
      { path: '/conditions/1/conditions/1/value', message: 'must be a boolean' },
      { path: '/conditions/2/value/1', message: 'must be a UUID' },
    ])
  })

  it('requires ISO date-times with a time zone on timestamp fields', () => {
    for (const value of ['2025-02-30T00:00:00Z', '2025-01-01T00:00:00', '2025-01-01', 1735689600]) {
      expect(validateCondition(leaf('due_at', '>', value))).toEqual([
        {
          path: '/value',
          message: 'must be an ISO 8601 date-time with a time zone, e.g. 2025-09-11T12:00:00Z',
        },
      ])
    }
  })

  it('suggests exists when a native field is compared with null', () => {
    expect(messageOf(leaf('assignee_uid', '==', null))).toBe(
      'must be a UUID (use the `exists` operator to test for a missing value)',
    )
  })

  it('refuses operators that do not apply to the field', () => {
    expect(validateCondition(leaf('status', '<', 'TODO'))).toEqual([
      {
        path: '/operator',
        message: 'does not apply to field status; use one of ==, !=, in, exists',
      },
    ])
    expect(validateCondition(leaf('skills', '==', 'fr'))[0]?.path).toBe('/operator')
    expect(validateCondition(leaf('queue_uid', 'contains', 'a'))[0]?.path).toBe('/operator')
  })

  it('checks the value each operator needs', () => {
    expect(messageOf(leaf('country', 'in', 'FR'))).toBe('must be an array')
    expect(
      messageOf(
        leaf(
          'country',
          'in',
          Array.from({ length: 1001 }, () => 'FR'),
        ),
      ),
    ).toBe('must have at most 1000 items')
    expect(messageOf(leaf('country', 'exists', 'yes'))).toBe('must be a boolean')
    expect(messageOf(leaf('country', '=='))).toBe('is required for operator ==')
    expect(messageOf(leaf('amount', '<', { a: 1 }))).toBe('must be a number or a string')
    expect(messageOf(leaf('amount', '<', null))).toBe('must be a number or a string')
    expect(messageOf(leaf('title', 'contains', 3))).toBe('must be a string')
    expect(messageOf(leaf('skills', 'contains', ['fr']))).toBe('must be a string')
  })

  it('refuses what PostgreSQL cannot store: NUL, lone surrogates, deep nesting', () => {
    expect(validateCondition(leaf('a\u0000b', 'exists'))[0]?.path).toBe('/field')
    expect(messageOf(leaf('title', '==', 'x\uD800'))).toMatch(/surrogates/)
    expect(messageOf(leaf('title', '==', { 'k\u0000': 1 }))).toMatch(/NUL/)
    expect(messageOf(leaf('title', '==', JSON.parse('1e400')))).toBe(
      'must not contain numbers too large for JSON',
    )
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) {
      deep = [deep]
    }
    expect(messageOf(leaf('title', '==', deep))).toBe('must not nest deeper than 32 levels')
  })

  it('requires a key after the fields. prefix', () => {
    expect(validateCondition(leaf('fields.', 'exists'))).toEqual([
      { path: '/field', message: 'must name a custom field after `fields.`' },
    ])
  })

  it('allows 10 levels of groups, not 11', () => {
    const nest = (levels: number): Condition =>
      levels === 0 ? leaf('status', '==', 'TODO') : and(nest(levels - 1))
    expect(validateCondition(nest(10))).toEqual([])
    expect(validateCondition(nest(11))).toEqual([
      { path: '/conditions/0'.repeat(10), message: 'groups must not nest more than 10 deep' },
    ])
  })

  it('caps the total number of nodes at 1000', () => {
    const wide = and(
      ...Array.from({ length: 10 }, () => and(...Array(100).fill(leaf('a', 'exists')))),
    )
    expect(validateCondition(wide)).toEqual([{ path: '', message: 'must have at most 1000 nodes' }])
  })

  it('checks disabled nodes too, so enabling one later cannot break a stored condition', () => {
    const condition = and({ ...leaf('archived', '==', 1), disabled: true })
    expect(validateCondition(condition)[0]?.path).toBe('/conditions/0/value')
  })

  it('throws validation_failed with paths prefixed by where the condition sits', () => {
    const attempt = () => assertValidCondition(and(leaf('status', '==', 'x')), '/body/condition')
    expect(attempt).toThrow(AppError)
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        fields: [{ path: '/body/condition/conditions/0/value', message: expect.any(String) }],
      }),
    )
    expect(() => assertValidCondition(leaf('status', '==', 'TODO'))).not.toThrow()
  })
})
