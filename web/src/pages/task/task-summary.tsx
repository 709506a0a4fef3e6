import { Link } from 'react-router-dom'
import type { Task } from '../../api'
import { formatDateTime } from '../../ui/format'
import { SlaBadge } from '../../ui/sla-countdown'
import { StatusBadge } from '../../ui/status-badge'

/** Props of {@link TaskSummary}. */
export interface TaskSummaryProps {
  task: Task
  userNames: Map<string, string>
  queueNames: Map<string, string>
}

/** Status, assignee, queue, dates and the SLA countdown of a task. */
export function TaskSummary({ task, userNames, queueNames }: TaskSummaryProps) {
  return (
    <dl className="summary">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={task.status} />
        {task.archived ? <span className="badge badge-archived">Archived</span> : null}
      </dd>
      <dt>Assignee</dt>
      <dd>
        {task.assignee_uid ? (userNames.get(task.assignee_uid) ?? task.assignee_uid) : 'Unassigned'}
      </dd>
      <dt>Queue</dt>
      <dd>
        {task.queue_uid ? (
          <Link to={`/queues/${task.queue_uid}`}>
            {queueNames.get(task.queue_uid) ?? task.queue_uid}
          </Link>
        ) : (
          'None'
        )}
        {task.queue_updated_by ? <span className="muted small"> (routed by hand)</span> : null}
      </dd>
      <dt>Due</dt>
      <dd>{formatDateTime(task.due_at)}</dd>
      <dt>SLA</dt>
      <dd>
        <SlaBadge breachAt={task.sla_breach_at} doneAt={task.done_at} />
        {task.sla_breach_at ? (
          <span className="muted small"> (by {formatDateTime(task.sla_breach_at)})</span>
        ) : null}
      </dd>
      {task.snooze_expires_at ? (
        <>
          <dt>Snoozed until</dt>
          <dd>{formatDateTime(task.snooze_expires_at)}</dd>
        </>
      ) : null}
      <dt>Created</dt>
      <dd>{formatDateTime(task.created_at)}</dd>
      <dt>Updated</dt>
      <dd>{formatDateTime(task.updated_at)}</dd>
      {task.skills.length > 0 ? (
        <>
          <dt>Skills</dt>
          <dd>{task.skills.join(', ')}</dd>
        </>
      ) : null}
    </dl>
  )
}
