import { useState } from 'react'

/** Where the reader is in a keyset-paginated list, and how to move. */
export interface CursorPages {
  /** The cursor of the page shown; null for the first page. */
  cursor: string | null
  /** 1 for the first page. */
  pageNumber: number
  next: (nextCursor: string) => void
  previous: () => void
  first: () => void
}

/**
 * Page-by-page navigation over `GET /tasks`, which only walks forward (`next_cursor`): the
 * cursors of the pages already seen are kept to walk back. Starts over whenever `resetKey`
 * changes (new filters make the old cursors meaningless).
 */
export function useCursorPages(resetKey: string): CursorPages {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({
    key: resetKey,
    stack: [null],
  })
  // Resetting during render, not in an effect, so a stale cursor is never fetched.
  const stack = state.key === resetKey ? state.stack : [null]
  if (state.key !== resetKey) {
    setState({ key: resetKey, stack })
  }
  return {
    cursor: stack[stack.length - 1] ?? null,
    pageNumber: stack.length,
    next: (nextCursor) => setState({ key: resetKey, stack: [...stack, nextCursor] }),
    previous: () =>
      setState({ key: resetKey, stack: stack.length > 1 ? stack.slice(0, -1) : stack }),
    first: () => setState({ key: resetKey, stack: [null] }),
  }
}
