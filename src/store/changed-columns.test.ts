import { describe, expect, it } from 'vitest'
import { changedColumns } from './changed-columns'

interface Row {
  uid: string
  status: string
  done_at: Date | null
  fields: Record<string, unknown>
  tags: string[]
}

const COLUMNS = ['status', 'done_at', 'fields', 'tags'] as const

const row = (changes: Partial<Row> = {}): Row => ({
  uid: 'a',
  status: 'STARTED',
  done_at: null,
  fields: { title: 'Refund', amount: 12 },
  tags: ['vip'],
  ...changes,
})

describe('the columns a write changes', () => {
  it('are none for a row written as it was read, copies of its objects included', () => {
    const read = row({ done_at: new Date('2026-12-06T10:00:00Z') })
    const copy = { ...read, done_at: new Date(read.done_at as Date), fields: { ...read.fields } }
    expect(changedColumns([read], [copy], COLUMNS)).toEqual([])
  })

  it('name each column whose value moved, to null and back from it included', () => {
    const read = row()
    expect(
      changedColumns(
        [read],
        [{ ...read, status: 'DONE', done_at: new Date(), fields: { ...read.fields, amount: 13 } }],
        COLUMNS,
      ),
    ).toEqual(['status', 'done_at', 'fields'])
    expect(changedColumns([row({ tags: ['vip'] })], [row({ tags: [] })], COLUMNS)).toEqual(['tags'])
    expect(
      changedColumns([row({ done_at: new Date(0) })], [row({ done_at: null })], COLUMNS),
    ).toEqual(['done_at'])
  })

  it('take the union over the rows of a batch, and every column of a row not matched by uid', () => {
    expect(
      changedColumns(
        [row(), row({ uid: 'b' })],
        [row(), row({ uid: 'b', status: 'DONE' })],
        COLUMNS,
      ),
    ).toEqual(['status'])
    expect(changedColumns([row()], [row({ uid: 'b' })], COLUMNS)).toEqual([...COLUMNS])
    expect(changedColumns([], [row()], COLUMNS)).toEqual([...COLUMNS])
  })

  it('count a date against its text as changed rather than guess', () => {
    const read = row({ done_at: new Date(0) })
    const after = { ...read, done_at: '1970-01-01T00:00:00.000Z' as unknown as Date }
    expect(changedColumns([read], [after], COLUMNS)).toEqual(['done_at'])
  })
})
