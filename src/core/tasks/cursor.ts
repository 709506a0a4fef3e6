import { AppError } from '../../contract/errors'
import { LIST_SORT_KEYS } from '../../contract/task-list'

export { LIST_SORT_KEYS }
export type ListSortKey = (typeof LIST_SORT_KEYS)[number]

/** A sort order for task lists; `uid` always breaks ties in the same direction. */
export interface ListSort {
  key: ListSortKey
  descending: boolean
}

/**
 * Where a page starts: after the task at (value, uid) for a forward cursor (`next_cursor`,
 * the last task of the page before), or before it for a backward one (`prev_cursor`, the
 * first task of the page after).
 */
export interface CursorPosition {
  sort: ListSort
  /** ISO 8601 timestamp of the sort key. */
  value: string
  uid: string
  /** True for a `prev_cursor`: the page is the tasks just before the position. */
  backward?: boolean
}

/**
 * An opaque cursor: base64url JSON, so clients never build or parse one. Forward cursors
 * keep the four-item form they always had, so cursors handed out before still work.
 */
export function encodeCursor(position: CursorPosition): string {
  const { sort, value, uid, backward } = position
  const items: unknown[] = [sort.key, sort.descending ? 1 : 0, value, uid]
  if (backward) {
    items.push(1)
  }
  return Buffer.from(JSON.stringify(items)).toString('base64url')
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
  if (!Array.isArray(parsed) || parsed.length < 4 || parsed.length > 5) {
    throw invalidCursor()
  }
  const [key, descending, value, uid, backward] = parsed as unknown[]
  if (
    (parsed.length === 5 && backward !== 1) ||
    key !== sort.key ||
    descending !== (sort.descending ? 1 : 0) ||
    typeof value !== 'string' ||
    Number.isNaN(Date.parse(value)) ||
    typeof uid !== 'string' ||
    !UUID.test(uid)
  ) {
    throw invalidCursor()
  }
  return backward === 1 ? { sort, value, uid, backward: true } : { sort, value, uid }
}

/**
 * Parses `sort=due_at`, `sort=-created_at` (a leading minus sorts descending); `path` names
 * the parameter it came from (`sort` or Fragment's `order_by`).
 */
export function parseListSort(raw: string | undefined, path = '/query/sort'): ListSort {
  const text = raw ?? 'due_at'
  const descending = text.startsWith('-')
  const key = descending ? text.slice(1) : text
  if (!(LIST_SORT_KEYS as readonly string[]).includes(key)) {
    throw new AppError('validation_failed', `Unknown sort key: ${key}.`, [
      {
        path,
        message: `unknown key ${JSON.stringify(key)}: must be one of ${LIST_SORT_KEYS.join(', ')}, optionally prefixed by -`,
      },
    ])
  }
  return { key: key as ListSortKey, descending }
}
