import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router-dom'
import { type BacklogFilters, filtersFromSearch } from './backlog-filters'
import { type ColumnSetting, columnsFromSearch } from './columns'
import { backlogSearch } from './view-state'

/** The backlog's whole state, as the page's address holds it. */
export interface BacklogState {
  filters: BacklogFilters
  /** The reader's columns, or null for the default set. */
  columns: ColumnSetting[] | null
  /** The saved view the state was opened from (it may have been changed since). */
  viewUid: string | null
  setFilters: (next: BacklogFilters) => void
  setColumns: (next: ColumnSetting[] | null) => void
  /** Leaves the saved view, keeping what is shown. */
  leaveView: () => void
}

/**
 * The backlog's filters, sort, columns and open view, kept in the page's address so that
 * any state can be bookmarked, shared, and left with the back button.
 */
export function useBacklogState(): BacklogState {
  const [search, setSearch] = useSearchParams()
  const filters = useMemo(() => filtersFromSearch(search), [search])
  const columns = useMemo(() => columnsFromSearch(search), [search])
  const viewUid = search.get('view')
  const setFilters = useCallback(
    (next: BacklogFilters) => setSearch(backlogSearch(next, columns, viewUid)),
    [setSearch, columns, viewUid],
  )
  const setColumns = useCallback(
    // Replacing the entry: a column dragged wider is not a step to go back to.
    (next: ColumnSetting[] | null) =>
      setSearch(backlogSearch(filters, next, viewUid), { replace: true }),
    [setSearch, filters, viewUid],
  )
  const leaveView = useCallback(
    () => setSearch(backlogSearch(filters, columns, null)),
    [setSearch, filters, columns],
  )
  return { filters, columns, viewUid, setFilters, setColumns, leaveView }
}
