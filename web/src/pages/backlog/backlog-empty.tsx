import { EmptyState } from '../../ui/empty-state'
import { type BacklogFilters, clearedFilters } from './backlog-filters'

/** Props of {@link BacklogEmpty}. */
export interface BacklogEmptyProps {
  filters: BacklogFilters
  /** Whether the filters narrow the list (else the backlog is simply empty). */
  filtered: boolean
  onChange: (filters: BacklogFilters) => void
}

/** What an empty page says: nothing matches (and how to widen it), or nothing open yet. */
export function BacklogEmpty({ filters, filtered, onChange }: BacklogEmptyProps) {
  if (!filtered) {
    return (
      <EmptyState title="No open tasks here">
        <p>New tasks appear here as soon as they are created, without reloading.</p>
      </EmptyState>
    )
  }
  const words = filters.q.trim()
  return (
    <EmptyState title="No tasks match">
      <p>
        {words
          ? `No task holds every word of “${words}” with these filters. Words match the start of words, in any order, accents and case aside.`
          : 'No task matches these filters.'}
      </p>
      <p className="empty-actions">
        {words ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => onChange({ ...filters, q: '' })}
          >
            Clear the words
          </button>
        ) : null}
        <button
          type="button"
          className="button-secondary"
          onClick={() => onChange(clearedFilters(filters))}
        >
          Clear all filters
        </button>
      </p>
    </EmptyState>
  )
}
