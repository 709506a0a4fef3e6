import { describe, expect, it } from 'vitest'
import { compileGroups } from './compile-groups'
import { compileSorts } from './compile-sorts'

describe('compileSorts', () => {
  it('orders by uid alone when there is no sort key', () => {
    expect(compileSorts()).toEqual({ sql: 't.uid ASC', params: [] })
  })

  it('sorts native fields, NULLs last, and breaks ties by uid in the last direction', () => {
    expect(
      compileSorts([
        { field: 'started_at', direction: 'ascending' },
        { field: 'due_at', direction: 'descending' },
      ]),
    ).toEqual({
      sql: 't.started_at ASC NULLS LAST, t.due_at DESC, t.uid DESC',
      params: [],
    })
    expect(compileSorts([{ field: 'status', direction: 'ascending' }]).sql).toBe(
      't.status COLLATE "C" ASC, t.uid ASC',
    )
  })

  it('does not repeat uid when it is already a sort key', () => {
    expect(compileSorts([{ field: 'uid', direction: 'descending' }]).sql).toBe('t.uid DESC')
  })

  it('sorts a custom field by JSON type, then strings under "C", then JSON value', () => {
    const { sql, params } = compileSorts([{ field: 'fields.uid', direction: 'descending' }], 2)
    expect(params).toEqual(['uid'])
    expect(sql.split(', ')).toEqual([
      "CASE jsonb_typeof(t.fields -> $3::text) WHEN 'null' THEN 0 WHEN 'string' THEN 1 " +
        "WHEN 'number' THEN 2 WHEN 'boolean' THEN 3 WHEN 'array' THEN 4 WHEN 'object' THEN 5 " +
        'END DESC NULLS LAST',
      "(CASE WHEN jsonb_typeof(t.fields -> $3::text) = 'string' THEN t.fields ->> $3::text END) " +
        'COLLATE "C" DESC',
      't.fields -> $3::text DESC',
      't.uid DESC',
    ])
  })
})

describe('compileGroups', () => {
  it('groups by columns and JSON values, with safe aliases and the client keys', () => {
    expect(compileGroups(['status', "it's", 'fields.status', 'status'], 1)).toEqual({
      columns: [
        { key: 'status', alias: 'g0', sql: 't.status' },
        { key: "it's", alias: 'g1', sql: 't.fields -> $2::text' },
        { key: 'fields.status', alias: 'g2', sql: 't.fields -> $3::text' },
      ],
      params: ["it's", 'status'],
    })
  })

  it('returns nothing to group by when there are no groups', () => {
    expect(compileGroups()).toEqual({ columns: [], params: [] })
  })
})
