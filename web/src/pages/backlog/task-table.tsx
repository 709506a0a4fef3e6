import { Link } from 'react-router-dom'
import type { FieldDefinition, Task } from '../../api'
import { backlogFields, FieldValue } from '../../fields'
import { formatShortDateTime } from '../../ui/format'
import { SlaText } from '../../ui/sla-countdown'
import { StatusBadge } from '../../ui/status-badge'
import { TableHead } from '../../ui/table-head'
import { useNow } from '../../ui/use-now'

/**
 * A row's custom fields by label, formatted by type: those defined to be shown in the
 * backlog first, in their order, then a few others (see `backlogFields`).
 */
export function FieldsSummary({
  fields,
  definitions,
}: {
  fields: Task['fields']
  definitions: readonly FieldDefinition[]
}) {
  return (
    <ul className="field-summary">
      {backlogFields(fields, definitions).map((entry) => (
        <li key={entry.key}>
          <span className="field-summary-label">{entry.label}:</span>{' '}
          <FieldValue definition={entry.definition} value={entry.value} compact />
        </li>
      ))}
    </ul>
  )
}

/** Whether an open task is past its due date. */
export function isOverdue(task: Task, now: Date): boolean {
  return task.status !== 'DONE' && new Date(task.due_at).getTime() < now.getTime()
}

/** Props of {@link TaskTable}. */
export interface TaskTableProps {
  tasks: Task[]
  caption: string
  userNames: Map<string, string>
  queueNames: Map<string, string>
  /** The organization's field definitions: the Fields column shows labels and formats. */
  definitions: readonly FieldDefinition[]
  /** Which column is sorted, for `aria-sort`. */
  sortedBy: 'due_at' | 'created_at' | 'updated_at'
  descending: boolean
}

/** One page of tasks; the title opens the task. */
export function TaskTable(props: TaskTableProps) {
  // One clock for the whole table: a timer per row would cost a render per row per tick.
  const now = useNow(5000)
  const dueSort =
    props.sortedBy === 'due_at' ? (props.descending ? 'descending' : 'ascending') : undefined
  return (
    <div className="table-scroll">
      <table className="task-table">
        <TableHead
          caption={props.caption}
          columns={[
            'Title',
            'Status',
            'Assignee',
            'Queue',
            { label: 'Due', sort: dueSort },
            'SLA',
            'Fields',
          ]}
        />
        <tbody>
          {props.tasks.map((task) => (
            <tr key={task.uid}>
              <td className="cell-title">
                <Link to={`/tasks/${task.uid}`}>{task.fields.title}</Link>
              </td>
              <td>
                <StatusBadge status={task.status} />
              </td>
              <td>
                {task.assignee_uid ? (
                  (props.userNames.get(task.assignee_uid) ?? 'Someone')
                ) : (
                  <span className="muted">Unassigned</span>
                )}
              </td>
              <td data-label="Queue">
                {task.queue_uid ? (
                  (props.queueNames.get(task.queue_uid) ?? '…')
                ) : (
                  <span className="muted">None</span>
                )}
              </td>
              <td
                className={isOverdue(task, now) ? 'cell-nowrap overdue' : 'cell-nowrap'}
                data-label="Due"
              >
                {formatShortDateTime(task.due_at, now)}
              </td>
              <td className="cell-nowrap">
                <SlaText breachAt={task.sla_breach_at} doneAt={task.done_at} now={now} />
              </td>
              <td className="cell-fields">
                <FieldsSummary fields={task.fields} definitions={props.definitions} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
