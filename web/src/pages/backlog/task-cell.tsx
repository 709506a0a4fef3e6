import type { ReactNode } from 'react'
import { Link } from 'react-router-dom'
import type { FieldDefinition, Task, User } from '../../api'
import type { SearchMatch } from '../../fields'
import { backlogFields, FieldValue } from '../../fields'
import { formatDuration, formatShortDateTime } from '../../ui/format'
import { Highlighted } from '../../ui/highlighted'
import { SlaText } from '../../ui/sla-countdown'
import { StatusBadge } from '../../ui/status-badge'
import { type ColumnInfo, SUMMARY_COLUMN, TITLE_COLUMN } from './columns'
import { MatchLines } from './search-results'

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

/** What every cell of a page needs besides its task and column. */
export interface CellContext {
  users: ReadonlyMap<string, User>
  queueNames: ReadonlyMap<string, string>
  definitions: readonly FieldDefinition[]
  now: Date
}

const DATE_KEYS = new Set([
  'created_at',
  'updated_at',
  'started_at',
  'done_at',
  'snooze_expires_at',
  'assigned_at',
  'sla_breach_business_at',
  'first_response_due_at',
  'resolution_due_at',
])
const DURATION_KEYS = new Set([
  'queue_time',
  'wait_time',
  'work_time',
  'work_time_business',
  'resolution_time',
  'resolution_time_business',
])

const none = (text = '—') => <span className="muted">{text}</span>

/** One cell's content: the task's value for the column, shown by its kind. */
export function CellContent({
  column,
  task,
  context,
  matches,
}: {
  column: ColumnInfo
  task: Task
  context: CellContext
  /** Where the text filter matched this task, when it is set. */
  matches: SearchMatch[] | null
}): ReactNode {
  const { now } = context
  if (column.key === TITLE_COLUMN) {
    const title = matches?.find((match) => match.key === 'title')
    return (
      <>
        <Link to={`/tasks/${task.uid}`}>
          {title ? (
            <Highlighted text={title.snippet} highlights={title.highlights} />
          ) : (
            task.fields.title
          )}
        </Link>
        {task.archived ? <span className="badge badge-archived">Archived</span> : null}
        {matches ? <MatchLines matches={matches.filter((match) => match.key !== 'title')} /> : null}
      </>
    )
  }
  if (column.key === SUMMARY_COLUMN) {
    return <FieldsSummary fields={task.fields} definitions={context.definitions} />
  }
  if (column.fieldKey !== null) {
    const value = task.fields[column.fieldKey]
    return value === undefined || value === null || value === '' ? null : (
      <FieldValue definition={column.definition} value={value} compact />
    )
  }
  switch (column.key) {
    case 'status':
      return <StatusBadge status={task.status} />
    case 'assignee_email': {
      const user = task.assignee_uid ? context.users.get(task.assignee_uid) : undefined
      if (!task.assignee_uid) {
        return none('Unassigned')
      }
      return <span title={user?.email}>{user?.name ?? 'Someone'}</span>
    }
    case 'queue_name':
      return task.queue_uid ? (context.queueNames.get(task.queue_uid) ?? '…') : none('None')
    case 'due_at':
      return formatShortDateTime(task.due_at, now)
    case 'sla_due_at':
      return (
        <SlaText
          breachAt={task.sla_due_at}
          doneAt={task.done_at}
          pausedSince={task.sla_paused_since}
          now={now}
        />
      )
    case 'sla_breach_at':
      return <SlaText breachAt={task.sla_breach_at} doneAt={task.done_at} now={now} />
    case 'archived':
      return task.archived ? 'Yes' : 'No'
    case 'skills':
    case 'tags': {
      const list = task[column.key]
      return list.length > 0 ? list.join(', ') : null
    }
  }
  // The other columns are keys of the task itself (NATIVE_COLUMNS), read as they are.
  const value: unknown = (task as unknown as Record<string, unknown>)[column.key]
  if (value === null || value === undefined || value === '') {
    return null
  }
  if (DATE_KEYS.has(column.key) && typeof value === 'string') {
    return formatShortDateTime(value, now)
  }
  if (DURATION_KEYS.has(column.key) && typeof value === 'number') {
    return formatDuration(value)
  }
  return <span className="cell-raw">{String(value)}</span>
}

/** The class of a column's cells: wrapping, urgency. */
export function cellClass(column: ColumnInfo, task: Task, now: Date): string | undefined {
  if (column.key === TITLE_COLUMN) {
    return 'cell-title'
  }
  if (column.key === SUMMARY_COLUMN) {
    return 'cell-fields'
  }
  if (column.key === 'due_at') {
    return isOverdue(task, now) ? 'cell-nowrap overdue' : 'cell-nowrap'
  }
  if (column.key.endsWith('_at')) {
    return 'cell-nowrap'
  }
  return undefined
}
