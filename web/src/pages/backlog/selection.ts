/**
 * The backlog's selection: tasks picked by uid (kept while paging, so a selection can span
 * pages), or every task the filter matches ("select all N"), which a bulk action then sends
 * as a filter rather than uids. Pure: the page keeps it in state.
 */

/** Most uids one bulk request takes (MAX_BULK_UIDS of src/contract/bulk.ts). */
export const MAX_SELECTED_UIDS = 1000

export type Selection =
  | { kind: 'uids'; uids: ReadonlySet<string>; anchor: string | null }
  | { kind: 'filter' }

export const EMPTY_SELECTION: Selection = { kind: 'uids', uids: new Set(), anchor: null }

/** Whether the task is selected. */
export function isSelected(selection: Selection, uid: string): boolean {
  return selection.kind === 'filter' || selection.uids.has(uid)
}

/** How many tasks are selected, given how many the filter matches. */
export function selectedCount(selection: Selection, matching: number): number {
  return selection.kind === 'filter' ? matching : selection.uids.size
}

function withUids(uids: Set<string>, anchor: string | null): Selection {
  return { kind: 'uids', uids, anchor }
}

/** Selects or unselects one task; it becomes the anchor of a shift-click range. */
export function toggleOne(
  selection: Selection,
  uid: string,
  pageUids: readonly string[],
): Selection {
  const uids = new Set(selection.kind === 'uids' ? selection.uids : pageUids)
  if (uids.has(uid)) {
    uids.delete(uid)
  } else {
    uids.add(uid)
  }
  return withUids(uids, uid)
}

/**
 * A shift-click: every task of the page between the anchor and `uid` takes the state the
 * clicked one gets. Without an anchor on this page it is a plain toggle.
 */
export function toggleRange(
  selection: Selection,
  uid: string,
  pageUids: readonly string[],
): Selection {
  const anchor = selection.kind === 'uids' ? selection.anchor : null
  const from = anchor === null ? -1 : pageUids.indexOf(anchor)
  const to = pageUids.indexOf(uid)
  if (from < 0 || to < 0) {
    return toggleOne(selection, uid, pageUids)
  }
  const select = !isSelected(selection, uid)
  const uids = new Set(selection.kind === 'uids' ? selection.uids : pageUids)
  for (const inRange of pageUids.slice(Math.min(from, to), Math.max(from, to) + 1)) {
    if (select) {
      uids.add(inRange)
    } else {
      uids.delete(inRange)
    }
  }
  return withUids(uids, uid)
}

/** Whether every task of the page is selected. */
export function allOnPage(selection: Selection, pageUids: readonly string[]): boolean {
  return pageUids.length > 0 && pageUids.every((uid) => isSelected(selection, uid))
}

/** The page's header checkbox: selects the whole page, or unselects it when it all is. */
export function togglePage(selection: Selection, pageUids: readonly string[]): Selection {
  if (allOnPage(selection, pageUids)) {
    if (selection.kind === 'filter') {
      return EMPTY_SELECTION
    }
    const uids = new Set(selection.uids)
    for (const uid of pageUids) {
      uids.delete(uid)
    }
    return withUids(uids, null)
  }
  const uids = new Set(selection.kind === 'uids' ? selection.uids : [])
  for (const uid of pageUids) {
    uids.add(uid)
  }
  return withUids(uids, null)
}

/** The body's `selection` of POST /tasks/bulk for this selection and the filter shown. */
export function bulkSelection(
  selection: Selection,
  filter: Record<string, string | string[]>,
): { uids: string[] } | { filter: Record<string, string | string[]> } {
  return selection.kind === 'filter' ? { filter } : { uids: [...selection.uids] }
}
