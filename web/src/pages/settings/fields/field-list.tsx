import { Link } from 'react-router-dom'
import type { FieldDefinition } from '../../../api'
import { TableHead } from '../../../ui/table-head'
import type { movePositions } from '../queues/queue-order'
import { FIELDS_PATH } from '../settings-paths'
import { ReorderRowActions } from '../shared/reorder-row-actions'
import { FIELD_TYPE_LABELS, hasOptions } from './field-types'

export interface FieldListProps {
  fields: readonly FieldDefinition[]
  busy: boolean
  onMove: (changes: ReturnType<typeof movePositions>) => void
  onDelete: (field: FieldDefinition) => void
}

function typeText(field: FieldDefinition): string {
  const label = FIELD_TYPE_LABELS[field.type]
  if (field.type === 'money' && field.currency) {
    return `${label} (${field.currency})`
  }
  if (hasOptions(field.type)) {
    const count = field.options?.length ?? 0
    return `${label} (${count} option${count === 1 ? '' : 's'})`
  }
  return label
}

/** The definitions in the order every page shows fields in; Up and Down change it. */
export function FieldList({ fields, busy, onMove, onDelete }: FieldListProps) {
  return (
    <div className="table-scroll">
      <table className="st-table">
        <TableHead
          caption="Field definitions in display order"
          columns={['#', 'Field', 'Type', 'Backlog', 'Before Complete']}
          actions
        />
        <tbody>
          {fields.map((field, index) => (
            <tr key={field.uid}>
              <td>{index + 1}</td>
              <th scope="row">
                <Link to={`${FIELDS_PATH}/${field.uid}`}>{field.label}</Link>
                <span className="st-sub">
                  <code>{field.key}</code>
                  {field.help_text ? ` · ${field.help_text}` : null}
                </span>
              </th>
              <td>{typeText(field)}</td>
              <td>{field.shown_in_backlog ? 'Shown' : '—'}</td>
              <td>{field.required_for_completion ? 'Required' : '—'}</td>
              <td>
                <ReorderRowActions
                  items={fields}
                  index={index}
                  name={field.label}
                  busy={busy}
                  editTo={`${FIELDS_PATH}/${field.uid}`}
                  deleteQuestion={`Delete the field "${field.label}"? Tasks keep their values under ${field.key}, shown raw.`}
                  onMove={onMove}
                  onDelete={() => onDelete(field)}
                  className="st-row-actions st-actions-nowrap"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
