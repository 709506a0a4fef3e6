import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router-dom'
import { type BacklogFilters, filtersFromSearch, filtersToSearch } from './backlog-filters'

/**
 * The backlog's filters, kept in the page's address so that a filtered view can be
 * bookmarked, shared, and left with the back button.
 */
export function useBacklogFilters(): [BacklogFilters, (next: BacklogFilters) => void] {
  const [search, setSearch] = useSearchParams()
  const filters = useMemo(() => filtersFromSearch(search), [search])
  const setFilters = useCallback(
    (next: BacklogFilters) => setSearch(filtersToSearch(next)),
    [setSearch],
  )
  return [filters, setFilters]
}
