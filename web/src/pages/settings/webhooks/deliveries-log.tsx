import { Link } from 'react-router-dom'
import type { DeliveryStatus } from '../../../api'
import { EmptyState } from '../../../ui/empty-state'
import { ErrorNotice } from '../../../ui/error-notice'
import { formatDateTime } from '../../../ui/format'
import { Loading } from '../../../ui/loading'
import { TableHead } from '../../../ui/table-head'
import { useDeliveries } from './webhooks-api'

const STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
}

/** One webhook's recent deliveries: what was sent, how often, and what came back. */
export function DeliveriesLog({ uid, url }: { uid: string; url: string }) {
  const deliveries = useDeliveries(uid)
  if (deliveries.isPending) {
    return <Loading label="Loading deliveries" />
  }
  if (deliveries.error) {
    return <ErrorNotice error={deliveries.error} action="Could not load the deliveries" />
  }
  if (deliveries.data.length === 0) {
    return <EmptyState title="No deliveries yet">Events are sent as tasks change.</EmptyState>
  }
  return (
    <div className="table-scroll">
      <table className="st-table">
        <TableHead
          caption={`Deliveries to ${url}`}
          columns={['Event', 'Task', 'Status', 'Attempts', 'Response', 'Created', 'Last attempt']}
        />
        <tbody>
          {deliveries.data.map((delivery) => (
            <tr key={delivery.uid}>
              <td>
                <code>{delivery.type}</code>
              </td>
              <td>
                <Link to={`/tasks/${delivery.task_uid}`}>{delivery.task_uid.slice(0, 8)}</Link>
              </td>
              <td className={`st-delivery-${delivery.status}`}>
                {STATUS_LABELS[delivery.status]}
                {delivery.status === 'pending' && delivery.next_attempt_at ? (
                  <span className="st-sub">next {formatDateTime(delivery.next_attempt_at)}</span>
                ) : null}
              </td>
              <td>{delivery.attempts}</td>
              <td>
                {delivery.last_response_status ?? '—'}
                {delivery.last_error ? <span className="st-sub">{delivery.last_error}</span> : null}
              </td>
              <td className="cell-nowrap">{formatDateTime(delivery.created_at)}</td>
              <td className="cell-nowrap">{formatDateTime(delivery.last_attempt_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
