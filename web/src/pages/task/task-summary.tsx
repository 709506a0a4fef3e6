import { Link } from 'react-router-dom'
import type { Queue, Task, User } from '../../api'
import { formatDateTime } from '../../ui/format'
import { SlaBadge } from '../../ui/sla-countdown'
import { StatusBadge } from '../../ui/status-badge'
import { AssignAction } from './assign-action'
import { DueDate } from './due-date'
import { RouteAction } from './route-action'
import { StatusAction } from './status-action'
import type { Undoable } from './undo-toast'

/** Props of {@link TaskSummary}. */
export interface TaskSummaryProps {
  task: Task
  users: User[]
  queues: Queue[]
  userNames: Map<string, string>
  queueNames: Map<string, string>
  /** Operators and above: status and due date. */
  canWork: boolean
  /** Admins and above: assignee and queue. */
  canManage: boolean
  onUndoable: (undoable: Undoable) => void
}

function QueueLink({ task, queueNames }: Pick<TaskSummaryProps, 'task' | 'queueNames'>) {
  return task.queue_uid ? (
    <Link to={`/queues/${task.queue_uid}`}>{queueNames.get(task.queue_uid) ?? task.queue_uid}</Link>
  ) : (
    <>None</>
  )
}

/**
 * Status, assignee, queue, due date, SLA and dates of a task. What the signed-in role may
 * change is a control that applies at once (the due date opens in place); the rest is text.
 */
export function TaskSummary(props: TaskSummaryProps) {
  const { task, userNames, queueNames, canWork, canManage, onUndoable } = props
  return (
    <dl className="summary">
      {canWork ? (
        <StatusAction task={task} onUndoable={onUndoable} />
      ) : (
        <>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={task.status} />
          </dd>
        </>
      )}
      {task.archived ? (
        <>
          <dt>Archived</dt>
          <dd>
            <span className="badge badge-archived">Archived</span>
          </dd>
        </>
      ) : null}
      {canManage ? (
        <AssignAction task={task} users={props.users} onUndoable={onUndoable} />
      ) : (
        <>
          <dt>Assignee</dt>
          <dd>
            {task.assignee_uid
              ? (userNames.get(task.assignee_uid) ?? task.assignee_uid)
              : 'Unassigned'}
          </dd>
        </>
      )}
      {canManage ? (
        <>
          <RouteAction task={task} queues={props.queues} onUndoable={onUndoable} />
          {task.queue_updated_by ? null : (
            <dd className="summary-note small">
              {task.queue_uid ? (
                <>
                  The rules put it in <QueueLink task={task} queueNames={queueNames} />
                </>
              ) : (
                'No queue’s rules match it'
              )}
            </dd>
          )}
        </>
      ) : (
        <>
          <dt>Queue</dt>
          <dd>
            <QueueLink task={task} queueNames={queueNames} />
            {task.queue_updated_by ? <span className="muted small"> (routed by hand)</span> : null}
          </dd>
        </>
      )}
      <DueDate task={task} canEdit={canWork} />
      <dt>SLA</dt>
      <dd>
        <SlaBadge
          breachAt={task.sla_due_at}
          doneAt={task.done_at}
          pausedSince={task.sla_paused_since}
        />
        {task.sla_due_at ? (
          <span className="muted small"> (by {formatDateTime(task.sla_due_at)})</span>
        ) : null}
        {task.first_response_due_at ? (
          <span className="muted small sla-targets">
            First response due {formatDateTime(task.first_response_due_at)}
            {task.resolution_due_at
              ? `, resolution due ${formatDateTime(task.resolution_due_at)}`
              : ''}
          </span>
        ) : null}
      </dd>
      {task.snooze_expires_at ? (
        <>
          <dt>Snoozed until</dt>
          <dd>{formatDateTime(task.snooze_expires_at)}</dd>
        </>
      ) : null}
      {task.task_type ? (
        <>
          <dt>Type</dt>
          <dd>{task.task_type}</dd>
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
