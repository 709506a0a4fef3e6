import { Link } from 'react-router-dom'
import { type Task, useFieldDefinitions } from '../../api'
import { FieldValue, NATIVE_FIELD_KEYS, orderFields } from '../../fields'
import { formatDateTime } from '../../ui/format'
import { SlaBadge } from '../../ui/sla-countdown'
import { StatusBadge } from '../../ui/status-badge'
import { BackOfficeLink } from '../task/back-office-link'

/** Props of {@link CurrentTask}. */
export interface CurrentTaskProps {
  task: Task
  /** Keys shown elsewhere (the form before Complete edits them), left out of the card. */
  hidden?: readonly string[]
}

/**
 * The task being worked on: what the operator needs beside the back-office tab. Its fields
 * by their definitions (label, value by type, in position order), then keys no definition
 * describes, by key; shown raw until the definitions have loaded.
 */
export function CurrentTask({ task, hidden = [] }: CurrentTaskProps) {
  const definitions = useFieldDefinitions()
  const fields = orderFields(task.fields, definitions.data ?? [], {
    exclude: [...NATIVE_FIELD_KEYS, ...hidden],
  })
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
        <SlaBadge
          breachAt={task.sla_due_at}
          doneAt={task.done_at}
          pausedSince={task.sla_paused_since}
        />
      </p>
      <p>
        <BackOfficeLink url={task.fields.url} />
      </p>
      {fields.length > 0 ? (
        <dl className="fields" aria-label="Fields">
          {fields.map((field) => (
            <div key={field.key} className="field-pair">
              <dt title={field.definition ? field.key : undefined}>{field.label}</dt>
              <dd>
                <FieldValue definition={field.definition} value={field.value} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  )
}
