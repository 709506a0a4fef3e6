import { describe, expect, it } from 'vitest'
import { AppError } from '../../contract/errors'
import { encodeBulkCursor } from './bulk-action'
import { readSelection } from './bulk-selection'

const A = '00000000-0000-4000-8000-00000000000A'
const B = '00000000-0000-4000-8000-00000000000b'

function pathsOf(run: () => unknown): string[] {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) {
      return error.fields.map((field) => field.path)
    }
    throw error
  }
  throw new Error('expected an AppError')
}

describe('readSelection', () => {
  it('counts each uid once, lower-cased, in uid order', () => {
    expect(readSelection({ uids: [B, A, A.toLowerCase()] })).toEqual({
      kind: 'uids',
      uids: [A.toLowerCase(), B],
    })
  })

  it('reads a filter with the meaning of GET /tasks, and the cursor going on with it', () => {
    const after = encodeBulkCursor({ bulkUid: B, lastUid: B })
    const selection = readSelection({
      filter: { status: 'TODO,STARTED', country: ['FR', 'DE'], q: 'refund', sort: '-due_at' },
      after,
    })
    expect(selection).toMatchObject({
      kind: 'filter',
      filter: {
        statuses: ['TODO', 'STARTED'],
        archived: 'false',
        custom: [{ key: 'country', candidates: ['FR', 'DE'] }],
        text: 'refund',
      },
      after: { bulkUid: B, lastUid: B },
    })
  })

  it('wants uids or a filter, one of the two, and `after` only with a filter', () => {
    expect(pathsOf(() => readSelection({}))).toEqual(['/body/selection/uids'])
    expect(pathsOf(() => readSelection({ uids: [A], filter: {} }))).toEqual([
      '/body/selection/uids',
    ])
    expect(pathsOf(() => readSelection({ uids: [A], after: 'x' }))).toEqual([
      '/body/selection/after',
    ])
  })

  it('names every wrong filter key under the body, page parameters included', () => {
    expect(
      pathsOf(() =>
        readSelection({
          filter: { status: 'LATER', queue_uid: 'nope', limit: '10', cursor: 'x' },
          after: 'not a cursor',
        }),
      ).sort(),
    ).toEqual(
      [
        '/body/selection/after',
        '/body/selection/filter/cursor',
        '/body/selection/filter/limit',
        '/body/selection/filter/queue_uid',
        '/body/selection/filter/status',
      ].sort(),
    )
  })
})
