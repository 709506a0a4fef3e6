import { Link } from 'react-router-dom'
import type { Task } from '../../api'
import { formatDateTime, formatFieldValue } from '../../ui/format'
import { SlaBadge } from '../../ui/sla-countdown'
import { StatusBadge } from '../../ui/status-badge'
import { BackOfficeLink } from '../task/back-office-link'

/** The task being worked on: what the operator needs beside the back-office tab. */
export function CurrentTask({ task }: { task: Task }) {
  const fields = Object.entries(task.fields).filter(([name]) => name !== 'title' && name !== 'url')
  return (
    <section className="panel current-task" aria-labelledby="current-eyebrow current-title">
      <p className="eyebrow" id="current-eyebrow">
        Current task
      </p>
      <h2 id="current-title">
        <Link to={`/tasks/${task.uid}`}>{task.fields.title}</Link>
      </h2>
      <p className="current-meta">
        <StatusBadge status={task.status} />
        <span>Due {formatDateTime(task.due_at)}</span>
        <SlaBadge breachAt={task.sla_breach_at} doneAt={task.done_at} />
      </p>
      <p>
        <BackOfficeLink url={task.fields.url} />
      </p>
      {fields.length > 0 ? (
        <dl className="fields">
          {fields.map(([name, value]) => (
            <div key={name} className="field-pair">
              <dt>{name}</dt>
              <dd>{formatFieldValue(value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  )
}
