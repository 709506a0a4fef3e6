import { NavLink } from 'react-router-dom'
import { useQueueStats } from '../../api'
import { ErrorNotice } from '../../ui/error-notice'
import { Loading } from '../../ui/loading'
import { QueueCounts, totalCounts } from './queue-counts'

/**
 * The queues with their live counts; each links to its own task table. While a saved view is
 * open (`viewOpen`), "All tasks" is not marked as the page shown.
 */
export function QueueSidebar({ viewOpen = false }: { viewOpen?: boolean }) {
  const stats = useQueueStats()
  const lines = stats.data ?? []
  const queues = lines.filter((line) => line.queue_uid !== null)
  const unqueued = lines.find((line) => line.queue_uid === null)
  return (
    <nav className="queue-sidebar" aria-label="Queues">
      <h2 className="sidebar-title">Queues</h2>
      {stats.isPending ? <Loading label="Loading queues" /> : null}
      {stats.isError ? (
        <ErrorNotice error={stats.error} action="Could not load the queue counts" />
      ) : null}
      <ul className="queue-list">
        <li>
          <NavLink
            to="/"
            end
            className={({ isActive }) =>
              isActive && !viewOpen ? 'queue-link active' : 'queue-link'
            }
          >
            <span className="queue-name">All tasks</span>
            <QueueCounts counts={totalCounts(lines)} />
          </NavLink>
        </li>
        {queues.map((line) => (
          <li key={line.queue_uid}>
            <NavLink
              to={`/queues/${line.queue_uid}`}
              className={({ isActive }) =>
                isActive && !viewOpen ? 'queue-link active' : 'queue-link'
              }
            >
              <span className="queue-name">{line.queue_name}</span>
              <QueueCounts counts={line} />
            </NavLink>
          </li>
        ))}
        {unqueued ? (
          <li className="queue-unlinked">
            <span className="queue-name">In no queue</span>
            <QueueCounts counts={unqueued} />
          </li>
        ) : null}
      </ul>
      {stats.isSuccess && queues.length === 0 ? (
        <p className="muted small">No queues yet: an admin creates them in Settings › Queues.</p>
      ) : null}
    </nav>
  )
}
