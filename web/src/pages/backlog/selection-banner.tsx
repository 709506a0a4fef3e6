import { formatCount } from '../../ui/format'
import { allOnPage, MAX_SELECTED_UIDS, type Selection } from './selection'

/** Props of {@link SelectionBanner}. */
export interface SelectionBannerProps {
  selection: Selection
  pageUids: readonly string[]
  /** Tasks the filter matches; null while unknown. */
  total: number | null
  onSelectAllMatching: () => void
  onClear: () => void
}

/**
 * What is selected, in words, with the step beyond the page: once a whole page is selected,
 * "Select all N tasks matching this filter" (acted on by filter, not by uid).
 */
export function SelectionBanner(props: SelectionBannerProps) {
  const { selection, pageUids, total } = props
  if (selection.kind === 'filter') {
    return (
      <p className="selection-banner" role="status">
        All {total === null ? '' : `${formatCount(total)} `}tasks matching this filter are selected.{' '}
        <button type="button" className="button-link" onClick={props.onClear}>
          Clear selection
        </button>
      </p>
    )
  }
  const count = selection.uids.size
  if (count === 0) {
    return null
  }
  const offPage = [...selection.uids].filter((uid) => !pageUids.includes(uid)).length
  const more = total !== null && total > pageUids.length && allOnPage(selection, pageUids)
  return (
    <p className="selection-banner" role="status">
      {formatCount(count)} selected
      {offPage > 0 ? ` (${formatCount(offPage)} on other pages)` : ''}.
      {count > MAX_SELECTED_UIDS
        ? ` At most ${formatCount(MAX_SELECTED_UIDS)} tasks by hand: select all matching instead.`
        : ''}{' '}
      {more ? (
        <button type="button" className="button-link" onClick={props.onSelectAllMatching}>
          Select all {formatCount(total)} tasks matching this filter
        </button>
      ) : null}{' '}
      <button type="button" className="button-link" onClick={props.onClear}>
        Clear selection
      </button>
    </p>
  )
}
