import { describe, expect, it } from 'vitest'
import type { Condition, ConditionLeaf } from '../../contract/conditions'
import { compileCondition } from './compile-condition'

const leaf = (field: string, operator: ConditionLeaf['operator'], value?: unknown) =>
  ({ field, operator, value }) as ConditionLeaf

describe('compileCondition', () => {
  it('numbers placeholders after the offset and returns their values in order', () => {
    const condition: Condition = {
      combinator: 'and',
      conditions: [leaf('country', '==', 'FR'), leaf('amount', '>', 10)],
    }
    expect(compileCondition(condition, 3)).toEqual({
      sql:
        "(t.fields @> $4::jsonb AND CASE WHEN jsonb_typeof(t.fields -> $5::text) = 'number' " +
        'THEN t.fields -> $5::text > $6::jsonb ELSE false END)',
      params: ['{"country":"FR"}', 'amount', '10'],
    })
  })

  it('passes field names and values only as parameters', () => {
    const name = "a'; drop table tasks--"
    for (const operator of ['==', '!=', '<', 'in', 'contains', 'exists'] as const) {
      const value = operator === 'in' ? ["x'--"] : operator === 'exists' ? undefined : "x'--"
      const { sql, params } = compileCondition(leaf(name, operator, value))
      expect(sql).not.toContain('drop')
      expect(sql).not.toContain("x'")
      expect(JSON.stringify(params)).toContain('drop table')
    }
  })

  it('uses containment for scalar equality, plus an exact test for arrays and objects', () => {
    expect(compileCondition(leaf('n', '==', null))).toEqual({
      sql: 't.fields @> $1::jsonb',
      params: ['{"n":null}'],
    })
    expect(compileCondition(leaf('tags', '!=', ['a']))).toEqual({
      sql: 'NOT ((t.fields @> $1::jsonb AND t.fields -> $2::text = $3::jsonb))',
      params: ['{"tags":["a"]}', 'tags', '["a"]'],
    })
  })

  it('compares strings under COLLATE "C" and folds case for contains under "C"', () => {
    expect(compileCondition(leaf('name', '>=', 'b')).sql).toContain(
      '(t.fields ->> $1::text) COLLATE "C" >= $2::text',
    )
    expect(compileCondition(leaf('name', 'contains', 'B')).sql).toContain(
      'strpos(lower((t.fields ->> $1::text) COLLATE "C"), lower($2::text COLLATE "C")) > 0',
    )
  })

  it('keeps missing values false: guards nullable columns, COALESCEs custom in', () => {
    expect(compileCondition(leaf('started_at', '<', '2025-01-01T02:00:00.5+02:00'))).toEqual({
      sql: '(t.started_at IS NOT NULL AND t.started_at < $1::timestamptz)',
      params: ['2025-01-01T00:00:00.500Z'],
    })
    expect(compileCondition(leaf('due_at', '>', '2025-01-01T00:00:00Z')).sql).toBe(
      't.due_at > $1::timestamptz',
    )
    expect(compileCondition(leaf('x', 'in', [1, 'a'])).sql).toBe(
      'COALESCE(t.fields -> $1::text IN (SELECT jsonb_array_elements($2::jsonb)), false)',
    )
  })

  it('matches != on a NULL column, by IS DISTINCT FROM', () => {
    const uid = '6F1C2F0E-58A3-4B0E-9A51-2F1C8E0B7A10'
    expect(compileCondition(leaf('assignee_uid', '!=', uid))).toEqual({
      sql: 't.assignee_uid IS DISTINCT FROM $1::uuid',
      params: [uid.toLowerCase()],
    })
  })

  it('compiles native in, contains on skills and exists', () => {
    expect(compileCondition(leaf('status', 'in', ['TODO', 'DONE']))).toEqual({
      sql: 't.status = ANY($1::text[])',
      params: [['TODO', 'DONE']],
    })
    expect(compileCondition(leaf('skills', 'contains', 'fr')).sql).toBe(
      't.skills @> ARRAY[$1::text]',
    )
    expect(compileCondition(leaf('done_at', 'exists', false)).sql).toBe(
      'NOT (t.done_at IS NOT NULL)',
    )
    expect(compileCondition(leaf('due_at', 'exists')).sql).toBe('TRUE')
    expect(compileCondition(leaf('fields.status', 'exists')).sql).toBe('t.fields ? $1::text')
  })

  it('skips disabled nodes, compiles an empty group to TRUE and negation to NOT', () => {
    const todo = leaf('status', '==', 'TODO')
    expect(compileCondition({ ...todo, disabled: true })).toEqual({ sql: 'TRUE', params: [] })
    expect(
      compileCondition({
        combinator: 'or',
        negated: true,
        conditions: [
          { ...todo, disabled: true },
          { ...todo, negated: true },
        ],
      }),
    ).toEqual({ sql: 'NOT ((NOT (t.status = $1::text)))', params: ['TODO'] })
    expect(compileCondition({ combinator: 'or', conditions: [] }).sql).toBe('TRUE')
    expect(compileCondition({ combinator: 'and', conditions: [], negated: true }).sql).toBe(
      'NOT (TRUE)',
    )
  })
})
