import { describe, expect, it } from 'vitest'
import { EXPORTABLE_TASK_KEYS } from '../../../../src/core/tasks/export-columns'
import { definition } from '../../test/field-fixtures'
import {
  availableColumns,
  columnInfo,
  columnsFromSearch,
  columnsToSearch,
  DEFAULT_COLUMNS,
  exportColumns,
  moveColumn,
  NATIVE_COLUMNS,
  resizeColumn,
  SUMMARY_COLUMN,
  savedColumns,
  shownColumns,
} from './columns'

describe('the columns', () => {
  it('offer every task key the export writes', () => {
    expect(Object.keys(NATIVE_COLUMNS).sort()).toEqual([...EXPORTABLE_TASK_KEYS].sort())
  })

  it('name custom fields by their labels and say which the list can sort by', () => {
    const amount = definition('amount', 'money', { label: 'Refund amount' })
    expect(columnInfo('fields.amount', [amount])).toMatchObject({
      label: 'Refund amount',
      fieldKey: 'amount',
      definition: amount,
      sortKey: null,
    })
    expect(columnInfo('fields.country', []).label).toBe('country')
    expect(columnInfo('created_at', []).sortKey).toBe('created_at')
    expect(columnInfo('queue_name', []).sortKey).toBeNull()
  })

  it('offers defined fields in position order, then keys seen on the page', () => {
    const groups = availableColumns(
      [
        definition('zeta', 'text', { label: 'Zeta', position: 0 }),
        definition('alpha', 'text', { label: 'Alpha', position: 1 }),
      ],
      ['title', 'customer', 'alpha', 'url'],
    )
    expect(groups[1]?.columns.map((column) => column.key)).toEqual([
      'fields.zeta',
      'fields.alpha',
      'fields.customer',
    ])
    expect(groups[0]?.columns.map((column) => column.key)).toContain('assignee_email')
  })

  it('round-trip through the address with widths, and ignore what is no column', () => {
    const columns = [{ key: 'fields.title', width: 320 }, { key: 'status' }, { key: 'fields' }]
    const search = new URLSearchParams(columnsToSearch(columns))
    expect(search.toString()).toBe('col=320%3Afields.title&col=status&col=fields')
    expect(columnsFromSearch(search)).toEqual(columns)
    expect(
      columnsFromSearch(new URLSearchParams('col=password_hash&col=status&col=status')),
    ).toEqual([{ key: 'status' }])
    expect(columnsFromSearch(new URLSearchParams('col=9999:due_at'))).toEqual([
      { key: 'due_at', width: 2000 },
    ])
    expect(columnsFromSearch(new URLSearchParams(''))).toBeNull()
  })

  it('show the default set with its summary until the reader picks', () => {
    expect(shownColumns(null).map((column) => column.key)).toEqual([
      ...DEFAULT_COLUMNS,
      SUMMARY_COLUMN,
    ])
  })

  it('move and resize one column', () => {
    const columns = [{ key: 'a' }, { key: 'b' }, { key: 'c' }]
    expect(moveColumn(columns, 0, 2).map((column) => column.key)).toEqual(['b', 'c', 'a'])
    expect(moveColumn(columns, 0, 5)).toBe(columns)
    expect(resizeColumn(columns, 'b', 12)).toEqual([
      { key: 'a' },
      { key: 'b', width: 40 },
      { key: 'c' },
    ])
  })

  it('export what is shown, the summary as every defined field', () => {
    const defs = [definition('country', 'text'), definition('amount', 'money')]
    expect(exportColumns(null, defs)).toEqual([
      'uid',
      ...DEFAULT_COLUMNS,
      'fields.country',
      'fields.amount',
    ])
    expect(
      exportColumns([{ key: 'status' }, { key: SUMMARY_COLUMN }, { key: 'fields.x' }], defs),
    ).toEqual(['status', 'fields.x'])
    expect(savedColumns([{ key: SUMMARY_COLUMN }])).toEqual([])
  })
})
