import { formatCount } from '../../ui/format'

/** Props of {@link Pager}. */
export interface PagerProps {
  pageNumber: number
  pageSize: number
  shown: number
  total: number
  hasNext: boolean
  /** A page is being fetched: the buttons wait for it. */
  busy: boolean
  onPrevious: () => void
  onNext: () => void
  onFirst: () => void
}

/** "51–100 of 100,000" with first, previous and next buttons. */
export function Pager(props: PagerProps) {
  const from = props.shown === 0 ? 0 : (props.pageNumber - 1) * props.pageSize + 1
  const to = from === 0 ? 0 : from + props.shown - 1
  return (
    <nav className="pager" aria-label="Pages" aria-busy={props.busy}>
      <p className="pager-range" aria-live="polite">
        {formatCount(from)}–{formatCount(to)} of {formatCount(props.total)}
      </p>
      <button
        type="button"
        className="button-secondary"
        onClick={props.onFirst}
        disabled={props.busy || props.pageNumber === 1}
      >
        First page
      </button>
      <button
        type="button"
        className="button-secondary"
        onClick={props.onPrevious}
        disabled={props.busy || props.pageNumber === 1}
      >
        Previous page
      </button>
      <button
        type="button"
        className="button-secondary"
        onClick={props.onNext}
        disabled={props.busy || !props.hasNext}
      >
        Next page
      </button>
    </nav>
  )
}
