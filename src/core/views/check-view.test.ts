import { describe, expect, it } from 'vitest'
import { AppError } from '../../contract/errors'
import { checkView } from './check-view'

const refusal = (view: Parameters<typeof checkView>[0]) => {
  try {
    checkView(view)
  } catch (error) {
    return (error as AppError).fields.map((field) => field.path)
  }
  return []
}

describe('checkView', () => {
  it('accepts what the backlog can show', () => {
    expect(
      refusal({
        filter: { status: 'TODO,STARTED', country: ['FR', 'DE'], q: 'refund' },
        columns: [{ key: 'fields.title' }, { key: 'queue_name' }, { key: 'due_at' }],
        sort: '-created_at',
      }),
    ).toEqual([])
  })

  it('names every wrong part under /body', () => {
    expect(
      refusal({
        filter: { status: 'LOST', limit: '5', due_at_gte: 'yesterday' },
        columns: [{ key: 'uid' }, { key: 'password_hash' }, { key: 'uid' }],
        sort: 'title',
      }),
    ).toEqual([
      '/body/filter/limit',
      '/body/filter/status',
      '/body/filter/due_at_gte',
      '/body/columns/1/key',
      '/body/columns/2/key',
      '/body/sort',
    ])
    expect(() => checkView({ sort: 'nope' })).toThrow(AppError)
  })
})
