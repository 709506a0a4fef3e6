import { Link } from 'react-router-dom'
import type { TaskStatus } from '../../../api'
import { ErrorNotice } from '../../../ui/error-notice'
import { formatCount, formatDateTime } from '../../../ui/format'
import { StatusBadge, statusLabel } from '../../../ui/status-badge'
import { PREVIEW_LIMIT, type PreviewTask, type StatusCount } from './preview-api'

export interface ConditionPreviewProps {
  tasks: PreviewTask[] | undefined
  counts: StatusCount[] | undefined
  /** The condition cannot be sent yet (a value is not valid JSON) or the API refused it. */
  invalid: boolean
  error: Error | null
  loading: boolean
}

const STATUSES: readonly TaskStatus[] = ['TODO', 'STARTED', 'DONE']

function isStatus(value: string): value is TaskStatus {
  return STATUSES.some((status) => status === value)
}

function summary(counts: StatusCount[]): string {
  const total = counts.reduce((sum, group) => sum + group.count, 0)
  const parts = counts
    .filter((group) => isStatus(group.status))
    .map(
      (group) =>
        `${formatCount(group.count)} ${statusLabel(group.status as TaskStatus).toLowerCase()}`,
    )
  const noun = total === 1 ? 'task matches' : 'tasks match'
  return parts.length > 0
    ? `${formatCount(total)} ${noun} (${parts.join(', ')})`
    : `${formatCount(total)} ${noun}`
}

/** The tasks a condition matches now, so its effect is seen before the queue is saved. */
export function ConditionPreview({
  tasks,
  counts,
  invalid,
  error,
  loading,
}: ConditionPreviewProps) {
  return (
    <section className="st-preview" aria-labelledby="preview-title" aria-busy={loading}>
      <h3 id="preview-title">Matching tasks</h3>
      <p className="muted small">
        Unarchived tasks this condition matches. A task joins the first queue, by position, whose
        condition it matches, so queues above this one may take some of them.
      </p>
      {invalid ? (
        <p className="st-preview-invalid">Fix the condition above to see the tasks it matches.</p>
      ) : null}
      {!invalid && error ? (
        <ErrorNotice error={error} action="Could not preview the condition" />
      ) : null}
      {!invalid && counts ? (
        <p role="status" className="st-preview-count">
          {summary(counts)}
        </p>
      ) : null}
      {!invalid && tasks && tasks.length > 0 ? (
        <>
          <ul className="st-preview-list">
            {tasks.map((task) => (
              <li key={task.uid}>
                <Link to={`/tasks/${task.uid}`}>{task.fields?.title ?? task.uid}</Link>
                {task.status && isStatus(task.status) ? <StatusBadge status={task.status} /> : null}
                <span className="muted small">due {formatDateTime(task.due_at)}</span>
              </li>
            ))}
          </ul>
          {tasks.length === PREVIEW_LIMIT ? (
            <p className="muted small">The first {PREVIEW_LIMIT}, soonest due first.</p>
          ) : null}
        </>
      ) : null}
    </section>
  )
}
