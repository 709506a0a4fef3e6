import { describe, expect, it } from 'vitest'
import { AppError } from '../../contract/errors'
import { compileMetrics } from './compile-metrics'

describe('compileMetrics', () => {
  it('compiles each metric type, numbering parameters after the offset', () => {
    const compiled = compileMetrics(
      {
        n: { type: 'count' },
        clients: { type: 'count_distinct', field: 'client' },
        total: { type: 'sum', field: 'amount' },
        kids: { type: 'avg', field: 'num_children' },
        first: { type: 'min', field: 'created_at' },
        top: { type: 'max', field: 'fields.created_at' },
      },
      3,
    )
    expect(compiled.columns.map(({ name, alias, kind }) => [name, alias, kind])).toEqual([
      ['n', 'm0', 'integer'],
      ['clients', 'm1', 'integer'],
      ['total', 'm2', 'number'],
      ['kids', 'm3', 'number'],
      ['first', 'm4', 'timestamp'],
      ['top', 'm5', 'number'],
    ])
    expect(compiled.columns[0]?.sql).toBe('count(*)')
    expect(compiled.columns[1]?.sql).toBe('count(DISTINCT t.fields -> $4::text)')
    expect(compiled.columns[2]?.sql).toContain("jsonb_typeof(t.fields -> $5::text) = 'number'")
    expect(compiled.columns[3]?.sql).toBe('avg(t.num_children)')
    expect(compiled.columns[4]?.sql).toBe('min(t.created_at)')
    expect(compiled.params).toEqual(['client', 'amount', 'created_at'])
  })

  it('names every metric it cannot compute', () => {
    try {
      compileMetrics({
        a: { type: 'sum', field: 'status' },
        'b/c': { type: 'max' },
        d: { type: 'min', field: 'skills' },
      })
      throw new Error('compiled')
    } catch (error) {
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).fields.map((field) => field.path)).toEqual([
        '/body/metrics/a/field',
        '/body/metrics/b~1c/field',
        '/body/metrics/d/field',
      ])
    }
  })
})
