import { AppError } from '../../contract/errors'

/** The keys a task list can be sorted by: all non-null, so keyset pagination is exact. */
export const LIST_SORT_KEYS = ['due_at', 'created_at', 'updated_at'] as const
export type ListSortKey = (typeof LIST_SORT_KEYS)[number]

/** A sort order for task lists; `uid` always breaks ties in the same direction. */
export interface ListSort {
  key: ListSortKey
  descending: boolean
}

/** Where a page ends: the sort key value and uid of its last task. */
export interface CursorPosition {
  sort: ListSort
  /** ISO 8601 timestamp of the sort key. */
  value: string
  uid: string
}

/** An opaque cursor: base64url JSON, so clients never build or parse one. */
export function encodeCursor(position: CursorPosition): string {
  const { sort, value, uid } = position
  return Buffer.from(JSON.stringify([sort.key, sort.descending ? 1 : 0, value, uid])).toString(
    'base64url',
  )
}

function invalidCursor(): AppError {
  return new AppError('validation_failed', 'The cursor is not one this API returned.', [
    { path: '/query/cursor', message: 'is not a valid cursor' },
  ])
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Reads a cursor back. A cursor made for another sort order is refused: continuing a walk
 * with a different order would skip or repeat tasks.
 */
export function decodeCursor(cursor: string, sort: ListSort): CursorPosition {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw invalidCursor()
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) {
    throw invalidCursor()
  }
  const [key, descending, value, uid] = parsed as unknown[]
  if (
    key !== sort.key ||
    descending !== (sort.descending ? 1 : 0) ||
    typeof value !== 'string' ||
    Number.isNaN(Date.parse(value)) ||
    typeof uid !== 'string' ||
    !UUID.test(uid)
  ) {
    throw invalidCursor()
  }
  return { sort, value, uid }
}

/** Parses `sort=due_at`, `sort=-created_at` (a leading minus sorts descending). */
export function parseListSort(raw: string | undefined): ListSort {
  const text = raw ?? 'due_at'
  const descending = text.startsWith('-')
  const key = descending ? text.slice(1) : text
  if (!(LIST_SORT_KEYS as readonly string[]).includes(key)) {
    throw new AppError('validation_failed', 'Unknown sort key.', [
      {
        path: '/query/sort',
        message: `must be one of ${LIST_SORT_KEYS.join(', ')}, optionally prefixed by -`,
      },
    ])
  }
  return { key: key as ListSortKey, descending }
}
