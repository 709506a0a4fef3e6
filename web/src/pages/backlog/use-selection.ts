import { useCallback, useState } from 'react'
import {
  allOnPage,
  EMPTY_SELECTION,
  isSelected,
  type Selection,
  selectedCount,
  toggleOne,
  togglePage,
  toggleRange,
} from './selection'

/** The backlog's selection and what changes it (see `selection.ts`). */
export interface SelectionState {
  value: Selection
  isSelected: (uid: string) => boolean
  /** `range`: shift was held. */
  toggle: (uid: string, range: boolean) => void
  togglePage: () => void
  pageState: 'none' | 'some' | 'all'
  selectAllMatching: () => void
  clear: () => void
  count: (matching: number) => number
}

/**
 * The selection of the backlog for one filter (`filterKey`): it survives paging, so tasks
 * of several pages can be picked, and is dropped when the filter changes (a selection of
 * "everything matching" would silently mean something else).
 */
export function useSelection(filterKey: string, pageUids: readonly string[]): SelectionState {
  const [state, setState] = useState<{ key: string; value: Selection }>({
    key: filterKey,
    value: EMPTY_SELECTION,
  })
  // Reset during render, not in an effect: no frame shows the old selection on new rows.
  const value = state.key === filterKey ? state.value : EMPTY_SELECTION
  if (state.key !== filterKey) {
    setState({ key: filterKey, value })
  }
  const set = useCallback(
    (next: Selection) => setState({ key: filterKey, value: next }),
    [filterKey],
  )
  const some = pageUids.some((uid) => isSelected(value, uid))
  return {
    value,
    isSelected: (uid) => isSelected(value, uid),
    toggle: (uid, range) =>
      set(range ? toggleRange(value, uid, pageUids) : toggleOne(value, uid, pageUids)),
    togglePage: () => set(togglePage(value, pageUids)),
    pageState: allOnPage(value, pageUids) ? 'all' : some ? 'some' : 'none',
    selectAllMatching: () => set({ kind: 'filter' }),
    clear: () => set(EMPTY_SELECTION),
    count: (matching) => selectedCount(value, matching),
  }
}
