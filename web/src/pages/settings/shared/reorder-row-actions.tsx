import { Link } from 'react-router-dom'
import { movePositions, type Positioned } from '../queues/queue-order'
import { ConfirmButton } from './confirm-button'

/**
 * The actions of one row of an ordered settings list (queues, field definitions): Up and Down
 * (as position changes for the whole list), Edit and Delete, each named for screen readers
 * with the row's `name`.
 */
export function ReorderRowActions({
  items,
  index,
  name,
  busy,
  editTo,
  deleteQuestion,
  onMove,
  onDelete,
  className = 'st-row-actions',
}: {
  items: readonly Positioned[]
  index: number
  name: string
  busy: boolean
  editTo: string
  deleteQuestion: string
  onMove: (changes: Positioned[]) => void
  onDelete: () => void
  className?: string
}) {
  const label = <span className="visually-hidden"> {name}</span>
  return (
    <div className={className}>
      <button
        type="button"
        className="button-secondary"
        disabled={busy || index === 0}
        onClick={() => onMove(movePositions(items, index, -1))}
      >
        Up{label}
      </button>
      <button
        type="button"
        className="button-secondary"
        disabled={busy || index === items.length - 1}
        onClick={() => onMove(movePositions(items, index, 1))}
      >
        Down{label}
      </button>
      <Link className="button-secondary" to={editTo}>
        Edit{label}
      </Link>
      <ConfirmButton question={deleteQuestion} disabled={busy} onConfirm={onDelete}>
        Delete{label}
      </ConfirmButton>
    </div>
  )
}
