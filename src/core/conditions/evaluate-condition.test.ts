import { describe, expect, it } from 'vitest'
import type { Condition, ConditionLeaf } from '../../contract/conditions'
import { type ConditionSubject, evaluateCondition } from './evaluate-condition'

const QUEUE = '6f1c2f0e-58a3-4b0e-9a51-2f1c8e0b7a10'

function makeTask(fields: Record<string, unknown> = {}): ConditionSubject {
  return {
    uid: '0b8f7e2a-1111-4111-8111-111111111111',
    status: 'TODO',
    archived: false,
    due_at: '2025-03-01T12:00:00.000Z',
    created_at: '2025-02-01T08:00:00.000Z',
    updated_at: '2025-02-01T08:00:00.000Z',
    started_at: null,
    done_at: null,
    snooze_expires_at: null,
    sla_due_at: null,
    queue_uid: QUEUE,
    assignee_uid: null,
    skills: ['fr', 'billing'],
    parent_uid: null,
    fields: { title: 'Check ÉCLAIR invoice', ...fields },
  }
}

const leaf = (field: string, operator: ConditionLeaf['operator'], value?: unknown) =>
  ({ field, operator, value }) as ConditionLeaf
const matches = (condition: Condition, fields?: Record<string, unknown>) =>
  evaluateCondition(condition, makeTask(fields))

describe('evaluateCondition on custom fields', () => {
  it('compares with == as JSON, type-sensitive and key-order free', () => {
    expect(matches(leaf('amount', '==', 123), { amount: 123 })).toBe(true)
    expect(matches(leaf('amount', '==', '123'), { amount: 123 })).toBe(false)
    expect(matches(leaf('meta', '==', { a: 1, b: [2] }), { meta: { b: [2], a: 1 } })).toBe(true)
    expect(matches(leaf('tags', '==', ['a', 'b']), { tags: ['b', 'a'] })).toBe(false)
    expect(matches(leaf('gone', '==', null), { gone: null })).toBe(true)
  })

  it('never matches a missing field, except with != and negation', () => {
    for (const operator of ['==', '<', '<=', '>', '>=', 'contains'] as const) {
      expect(matches(leaf('country', operator, 'FR'))).toBe(false)
      expect(matches({ ...leaf('country', operator, 'FR'), negated: true })).toBe(true)
    }
    expect(matches(leaf('country', 'in', ['FR']))).toBe(false)
    expect(matches(leaf('country', '!=', 'FR'))).toBe(true)
    expect(matches(leaf('country', '!=', null))).toBe(true)
  })

  it('orders numbers against numbers and strings against strings only', () => {
    expect(matches(leaf('amount', '>', 10), { amount: 10.5 })).toBe(true)
    expect(matches(leaf('amount', '>', 10), { amount: '99' })).toBe(false)
    expect(matches(leaf('amount', '<', '5'), { amount: 1 })).toBe(false)
    expect(matches(leaf('amount', '<=', 10), { amount: 10 })).toBe(true)
  })

  it('orders strings by code point, not by locale or UTF-16 unit', () => {
    expect(matches(leaf('name', '<', 'a'), { name: 'Z' })).toBe(true)
    expect(matches(leaf('name', '>', 'z'), { name: 'é' })).toBe(true)
    expect(matches(leaf('name', '<', '😀'), { name: 'ｚ' })).toBe(true)
    expect(matches(leaf('name', '>=', 'abc'), { name: 'abc' })).toBe(true)
  })

  it('matches contains as a substring, folding only A–Z', () => {
    expect(matches(leaf('title', 'contains', 'check éclair'))).toBe(false)
    expect(matches(leaf('title', 'contains', 'CHECK É'))).toBe(true)
    expect(matches(leaf('title', 'contains', ''))).toBe(true)
    expect(matches(leaf('amount', 'contains', '1'), { amount: 123 })).toBe(false)
  })

  it('matches contains on a JSON array as exact membership', () => {
    expect(matches(leaf('tags', 'contains', 'vip'), { tags: ['vip', 1] })).toBe(true)
    expect(matches(leaf('tags', 'contains', 'VIP'), { tags: ['vip'] })).toBe(false)
    expect(matches(leaf('tags', 'contains', 'vip'), { tags: [['vip']] })).toBe(false)
  })

  it('matches in when equal to any item, and never for an empty list', () => {
    expect(matches(leaf('country', 'in', ['DE', 'FR']), { country: 'FR' })).toBe(true)
    expect(matches(leaf('country', 'in', []), { country: 'FR' })).toBe(false)
    expect(matches(leaf('n', 'in', ['1', null]), { n: 1 })).toBe(false)
  })

  it('treats a present key as existing, even when its value is null', () => {
    expect(matches(leaf('gone', 'exists'), { gone: null })).toBe(true)
    expect(matches(leaf('gone', 'exists', false), { gone: null })).toBe(false)
    expect(matches(leaf('gone', 'exists', false))).toBe(true)
  })

  it('reads keys named like native fields or Object members as plain keys', () => {
    expect(matches(leaf('fields.status', '==', 'open'), { status: 'open' })).toBe(true)
    expect(matches(leaf('status', '==', 'TODO'), { status: 'open' })).toBe(true)
    expect(matches(leaf('constructor', 'exists'))).toBe(false)
    expect(matches(leaf('__proto__', 'exists'))).toBe(false)
    expect(matches(leaf("a'; drop table tasks--", '==', 1), { "a'; drop table tasks--": 1 })).toBe(
      true,
    )
  })
})

