import { Link } from 'react-router-dom'
import type { Queue } from '../../../api'
import { formatDuration } from '../../../ui/format'
import { TableHead } from '../../../ui/table-head'
import { QUEUES_PATH } from '../settings-paths'
import { ReorderRowActions } from '../shared/reorder-row-actions'
import type { movePositions } from './queue-order'

export interface QueueListProps {
  queues: readonly Queue[]
  busy: boolean
  onMove: (changes: ReturnType<typeof movePositions>) => void
  onDelete: (queue: Queue) => void
}

function slaText(queue: Queue): string {
  const policy = queue.sla_policy
  if (!policy) {
    return 'None'
  }
  const resolution =
    policy.resolution_minutes === undefined ? null : formatDuration(policy.resolution_minutes * 60)
  const text =
    policy.first_response_minutes === undefined
      ? (resolution ?? '')
      : [
          `first response ${formatDuration(policy.first_response_minutes * 60)}`,
          resolution ? `resolution ${resolution}` : null,
        ]
          .filter(Boolean)
          .join(', ')
  return policy.clock === 'business' ? `${text} (business hours)` : text
}

/** The queues in routing order: the first whose condition a task matches gets it. */
export function QueueList({ queues, busy, onMove, onDelete }: QueueListProps) {
  return (
    <div className="table-scroll">
      <table className="st-table">
        <TableHead
          caption="Queues in routing order"
          columns={['#', 'Queue', 'Skills', 'SLA']}
          actions
        />
        <tbody>
          {queues.map((queue, index) => (
            <tr key={queue.uid}>
              <td>{index + 1}</td>
              <th scope="row">
                <Link to={`${QUEUES_PATH}/${queue.uid}`}>{queue.name}</Link>
                {queue.description ? <span className="st-sub">{queue.description}</span> : null}
              </th>
              <td>{queue.skills.length > 0 ? queue.skills.join(', ') : '—'}</td>
              <td className="cell-nowrap">{slaText(queue)}</td>
              <td>
                <ReorderRowActions
                  items={queues}
                  index={index}
                  name={queue.name}
                  busy={busy}
                  editTo={`${QUEUES_PATH}/${queue.uid}`}
                  deleteQuestion={`Delete the queue "${queue.name}"? Its open tasks go to the next matching queue.`}
                  onMove={onMove}
                  onDelete={() => onDelete(queue)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
