import { Link } from 'react-router-dom'
import { ErrorNotice } from '../../ui/error-notice'
import { formatCount } from '../../ui/format'
import type { View } from './view-state'
import { viewHref } from './view-state'

/** Props of {@link ViewSidebar}. */
export interface ViewSidebarProps {
  views: View[] | undefined
  error: Error | null
  /** The view open now, to mark it. */
  currentUid: string | null
  /** The reader's page size, kept when a view opens. */
  limit: number
}

/**
 * The pinned views (the reader's and shared ones), each with how many tasks it matches now;
 * the counts follow live task events (see `useViews`).
 */
export function ViewSidebar({ views, error, currentUid, limit }: ViewSidebarProps) {
  const pinned = (views ?? []).filter((view) => view.pinned)
  if (!error && pinned.length === 0) {
    return null
  }
  return (
    <nav className="queue-sidebar view-sidebar" aria-label="Pinned views">
      <h2 className="sidebar-title">Views</h2>
      {error ? <ErrorNotice error={error} action="Could not load the saved views" /> : null}
      <ul className="queue-list">
        {pinned.map((view) => (
          <li key={view.uid}>
            <Link
              to={viewHref(view, limit)}
              className={view.uid === currentUid ? 'queue-link active' : 'queue-link'}
              aria-current={view.uid === currentUid ? 'page' : undefined}
            >
              <span className="queue-name">
                {view.name}
                {view.shared ? <span className="view-mark"> · shared</span> : null}
              </span>
              <span className="queue-counts">
                <span className="count">
                  {view.count === undefined ? '…' : `${formatCount(view.count)} tasks`}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