describe('evaluateCondition on native fields', () => {
  it('compares timestamps as instants, whatever the offset, to the millisecond', () => {
    expect(matches(leaf('due_at', '==', '2025-03-01T14:00:00+02:00'))).toBe(true)
    expect(matches(leaf('due_at', '==', '2025-03-01T12:00:00.000999Z'))).toBe(true)
    expect(matches(leaf('due_at', '<', '2025-03-01T12:00:00.001Z'))).toBe(true)
    expect(matches(leaf('due_at', '>', '2025-03-01T12:00:00Z'))).toBe(false)
  })

  it('treats a NULL column as missing', () => {
    expect(matches(leaf('started_at', '<', '2100-01-01T00:00:00Z'))).toBe(false)
    expect(matches(leaf('assignee_uid', '!=', QUEUE))).toBe(true)
    expect(matches(leaf('assignee_uid', 'exists'))).toBe(false)
    expect(matches(leaf('queue_uid', 'exists'))).toBe(true)
    expect(matches(leaf('skills', 'exists'))).toBe(true)
  })

  it('compares UUIDs case-insensitively and statuses exactly', () => {
    expect(matches(leaf('queue_uid', '==', QUEUE.toUpperCase()))).toBe(true)
    expect(matches(leaf('queue_uid', 'in', [QUEUE]))).toBe(true)
    expect(matches(leaf('status', 'in', ['STARTED', 'DONE']))).toBe(false)
    expect(matches(leaf('archived', '==', false))).toBe(true)
  })

  it('matches contains on skills as exact membership', () => {
    expect(matches(leaf('skills', 'contains', 'fr'))).toBe(true)
    expect(matches(leaf('skills', 'contains', 'FR'))).toBe(false)
    expect(matches(leaf('skills', 'contains', 'bill'))).toBe(false)
  })
})

describe('evaluateCondition on groups', () => {
  const yes = leaf('status', '==', 'TODO')
  const no = leaf('status', '==', 'DONE')
  const group = (combinator: 'and' | 'or', conditions: Condition[], extra = {}) => ({
    combinator,
    conditions,
    ...extra,
  })

  it('combines children with and / or, nested', () => {
    expect(matches(group('and', [yes, no]))).toBe(false)
    expect(matches(group('or', [no, group('and', [yes, yes])]))).toBe(true)
    expect(matches(group('and', [yes, { ...no, negated: true }]))).toBe(true)
  })

  it('skips disabled nodes, and an empty group matches everything', () => {
    expect(matches(group('and', [yes, { ...no, disabled: true }]))).toBe(true)
    expect(matches(group('or', [{ ...yes, disabled: true }]))).toBe(true)
    expect(matches(group('or', []))).toBe(true)
    expect(matches({ ...no, disabled: true })).toBe(true)
    expect(matches(group('and', [no], { disabled: true, negated: true }))).toBe(true)
  })

  it('negates a group as a whole, an empty one included', () => {
    expect(matches(group('and', [yes, no], { negated: true }))).toBe(true)
    expect(matches(group('and', [], { negated: true }))).toBe(false)
  })
})
