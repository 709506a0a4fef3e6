import { describe, expect, it } from 'vitest'
import { AppError } from '../../contract/errors'
import { cellText, parseExportColumns } from './export-columns'

describe('parseExportColumns', () => {
  it('reads task keys, custom fields and the named columns, in order', () => {
    expect(parseExportColumns('fields.country, uid,queue_name,assignee_email,due_at')).toEqual([
      { kind: 'field', key: 'country' },
      { kind: 'task', key: 'uid' },
      { kind: 'queue_name' },
      { kind: 'assignee_email' },
      { kind: 'task', key: 'due_at' },
    ])
  })

  it('has a default a person can read', () => {
    expect(parseExportColumns().map((c) => ('key' in c ? c.key : c.kind))).toEqual([
      'uid',
      'title',
      'status',
      'queue_name',
      'assignee_email',
      'due_at',
      'created_at',
      'done_at',
      'url',
    ])
  })

  it('names every unknown column in one 422', () => {
    try {
      parseExportColumns('uid,fields,password_hash,participants')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(AppError)
      const [field] = (error as AppError).fields
      expect(field?.path).toBe('/query/columns')
      expect(field?.message).toContain('unknown columns fields, password_hash, participants')
    }
    expect(() => parseExportColumns(' , ')).toThrow(AppError)
  })
})

describe('cellText', () => {
  it('writes values as a spreadsheet shows them, formulas disarmed', () => {
    expect(
      [
        null,
        undefined,
        'plain',
        3.5,
        false,
        ['a', 'b'],
        { a: 1 },
        '=HYPERLINK("x")',
        '-2+3',
        '@x',
      ].map(cellText),
    ).toEqual([
      '',
      '',
      'plain',
      '3.5',
      'false',
      'a, b',
      '{"a":1}',
      `'=HYPERLINK("x")`,
      "'-2+3",
      "'@x",
    ])
  })
})
